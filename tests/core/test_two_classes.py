"""Two classes (core/two_classes.py): a sigmoid output under cross-entropy and under squared error."""

import dataclasses
import math

import numpy as np
import pytest

from core.losses import binary_cross_entropy_with_logits
from core.two_classes import BinaryLossCurves, binary_loss_curves

GRID = np.round(np.arange(-8.0, 8.0001, 0.1), 1)  # the page's slider steps


@pytest.mark.parametrize("p", [0.0, 0.3, 1.0])
def test_binary_curves_and_their_gradients(p):
    z = np.linspace(-6, 6, 25)
    h = 1e-6
    curves, up, down = binary_loss_curves(p, z), binary_loss_curves(p, z + h), binary_loss_curves(p, z - h)
    np.testing.assert_allclose(
        curves.cross_entropy_gradient, (up.cross_entropy - down.cross_entropy) / (2 * h), atol=1e-7
    )
    np.testing.assert_allclose(
        curves.squared_error_gradient, (up.squared_error - down.squared_error) / (2 * h), atol=1e-7
    )
    q = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(curves.q, q, rtol=1e-15)
    np.testing.assert_allclose(curves.cross_entropy, -(p * np.log(q) + (1 - p) * np.log1p(-q)), rtol=1e-9)
    np.testing.assert_allclose(curves.squared_error, (q - p) ** 2, rtol=1e-12, atol=1e-300)
    assert curves.p == p and curves.z.tolist() == z.tolist()


def test_cross_entropy_is_pytorchs_binary_cross_entropy_with_logits():
    for p in (0.0, 0.25, 1.0):
        curves = binary_loss_curves(p, GRID)
        expected = binary_cross_entropy_with_logits(GRID, np.full(GRID.shape, p), reduction="none")
        np.testing.assert_allclose(curves.cross_entropy, expected, rtol=1e-12, atol=1e-15)


def test_squared_error_stalls_where_cross_entropy_does_not():
    confidently_wrong = binary_loss_curves(1.0, [-8.0])
    assert abs(confidently_wrong.squared_error_gradient[0]) < 1e-3
    assert abs(confidently_wrong.cross_entropy_gradient[0]) > 0.99


def test_large_logits_give_exact_losses():
    curves = binary_loss_curves(1.0, [-700.0, -40.0, 40.0, 700.0])
    assert curves.cross_entropy[0] == 700.0 and curves.cross_entropy[1] == pytest.approx(40.0, rel=1e-15)
    assert curves.cross_entropy[2] == pytest.approx(math.exp(-40.0), rel=1e-12)
    assert curves.cross_entropy[3] == pytest.approx(math.exp(-700.0), rel=1e-12)  # tiny, not rounded to 0
    assert np.isfinite(curves.cross_entropy).all()


def test_at_finds_the_nearest_grid_point():
    curves = binary_loss_curves(1.0, GRID)
    assert curves.at(-8.0) == 0 and curves.at(8.0) == GRID.size - 1
    assert GRID[curves.at(-4.0)] == -4.0 and GRID[curves.at(0.04)] == 0.0 and GRID[curves.at(0.06)] == 0.1
    assert curves.at(100.0) == GRID.size - 1  # beyond the grid: its end


def test_the_curves_are_a_frozen_record():
    curves = binary_loss_curves(0.5, [0.0])
    assert isinstance(curves, BinaryLossCurves)
    assert curves.cross_entropy[0] == pytest.approx(math.log(2), rel=1e-15) and curves.squared_error[0] == 0.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        curves.p = 1.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("p", "z", "message"),
    [
        (1.5, [0.0], "p has an entry above 1"),
        (-0.1, [0.0], "p has a negative entry"),
        (0.5, [math.inf], "z must be finite"),
    ],
)
def test_bad_input_names_the_argument(p, z, message):
    with pytest.raises(ValueError, match=message):
        binary_loss_curves(p, z)

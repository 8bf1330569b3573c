"""Figures for training (core/figures/training.py): gradients, descent paths, the binary case, learning curves."""

import math

import numpy as np
import pytest

from core.descent import Descent, gradient_descent
from core.figures.colors import ROLES
from core.figures.maps import simplex_point
from core.figures.training import (
    binary_gradients,
    binary_losses,
    descent_on_simplex,
    flower_prediction,
    gradient_bars,
    learning_curves,
    loss_per_step,
    true_class_probability,
)
from core.two_classes import binary_loss_curves
from core.units import BITS, HARTLEYS, NATS
from tests.core.figures.builders import LOGITS as GRID
from tests.core.figures.builders import RUN


def _trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def _descent(loss, floor) -> Descent:
    """A run written by hand, so the figure's numbers can be checked against known ones."""
    steps = len(loss)
    q = np.full((steps, 3), 1 / 3)
    return Descent(logits=np.zeros((steps, 3)), q=q, loss=np.asarray(loss), floor=floor, target=np.array([0.5, 0.5, 0]))


def test_gradient_bars_point_the_way():
    bars = gradient_bars([0.2, 0.5, 0.3], [1.0, 0.0, 0.0]).data[0]
    np.testing.assert_allclose(bars.y, [-0.8, 0.5, 0.3])
    assert list(bars.text) == ["\N{MINUS SIGN}0.800", "+0.500", "+0.300"]  # the minus of the ticks
    assert bars.marker.color == ROLES["gradient"] and list(bars.x) == [1, 2, 3]


def test_loss_per_step_in_the_unit_with_its_floor():
    fig = loss_per_step(_descent([math.log(3), 0.5], 0.25), BITS)
    np.testing.assert_allclose(fig.data[0].y, [math.log2(3), 0.5 / math.log(2)])
    assert fig.data[1].y[0] == pytest.approx(0.25 / math.log(2))
    assert fig.data[1].name == f"floor H(p) = {0.25 / math.log(2):.4f} bits"
    assert fig.layout.yaxis.title.text == "loss [bits]"
    nats = loss_per_step(_descent([math.log(3), 0.5], 0.25))  # nats, as PyTorch reports, unless told
    np.testing.assert_allclose(nats.data[0].y, [math.log(3), 0.5])
    assert nats.layout.yaxis.range == (0.0, pytest.approx(4 * math.log(2)))


def test_loss_per_step_makes_room_for_a_high_start():
    fig = loss_per_step(_descent([10.0, 1.0, 0.5], 0.0), NATS)
    assert fig.layout.yaxis.range[1] == pytest.approx(10.5) and fig.layout.xaxis.range == (0, 10)


def test_loss_per_step_marks_the_step_and_keeps_the_fall_in_view():
    run = gradient_descent([-1.0, 2.0, 0.5], [1.0, 0.0, 0.0], learning_rate=1.0, steps=200)
    fig = loss_per_step(run, BITS, step=7)
    marker = _trace(fig, "loss at the step")
    assert (marker.x[0], marker.y[0]) == (7, pytest.approx(run.loss[7] / math.log(2)))
    gap = run.loss - run.loss[-1]
    settled = int(np.argmax(gap <= 0.01 * gap[0]))
    assert gap[settled - 1] > 0.01 * gap[0] and fig.layout.xaxis.range == (0, settled)  # the fall, then the floor
    assert loss_per_step(run, BITS, step=150).layout.xaxis.range == (0, 150)  # the step is always in view
    assert _trace(loss_per_step(run), "loss at the step").x[0] == 200  # the last step unless told
    for bad in (-1, 201, 1.5):
        with pytest.raises(ValueError, match="step must be a whole number in \\[0, 200\\]"):
            loss_per_step(run, step=bad)


def test_descent_slider_moves_only_the_marker():
    fig = descent_on_simplex(RUN, NATS, step=60)
    (slider,) = fig.layout.sliders
    assert [step.label for step in slider.steps] == [str(i) for i in range(201)] and slider.active == 60
    marker = [t.name for t in fig.data].index("q at the step")
    for i in (0, 60, 200):
        update, traces = slider.steps[i].args
        assert list(traces) == [marker] and set(update) == {"x", "y"}
        assert (update["x"][0][0], update["y"][0][0]) == pytest.approx(simplex_point(RUN.q[i]), abs=1e-4)
    assert (fig.data[marker].x[0], fig.data[marker].y[0]) == pytest.approx(simplex_point(RUN.q[60]), abs=1e-4)
    path = _trace(fig, "path of q")
    assert len(path.x) == RUN.q.shape[0]  # the path itself keeps every step
    assert (path.x[0], path.y[0]) == pytest.approx(simplex_point(RUN.q[0]))
    assert not fig.frames and not fig.layout.updatemenus  # nothing animates the map
    assert descent_on_simplex(RUN).layout.sliders[0].active == 200
    with pytest.raises(ValueError, match="step must be a whole number in \\[0, 200\\]"):
        descent_on_simplex(RUN, step=201)


def test_descent_is_drawn_over_the_map_of_its_own_target():
    run = gradient_descent([0.0, 0.0, 0.0], [0.2, 0.3, 0.5], learning_rate=1.0, steps=50)
    fig = descent_on_simplex(run, BITS)
    assert (_trace(fig, "p: the minimum").x[0], _trace(fig, "p: the minimum").y[0]) == pytest.approx(
        simplex_point(run.target)
    )
    start = _trace(fig, "q at step 0")
    assert (start.x[0], start.y[0]) == pytest.approx(simplex_point([1 / 3] * 3))
    floor_bits = run.floor / math.log(2)
    assert f"H(p, p) = H(p) = {floor_bits:.4f} bits" in _trace(fig, "p: the minimum").hovertemplate
    assert f"H(p, q) = {run.loss[0] / math.log(2):.4f} bits" in start.hovertemplate


def test_binary_figures_mark_the_current_logit():
    curves = binary_loss_curves(1.0, GRID)
    losses = binary_losses(curves, -4.0, NATS)
    assert losses.data[2].x[0] == -4.0 and losses.data[2].y[0] == pytest.approx(math.log1p(math.exp(4.0)))
    assert losses.data[1].yaxis == "y2" and losses.layout.yaxis2.overlaying == "y"
    assert losses.data[3].y[0] == pytest.approx((1 / (1 + math.exp(4.0)) - 1) ** 2)
    gradients = binary_gradients(curves, -4.0)
    assert gradients.data[2].y[0] == pytest.approx(1 / (1 + math.exp(4.0)) - 1)
    q = 1 / (1 + math.exp(4.0))
    assert gradients.data[3].y[0] == pytest.approx(2 * (q - 1) * q * (1 - q))
    assert gradients.data[0].line.color == ROLES["gradient"] and gradients.data[1].line.color == ROLES["reference"]
    assert gradients.layout.yaxis.title.text == "gradient ∂loss/∂z (cross-entropy in nats)"  # q − p is in nats


def test_binary_losses_follow_the_unit():
    curves = binary_loss_curves(0.0, GRID)
    bits = binary_losses(curves, 2.0, BITS)
    np.testing.assert_allclose(bits.data[0].y, curves.cross_entropy / math.log(2), rtol=1e-12)
    assert bits.data[0].name == "cross-entropy [bits]"
    assert bits.layout.yaxis.range[1] == pytest.approx(8.1 / math.log(2))
    np.testing.assert_allclose(bits.data[1].y, curves.squared_error, rtol=1e-12)  # squared error has no unit
    assert bits.layout.xaxis.range == (-8.0, 8.0)


def test_learning_curves_and_true_class_probability():
    fig = learning_curves([math.log(3), 0.2], [math.log(3), 0.3], BITS)
    assert fig.data[0].y[0] == pytest.approx(math.log2(3)) and fig.data[1].y[1] == pytest.approx(0.3 / math.log(2))
    assert [t.line.dash for t in fig.data] == ["solid", "dash"]
    assert fig.layout.yaxis.range[1] == pytest.approx(1.7)  # above log 3 ≈ 1.585 bits, where training starts
    assert learning_curves([1.0, 0.5], [1.0, 0.6], HARTLEYS).data[0].y[0] == pytest.approx(1 / math.log(10))
    q = np.zeros((3, 2, 3))
    q[:, 0, 1] = [0.3, 0.6, 0.9]
    fig = true_class_probability(q, [1, 2], ["first", "second"])
    assert list(fig.data[0].y) == [0.3, 0.6, 0.9] and list(fig.data[1].y) == [0.0, 0.0, 0.0]
    assert [t.name for t in fig.data] == ["first", "second"]
    assert {t.line.color for t in fig.data} == {ROLES["estimate"]}


def test_flower_prediction_names_the_species_on_its_bars():
    species = ["setosa", "versicolor", "virginica"]
    fig = flower_prediction([0.0, 0.0, 1.0], [0.1, 0.3, 0.6], species, "test flower 21: virginica")
    assert [list(t.x) for t in fig.data] == [species, species]  # each bar named, no numbers to look up
    assert [list(t.y) for t in fig.data] == [[0.0, 0.0, 1.0], [0.1, 0.3, 0.6]]
    assert [t.name for t in fig.data] == ["label p", "prediction q"]
    assert [t.marker.color for t in fig.data] == [ROLES["truth"], ROLES["estimate"]]
    assert fig.layout.title.text == "test flower 21: virginica" and fig.layout.xaxis.title.text == "species"


def test_descent_legend_tells_its_marks_apart_on_any_background():
    fig = descent_on_simplex(RUN, NATS, step=60)
    start, now, path = (_trace(fig, name) for name in ("q at step 0", "q at the step", "path of q"))
    assert start.marker.symbol == "circle-open" and start.marker.color == ROLES["estimate"]
    assert now.marker.color == ROLES["current"] and start.marker.to_plotly_json() != now.marker.to_plotly_json()
    assert path.line.color == ROLES["estimate"]  # not white, which a light page's legend would hide

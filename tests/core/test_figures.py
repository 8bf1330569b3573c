"""The figure builders: the right traces, the marker in the right place, ∞ drawn, fixed axes."""

import json
import math

import numpy as np
import plotly.graph_objects as go
import pytest

from core import binary_cross_entropy, binary_entropy
from core.figures import PALETTE, cross_entropy_curve, probability_grid


def _trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def test_curve_traces_and_values():
    fig = cross_entropy_curve(0.3, 0.65, "bits")
    assert isinstance(fig, go.Figure)
    curve = _trace(fig, "Cross-entropy H(p, q)")
    finite = [(x, y) for x, y in zip(curve.x, curve.y, strict=True) if y is not None]
    xs, ys = np.array(finite).T
    np.testing.assert_allclose(ys, binary_cross_entropy(0.3, xs), rtol=1e-15)
    floor = _trace(fig, "Entropy H(p)")
    assert list(floor.y) == [pytest.approx(float(binary_entropy(0.3)))] * 2
    assert min(ys) >= floor.y[0] - 1e-12  # the floor is the curve's minimum
    minimum = _trace(fig, "Minimum at q = p")
    assert (minimum.x[0], minimum.y[0]) == (0.3, pytest.approx(floor.y[0]))
    marker = _trace(fig, "Your prediction q")
    assert (marker.x[0], marker.y[0]) == (0.65, pytest.approx(1.246647734004712))
    gap = _trace(fig, "KL divergence D(p‖q)")
    assert gap.fill == "tonexty" and fig.data.index(gap) == fig.data.index(floor) + 1
    labels = [a.text for a in fig.layout.annotations]
    assert "D(p‖q) = 0.3654 bits" in labels


def test_infinite_cross_entropy_is_drawn_at_the_top_with_a_label():
    fig = cross_entropy_curve(0.3, 0.0, "bits")
    marker = _trace(fig, "Your prediction q")
    assert marker.y[0] == fig.layout.yaxis.range[1]
    assert marker.marker.symbol == "triangle-up"
    texts = [a.text for a in fig.layout.annotations]
    assert "H(p, q) = ∞" in texts and "D(p‖q) = ∞" in texts
    payload = json.loads(fig.to_json())
    assert "NaN" not in fig.to_json() and "Infinity" not in fig.to_json()
    curve = next(t for t in payload["data"] if t["name"] == "Cross-entropy H(p, q)")
    assert curve["y"][0] is None  # q = 0 leaves a gap: ∞ is off any finite axis


def test_certain_truth_and_certain_prediction_cost_nothing():
    fig = cross_entropy_curve(1.0, 1.0, "nats")
    marker = _trace(fig, "Your prediction q")
    assert marker.y[0] == 0.0 and marker.marker.symbol == "circle"


@pytest.mark.parametrize("unit", ["bits", "nats", "hartleys"])
def test_axes_are_fixed_and_scaled_to_the_unit(unit):
    ranges = {tuple(cross_entropy_curve(p, q, unit).layout.yaxis.range) for p, q in [(0.1, 0.9), (0.5, 0.5)]}
    assert len(ranges) == 1
    (y_range,) = ranges
    assert y_range[1] == pytest.approx(5 * math.log(2) / math.log({"bits": 2, "nats": math.e, "hartleys": 10}[unit]))
    fig = cross_entropy_curve(0.5, 0.5, unit)
    assert fig.layout.xaxis.range == (-0.02, 1.02)
    assert fig.layout.yaxis.title.text == f"cross-entropy H(p, q) [{unit}]"
    assert fig.layout.uirevision == "fixed"


def test_palette_is_used_and_chart_is_small():
    fig = cross_entropy_curve(0.3, 0.65)
    assert _trace(fig, "Cross-entropy H(p, q)").line.color == PALETTE["blue"]
    assert len(fig.to_json()) < 60_000


def test_grid_reaches_toward_both_ends():
    grid = probability_grid()
    assert grid[0] == 0.0 and grid[-1] == 1.0 and grid[1] <= 1e-6 and 1 - grid[-2] <= 1e-6
    assert len(grid) < 400

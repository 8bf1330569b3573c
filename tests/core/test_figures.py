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
    assert marker.text[0] == "q = 0.65<br>H(p, q) = 1.2466 bits<br>D(p‖q) = 0.3654 bits"
    gap = _trace(fig, "KL divergence D(p‖q)")
    assert gap.fill == "tonexty" and fig.data.index(gap) == fig.data.index(floor) + 1
    bracket = _trace(fig, "gap D(p‖q) at q")
    assert list(bracket.x) == [0.65, 0.65] and list(bracket.y) == [floor.y[0], marker.y[0]]


def test_infinite_cross_entropy_is_drawn_at_the_top_with_a_label():
    fig = cross_entropy_curve(0.3, 0.0, "bits")
    marker = _trace(fig, "Your prediction q")
    assert marker.y[0] == fig.layout.yaxis.range[1]
    assert marker.marker.symbol == "triangle-up"
    assert marker.text[0] == "q = 0.00<br>H(p, q) = ∞<br>D(p‖q) = ∞"
    assert _trace(fig, "gap D(p‖q) at q").y[1] == fig.layout.yaxis.range[1]
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


@pytest.mark.parametrize(("p", "q"), [(0.3, 0.65), (0.3, 0.0), (1.0, 1.0), (0.5, 0.333)])
def test_the_in_figure_scrubber_restyles_the_point_and_bracket_for_every_q(p, q):
    fig = cross_entropy_curve(p, q, "bits")
    (slider,) = fig.layout.sliders
    assert len(slider.steps) == 101 and slider.active == round(q * 100)
    names = [fig.data[i].name for i in slider.steps[0].args[1]]
    assert names == ["Your prediction q", "gap D(p‖q) at q"]
    for step in slider.steps:
        q_step = float(step.label)
        update = step.args[0]
        value = float(binary_cross_entropy(p, q_step))
        assert step.method == "restyle" and update["x"][0] == [q_step]
        if math.isfinite(value):
            assert update["y"][0][0] == pytest.approx(value, abs=1e-9) and update["marker.symbol"][0] == "circle"
        else:
            assert update["y"][0] == [fig.layout.yaxis.range[1]] and update["marker.symbol"][0] == "triangle-up"
        assert update["y"][1] == [pytest.approx(float(binary_entropy(p))), update["y"][0][0]]
    # the step the figure opens at shows exactly what the server drew
    if q * 100 == round(q * 100):
        opening = slider.steps[slider.active].args[0]
        assert opening["text"][0] == list(_trace(fig, "Your prediction q").text)


def test_surprisal_scrubber():
    fig = surprisal_curve(0.25, "nats")
    (slider,) = fig.layout.sliders
    assert slider.active == 25 and slider.steps[50].args[0]["text"][0] == ["y = 0.50<br>log(1/y) = 0.6931 nats"]
    assert slider.steps[0].args[0]["marker.symbol"] == ["triangle-up"]


def test_grid_reaches_toward_both_ends():
    grid = probability_grid()
    assert grid[0] == 0.0 and grid[-1] == 1.0 and grid[1] <= 1e-6 and 1 - grid[-2] <= 1e-6
    assert len(grid) < 400


# --- The journey's figures: surprisal, entropy, cross-entropy over n outcomes, maps -------------

from core import contributions, cross_entropy, entropy  # noqa: E402
from core.figures import (  # noqa: E402
    binary_cross_entropy_map,
    binary_entropy_curve,
    cross_entropy_contributions,
    decomposition_bar,
    distribution_bars,
    entropy_contributions,
    simplex_cross_entropy_map,
    simplex_point,
    surprisal_curve,
)

ALL_BUILDERS = [
    lambda: cross_entropy_curve(0.3, 0.65, "nats"),
    lambda: surprisal_curve(0.0, "hartleys"),
    lambda: binary_entropy_curve(0.2),
    lambda: distribution_bars([0.5, 0.5], [1.0, 0.0]),
    lambda: entropy_contributions([1 / 8] * 8),
    lambda: cross_entropy_contributions([0.5, 0.5], [1.0, 0.0], "nats"),
    lambda: decomposition_bar([0.5, 0.5], [1.0, 0.0]),
    lambda: binary_cross_entropy_map(0.3, 0.0),
    lambda: simplex_cross_entropy_map([0.2, 0.3, 0.5], [0.0, 0.5, 0.5]),
]


@pytest.mark.parametrize("build", ALL_BUILDERS)
def test_every_chart_is_valid_small_finite_json(build):
    fig = build()
    go.Figure(fig.to_dict())  # Plotly's full validation, which the builders skip at run time
    text = fig.to_json()
    assert len(text) < 60_000
    assert "NaN" not in text and "Infinity" not in text


def test_surprisal_curve_marks_familiar_events_and_the_current_y():
    fig = surprisal_curve(0.25, "bits")
    events = _trace(fig, "Familiar events")
    assert list(events.x) == [0.5, 1 / 6, 1e-3]
    np.testing.assert_allclose(events.y, [1.0, math.log2(6), math.log2(1000)], rtol=1e-15)
    marker = _trace(fig, "Your probability y")
    assert (marker.x[0], marker.y[0]) == (0.25, 2.0)
    texts = [a.text for a in fig.layout.annotations]
    assert "a fair die shows a six: 2.585 bits" in texts


def test_surprisal_of_zero_is_drawn_as_infinity():
    fig = surprisal_curve(0.0, "nats")
    marker = _trace(fig, "Your probability y")
    assert marker.y[0] == fig.layout.yaxis.range[1] and marker.marker.symbol == "triangle-up"
    assert marker.text[0] == "y = 0.00<br>log(1/y) = ∞"


def test_binary_entropy_curve_peaks_at_one_bit():
    fig = binary_entropy_curve(0.5)
    curve = _trace(fig, "Binary entropy H(p)")
    assert max(curve.y) == 1.0 and _trace(fig, "Your p").y[0] == 1.0


def test_entropy_contributions_add_up_to_the_entropy_line():
    p = np.array([0.5, 0.25, 0.125, 0.125, 0.0])
    fig = entropy_contributions(p, "bits")
    shares = fig.data[1]
    np.testing.assert_allclose(sum(shares.y), entropy(p), rtol=1e-15)
    assert fig.data[2].y[0] == pytest.approx(1.75) and fig.data[3].y[0] == pytest.approx(math.log2(5))
    surprise = fig.data[0]
    assert surprise.text[-1] == "∞" and surprise.y[-1] == fig.layout.yaxis.range[1]
    assert list(surprise.customdata[:2]) == ["1.000 bits", "2.000 bits"]
    assert fig.layout.xaxis.range == (0.5, 5.5)


def test_cross_entropy_contributions_show_where_the_cost_comes_from():
    p, q = [0.5, 0.3, 0.2], [0.2, 0.5, 0.3]
    fig = cross_entropy_contributions(p, q, "bits")
    np.testing.assert_allclose(fig.data[0].y, contributions(p, p), rtol=1e-15)
    np.testing.assert_allclose(fig.data[1].y, contributions(p, q), rtol=1e-15)
    assert sum(fig.data[1].y) == pytest.approx(cross_entropy(p, q))


def test_a_share_above_the_axis_stops_at_the_top_and_says_its_value():
    fig = cross_entropy_contributions([1.0, 0.0], [0.01, 0.99], "bits")
    top = fig.layout.yaxis.range[1]
    assert fig.data[1].y[0] == top and fig.data[1].text[0] == f"{math.log2(100):.3f}"


def test_decomposition_bar_stacks_entropy_and_divergence():
    fig = decomposition_bar([0.5, 0.5], [0.9, 0.1], "bits")
    assert fig.data[0].x[0] == 1.0 and fig.data[1].x[0] == pytest.approx(0.7369655941662062)
    assert fig.layout.xaxis.title.text == "H(p, q) = H(p) + D(p‖q) = 1.7370 bits"
    infinite = decomposition_bar([0.5, 0.5], [1.0, 0.0])
    assert infinite.data[1].name == "KL divergence D(p‖q) = ∞"
    assert infinite.data[0].x[0] + infinite.data[1].x[0] == infinite.layout.xaxis.range[1]


def test_distribution_bars():
    fig = distribution_bars([0.25, 0.75])
    assert len(fig.data) == 1 and list(fig.data[0].text) == ["0.250", "0.750"]
    assert fig.layout.showlegend is False


def test_binary_map_has_its_minimum_on_the_diagonal_and_infinity_as_gaps():
    fig = binary_cross_entropy_map(0.3, 0.65, "bits")
    heat = fig.data[0]
    z = np.asarray(heat.z, dtype=float)
    steps = np.asarray(heat.x)
    assert z.shape == (steps.size, steps.size)
    inner = z[1:-1, 1:-1]
    assert (np.nanargmin(inner, axis=1) == np.arange(inner.shape[0])).all()  # each row's minimum: q = p
    assert np.isnan(z[25, 0]) and np.isnan(z[25, -1])  # p = 0.5, q = 0 or 1: ∞
    assert z[0, 0] == 0.0  # p = 0 and q = 0: certain, and right
    assert fig.layout.plot_bgcolor == "#fde725"  # ∞ shows the top colour
    assert (fig.data[2].x[0], fig.data[2].y[0]) == (0.65, 0.3)
    assert len(binary_cross_entropy_map().data) == 2  # no marker without p and q


def test_simplex_map_is_darkest_at_p_and_marks_q():
    p = np.array([0.2, 0.3, 0.5])
    fig = simplex_cross_entropy_map(p, [1 / 3, 1 / 3, 1 / 3], "bits")
    heat = fig.data[0]
    z = np.asarray(heat.z, dtype=float)
    row, col = np.unravel_index(np.nanargmin(z), z.shape)
    best = (heat.x[col], heat.y[row])
    assert math.dist(best, simplex_point(p)) < 0.03
    assert np.nanmin(z) >= entropy(p) - 1e-6
    assert np.isnan(z[-1, 0]) and np.isnan(z[-1, -1])  # top corners of the box lie outside the triangle
    assert (fig.data[3].x[0], fig.data[3].y[0]) == pytest.approx(simplex_point([1 / 3] * 3))
    assert (fig.data[2].x[0], fig.data[2].y[0]) == pytest.approx(simplex_point(p))


def test_simplex_point_corners():
    assert simplex_point([0.0, 0.0, 1.0]) == pytest.approx((0.5, math.sqrt(3) / 2))
    assert simplex_point([1 / 3] * 3) == pytest.approx((0.5, math.sqrt(3) / 6))


def test_map_values_follow_the_unit():
    bits = np.asarray(binary_cross_entropy_map(unit="bits").data[0].z, dtype=float)
    nats = np.asarray(binary_cross_entropy_map(unit="nats").data[0].z, dtype=float)
    np.testing.assert_allclose(nats, bits * math.log(2), rtol=1e-6)  # float32 on the wire
    again = np.asarray(binary_cross_entropy_map(unit="bits").data[0].z, dtype=float)
    np.testing.assert_array_equal(again, bits)


# --- Training figures ------------------------------------------------------------------------------

from core.figures import (  # noqa: E402
    binary_gradients,
    binary_losses,
    descent_on_simplex,
    gradient_bars,
    learning_curves,
    loss_per_step,
    true_class_probability,
)
from core.training import binary_loss_curves, gradient_descent  # noqa: E402

GRID = np.round(np.arange(-8.0, 8.0001, 0.1), 1)
RUN = gradient_descent([-1.0, 2.0, 0.5], [1.0, 0.0, 0.0], learning_rate=1.0, steps=200)
TRAINING_BUILDERS = [
    lambda: gradient_bars([0.2, 0.5, 0.3], [1.0, 0.0, 0.0]),
    lambda: loss_per_step(RUN.loss, RUN.floor, "bits"),
    lambda: descent_on_simplex([1.0, 0.0, 0.0], RUN.q, "nats"),
    lambda: binary_losses(1.0, -4.0, binary_loss_curves(1.0, GRID), GRID, "bits"),
    lambda: binary_gradients(1.0, -4.0, binary_loss_curves(1.0, GRID), GRID),
    lambda: learning_curves(np.linspace(1.1, 0.1, 501), np.linspace(1.1, 0.2, 501), "hartleys"),
    lambda: true_class_probability(np.full((501, 3, 3), 1 / 3), [0, 1, 2], ["a", "b", "c"]),
]


@pytest.mark.parametrize("build", TRAINING_BUILDERS)
def test_training_charts_are_valid_small_finite_json(build):
    test_every_chart_is_valid_small_finite_json(build)


@pytest.mark.parametrize("build", ALL_BUILDERS + TRAINING_BUILDERS)
def test_figures_send_what_plotly_would_send_and_stay_as_built(build):
    """The builders' figures skip Plotly's deep copy in ``to_dict``: the result must not differ."""
    import plotly.io as pio

    fig = build()
    before = pio.to_json(go.Figure.to_dict(fig), validate=False)
    assert pio.to_json(fig.to_dict(), validate=False) == before
    assert pio.to_json(fig.to_dict(), validate=False) == before  # unchanged by being sent
    assert pio.to_json(go.Figure.to_dict(fig), validate=False) == before


def test_gradient_bars_point_the_way():
    bars = gradient_bars([0.2, 0.5, 0.3], [1.0, 0.0, 0.0]).data[0]
    np.testing.assert_allclose(bars.y, [-0.8, 0.5, 0.3])
    assert list(bars.text) == ["-0.800", "+0.500", "+0.300"]


def test_loss_per_step_in_the_unit_with_its_floor():
    fig = loss_per_step([math.log(3), 0.5], 0.25, "bits")
    np.testing.assert_allclose(fig.data[0].y, [math.log2(3), 0.5 / math.log(2)])
    assert fig.data[1].y[0] == pytest.approx(0.25 / math.log(2))


def test_descent_animation_moves_only_the_marker():
    fig = descent_on_simplex([1.0, 0.0, 0.0], RUN.q, "nats")
    assert len(fig.frames) == 31  # 201 steps, shown at 31 evenly spaced ones
    assert [frame.name for frame in fig.frames][:3] == ["0", "7", "13"] and fig.frames[-1].name == "200"
    marker = len(fig.data) - 1
    assert all(frame.traces == (marker,) and len(frame.data) == 1 for frame in fig.frames)
    last = fig.frames[-1].data[0]
    assert (last.x[0], last.y[0]) == pytest.approx(simplex_point(RUN.q[-1]), abs=1e-4)
    path = fig.data[-2]
    assert len(path.x) == RUN.q.shape[0]  # the path itself keeps every step
    assert fig.layout.updatemenus[0].buttons[0].label == "▶ play"
    assert [step.label for step in fig.layout.sliders[0].steps] == [frame.name for frame in fig.frames]
    short = descent_on_simplex([1.0, 0.0, 0.0], RUN.q[:11], "nats")
    assert [frame.name for frame in short.frames] == [str(i) for i in range(11)]


def test_binary_figures_mark_the_current_logit():
    curves = binary_loss_curves(1.0, GRID)
    losses = binary_losses(1.0, -4.0, curves, GRID, "nats")
    assert losses.data[2].x[0] == -4.0 and losses.data[2].y[0] == pytest.approx(math.log1p(math.exp(4.0)))
    assert losses.data[1].yaxis == "y2" and losses.layout.yaxis2.overlaying == "y"
    gradients = binary_gradients(1.0, -4.0, curves, GRID)
    assert gradients.data[2].y[0] == pytest.approx(1 / (1 + math.exp(4.0)) - 1)


def test_learning_curves_and_true_class_probability():
    fig = learning_curves([math.log(3), 0.2], [math.log(3), 0.3], "bits")
    assert fig.data[0].y[0] == pytest.approx(math.log2(3))
    q = np.zeros((3, 2, 3))
    q[:, 0, 1] = [0.3, 0.6, 0.9]
    fig = true_class_probability(q, [1, 2], ["first", "second"])
    assert list(fig.data[0].y) == [0.3, 0.6, 0.9] and list(fig.data[1].y) == [0.0, 0.0, 0.0]

"""Curves of one variable (core/figures/curves.py): the headline cross-entropy curve, surprisal, binary entropy,
and averages over draws."""

import math

import numpy as np
import pytest

from core.comparison import compare_binary
from core.figures._common import SCRUB_POSITIONS
from core.figures.colors import GAP_FILL, ROLES, SURPRISAL
from core.figures.curves import (
    GAP_BAND,
    LOCUS,
    binary_entropy_curve,
    cross_entropy_curve,
    probability_grid,
    running_means_curve,
    surprisal_curve,
)
from core.measures import binary_cross_entropy, binary_entropy, kl_divergence, surprisal
from core.sampling import MAX_DRAWS, running_means
from core.units import BITS, HARTLEYS, NATS, UNITS


def _trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def test_curve_traces_and_values():
    fig = cross_entropy_curve(compare_binary(0.3, 0.65, BITS))
    assert [t.name for t in fig.data] == [
        LOCUS,
        "Entropy H(p)",
        GAP_BAND,
        "Cross-entropy H(p, q)",
        "Minimum at q = p",
        "Your prediction q",
        "gap D(p‖q) at q",
    ]
    curve = _trace(fig, "Cross-entropy H(p, q)")
    finite = [(x, y) for x, y in zip(curve.x, curve.y, strict=True) if not math.isnan(y)]
    xs, ys = np.array(finite).T
    np.testing.assert_allclose(ys, binary_cross_entropy(0.3, xs), rtol=1e-15)
    floor = _trace(fig, "Entropy H(p)")
    assert list(floor.y) == [pytest.approx(float(binary_entropy(0.3)), rel=1e-15)] * 2
    assert min(ys) >= floor.y[0] - 1e-12  # the floor is the curve's minimum
    minimum = _trace(fig, "Minimum at q = p")
    assert (minimum.x[0], minimum.y[0]) == (0.3, pytest.approx(floor.y[0]))
    marker = _trace(fig, "Your prediction q")
    assert (marker.x[0], marker.y[0]) == (0.65, pytest.approx(1.246647734004712))
    assert marker.text[0] == "q = 0.65<br>H(p, q) = 1.2466 bits<br>D(p‖q) = 0.3654 bits"
    gap = _trace(fig, GAP_BAND)
    assert gap.fill == "tonexty" and fig.data.index(gap) == fig.data.index(floor) + 1
    top = fig.layout.yaxis.range[1]
    np.testing.assert_allclose(gap.y, np.minimum(binary_cross_entropy(0.3, gap.x), top), rtol=1e-15)
    bracket = _trace(fig, "gap D(p‖q) at q")
    assert list(bracket.x) == [0.65, 0.65] and list(bracket.y) == [pytest.approx(floor.y[0], abs=1e-9), marker.y[0]]


def test_curve_colours_follow_the_roles():
    fig = cross_entropy_curve(compare_binary(0.3, 0.65))
    assert _trace(fig, "Cross-entropy H(p, q)").line.color == ROLES["cross_entropy"]
    assert _trace(fig, "Entropy H(p)").line.color == ROLES["entropy"]
    assert _trace(fig, "Minimum at q = p").marker.color == ROLES["entropy"]
    assert _trace(fig, GAP_BAND).fillcolor == GAP_FILL
    assert _trace(fig, "gap D(p‖q) at q").line.color == ROLES["kl_gap"]
    assert _trace(fig, "Your prediction q").marker.color == ROLES["current"]


def test_the_curve_shows_the_comparisons_own_numbers():
    """The floor and the readout are the Comparison's values, not computed again."""
    c = compare_binary(0.3, 0.65)
    doctored = type(c)(**vars(c) | {"entropy": 0.5, "cross_entropy": 2.0, "kl_divergence": 1.5})
    fig = cross_entropy_curve(doctored)
    assert list(_trace(fig, "Entropy H(p)").y) == [0.5, 0.5]
    assert _trace(fig, "Your prediction q").text[0] == "q = 0.65<br>H(p, q) = 2.0000 bits<br>D(p‖q) = 1.5000 bits"


def test_infinite_cross_entropy_is_drawn_at_the_top_with_a_label():
    fig = cross_entropy_curve(compare_binary(0.3, 0.0, BITS))
    marker = _trace(fig, "Your prediction q")
    assert marker.y[0] == fig.layout.yaxis.range[1]
    assert marker.marker.symbol == "triangle-up"
    assert marker.text[0] == "q = 0.00<br>H(p, q) = ∞<br>D(p‖q) = ∞"
    assert _trace(fig, "gap D(p‖q) at q").y[1] == fig.layout.yaxis.range[1]
    curve = _trace(fig, "Cross-entropy H(p, q)")
    assert np.isnan(curve.y[0]) and np.isnan(curve.y[-1])  # q = 0 and q = 1 leave gaps: ∞ is off any finite axis
    assert np.isfinite(curve.y[1:-1]).all()


def test_certain_truth_and_certain_prediction_cost_nothing():
    fig = cross_entropy_curve(compare_binary(1.0, 1.0, NATS))
    marker = _trace(fig, "Your prediction q")
    assert marker.y[0] == 0.0 and marker.marker.symbol == "circle"


@pytest.mark.parametrize("unit", UNITS.values(), ids=str)
def test_axes_are_fixed_and_scaled_to_the_unit(unit):
    ranges = {
        tuple(cross_entropy_curve(compare_binary(p, q, unit)).layout.yaxis.range) for p, q in [(0.1, 0.9), (0.5, 0.5)]
    }
    assert len(ranges) == 1
    (y_range,) = ranges
    assert y_range == (0.0, pytest.approx(5 * math.log(2) / math.log(unit.base)))  # 5 bits in every unit
    fig = cross_entropy_curve(compare_binary(0.5, 0.5, unit), height=400)
    assert fig.layout.xaxis.range == (-0.02, 1.02)
    assert fig.layout.yaxis.title.text == f"cross-entropy H(p, q) [{unit}]"
    assert fig.layout.height == 400
    assert cross_entropy_curve(compare_binary(0.5, 0.5, unit)).layout.height == 520


@pytest.mark.parametrize(("p", "q"), [(0.3, 0.65), (0.3, 0.0), (1.0, 1.0), (0.5, 0.333)])
def test_the_in_figure_scrubber_restyles_the_point_and_bracket_for_every_q(p, q):
    fig = cross_entropy_curve(compare_binary(p, q, BITS))
    (slider,) = fig.layout.sliders
    assert len(slider.steps) == 101 and slider.active == round(q * 100)
    names = [fig.data[i].name for i in slider.steps[0].args[1]]
    assert names == ["Your prediction q", "gap D(p‖q) at q"]
    for step in slider.steps:
        q_step = float(step.label)
        update = step.args[0]
        value = float(binary_cross_entropy(p, q_step))
        gap = float(kl_divergence([p, 1 - p], [q_step, 1 - q_step]))
        assert step.method == "restyle" and update["x"][0] == [q_step]
        if math.isfinite(value):
            assert update["y"][0][0] == pytest.approx(value, abs=1e-9) and update["marker.symbol"][0] == "circle"
            assert f"D(p‖q) = {gap:.4f} bits" in update["text"][0][0]
        else:
            assert update["y"][0] == [fig.layout.yaxis.range[1]] and update["marker.symbol"][0] == "triangle-up"
            assert update["text"][0][0].endswith("H(p, q) = ∞<br>D(p‖q) = ∞")
        assert update["y"][1] == [pytest.approx(float(binary_entropy(p))), update["y"][0][0]]
    # the step the figure opens at shows exactly what the server drew
    if q * 100 == round(q * 100):
        opening = slider.steps[slider.active].args[0]
        assert opening["text"][0] == list(_trace(fig, "Your prediction q").text)


def test_surprisal_scrubber():
    fig = surprisal_curve(0.25, math.log(4), NATS)
    (slider,) = fig.layout.sliders
    assert slider.active == 25 and slider.steps[50].args[0]["text"] == [["y = 0.50<br>log(1/y) = 0.6931 nats"]] * 2
    assert slider.steps[0].args[0]["marker.symbol"][0] == "triangle-up"
    assert [fig.data[i].name for i in slider.steps[0].args[1]] == ["Your probability y", "readout of y"]


def test_grid_reaches_toward_both_ends():
    grid = probability_grid()
    assert grid[0] == 0.0 and grid[-1] == 1.0 and grid[1] <= 1e-6 and 1 - grid[-2] <= 1e-6
    assert (np.diff(grid) > 0).all() and len(grid) < 400


def test_surprisal_curve_marks_familiar_events_and_the_current_y():
    fig = surprisal_curve(0.25, 2.0, BITS)
    events = _trace(fig, "Familiar events")
    assert list(events.x) == [0.5, 1 / 6, 1e-3]
    np.testing.assert_allclose(events.y, [1.0, math.log2(6), math.log2(1000)], rtol=1e-15)
    marker = _trace(fig, "Your probability y")
    assert (marker.x[0], marker.y[0]) == (0.25, 2.0)
    texts = [a.text for a in fig.layout.annotations]
    assert "a fair die shows a six<br>2.585 bits" in texts
    curve = _trace(fig, "Surprisal log(1/y)")
    assert curve.line.color == SURPRISAL
    assert fig.layout.yaxis.range[1] == pytest.approx(11.0)  # room above the 1-in-1000 event's 9.97 bits


def test_surprisal_curve_follows_the_unit():
    fig = surprisal_curve(0.5, math.log10(2), HARTLEYS)
    events = _trace(fig, "Familiar events")
    np.testing.assert_allclose(events.y, surprisal([0.5, 1 / 6, 1e-3], 10), rtol=1e-15)
    assert fig.layout.yaxis.title.text == "surprisal log(1/y) [hartleys]"
    assert "a 1-in-1000 event<br>3.000 hartleys" in [a.text for a in fig.layout.annotations]


def test_surprisal_of_zero_is_drawn_as_infinity():
    fig = surprisal_curve(0.0, math.inf, NATS)
    marker = _trace(fig, "Your probability y")
    assert marker.y[0] == fig.layout.yaxis.range[1] and marker.marker.symbol == "triangle-up"
    assert marker.text[0] == "y = 0.00<br>log(1/y) = ∞" == _trace(fig, "readout of y").text[0]


def test_binary_entropy_curve_peaks_at_one_bit():
    fig = binary_entropy_curve(0.5, 1.0, BITS)
    curve = _trace(fig, "Binary entropy H(p)")
    assert max(curve.y) == 1.0 and _trace(fig, "Your p").y[0] == 1.0
    assert _trace(fig, "Your p").text[0] == "H(0.50) = 1.0000 bits"
    nats = binary_entropy_curve(0.25, float(binary_entropy(0.25, math.e)), NATS)
    assert max(_trace(nats, "Binary entropy H(p)").y) == pytest.approx(math.log(2), rel=1e-15)
    assert nats.layout.yaxis.range[1] == pytest.approx(1.1 * math.log(2))  # 1.1 bits in every unit


#: A phone's plot area in pixels (measured on a 390 px wide page), where labels have least room.
PHONE_PLOT = (270, 330)


def _text_box(x_px: float, y_px: float, text: str, size: float, xanchor: str, yanchor: str) -> tuple[float, ...]:
    """(left, bottom, right, top) of a text in pixels from the plot's lower left.

    A character takes 0.45 em: Streamlit's Source Sans takes about 0.4 (measured on the coin's label).
    """
    lines = text.split("<br>")
    width, height = 0.45 * size * max(map(len, lines)), 1.3 * size * len(lines)
    left = {"left": x_px, "right": x_px - width, "center": x_px - width / 2}[xanchor]
    bottom = {"bottom": y_px, "top": y_px - height, "middle": y_px - height / 2}[yanchor]
    return left, bottom, left + width, bottom + height


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("unit", [BITS, NATS, HARTLEYS])
def test_the_surprisal_readout_never_covers_an_events_label(unit):
    """At y = 0.25 (the default), 0.5, 0 and near 1 the readout beside the point sat on the events' labels,
    and on a phone the coin's label ran past the plot's right edge."""
    fig = surprisal_curve(0.25, float(surprisal(0.25, unit.base)), unit)
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    width, height = PHONE_PLOT

    def px(x: float, y: float) -> tuple[float, float]:
        return (x - x0) / (x1 - x0) * width, (y - y0) / (y1 - y0) * height

    labels = [
        _text_box(px(a.x, a.y)[0] + a.xshift, px(a.x, a.y)[1] + a.yshift, a.text, a.font.size, a.xanchor, a.yanchor)
        for a in fig.layout.annotations
    ]
    assert all(left >= 0 and right <= width and bottom >= 0 and top <= height for left, bottom, right, top in labels)
    readout = _trace(fig, "readout of y")
    (slider,) = fig.layout.sliders
    moving = [fig.data[i].name for i in slider.steps[0].args[1]]
    for step in slider.steps:  # every y the chart's control reaches, 0 and 1 included
        state = {key: values[moving.index("readout of y")] for key, values in step.args[0].items()}
        vertical, horizontal = state["textposition"].split()
        box = _text_box(
            *px(state["x"][0], state["y"][0]),
            state["text"][0],
            readout.textfont.size,
            horizontal,
            {"bottom": "top", "top": "bottom", "middle": "middle"}[vertical],
        )
        assert box[0] >= 0 and box[1] >= 0, step.label
        assert not any(_overlap(box, label) for label in labels), step.label
    point = _trace(fig, "Your probability y")
    assert point.mode == "markers"  # the point itself writes nothing beside it


@pytest.mark.parametrize("p", [0.85, 0.91, 1.0])
def test_the_binary_entropy_readout_stays_inside_toward_p_one(p):
    """At p ≳ 0.85 the readout, right of the point, ran past the right edge ("H(" alone at p = 1)."""
    fig = binary_entropy_curve(p, float(binary_entropy(p)), BITS)
    marker = _trace(fig, "Your p")
    assert marker.textposition.endswith("left")
    assert binary_entropy_curve(0.3, float(binary_entropy(0.3)), BITS).data[1].textposition.endswith("right")


def test_running_means_end_exactly_at_the_last_draw_with_their_bands_and_limits():
    s = running_means([0.5, 0.3, 0.2], [0.2, 0.5, 0.3], 737, seed=4, unit=NATS)
    figure = running_means_curve(s)
    for name, mean, error, limit_name, limit in [
        ("log(1/q(x))", s.cross_entropy, s.cross_entropy_error, "H(p, q)", s.cross_entropy_limit),
        ("log(1/p(x))", s.entropy, s.entropy_error, "H(p)", s.entropy_limit),
    ]:
        curve = _trace(figure, f"average of {name}")
        k = np.asarray(curve.x)
        assert k[0] == 1 and k[-1] == 737 and len(k) < 150 and (np.diff(k) > 0).all()
        assert curve.y == pytest.approx(mean[k - 1], abs=1e-9)
        assert curve.y[-1] == pytest.approx(mean[-1], abs=1e-9)  # the last point is the last draw's, not thinned away
        now = _trace(figure, f"average of {name} now")
        assert (now.x, now.y) == ((737,), (pytest.approx(mean[-1], abs=1e-9),))
        band = _trace(figure, f"±2 standard errors of the average of {name}")
        banded = k[1:]  # from the second draw
        upper, lower = np.split(np.asarray(band.y), 2)
        assert np.asarray(band.x).tolist() == np.concatenate([banded, banded[::-1]]).tolist()
        assert upper == pytest.approx(mean[banded - 1] + 2 * error[banded - 1], abs=1e-9)
        assert lower[::-1] == pytest.approx(mean[banded - 1] - 2 * error[banded - 1], abs=1e-9)
        assert _trace(figure, limit_name).y == (pytest.approx(limit, abs=1e-9),) * 2
    assert figure.layout.xaxis.type == "log"
    assert figure.layout.yaxis.title.text == "average over the draws [nats]"


def test_more_draws_add_points_to_the_right_and_keep_the_axes():
    p, q = [0.5, 0.3, 0.2], [0.2, 0.5, 0.3]
    fewer, more = (running_means_curve(running_means(p, q, count, seed=1)) for count in (500, MAX_DRAWS))
    short, long = _trace(fewer, "average of log(1/q(x))"), _trace(more, "average of log(1/q(x))")
    kept = len(short.x) - 1  # all but the last point, at the 500th draw, which is not a checkpoint
    assert list(short.x[:kept]) == list(long.x[:kept]) and list(short.y[:kept]) == list(long.y[:kept])
    assert (fewer.layout.xaxis.range, fewer.layout.yaxis.range) == (more.layout.xaxis.range, more.layout.yaxis.range)
    assert 10 ** more.layout.xaxis.range[1] > MAX_DRAWS
    other_seed = running_means_curve(running_means(p, q, 500, seed=2))
    assert other_seed.layout.yaxis.range == fewer.layout.yaxis.range
    assert len(more.to_json()) < 30_000  # the most draws, thinned: well under the 60 KB of every figure


def test_an_average_that_turns_infinite_stops_and_is_marked_at_the_top():
    s = running_means([0.5, 0.5], [1.0, 0.0], 100, seed=2)  # outcomes 1, 1, 2, …: ∞ from draw 3
    figure = running_means_curve(s)
    top = figure.layout.yaxis.range[1]
    curve = _trace(figure, "average of log(1/q(x))")
    assert curve.y[:2].tolist() == [0.0, 0.0] and np.isnan(curve.y[2:]).all()  # ∞ is a gap
    marker = _trace(figure, "the average of log(1/q(x)) turns ∞")
    assert (marker.x, marker.y, marker.text) == ((3,), (top,), ("∞ from draw 3",))
    now = _trace(figure, "average of log(1/q(x)) now")
    assert now.y == (top,) and now.marker.symbol == "triangle-up"
    assert _trace(figure, "H(p, q)").y == (None, None)
    assert max(_trace(figure, "±2 standard errors of the average of log(1/q(x))").x) == 2  # no band from ∞ on
    finite = running_means_curve(running_means([0.5, 0.5], [0.5, 0.5], 50, seed=0))
    assert not [trace for trace in finite.data if "∞" in trace.name]


@pytest.mark.parametrize("unit", UNITS.values(), ids=str)
def test_the_locus_is_every_floor_exactly(unit):
    """Each p's floor H(p) and minimum sit on the faint locus: its points are binary entropy, exactly."""
    for p in (0.3, 0.0, 0.77):
        fig = cross_entropy_curve(compare_binary(p, 0.65, unit))
        locus = _trace(fig, LOCUS)
        assert list(locus.x) == SCRUB_POSITIONS.tolist()
        assert list(locus.y) == [float(binary_entropy(x, unit.base)) for x in locus.x]
        assert locus.hoverinfo == "skip" and locus.opacity < 0.5 and locus.line.dash == "dot"  # faint, a guide
        floor, minimum = _trace(fig, "Entropy H(p)"), _trace(fig, "Minimum at q = p")
        # the Comparison's H(p), summed over two outcomes, may differ from binary_entropy in the last bit
        on_locus = locus.y[list(locus.x).index(p)]
        assert minimum.x[0] == p and minimum.y[0] == floor.y[0] == pytest.approx(on_locus, rel=1e-15, abs=1e-300)


def _mix(at1, at0, p):
    """The sweep's mixture, as static/live_chart.js takes it: 0·∞ = 0."""
    return (0.0 if p == 0 else p * at1) + (0.0 if p == 1 else (1 - p) * at0)


@pytest.mark.parametrize("unit", UNITS.values(), ids=str)
@pytest.mark.parametrize("q", [0.65, 0.0, 1.0])
def test_the_sweep_of_p_gives_the_curve_and_the_floor_at_every_p(unit, q):
    fig = cross_entropy_curve(compare_binary(0.3, q, unit))
    (sweep,) = fig.layout.meta["sweeps"]
    assert (sweep["name"], sweep["prefix"], sweep["active"]) == ("p", "p = ", 30)
    assert sweep["labels"] == [f"{p:.2f}" for p in SCRUB_POSITIONS.tolist()]
    roles = sweep["traces"]
    assert fig.data[sweep["locus"]].name == LOCUS
    assert {role: fig.data[i].name for role, i in roles.items()} == {
        "floor": "Entropy H(p)",
        "band": GAP_BAND,
        "curve": "Cross-entropy H(p, q)",
        "minimum": "Minimum at q = p",
        "point": "Your prediction q",
        "bracket": "gap D(p‖q) at q",
    }
    grid = np.asarray(fig.data[roles["curve"]].x)
    at1, at0 = sweep["ends"]["at1"], sweep["ends"]["at0"]
    assert grid[sweep["at"]] == q and sweep["top"] == fig.layout.yaxis.range[1]
    locus = np.asarray(fig.data[sweep["locus"]].y)
    for index, p in enumerate(SCRUB_POSITIONS.tolist()):
        # the floor at each p is core's H(p) exactly; the mixed curve is core's H(p, q′) to rounding
        assert locus[index] == binary_entropy(p, unit.base)
        mixed = _mix(at1, at0, p)
        exact = binary_cross_entropy(p, grid, unit.base)
        assert (np.isinf(mixed) == np.isinf(exact)).all()
        np.testing.assert_allclose(mixed[np.isfinite(exact)], exact[np.isfinite(exact)], rtol=1e-12, atol=1e-15)
    # the sweep's rest positions are the figures the page draws at each p: with p's own floor
    for p in (0.0, 0.3, 1.0):
        at_rest = cross_entropy_curve(compare_binary(p, q, unit))
        floor = at_rest.data[roles["floor"]].y[0]
        assert floor == pytest.approx(locus[round(p * 100)], rel=1e-15, abs=1e-300)
        assert at_rest.layout.meta["sweeps"][0]["active"] == round(p * 100)
    assert sweep["readout"] == {
        "text": f"q = {q:.2f}<br>H(p, q) = {{cross_entropy}}<br>D(p‖q) = {{kl_divergence}}",
        "unit": unit.name,
        "decimals": 4,
    }

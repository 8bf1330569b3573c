"""Bar charts (core/figures/bars.py): distributions, and where entropy and cross-entropy come from."""

import json
import math

import numpy as np
import pytest

from core.codes import compare_codes, lengths
from core.comparison import compare
from core.figures.bars import (
    code_lengths,
    codes_top,
    cross_entropy_contributions,
    decomposition_bar,
    distribution_bars,
    entropy_contributions,
    normal_fits,
)
from core.figures.colors import ROLES, SURPRISAL, SURPRISAL_FILL, contrast
from core.fitting import TWO_MODES, fit_both_directions
from core.measures import contributions, cross_entropy, entropy
from core.units import BITS, HARTLEYS, NATS


def test_distribution_bars():
    fig = distribution_bars([0.25, 0.75])
    assert len(fig.data) == 1 and list(fig.data[0].text) == ["0.250", "0.750"]
    assert fig.data[0].name == "true p" and fig.data[0].marker.color == ROLES["truth"]
    assert fig.layout.showlegend is False
    assert fig.layout.xaxis.range == (0.5, 2.5) and fig.layout.yaxis.range == (0.0, 1.12)


def test_distribution_bars_with_an_estimate():
    fig = distribution_bars([0.5, 0.25, 0.25], [0.2, 0.2, 0.6], names=("target p", "prediction q"), height=250)
    assert [t.name for t in fig.data] == ["target p", "prediction q"]
    assert fig.data[1].y.tolist() == [0.2, 0.2, 0.6] and fig.data[1].marker.color == ROLES["estimate"]
    assert fig.layout.showlegend is True and fig.layout.height == 250
    assert [(t.offset, t.width) for t in fig.data] == [(-0.4, 0.4), (0.0, 0.4)]  # side by side in each slot
    hidden = distribution_bars([0.5, 0.5], [0.1, 0.9], show_values=False)
    assert all(trace.text is None for trace in hidden.data)
    assert list(hidden.data[1].customdata) == ["0.100", "0.900"]  # the values stay in the hover labels


def test_entropy_contributions_add_up_to_the_entropy_line():
    p = np.array([0.5, 0.25, 0.125, 0.125, 0.0])
    fig = entropy_contributions(compare(p, unit=BITS))
    shares = fig.data[1]
    np.testing.assert_allclose(sum(shares.y), entropy(p), rtol=1e-15)
    entropy_line, maximum = fig.layout.shapes
    assert entropy_line.y0 == pytest.approx(1.75) and maximum.y0 == pytest.approx(math.log2(5))
    surprise = fig.data[0]
    assert surprise.text[-1] == "" and surprise.y[-1] == pytest.approx(7.0)  # ∞: cut at 7 bits, labelled above
    assert list(surprise.customdata[:2]) == ["1.000 bits", "2.000 bits"]
    assert fig.layout.xaxis.range == (0.5, 5.5)
    assert [s.name for s in fig.layout.shapes] == ["entropy H(p) = 1.7500 bits", "maximum log n = 2.3219 bits"]
    assert (surprise.marker.color, shares.marker.color) == (SURPRISAL_FILL, ROLES["entropy"])
    assert surprise.marker.line.color == SURPRISAL and surprise.marker.line.width > 0  # 3:1 on the page
    assert shares.marker.line.width is None  # a fill that reads by itself needs no outline


def test_entropy_contributions_in_another_unit():
    fig = entropy_contributions(compare([0.25] * 4, unit=NATS))
    np.testing.assert_allclose(fig.data[0].y, [math.log(4)] * 4, rtol=1e-15)
    assert fig.layout.shapes[0].y0 == pytest.approx(math.log(4)) == fig.layout.shapes[1].y0  # uniform: the maximum
    assert fig.layout.yaxis.range[1] == pytest.approx(7 * math.log(2) * 1.12)  # 7 bits, in nats, and room above
    assert fig.layout.yaxis.title.text == "nats"


def test_cross_entropy_contributions_show_where_the_cost_comes_from():
    p, q = [0.5, 0.3, 0.2], [0.2, 0.5, 0.3]
    fig = cross_entropy_contributions(compare(p, q, BITS))
    np.testing.assert_allclose(fig.data[0].y, contributions(p, p), rtol=1e-15)
    np.testing.assert_allclose(fig.data[1].y, contributions(p, q), rtol=1e-15)
    assert sum(fig.data[1].y) == pytest.approx(cross_entropy(p, q))
    assert (fig.data[0].marker.color, fig.data[1].marker.color) == (ROLES["entropy"], ROLES["cross_entropy"])


def test_a_share_above_the_axis_stops_at_the_top_and_says_its_value():
    fig = cross_entropy_contributions(compare([1.0, 0.0], [0.01, 0.99], BITS))
    assert fig.layout.yaxis.range[1] == pytest.approx(3.0 * 1.12)
    assert fig.data[1].y[0] == pytest.approx(3.0) and fig.data[1].text[0] == f"{math.log2(100):.3f}"
    infinite = cross_entropy_contributions(compare([0.5, 0.5], [1.0, 0.0], HARTLEYS))
    assert list(infinite.data[1].text) == ["0.000", ""] and infinite.data[1].y[1] == pytest.approx(math.log10(8))
    (label,) = infinite.layout.annotations
    assert (label.text, label.x, label.y, label.yanchor) == ("∞", 2.2, infinite.data[1].y[1], "bottom")


def test_decomposition_bar_stacks_entropy_and_divergence():
    fig = decomposition_bar(compare([0.5, 0.5], [0.9, 0.1], BITS))
    assert fig.data[0].x[0] == 1.0 and fig.data[1].x[0] == pytest.approx(0.7369655941662062)
    assert fig.layout.xaxis.title.text == "H(p, q) = H(p) + D(p‖q) = 1.7370 bits"
    assert (fig.data[0].marker.color, fig.data[1].marker.color) == (ROLES["entropy"], ROLES["kl_gap"])
    infinite = decomposition_bar(compare([0.5, 0.5], [1.0, 0.0]))
    assert infinite.data[1].name == "KL divergence D(p‖q) = ∞"
    assert infinite.data[0].x[0] + infinite.data[1].x[0] == infinite.layout.xaxis.range[1]
    assert infinite.layout.xaxis.title.text == "H(p, q) = H(p) + D(p‖q) = ∞"


@pytest.mark.parametrize("unit", [BITS, NATS, HARTLEYS])
def test_an_infinite_bar_says_so_above_it_at_every_n(unit):
    """The ∞ of a bar cut at the top is an annotation above it: plotly.js shrank a label there to nothing."""
    p = [1.0] * 7 + [0.0]
    fig = entropy_contributions(compare(np.array(p) / 7, unit=unit))
    (label,) = fig.layout.annotations
    surprise = fig.data[0]
    assert label.text == "∞" and label.x == pytest.approx(8 - 0.2) and label.y == surprise.y[-1]
    assert label.y < fig.layout.yaxis.range[1] and label.yanchor == "bottom" and label.textangle is None
    q_zero = cross_entropy_contributions(compare([0.5, 0.5], [0.0, 1.0], unit))
    assert [a.text for a in q_zero.layout.annotations] == ["∞"] and q_zero.layout.annotations[0].x == pytest.approx(1.2)


def test_bar_labels_keep_their_size_and_stand_upright_when_bars_are_thin():
    wide = entropy_contributions(compare([0.5, 0.5]))
    thin = entropy_contributions(compare(np.array([4, 2, 1, 1, 1, 1, 1, 0]) / 11, unit=BITS))
    for fig in (wide, thin):
        for bars in fig.data:
            assert bars.textfont.size >= 11 and bars.insidetextfont.size >= 11
            assert bars.constraintext == "none"  # plotly.js would shrink a label to the bar's width
    assert {bars.textangle for bars in wide.data} == {0} and {bars.textangle for bars in thin.data} == {-90}


def test_labels_of_tall_bars_sit_inside_and_the_levels_run_behind_the_bars():
    """At n = 8 with a zero weight, the surprisals log₂ 7 = 2.807 sat on the dashed log n = 3 line."""
    fig = entropy_contributions(compare(np.array([1] * 7 + [0]) / 7, unit=BITS))
    surprise = fig.data[0]
    assert surprise.text[0] == "2.807" and surprise.textposition[0] == "inside"
    assert surprise.insidetextanchor == "end"  # at the top of the bar
    assert all(level.layer == "below" and level.showlegend for level in fig.layout.shapes)
    shares = fig.data[1]
    assert shares.textposition[0] == "outside"  # 0.401 bits: too short to hold its label


def test_text_inside_a_bar_reads_on_its_colour():
    for bars in entropy_contributions(compare([0.5, 0.5])).data:
        ink = {"black": "#000000", "white": "#FFFFFF"}[bars.insidetextfont.color]
        assert contrast(ink, bars.marker.color) >= 4.5


def test_the_decomposition_fills_the_width():
    """On an axis fixed at 7 bits, a bar of 1.8 bits took a quarter of the width."""
    c = compare([0.5, 0.3, 0.2], [0.2, 0.5, 0.3], BITS)
    fig = decomposition_bar(c)
    top = fig.layout.xaxis.range[1]
    assert top == pytest.approx(1.12 * c.cross_entropy) and c.cross_entropy / top > 0.85
    near = decomposition_bar(compare([0.5, 0.3, 0.2], [0.5, 0.3, 0.2], NATS))
    assert near.layout.xaxis.range[1] == pytest.approx(1.12 * math.log(3))  # log n: the most H(p) can be
    infinite = decomposition_bar(compare([0.5, 0.5], [1.0, 0.0], BITS))
    assert infinite.layout.xaxis.range[1] == pytest.approx(1.12)


def test_code_lengths_are_bits_whatever_the_unit():
    c = compare_codes([0.5, 0.3, 0.2, 0.0], [0.2, 0.5, 0.3, 0.0])
    fig = code_lengths(c)
    ideal, huffman_q, huffman_p = fig.data
    np.testing.assert_allclose(ideal.y, [math.log2(5), 1.0, math.log2(1 / 0.3), codes_top(4)])  # ∞ cut at the top
    assert ideal.customdata[-1] == "∞" and [a.text for a in fig.layout.annotations] == ["∞", "∞", "∞"]
    assert huffman_q.y.tolist()[:3] == lengths(c.huffman_q).tolist()[:3] == [2.0, 1.0, 2.0]
    assert huffman_p.y.tolist()[:3] == [1.0, 2.0, 2.0]
    assert huffman_q.marker.color == ROLES["estimate"] and huffman_p.marker.color == ROLES["truth"]
    cross, floor = fig.layout.shapes
    assert cross.y0 == pytest.approx(float(cross_entropy([0.5, 0.3, 0.2, 0.0], [0.2, 0.5, 0.3, 0.0])))
    assert floor.y0 == pytest.approx(float(entropy([0.5, 0.3, 0.2, 0.0])))
    assert fig.layout.yaxis.title.text == "length in bits"


def test_an_infinite_cross_entropy_is_drawn_at_the_top_of_the_code_lengths():
    fig = code_lengths(compare_codes([0.5, 0.5], [1.0, 0.0]))
    cross, _ = fig.layout.shapes
    assert cross.y0 == cross.y1 == codes_top(2) and cross.name == "H(p, q) = ∞"


def _by_name(fig, name):
    (trace,) = [trace for trace in fig.data if trace.name == name]
    return trace


def test_normal_fits_draw_p_and_both_fits_at_their_values():
    fits = fit_both_directions(TWO_MODES, NATS)
    fig = normal_fits(fits)
    p, forward, reverse = (_by_name(fig, name) for name in ("true p", "best q by D(p‖q)", "best q by D(q‖p)"))
    assert p.type == "bar" and list(p.y) == TWO_MODES.tolist() and list(p.x) == list(range(1, 9))
    assert list(forward.y) == fits.forward.q.tolist() and list(reverse.y) == fits.reverse.q.tolist()
    assert list(forward.x) == list(reverse.x) == list(range(1, 9))
    assert forward.hovertemplate.endswith(f"μ = {fits.forward.mu:.2f}, σ = {fits.forward.sigma:.2f}</extra>")
    assert reverse.hovertemplate.endswith("best q by D(q‖p)<br>μ = 2.83, σ = 0.48</extra>")
    assert fig.layout.yaxis.range == (0.0, 1.12) and fig.layout.xaxis.range == (0.5, 8.5)


def test_normal_fits_are_told_apart_by_colour_dash_and_marker():
    fig = normal_fits(fit_both_directions())
    p, forward, reverse = fig.data
    assert p.marker.color == ROLES["truth"]
    assert (forward.line.color, forward.marker.color) == (ROLES["cross_entropy"],) * 2
    assert (reverse.line.color, reverse.marker.color) == (ROLES["kl_gap"],) * 2
    assert (forward.line.dash, reverse.line.dash) == ("solid", "dash")
    assert (forward.marker.symbol, reverse.marker.symbol) == ("circle", "diamond")
    assert fig.layout.showlegend is not False


def test_normal_fits_have_the_same_picture_in_every_unit():
    """Probabilities have no unit: only the page's table of divergences changes with it."""
    in_bits, in_hartleys = (normal_fits(fit_both_directions(TWO_MODES, unit)) for unit in (BITS, HARTLEYS))
    assert json.loads(in_bits.to_json()) == json.loads(in_hartleys.to_json())

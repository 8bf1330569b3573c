"""Bar charts (core/figures/bars.py): distributions, and where entropy and cross-entropy come from."""

import math

import numpy as np
import pytest

from core.comparison import compare
from core.figures.bars import cross_entropy_contributions, decomposition_bar, distribution_bars, entropy_contributions
from core.figures.colors import ROLES, SURPRISAL
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
    assert fig.layout.showlegend is True and fig.layout.barmode == "group" and fig.layout.height == 250
    hidden = distribution_bars([0.5, 0.5], [0.1, 0.9], show_values=False)
    assert all(trace.text is None for trace in hidden.data)
    assert list(hidden.data[1].customdata) == ["0.100", "0.900"]  # the values stay in the hover labels


def test_entropy_contributions_add_up_to_the_entropy_line():
    p = np.array([0.5, 0.25, 0.125, 0.125, 0.0])
    fig = entropy_contributions(compare(p, unit=BITS))
    shares = fig.data[1]
    np.testing.assert_allclose(sum(shares.y), entropy(p), rtol=1e-15)
    assert fig.data[2].y[0] == pytest.approx(1.75) and fig.data[3].y[0] == pytest.approx(math.log2(5))
    surprise = fig.data[0]
    assert surprise.text[-1] == "∞" and surprise.y[-1] == fig.layout.yaxis.range[1]
    assert list(surprise.customdata[:2]) == ["1.000 bits", "2.000 bits"]
    assert fig.layout.xaxis.range == (0.5, 5.5)
    assert [t.name for t in fig.data[2:]] == ["entropy H(p) = 1.7500 bits", "maximum log n = 2.3219 bits"]
    assert (surprise.marker.color, shares.marker.color) == (SURPRISAL, ROLES["entropy"])


def test_entropy_contributions_in_another_unit():
    fig = entropy_contributions(compare([0.25] * 4, unit=NATS))
    np.testing.assert_allclose(fig.data[0].y, [math.log(4)] * 4, rtol=1e-15)
    assert fig.data[2].y[0] == pytest.approx(math.log(4)) == fig.data[3].y[0]  # uniform: the maximum
    assert fig.layout.yaxis.range[1] == pytest.approx(7 * math.log(2))  # 7 bits, in nats
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
    top = fig.layout.yaxis.range[1]
    assert top == pytest.approx(3.0)
    assert fig.data[1].y[0] == top and fig.data[1].text[0] == f"{math.log2(100):.3f}"
    infinite = cross_entropy_contributions(compare([0.5, 0.5], [1.0, 0.0], HARTLEYS))
    assert list(infinite.data[1].text) == ["0.000", "∞"] and infinite.data[1].y[1] == infinite.layout.yaxis.range[1]


def test_decomposition_bar_stacks_entropy_and_divergence():
    fig = decomposition_bar(compare([0.5, 0.5], [0.9, 0.1], BITS))
    assert fig.data[0].x[0] == 1.0 and fig.data[1].x[0] == pytest.approx(0.7369655941662062)
    assert fig.layout.xaxis.title.text == "H(p, q) = H(p) + D(p‖q) = 1.7370 bits"
    assert (fig.data[0].marker.color, fig.data[1].marker.color) == (ROLES["entropy"], ROLES["kl_gap"])
    infinite = decomposition_bar(compare([0.5, 0.5], [1.0, 0.0]))
    assert infinite.data[1].name == "KL divergence D(p‖q) = ∞"
    assert infinite.data[0].x[0] + infinite.data[1].x[0] == infinite.layout.xaxis.range[1]
    assert infinite.layout.xaxis.title.text == "H(p, q) = H(p) + D(p‖q) = ∞"

"""What every figure shares (core/figures/_common.py): layout, the current point, the scrubber, ∞ on an axis."""

import math
import re

import numpy as np
import pytest

from core.figures._common import (
    CURRENT_MARKER,
    SCRUB_POSITIONS,
    Y_TOP,
    figure,
    gaps_for_infinity,
    point_state,
    point_trace,
    scrubber,
    trace_indices,
    true_minus,
)
from core.figures._sending import Figure
from core.figures.colors import ROLES
from core.figures.training import gradient_bars
from tests.core.figures.builders import CALLS, IDS


def test_infinity_leaves_a_gap():
    gaps = gaps_for_infinity(np.array([0.5, math.inf, 2.0, -math.inf]))
    np.testing.assert_array_equal(gaps, [0.5, np.nan, 2.0, np.nan])
    assert gaps_for_infinity(np.array([1, 2], dtype=np.float32)).dtype == np.float64


def test_axis_tops_are_fixed_in_bits():
    assert 5 * math.log(2) == Y_TOP
    assert SCRUB_POSITIONS.tolist() == [round(i / 100, 2) for i in range(101)]


def test_point_state_on_the_curve_and_at_infinity():
    on = point_state(0.25, 1.23456789012, 5.0, "here")
    assert on == {
        "x": [0.25],
        "y": [1.23456789],
        "text": ["here"],
        "marker.symbol": "circle",
        "textposition": "top right",
    }
    at_infinity = point_state(0.9, math.inf, 5.0, "∞", label_left=True)
    assert at_infinity["y"] == [5.0] and at_infinity["marker.symbol"] == "triangle-up"
    assert at_infinity["textposition"] == "bottom left"


def test_point_trace_is_the_current_marker():
    trace = point_trace("you", point_state(0.5, 1.0, 5.0, "1 bit"))
    assert trace["name"] == "you" and trace["x"] == [0.5] and trace["text"] == ["1 bit"]
    assert trace["marker"]["color"] == ROLES["current"] == CURRENT_MARKER["color"]
    assert trace["marker"]["symbol"] == "circle" and "symbol" not in CURRENT_MARKER  # the shared marker is not edited


def test_trace_indices_find_traces_by_name():
    traces = [{"name": "a"}, {"name": "b"}, {"name": "c"}]
    assert trace_indices(traces, ["c", "a"]) == [2, 0]
    with pytest.raises(KeyError):
        trace_indices(traces, ["d"])


def test_scrubber_restyles_the_moving_traces_at_every_position():
    traces = [{"name": "curve"}, {"name": "dot"}]

    def states(position, value):
        return [{"x": [position], "y": [value]}]

    slider = scrubber(
        states, SCRUB_POSITIONS * 2, traces=traces, moving=["dot"], current=0.333, name="q", prefix="q = "
    )
    assert slider["active"] == 33 and len(slider["steps"]) == 101 and slider["name"] == "q"
    step = slider["steps"][40]
    assert step == {"method": "restyle", "label": "0.40", "args": [{"x": [[0.4]], "y": [[0.8]]}, [1]]}
    assert slider["currentvalue"]["prefix"] == "q = "


def test_figure_shares_one_layout():
    fig = figure(
        [{"x": [0, 1], "y": [0, 1], "name": "line"}],
        x_title="x",
        y_title="y",
        x_range=(0, 1),
        y_range=(0, 2),
        height=300,
        xaxis={"tickmode": "array"},
        barmode="group",
    )
    assert isinstance(fig, Figure)
    assert fig.data[0].type == "scatter"
    layout = fig.layout
    assert layout.height == 300 and layout.barmode == "group" and layout.uirevision == "fixed"
    assert layout.xaxis.title.text == "x" and layout.yaxis.title.text == "y"
    assert layout.xaxis.range == (0, 1) and layout.yaxis.range == (0, 2)
    assert layout.xaxis.tickmode == "array" and layout.xaxis.fixedrange is True  # extra settings refine, not replace
    assert layout.legend.orientation == "h"
    bare = figure([{"x": [0], "y": [0], "name": "dot"}], x_title="", y_title="")
    assert bare.layout.xaxis.range is None and bare.layout.height == 440


def _numbers_drawn(fig) -> list[str]:
    """The texts a figure draws as they are: its traces' labels and its annotations."""
    texts = [a.text for a in fig.layout.annotations]
    for trace in fig.data:
        text = getattr(trace, "text", None)
        texts += [text] if isinstance(text, str) else list(text or [])
    return texts


@pytest.mark.parametrize("build", CALLS, ids=IDS)
def test_numbers_are_drawn_with_the_minus_sign_of_the_ticks(build):
    """A bar's label said -0.961 with a hyphen, beside ticks that say −0.5."""
    assert not any(re.search(r"(?<!\w)-\d", text) for text in _numbers_drawn(build()))


def test_the_minus_check_can_fail():
    assert _numbers_drawn(gradient_bars([0.2, 0.8], [1.0, 0.0]))[0] == "\N{MINUS SIGN}0.800"
    assert true_minus("-1") == "\N{MINUS SIGN}1" and re.search(r"(?<!\w)-\d", "-1")

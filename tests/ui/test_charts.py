"""The live chart's updates: after the first run, a rerun sends what changed, and that is enough."""

import copy
import json
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from core import BITS, compare, compare_binary
from core.descent import gradient_descent
from core.figures import cross_entropy_curve, descent_on_simplex, distribution_bars, surprisal_curve
from devtools.servers import ROOT
from ui.charts import OwnControl, _changes_since, _json, _own_control, _pieces, _whole
from ui.controls import CONTROLS, slider_steps


def _sent(changes: dict) -> dict:
    """The changes as the browser reads them: JSON, with the long pieces in it as their text."""
    return json.loads(_json(changes))


def _apply(figure: dict, changes: dict) -> dict:
    """What static/live_chart.js does with the changes, in Python."""
    figure = copy.deepcopy(figure)
    for path, value in changes["set"]:
        node = figure
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    for path in changes["unset"]:
        node = figure
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]
    return figure


PAIRS = [
    ("home q moves", lambda q: cross_entropy_curve(compare_binary(0.3, q, BITS)), 0.65, 0.66),
    ("home p moves", lambda p: cross_entropy_curve(compare_binary(p, 0.65, BITS)), 0.3, 0.31),
    ("q reaches 0", lambda q: cross_entropy_curve(compare_binary(0.3, q, BITS)), 0.01, 0.0),
    ("surprisal", lambda y: surprisal_curve(y, -1.0, BITS), 0.25, 0.26),
    ("bars gain an estimate", lambda q: distribution_bars([0.5, 0.5], q), None, [0.2, 0.8]),
    ("another outcome", lambda n: distribution_bars([1 / n] * n), 3, 4),
    (
        "descent restarts",
        lambda z: descent_on_simplex(gradient_descent([z, 0, 0], [1.0, 0, 0], learning_rate=1.0, steps=5)),
        0.0,
        1.0,
    ),
]


@pytest.mark.parametrize(("name", "build", "before", "after"), PAIRS, ids=[pair[0] for pair in PAIRS])
def test_the_changes_rebuild_the_new_figure(name, build, before, after):
    old, new = build(before).to_dict(), build(after).to_dict()
    # the changes found from the figure kept as JSON pieces, as a page keeps it
    normal = json.loads(json.dumps(new))
    assert _apply(json.loads(json.dumps(old)), _sent(_changes_since(_pieces(old), _pieces(new)))) == normal
    assert json.loads(_whole(_pieces(new))) == normal


def test_moving_q_on_the_home_chart_sends_a_few_hundred_bytes():
    old = cross_entropy_curve(compare_binary(0.3, 0.65, BITS)).to_dict()
    new = cross_entropy_curve(compare_binary(0.3, 0.66, BITS)).to_dict()
    changes = _sent(_changes_since(_pieces(old), _pieces(new)))
    assert {path[1] for path, _ in changes["set"] if path[0] == "data"} == {5, 6}  # the point, the bracket
    assert len(json.dumps(changes)) <= 1_000 < len(json.dumps(new)) / 40


def test_an_unchanged_figure_sends_nothing():
    figure = distribution_bars(compare([0.5, 0.5]).p).to_dict()
    assert _changes_since(_pieces(figure), _pieces(copy.deepcopy(figure))) == {"set": [], "unset": []}


PAGES_WITHOUT_PANDAS = """
import sys
from streamlit.testing.v1 import AppTest
from pages import PAGES
at = AppTest.from_file("app.py", default_timeout=60)
at.run()
for entry in PAGES:
    at.switch_page(entry.path).run()
    assert not at.exception, entry.path
print("pandas" in sys.modules)
"""


def test_no_page_imports_pandas():
    # Charts go to the browser as JSON bytes, so Streamlit never looks for data frames in them, which
    # would import pandas: 80 MB in every server process, for nothing.
    result = subprocess.run(
        [sys.executable, "-c", PAGES_WITHOUT_PANDAS], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_a_figures_slider_and_sweep_become_the_charts_own_controls():
    spec = cross_entropy_curve(compare_binary(0.3, 0.65, BITS)).to_dict()
    steps = spec["layout"]["sliders"][0]["steps"]
    (sweep,) = spec["layout"]["meta"]["sweeps"]
    q = _own_control(spec, OwnControl("q", drag=True))
    p = _own_control(spec, OwnControl("p", play="sweep"))
    # Plotly's own slider and the sweep are gone from the figure: the chart's controls carry them
    assert "sliders" not in spec["layout"] and "meta" not in spec["layout"]
    assert q["values"] == slider_steps("q").tolist() == p["values"]  # the page sliders' own values, as floats
    assert q["states"] == [step["args"] for step in steps] and q["active"] == 65 and "sweep" not in q
    assert (q["key"], q["label"], q["prefix"], q["drag"], q["play"]) == ("q", CONTROLS["q"].label, "q = ", True, None)
    assert p["sweep"] is sweep and "states" not in p and p["active"] == 30
    assert (p["key"], p["label"], p["prefix"], p["drag"]) == ("p", CONTROLS["p"].label, "p = ", False)
    assert p["play"] == "sweep"
    assert p["labels"][30] == "0.30"
    descent = descent_on_simplex(gradient_descent([0.0, 0.0, 0.0], [1.0, 0, 0], learning_rate=1.0, steps=200))
    steps_control = _own_control(descent.to_dict(), OwnControl("steps", play="once"))
    assert steps_control["values"] == list(range(201)) and all(type(v) is int for v in steps_control["values"])


def test_a_control_the_figure_does_not_move_is_refused():
    with pytest.raises(ValueError, match="not enough values"):
        _own_control(surprisal_curve(0.25, 2.0, BITS).to_dict(), OwnControl("p", play="sweep"))


def test_the_sweep_of_p_sends_a_few_kilobytes_and_a_rerun_a_patch():
    """The curve at p = 1 and p = 0 travel as typed arrays; moving p changes the figure's data, not its
    size, and the patch of a rerun at another p stays well under the whole figure."""
    old, new = (cross_entropy_curve(compare_binary(p, 0.65, BITS)).to_dict() for p in (0.3, 0.47))
    for spec in (old, new):
        spec["controls"] = [_own_control(spec, OwnControl(key)) for key in ("q", "p")]
    ends = old["controls"][1]["sweep"]["ends"]
    assert set(ends["at1"]) == {"dtype", "bdata"} and len(json.dumps(ends)) < 6_000
    changes = _sent(_changes_since(_pieces(old), _pieces(new)))
    assert len(json.dumps(changes)) < len(json.dumps(new)) * 0.7


MOVES = """
import streamlit as st
from ui.charts import _moved
from ui.controls import slider, start_run
start_run()
st.session_state["chart-curve"] = {"value": st.session_state.get("move")}  # as the component keeps it
_moved("chart-curve", {"p": [0.0, 0.47, 1.0], "q": [0.0, 0.65, 1.0]})
slider("p", 0.3)
slider("q", 0.65)
"""


@pytest.mark.parametrize(
    ("move", "link", "p", "answered"),
    [
        ({"control": "p", "value": 0.47, "seq": 3}, {}, 0.47, {"chart-curve": {"p": 3}}),
        ({"control": "p", "value": 0.47, "seq": 3}, {"lock": "p"}, 0.3, None),  # the link keeps p
        ({"control": "p", "value": 0.46, "seq": 3}, {}, 0.3, None),  # not a value the chart offered
        ({"control": "n", "value": 1.0, "seq": 3}, {}, 0.3, None),  # not one of the chart's controls
        ({"value": 0.47, "seq": 3}, {}, 0.3, None),
        ({"control": "p", "value": 0.47}, {}, 0.3, None),
    ],
)
def test_a_move_of_an_own_control_sets_that_page_control_alone(move, link, p, answered):
    at = AppTest.from_string(MOVES)
    for key, value in link.items():
        at.query_params[key] = value
    at.session_state["move"] = move
    at.run()
    assert not at.exception
    assert (at.slider(key="p").value, at.slider(key="q").value) == (p, 0.65)
    taken = at.session_state.get("live_chart_answered")
    assert taken == answered

"""What every figure builder promises: valid Plotly, small finite JSON, named traces, the same bytes as Plotly
would send, fixed axes, and scrubbers that restyle real traces."""

import inspect
import json

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from core.figures import bars, curves, maps, training
from core.figures._sending import Figure
from tests.core.figures.builders import CALLS, CASES, IDS


def _no_constant(name):
    raise AssertionError(f"the figure's JSON holds {name}, which is not JSON and which browsers reject")


def test_every_builder_has_a_case():
    builders = {
        name
        for module in (curves, bars, maps, training)
        for name in module.__all__
        if inspect.signature(getattr(module, name)).return_annotation in ("go.Figure", go.Figure)
    }
    assert len(builders) == 20
    assert {name for _, name, _ in CASES} == builders


@pytest.mark.parametrize("build", CALLS, ids=IDS)
def test_valid_small_finite_json(build):
    fig = build()
    assert isinstance(fig, Figure)  # the fast path to the browser
    go.Figure(fig.to_dict())  # Plotly's full validation, which the builders skip at run time
    text = fig.to_json()
    assert len(text) < 60_000
    json.loads(text, parse_constant=_no_constant)  # no NaN, Infinity or -Infinity anywhere
    json.dumps(fig.to_dict(), allow_nan=False)  # nor in the dict ui.charts sends as it is


@pytest.mark.parametrize("build", CALLS, ids=IDS)
def test_every_trace_has_its_own_name(build):
    """Scrubbers and animations find the traces they move by name (``trace_indices``)."""
    names = [trace.name for trace in build().data]
    assert all(isinstance(name, str) and name for name in names)
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("build", CALLS, ids=IDS)
def test_figures_send_what_plotly_would_send_and_stay_as_built(build):
    """The builders' figures skip Plotly's deep copy in ``to_dict``: the result must not differ."""
    fig = build()
    before = pio.to_json(go.Figure.to_dict(fig), validate=False)
    assert pio.to_json(fig.to_dict(), validate=False) == before
    sent = fig.to_dict()
    sent["layout"]["height"] = 1
    sent["data"][0]["name"] = "edited"
    assert pio.to_json(fig.to_dict(), validate=False) == before  # unchanged by being sent, or by edits to what was
    assert pio.to_json(go.Figure.to_dict(fig), validate=False) == before


@pytest.mark.parametrize("build", CALLS, ids=IDS)
def test_axes_are_fixed_and_the_view_kept(build):
    layout = build().layout
    assert layout.xaxis.fixedrange is True and layout.yaxis.fixedrange is True
    assert layout.uirevision == "fixed"
    assert layout.template.to_plotly_json() == {}  # Streamlit's theme draws every chart


@pytest.mark.parametrize("build", CALLS, ids=IDS)
def test_sliders_move_real_traces_and_frames(build):
    fig = build()
    checked = go.Figure(fig.to_dict())
    frames = {frame.name for frame in fig.frames}
    for slider in fig.layout.sliders:
        for step in slider.steps:
            if step.method == "restyle":
                update, indices = step.args
                assert all(0 <= i < len(fig.data) for i in indices)
                assert all(len(values) == len(indices) for values in update.values())
                checked.plotly_restyle(update, list(indices))  # Plotly validates every property and value
            else:
                assert step.method == "animate" and step.args[0][0] in frames
        assert 0 <= (slider.active or 0) < len(slider.steps)

"""The one module on Plotly's private API (core/figures/_sending.py): ``to_dict`` without the deep copy,
giving exactly what Plotly's own ``to_dict`` gives."""

import ast
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

import core
from core.figures._sending import Figure
from core.figures.described import describe

CORE = Path(core.__file__).parent


def _figure(data, layout=None, frames=None) -> Figure:
    return Figure(data=data, layout=layout or {}, frames=frames, _validate=False)


def _as_plotly_sends(fig: go.Figure) -> str:
    return pio.to_json(go.Figure.to_dict(fig), validate=False)


def _as_we_send(fig: Figure) -> str:
    return pio.to_json(fig.to_dict(), validate=False)


def test_arrays_become_the_same_typed_arrays():
    fig = _figure(
        [
            {"type": "scatter", "x": np.arange(5), "y": np.linspace(0.0, 1.0, 5), "name": "line"},
            {"type": "heatmap", "z": np.ones((3, 4), dtype=np.float32), "name": "map"},
            {"type": "bar", "x": [1, 2], "y": np.array([], dtype=float), "name": "empty"},
        ]
    )
    sent = fig.to_dict()
    assert sent["data"][0]["y"]["dtype"] == "f8" and "bdata" in sent["data"][0]["y"]
    assert sent["data"][0]["x"]["dtype"] == "i1"  # int64 narrowed, as Plotly does
    assert sent["data"][1]["z"]["shape"] == "3, 4"
    assert _as_we_send(fig) == _as_plotly_sends(fig)


def test_arrays_inside_lists_are_sent_as_plotly_sends_them():
    """Plotly converts only arrays that are values of a key; an array in a list goes as a plain list."""
    rows = [np.array([1.0, 2.0]), np.array([3.0, 4.0])]
    layout = {"sliders": [{"steps": [{"method": "restyle", "args": [{"y": [np.array([3.0, 4.0])]}, [0]]}]}]}
    fig = _figure([{"type": "scatter", "x": [1.0, 2.0], "customdata": rows, "name": "a"}], layout)
    assert _as_we_send(fig) == _as_plotly_sends(fig)


def test_skipped_keys_are_left_alone():
    fig = _figure([{"type": "scatter", "x": [0.0, 1.0], "name": "a"}], {"xaxis": {"range": np.array([0.0, 2.0])}})
    assert isinstance(fig.to_dict()["layout"]["xaxis"]["range"], np.ndarray)  # "range" is never a typed array
    assert _as_we_send(fig) == _as_plotly_sends(fig)


def test_frames_only_when_there_are_some():
    still = _figure([{"type": "scatter", "x": [0.0], "name": "a"}])
    assert "frames" not in still.to_dict()
    moving = _figure(
        [{"type": "scatter", "x": [0.0], "name": "a"}],
        frames=[{"name": "1", "data": [{"x": np.array([1.0])}], "traces": [0]}],
    )
    assert [frame["name"] for frame in moving.to_dict()["frames"]] == ["1"]
    assert _as_we_send(moving) == _as_plotly_sends(moving)


def test_what_is_sent_is_a_new_tree():
    fig = _figure(
        [{"type": "scatter", "x": [0.0, 1.0], "marker": {"color": "black"}, "name": "a"}],
        {"height": 300, "template": {}},
    )
    sent = fig.to_dict()
    sent["data"][0]["marker"]["color"] = "white"
    sent["data"][0]["x"].append(2.0)
    sent["layout"]["height"] = 1
    assert fig.to_dict() == {
        "data": [{"type": "scatter", "x": [0.0, 1.0], "marker": {"color": "black"}, "name": "a"}],
        "layout": {"height": 300, "template": {}},
    }


def test_plotlys_private_api_is_used_in_this_module_alone():
    """Imports of Plotly's private modules (``_plotly_utils``, ``plotly._*``) stay in _sending.py."""
    users = set()
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.startswith("_plotly_utils") or name.startswith("plotly._") for name in names):
                users.add(path.relative_to(CORE).as_posix())
    assert users == {"figures/_sending.py"}


def test_plotly_objects_are_made_only_when_used_and_then_are_plotlys_own():
    data = [{"type": "scatter", "x": np.arange(3.0), "y": [1.0, 2.0, 3.0], "name": "curve"}]
    fig = Figure.unvalidated(data, {"title": {"text": "t"}}, None)
    sent = fig.to_dict()
    describe(fig)
    assert "_plain" in fig.__dict__  # sending and describing need none of Plotly's objects
    assert fig.plain()["data"] is data
    assert fig.data[0].name == "curve" and "_plain" not in fig.__dict__  # made at the first use
    made = fig.to_dict()
    assert made["data"] == sent["data"] and made["layout"]["title"] == sent["layout"]["title"]
    fig.update_layout(title_text="edited")  # an edit after that is Plotly's, and is sent
    assert fig.to_dict()["layout"]["title"]["text"] == "edited"
    assert fig.plain()["layout"]["title"]["text"] == "edited" and data[0]["name"] == "curve"


def test_an_edit_before_any_read_makes_the_objects_first():
    fig = Figure.unvalidated([{"type": "bar", "y": [1.0]}], {}, None)
    fig.update_traces(name="bars")
    assert fig.to_dict()["data"][0]["name"] == "bars"

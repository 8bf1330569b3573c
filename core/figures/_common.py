"""What every figure shares: the layout, the current point, the in-figure scrubber and the drawing of ∞."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from core._checks import FloatArray
from core.figures._sending import Figure
from core.figures.colors import ROLES
from core.units import BIT

__all__: list[str] = []

#: How many of its latest figures each builder keeps (``core.memo.kept``), for the next session that
#: asks for the same one: a class on one link moves the same sliders through the same steps. A kept
#: figure holds its data as Python objects, and ``ui.charts`` keeps what it sends with it: 10–60 KB
#: for most builders, so at most about 2 MB each; the home page's curve, 290–370 KB, keeps 32 (12 MB);
#: the builders of 120–340 KB keep ``KEPT_LARGE`` (2–6 MB each), and the sampling chart, 680 KB and
#: new at every tick of ▶, keeps ``KEPT_FEW``. At most about 45 MB in all (BENCHMARKS.md).
KEPT_FIGURES = 32
KEPT_LARGE = 16
KEPT_FEW = 4

#: The top of the cross-entropy axes, in nats (5 bits); every unit shows the same picture.
Y_TOP = 5 * BIT


def true_minus(text: str) -> str:
    """A number's text with the true minus sign, U+2212, as plotly.js writes its ticks, not a hyphen.

    Examples
    --------
    >>> true_minus("-0.961"), true_minus("+0.039")
    ('−0.961', '+0.039')
    """
    return text.replace("-", "\N{MINUS SIGN}")


def gaps_for_infinity(values: npt.ArrayLike) -> FloatArray:
    """The values with NaN for ±∞: Plotly draws a gap for NaN, and ∞ has no place on a finite axis,
    so a curve leaves the top. A float array travels as a typed array, a third the size of a list
    of numbers, and NaN within it is no JSON constant (JSON has none)."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values), values, np.nan)


#: Positions of an in-figure scrubber: the 0.01 steps of the Streamlit sliders it mirrors.
SCRUB_POSITIONS = np.round(np.linspace(0.0, 1.0, 101), 2)


def point_state(x: float, value: float, y_top: float, text: str, *, label_left: bool = False) -> dict[str, Any]:
    """Where the current point's marker goes, and its readout: on the curve, or at the top edge when ∞.

    The keys are Plotly trace attributes, so a state both builds the trace and restyles it.
    """
    finite = math.isfinite(value)
    return {
        "x": [x],
        "y": [round(value, 9) if finite else y_top],
        "text": [text],
        "marker.symbol": "circle" if finite else "triangle-up",
        # Above the point, toward the lower side of a convex curve; below it at the top edge (∞).
        "textposition": f"{'top' if finite else 'bottom'} {'left' if label_left else 'right'}",
    }


def readout_state(x: float, y: float, text: str) -> dict[str, Any]:
    """A readout that stays at (x, y) and says ``text`` below and left of it: its corner of the plot.

    It has the keys of a ``point_state``, so one scrubber step restyles a point and its readout together.
    """
    return {"x": [x], "y": [y], "text": [text], "marker.symbol": "circle", "textposition": "bottom left"}


def readout_trace(name: str, state: dict[str, Any]) -> dict[str, Any]:
    """Text alone at a fixed spot, drawn from a ``readout_state``: the readout of a point it would hide."""
    return {
        "x": state["x"],
        "y": state["y"],
        "text": state["text"],
        "mode": "text",
        "name": name,
        "textposition": state["textposition"],
        "textfont": {"size": 14},
        "showlegend": False,
        "hoverinfo": "skip",
        "cliponaxis": False,
    }


#: The marker of the point a control moves, on every chart.
CURRENT_MARKER = {"size": 14, "color": ROLES["current"], "line": {"width": 2, "color": "black"}}


def point_trace(name: str, state: dict[str, Any]) -> dict[str, Any]:
    """The current point: a marker with its readout beside it, drawn from a ``point_state``."""
    return {
        "x": state["x"],
        "y": state["y"],
        "text": state["text"],
        "mode": "markers+text",
        "name": name,
        "textposition": state["textposition"],
        "textfont": {"size": 14},
        "marker": CURRENT_MARKER | {"symbol": state["marker.symbol"]},
        "hovertemplate": "%{text}<extra></extra>",
        "cliponaxis": False,
    }


def trace_indices(traces: list[dict[str, Any]], names: list[str]) -> list[int]:
    """Where the traces of these names sit in a figure's list: Plotly's restyle and frames want indices."""
    positions = {trace["name"]: i for i, trace in enumerate(traces)}
    return [positions[name] for name in names]


def scrubber(
    state_at: Callable[[Any, float], list[dict[str, Any]]],
    values: npt.ArrayLike,
    *,
    traces: list[dict[str, Any]],
    moving: list[str],
    current: float,
    name: str,
    prefix: str,
    positions: npt.ArrayLike = SCRUB_POSITIONS,
    label: Callable[[Any], str] = "{:.2f}".format,
) -> dict[str, Any]:
    """A Plotly slider over ``positions`` that moves traces in the browser, with no message to the
    server.

    ``state_at(position, value)`` gives the states of the ``moving`` traces (by name) at a position,
    one per trace and all with the same keys (see ``point_state``); ``values`` are the curve's values
    at the positions, and ``label`` names a position as the page's slider writes its value; ``name``
    is the variable it moves, as the page's control is keyed (``q``, ``steps``). Each step
    restyles the traces with their states there, so dragging redraws at display speed. The app turns
    this slider into its live chart's own control (``ui/charts.py``); a figure shown anywhere else
    keeps it as Plotly's.
    """
    indices = trace_indices(traces, moving)
    spots = np.asarray(positions)
    steps = []
    for position, value in zip(spots.tolist(), np.asarray(values, dtype=float).tolist(), strict=True):
        states = state_at(position, value)
        update = {key: [state[key] for state in states] for key in states[0]}
        steps.append({"method": "restyle", "label": label(position), "args": [update, indices]})
    return {
        "name": name,
        "active": int(np.argmin(np.abs(spots - current))),
        "steps": steps,
        "currentvalue": {"prefix": prefix, "font": {"size": 13}},  # in the theme's colour for text
        "pad": {"t": 55},
        "len": 1.0,
        "x": 0.0,
        "y": 0.0,
        "yanchor": "top",
        "ticklen": 3,
        "minorticklen": 0,
        "font": {"color": "rgba(0, 0, 0, 0)"},  # 101 step labels would overlap; the current one shows above
    }


def figure(
    traces: list[dict[str, Any]],
    *,
    x_title: str,
    y_title: str,
    x_range: tuple[float, float] | None = None,
    y_range: tuple[float, float] | None = None,
    shapes: tuple[dict[str, Any], ...] = (),
    annotations: tuple[dict[str, Any], ...] = (),
    height: int = 440,
    frames: list[dict[str, Any]] | None = None,
    **layout_extra: Any,
) -> Figure:
    """The one layout every chart shares: fixed ranges, legend on top, stable uirevision.

    The figure is built in one call from plain dicts, without Plotly's property-by-property
    validation: that validation costs more than the rest of a page's rerun put together, and the
    test suite runs it on every builder's output instead (tests/core/figures/test_all_builders.py).
    """
    layout: dict[str, Any] = {
        # No Plotly template: Streamlit draws every chart in its own theme, light or dark, whatever
        # the figure's template says (screenshots of every page are pixel-identical without it), and
        # the default one cost a third of building and sending a small figure.
        "template": {},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "legend": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "xanchor": "left",
            "x": 0,
            "traceorder": "normal",
        },
        "hovermode": "closest",
        # Keeps what a user toggled in the legend when a figure is updated in place. Streamlit 1.67
        # instead replaces a chart whose figure changed (its element id hashes the figure), so it is
        # the fixed ranges that keep a rerun from moving the axes (bench/browser.py counts this).
        "uirevision": "fixed",
        "font": {"size": 14},
        "xaxis": {"title": {"text": x_title}, "fixedrange": True, "zeroline": False},
        "yaxis": {"title": {"text": y_title}, "fixedrange": True, "zeroline": False},
        "shapes": list(shapes),
        "annotations": list(annotations),
    }
    for axis in ("xaxis", "yaxis"):  # extra axis settings refine the shared ones
        layout[axis].update(layout_extra.pop(axis, {}))
    layout.update(layout_extra)
    if x_range is not None:
        layout["xaxis"]["range"] = list(x_range)
    if y_range is not None:
        layout["yaxis"]["range"] = list(y_range)
    data = [{"type": "scatter", **trace} for trace in traces]
    return Figure.unvalidated(data, layout, frames)

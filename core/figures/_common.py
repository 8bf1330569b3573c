"""What every figure shares: the palette, the layout, the unit scaling and the drawing of ∞."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from core.units import format_value, unit_base

__all__: list[str] = []

#: Okabe & Ito (2008), distinguishable with every common colour-vision deficiency.
PALETTE = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}

#: Sequential colour scale for maps: perceptually uniform and readable with colour-vision deficiencies.
COLOR_SCALE = "Viridis"

#: The top of the cross-entropy axes, in bits; other units scale it so the picture stays the same.
Y_TOP_BITS = 5.0

GAP_FILL = "rgba(213, 94, 0, 0.18)"


def in_unit(bits: float, unit: str) -> float:
    """A quantity given in bits, expressed in ``unit`` (for axis ranges fixed once for every unit)."""
    return bits * math.log(2) / math.log(unit_base(unit))


def finite_or_none(values: np.ndarray) -> list[float | None]:
    """Plotly draws a gap for None; ∞ has no place on a finite axis, so a curve leaves the top."""
    return [float(v) if math.isfinite(v) else None for v in values]


def current_point(x: float, value: float, y_top: float, *, name: str, label: str, unit: str):
    """The marker for the current input: on the curve, or at the top edge with an arrow saying ∞.

    Returns the trace and the annotations that go with it.
    """
    finite = math.isfinite(value)
    trace = {
        "x": [x],
        "y": [value if finite else y_top],
        "mode": "markers",
        "name": name,
        "marker": {
            "symbol": "circle" if finite else "triangle-up",
            "size": 14,
            "color": PALETTE["orange"],
            "line": {"width": 1.5, "color": "black"},
        },
        "hovertemplate": f"{label} = {format_value(value, unit, decimals=6)}<extra></extra>",
    }
    annotations = []
    if not finite:
        annotations.append(
            {
                "x": x,
                "y": y_top,
                "ax": 0,
                "ay": 60,
                "text": f"{label.split(' at ')[0]} = ∞",
                "showarrow": True,
                "arrowhead": 2,
                "arrowsize": 1.4,
                "arrowcolor": PALETTE["orange"],
                "font": {"color": PALETTE["vermillion"], "size": 16},
                "yanchor": "top",
                "xanchor": "left" if x < 0.25 else "right" if x > 0.75 else "center",
            }
        )
    return trace, annotations


def figure(
    traces: list[dict],
    *,
    x_title: str,
    y_title: str,
    x_range=None,
    y_range=None,
    shapes: tuple[dict, ...] = (),
    annotations: tuple[dict, ...] = (),
    height: int = 440,
    frames: list[dict] | None = None,
    **layout_extra,
) -> go.Figure:
    """The one layout every chart shares: fixed ranges, legend on top, stable uirevision.

    The figure is built in one call from plain dicts, without Plotly's property-by-property
    validation: that validation costs more than the rest of a page's rerun put together, and the
    test suite runs it on every builder's output instead (tests/core/test_figures.py).
    """
    layout = {
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
        "uirevision": "fixed",  # keeps the view across reruns
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
    return go.Figure(data=data, layout=layout, frames=frames, _validate=False)

"""Pure Plotly figure builders: numbers in, ``go.Figure`` out. Nothing here renders.

Every builder shares one palette (Okabe–Ito, safe for colour-blind readers) and one layout helper,
and fixes its axis ranges so that a redraw after a slider move does not make the chart jump.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from core import measures
from core.units import format_value, unit_base

__all__ = ["PALETTE", "cross_entropy_curve", "probability_grid"]

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

#: The top of every information axis, in bits; other units scale it so the picture stays the same.
Y_TOP_BITS = 5.0


def probability_grid() -> np.ndarray:
    """Points in [0, 1] for drawing a curve of q: even steps, refined geometrically toward both ends.

    The ends are where log(1/q) climbs to infinity; the extra points let the curve reach the top of
    the chart instead of stopping short of it.

    Examples
    --------
    >>> grid = probability_grid()
    >>> float(grid[0]), float(grid[-1]), bool(np.all(np.diff(grid) > 0))
    (0.0, 1.0, True)
    """
    even = np.linspace(0.0, 1.0, 201)
    near_zero = np.geomspace(1e-7, 4e-3, 24)
    return np.unique(np.concatenate([even, near_zero, 1.0 - near_zero]))


def _finite_or_none(values: np.ndarray) -> list[float | None]:
    """Plotly draws a gap for None; ∞ has no place on a finite axis, so the curve leaves the top."""
    return [float(v) if math.isfinite(v) else None for v in values]


def _figure(
    traces: list[dict],
    *,
    x_title: str,
    y_title: str,
    x_range,
    y_range,
    shapes: tuple[dict, ...] = (),
    annotations: tuple[dict, ...] = (),
    height: int = 440,
) -> go.Figure:
    """The one layout every chart shares: fixed ranges, legend on top, stable uirevision.

    The figure is built in one call from plain dicts: Plotly validates them once, which is several
    times faster than adding traces and updating the layout step by step.
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
        "xaxis": {"title": {"text": x_title}, "range": list(x_range), "fixedrange": True, "zeroline": False},
        "yaxis": {"title": {"text": y_title}, "range": list(y_range), "fixedrange": True, "zeroline": False},
        "shapes": list(shapes),
        "annotations": list(annotations),
    }
    return go.Figure(data=[{"type": "scatter", **trace} for trace in traces], layout=layout)


def cross_entropy_curve(p: float, q: float, unit: str = "bits") -> go.Figure:
    """The headline chart: binary cross-entropy H(p, q′) over every prediction q′, for a fixed p.

    Parameters
    ----------
    p : float
        True probability of outcome 1, in [0, 1].
    q : float
        The current prediction, in [0, 1], marked on the curve.
    unit : {"bits", "nats", "hartleys"}
        Unit of the vertical axis.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces, in order: the entropy floor H(p); the shaded gap D(p‖q′) between floor and curve;
        the curve H(p, q′); the minimum at q′ = p; the current prediction. Where H(p, q) = ∞ the
        current prediction sits at the top edge with an arrow labelled ∞.

    Examples
    --------
    >>> fig = cross_entropy_curve(0.3, 0.65)
    >>> [trace.name for trace in fig.data]
    ['Entropy H(p)', 'KL divergence D(p‖q)', 'Cross-entropy H(p, q)', 'Minimum at q = p', 'Your prediction q']
    """
    base = unit_base(unit)
    y_top = Y_TOP_BITS * math.log(2) / math.log(base)
    grid = probability_grid()
    curve = measures.binary_cross_entropy(p, grid, base)
    floor = float(measures.binary_entropy(p, base))
    value = float(measures.binary_cross_entropy(p, q, base))
    gap = value - floor if math.isfinite(value) else math.inf
    marker_y = value if math.isfinite(value) else y_top
    traces = [
        {
            "x": [0.0, 1.0],
            "y": [floor, floor],
            "mode": "lines",
            "name": "Entropy H(p)",
            "line": {"color": PALETTE["green"], "width": 2, "dash": "dash"},
            "hovertemplate": f"H(p) = {floor:.6f} {unit}<extra></extra>",
        },
        {
            "x": grid,
            "y": np.minimum(curve, y_top),
            "mode": "lines",
            "name": "KL divergence D(p‖q)",
            "line": {"width": 0, "color": PALETTE["vermillion"]},
            "fill": "tonexty",
            "fillcolor": "rgba(213, 94, 0, 0.18)",
            "hoverinfo": "skip",
        },
        {
            "x": grid,
            "y": _finite_or_none(curve),
            "mode": "lines",
            "name": "Cross-entropy H(p, q)",
            "line": {"color": PALETTE["blue"], "width": 3},
            "hovertemplate": f"q = %{{x:.4f}}<br>H(p, q) = %{{y:.6f}} {unit}<extra></extra>",
        },
        {
            "x": [p],
            "y": [floor],
            "mode": "markers",
            "name": "Minimum at q = p",
            "marker": {
                "symbol": "diamond",
                "size": 13,
                "color": PALETTE["green"],
                "line": {"width": 1, "color": "white"},
            },
            "hovertemplate": f"minimum at q = p = {p:.4f}<br>H(p, p) = H(p) = {floor:.6f} {unit}<extra></extra>",
        },
        {
            "x": [q],
            "y": [marker_y],
            "mode": "markers",
            "name": "Your prediction q",
            "marker": {
                "symbol": "circle" if math.isfinite(value) else "triangle-up",
                "size": 14,
                "color": PALETTE["orange"],
                "line": {"width": 1.5, "color": "black"},
            },
            "hovertemplate": f"q = {q:.4f}<br>H(p, q) = {format_value(value, unit, decimals=6)}<extra></extra>",
        },
    ]
    # The gap at the current q, drawn as a bracket from the floor up to the curve, and labelled.
    bracket = {
        "type": "line",
        "x0": q,
        "x1": q,
        "y0": floor,
        "y1": marker_y,
        "line": {"color": PALETTE["vermillion"], "width": 3},
    }
    label_left = q > 0.75
    annotations = [
        {
            "x": q,
            "y": (floor + marker_y) / 2,
            "text": f"D(p‖q) = {format_value(gap, unit)}",
            "showarrow": False,
            "xanchor": "right" if label_left else "left",
            "xshift": -8 if label_left else 8,
            "font": {"color": PALETTE["vermillion"]},
        }
    ]
    if not math.isfinite(value):
        annotations.append(
            {
                "x": q,
                "y": y_top,
                "ax": 0,
                "ay": 60,
                "text": "H(p, q) = ∞",
                "showarrow": True,
                "arrowhead": 2,
                "arrowsize": 1.4,
                "arrowcolor": PALETTE["orange"],
                "font": {"color": PALETTE["vermillion"], "size": 16},
                "yanchor": "top",
                "xanchor": "left" if q < 0.25 else "right" if q > 0.75 else "center",
            }
        )
    return _figure(
        traces,
        x_title="predicted probability q",
        y_title=f"cross-entropy H(p, q) [{unit}]",
        x_range=(-0.02, 1.02),
        y_range=(0.0, y_top),
        shapes=(bracket,),
        annotations=tuple(annotations),
    )

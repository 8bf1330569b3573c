"""Colour maps of cross-entropy over every estimate: the unit square for two outcomes, the triangle for three."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import plotly.graph_objects as go

from core import measures
from core._checks import FloatArray
from core.comparison import Comparison
from core.figures._common import CURRENT_MARKER, Y_TOP, figure
from core.figures.colors import COLOR_SCALE, INFINITY, ROLES
from core.units import Unit, format_value

__all__ = ["binary_cross_entropy_map", "simplex_cross_entropy_map", "simplex_parts", "simplex_point"]

#: One cell per 0.02 of p and of q, drawn smoothly: fine to the eye, and small to send (≈ 14 KB).
SQUARE_STEPS = np.linspace(0.0, 1.0, 51)
#: Half a cell of the square: a cell centred on an edge of the square shows inside it over this much.
_HALF_CELL = float(SQUARE_STEPS[1] - SQUARE_STEPS[0]) / 2
_HEIGHT = math.sqrt(3) / 2


@lru_cache(maxsize=3)
def _square_values(unit: Unit) -> npt.NDArray[np.float32]:
    """H(p, q) on the square grid (rows p, columns q), float32, ∞ as NaN; computed once per unit."""
    values = measures.binary_cross_entropy(SQUARE_STEPS[:, None], SQUARE_STEPS[None, :], unit.base)
    z = np.where(np.isfinite(values), values, np.nan).astype(np.float32)
    z.flags.writeable = False
    return z


def _colorbar(unit: Unit) -> dict[str, Any]:
    return {"title": {"text": unit.name, "side": "right"}, "thickness": 14, "len": 0.9}


def _square_infinity() -> dict[str, Any]:
    """The cells of the square where H(p, q) = ∞, filled in the colour of ∞ and named in the legend.

    They are the map's gaps: the edge q = 0 above the row p = 0 and the edge q = 1 below the row p = 1,
    each cell centred on the edge and so half a cell wide inside the square. Their corners p = q = 0
    and p = q = 1 are no gaps (H = 0 there), and neither is the rest of the rows p = 0 and p = 1.
    """
    near, far = _HALF_CELL, 1.0 - _HALF_CELL
    return {
        "x": [0.0, near, near, 0.0, 0.0, None, far, 1.0, 1.0, far, far],
        "y": [near, near, 1.0, 1.0, near, None, 0.0, 0.0, far, far, 0.0],
        "mode": "lines",
        "fill": "toself",
        "fillcolor": INFINITY,
        "line": {"color": INFINITY, "width": 0},
        "name": "H(p, q) = ∞",
        "hoverinfo": "skip",
    }


def binary_cross_entropy_map(unit: Unit, current: Comparison | None = None, *, height: int = 420) -> go.Figure:
    """Binary cross-entropy over the unit square, x = q and y = p, darkest along the diagonal q = p.

    The headline curve is one horizontal slice of this map, at the height p. H(p, q) = ∞ on the edge
    q = 0 where p > 0 and on the edge q = 1 where p < 1 (an outcome that can happen, ruled out): those
    cells are gaps in the map, filled in the colour of the top of the scale and named in the legend.
    The corners p = q = 0 and p = q = 1 are certain and right, H = 0: the diagonal runs dark to them.

    Parameters
    ----------
    unit : Unit
    current : Comparison, optional
        Two outcomes: the current true and predicted probabilities, marked when given.
    height : int

    Examples
    --------
    >>> from core.comparison import compare_binary
    >>> from core.units import BITS
    >>> fig = binary_cross_entropy_map(BITS, compare_binary(0.3, 0.65))
    >>> [trace.type for trace in fig.data], fig.data[3].x, fig.data[3].y
    (['heatmap', 'scatter', 'scatter', 'scatter'], (0.65,), (0.3,))
    """
    z_top = unit.from_nats(Y_TOP)
    traces: list[dict[str, Any]] = [
        {
            "type": "heatmap",
            "x": SQUARE_STEPS,
            "y": SQUARE_STEPS,
            "z": _square_values(unit),
            "zmin": 0.0,
            "zmax": z_top,
            "colorscale": COLOR_SCALE,
            "colorbar": _colorbar(unit),
            "zsmooth": "best",
            "hoverongaps": False,
            "hovertemplate": f"q = %{{x:.2f}}<br>p = %{{y:.2f}}<br>H(p, q) = %{{z:.4f}} {unit}<extra></extra>",
            "name": "H(p, q)",
            "showlegend": False,
        },
        {
            "x": [0.0, 1.0],
            "y": [0.0, 1.0],
            "mode": "lines",
            "name": "minimum: q = p",
            # The entropy's colour (H(p, p) = H(p)): a white line vanished from the legend on a light page.
            "line": {"color": ROLES["entropy"], "width": 2, "dash": "dash"},
            "hoverinfo": "skip",
        },
        _square_infinity(),
    ]
    if current is not None:
        p, q = float(current.p[0]), float(current.q[0])
        value = format_value(current.cross_entropy, unit)
        traces.append(
            {
                "x": [q],
                "y": [p],
                "mode": "markers",
                "name": "your (q, p)",
                "marker": CURRENT_MARKER,
                "hovertemplate": f"q = {q:.2f}, p = {p:.2f}<br>H(p, q) = {value}<extra></extra>",
            }
        )
    return figure(
        traces,
        x_title="predicted probability q",
        y_title="true probability p",
        x_range=(0.0, 1.0),
        y_range=(0.0, 1.0),
        height=height,
        xaxis={"constrain": "domain"},
        yaxis={"scaleanchor": "x", "constrain": "domain"},
    )


def simplex_point(q: Sequence[float] | FloatArray) -> tuple[float, float]:
    """Where a 3-outcome distribution sits in the triangle: outcome 1 bottom left, 2 bottom right, 3 top.

    Examples
    --------
    >>> simplex_point([1.0, 0.0, 0.0]), simplex_point([0.0, 1.0, 0.0])
    ((0.0, 0.0), (1.0, 0.0))
    """
    return float(q[1] + q[2] / 2), float(q[2] * _HEIGHT)


@lru_cache(maxsize=1)
def _simplex_grid() -> tuple[FloatArray, FloatArray, FloatArray, npt.NDArray[np.bool_]]:
    """The map's cells: x and y centres, each cell's distribution q (rows), and which lie inside."""
    # Cells of about 0.015 on each side, drawn smoothly: about 4,000 of them, ≈ 21 KB to send.
    x = np.linspace(0.0, 1.0, 67)
    y = np.linspace(0.0, _HEIGHT, 59)
    xx, yy = np.meshgrid(x, y)
    q3 = yy / _HEIGHT
    q2 = xx - q3 / 2
    q1 = 1.0 - q2 - q3
    q = np.stack([q1, q2, q3], axis=-1).reshape(-1, 3)
    inside = cast(npt.NDArray[np.bool_], (q >= -1e-12).all(axis=1))  # along an axis: an array, not one bool
    q = np.where(inside[:, None], np.clip(q, 0.0, 1.0), 1 / 3)
    q /= q.sum(axis=1, keepdims=True)  # clipping a -1e-17 away must not leave a sum of 1 + 1e-17
    return x, y, q, inside


@lru_cache(maxsize=64)
def _simplex_values(p: tuple[float, ...], unit: Unit) -> npt.NDArray[np.float32]:
    """H(p, q) over the triangle's cells, float32, NaN outside it and where ∞; once per p and unit."""
    x, y, cells, inside = _simplex_grid()
    values = measures.cross_entropy(p, cells, unit.base)
    z = np.where(inside & np.isfinite(values), values, np.nan).astype(np.float32).reshape(y.size, x.size)
    z.flags.writeable = False
    return z


def simplex_cross_entropy_map(c: Comparison, *, height: int = 440) -> go.Figure:
    """Cross-entropy H(p, q′) for every 3-outcome estimate q′ in the triangle, with p and q marked.

    Every point of the triangle is a distribution over three outcomes. The colour is the cost of
    judging outcomes drawn from p by that point; the darkest point, the unique minimum, is p itself.

    Examples
    --------
    >>> from core.comparison import compare
    >>> fig = simplex_cross_entropy_map(compare([0.2, 0.3, 0.5], [1 / 3, 1 / 3, 1 / 3]))
    >>> [trace.name for trace in fig.data]
    ['H(p, q)', 'triangle', 'p: the minimum', 'your estimate q']
    """
    traces, layout = simplex_parts(c.p, c.q, c.entropy, c.cross_entropy, c.unit)
    return figure(traces, **layout | {"height": height})


def simplex_parts(
    p: Sequence[float] | FloatArray, q: Sequence[float] | FloatArray, entropy: float, cross_entropy: float, unit: Unit
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The traces and layout of the triangle map, for builders that draw more on it.

    ``entropy`` and ``cross_entropy`` are H(p) and H(p, q) in ``unit``, for the markers' hover labels.
    """
    x, y, _, _ = _simplex_grid()
    z = _simplex_values(tuple(float(v) for v in p), unit)
    corners_x, corners_y = [0.0, 1.0, 0.5, 0.0], [0.0, 0.0, _HEIGHT, 0.0]
    p_xy, q_xy = simplex_point(p), simplex_point(q)
    traces: list[dict[str, Any]] = [
        {
            "type": "heatmap",
            "x": x,
            "y": y,
            "z": z,
            "zmin": 0.0,
            "zmax": unit.from_nats(Y_TOP),
            "colorscale": COLOR_SCALE,
            "colorbar": _colorbar(unit),
            "zsmooth": "best",
            "hoverongaps": False,
            "hovertemplate": f"H(p, q) = %{{z:.4f}} {unit}<extra></extra>",
            "name": "H(p, q)",
            "showlegend": False,
        },
        {
            "x": corners_x,
            "y": corners_y,
            "mode": "lines",
            "name": "triangle",
            "line": {"color": ROLES["reference"], "width": 1.5},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            "x": [p_xy[0]],
            "y": [p_xy[1]],
            "mode": "markers",
            "name": "p: the minimum",
            "marker": {
                "symbol": "star",
                "size": 18,
                "color": ROLES["entropy"],
                "line": {"width": 1.5, "color": "white"},
            },
            "hovertemplate": f"p = ({', '.join(f'{v:.3f}' for v in p)})<br>H(p, p) = H(p) = "
            f"{format_value(entropy, unit)}<extra></extra>",
        },
        {
            "x": [q_xy[0]],
            "y": [q_xy[1]],
            "mode": "markers",
            "name": "your estimate q",
            "marker": CURRENT_MARKER,
            "hovertemplate": f"q = ({', '.join(f'{v:.3f}' for v in q)})<br>H(p, q) = "
            f"{format_value(cross_entropy, unit)}<extra></extra>",
        },
    ]
    labels = [
        {"x": 0.0, "y": 0.0, "text": "outcome 1", "xanchor": "center", "yanchor": "top", "showarrow": False},
        {"x": 1.0, "y": 0.0, "text": "outcome 2", "xanchor": "center", "yanchor": "top", "showarrow": False},
        {"x": 0.5, "y": _HEIGHT, "text": "outcome 3", "xanchor": "center", "yanchor": "bottom", "showarrow": False},
    ]
    hidden = {"visible": False, "fixedrange": True}
    layout: dict[str, Any] = {
        "x_title": "",
        "y_title": "",
        "x_range": (-0.12, 1.12),
        "y_range": (-0.1, _HEIGHT + 0.08),
        "annotations": tuple(labels),
        "height": 440,
        "xaxis": hidden,
        "yaxis": hidden | {"scaleanchor": "x"},
        "plot_bgcolor": "rgba(0, 0, 0, 0)",
    }
    return traces, layout

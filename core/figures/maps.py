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
from core.figures._common import CURRENT_MARKER, KEPT_FIGURES, KEPT_LARGE, Y_TOP, figure
from core.figures.colors import COLOR_SCALE, INFINITY, ROLES
from core.memo import kept
from core.units import Unit, format_value

__all__ = ["binary_cross_entropy_map", "simplex_cross_entropy_map", "simplex_parts", "simplex_point"]

#: One cell per 0.02 of p and of q, drawn smoothly: fine to the eye, and small to send (≈ 14 KB).
SQUARE_STEPS = np.linspace(0.0, 1.0, 51)
#: Half a cell of the square: a cell centred on an edge of the square shows inside it over this much.
_HALF_CELL = float(SQUARE_STEPS[1] - SQUARE_STEPS[0]) / 2
_HEIGHT = math.sqrt(3) / 2
#: The triangle's colours run from H(p), its minimum, to this quantile of its values: wherever p lies
#: the minimum stands out, and the highest tenth of the values, ∞ on an edge among them, share the top.
TOP_QUANTILE = 0.9
#: Points along each edge of the triangle, a marker each: at most 3 px apart where the map is widest.
EDGE_POINTS = 110
#: The markers' size in px: the band they draw along the edges covers the steps of the square cells,
#: up to ±0.0103 of the triangle's side from its edge (3.4 px where the map is widest, 330 px).
EDGE_WIDTH = 8


@lru_cache(maxsize=3)
def _square_values(unit: Unit) -> npt.NDArray[np.float32]:
    """H(p, q) on the square grid (rows p, columns q), float32, ∞ as NaN; computed once per unit
    (10 KB each, 31 KB for the three units)."""
    values = measures.binary_cross_entropy(SQUARE_STEPS[:, None], SQUARE_STEPS[None, :], unit.base)
    z = np.where(np.isfinite(values), values, np.nan).astype(np.float32)
    z.flags.writeable = False
    return z


def _tick(value: float) -> str:
    return f"{round(value, 2):g}"


def _colorbar(unit: Unit, low: float, high: float, low_name: str = "") -> dict[str, Any]:
    """The colour bar from ``low`` to ``high``: its top is written "≥", for every higher value (∞ among
    them) is drawn in the top colour, and its bottom ``low_name`` when it is a value of its own.

    Between the two, ticks at round steps, about five of them, none crowding an end.
    """
    span = high - low
    magnitude = 10 ** math.floor(math.log10(span / 5))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= span / 5)
    inner = [v for v in np.arange(math.ceil(low / step), high / step) * step if low + step / 2 < v < high - step / 2]
    return {
        "title": {"text": unit.name, "side": "right"},
        "thickness": 14,
        "len": 0.9,
        "tickmode": "array",
        "tickvals": [low, *inner, high],
        "ticktext": [f"{_tick(low)} {low_name}".strip(), *map(_tick, inner), f"≥ {_tick(high)}"],
    }


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


@kept(KEPT_FIGURES)
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
            "colorbar": _colorbar(unit, 0.0, z_top),
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
    """The map's cells: x and y centres, each cell's distribution q (rows), and which lie inside.

    Cells of about 0.015 on each side, drawn smoothly: about 3,800 of them, ≈ 20 KB to send. Their
    centres sit half a cell in from the box, so that the bottom edge of the cells is the triangle's
    and no centre lies on its edges, where H(p, q) may be ∞: the edge band draws those. Kept once:
    97 KB.
    """
    x = (np.arange(66) + 0.5) / 66
    y = (np.arange(58) + 0.5) * _HEIGHT / 58
    xx, yy = np.meshgrid(x, y)
    q3 = yy / _HEIGHT
    q2 = xx - q3 / 2
    q1 = 1.0 - q2 - q3
    q = np.stack([q1, q2, q3], axis=-1).reshape(-1, 3)
    inside = cast(npt.NDArray[np.bool_], (q > 0.0).all(axis=1))  # along an axis: an array, not one bool
    return x, y, np.where(inside[:, None], q, 1 / 3), inside


@lru_cache(maxsize=1)
def _simplex_edges() -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], FloatArray]:
    """Points along the triangle's three edges, corner to corner: their x, y and distribution q (10 KB,
    kept once)."""
    t = np.linspace(0.0, 1.0, EDGE_POINTS)[:, None]
    corners = np.eye(3)
    q = np.concatenate([(1 - t) * corners[i] + t * corners[(i + 1) % 3] for i in range(3)])
    x, y = q[:, 1] + q[:, 2] / 2, q[:, 2] * _HEIGHT
    return x.astype(np.float32), y.astype(np.float32), q


@lru_cache(maxsize=64)
def _simplex_values(p: tuple[float, ...], unit: Unit) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """H(p, q) over the triangle's cells (NaN outside it) and along its edges (∞ kept), float32;
    once per p and unit: 17 KB each, 1.1 MB for the 64 kept."""
    x, y, cells, inside = _simplex_grid()
    z = np.where(inside, measures.cross_entropy(p, cells, unit.base), np.nan).astype(np.float32)
    edges = np.asarray(measures.cross_entropy(p, _simplex_edges()[2], unit.base), dtype=np.float32)
    for values in (z, edges):
        values.flags.writeable = False
    return z.reshape(y.size, x.size), edges


@kept(KEPT_LARGE)
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
    z, edges = _simplex_values(tuple(float(v) for v in p), unit)
    low, high = entropy, float(np.nanquantile(z, TOP_QUANTILE))
    edge_x, edge_y, _ = _simplex_edges()
    p_xy, q_xy = simplex_point(p), simplex_point(q)
    traces: list[dict[str, Any]] = [
        {
            "type": "heatmap",
            "x": x,
            "y": y,
            "z": z,
            "zmin": low,
            "zmax": high,
            "colorscale": COLOR_SCALE,
            "colorbar": _colorbar(unit, low, high, "= H(p)"),
            "zsmooth": "best",
            "hoverongaps": False,
            "hovertemplate": f"H(p, q) = %{{z:.4f}} {unit}<extra></extra>",
            "name": "H(p, q)",
            "showlegend": False,
        },
        {
            # The cells' square steps along the slanted edges, covered by a band of the map's own
            # colours: the triangle's outline, ∞ drawn in the top colour where an outcome of p is ruled out.
            "x": edge_x,
            "y": edge_y,
            "mode": "markers",
            "name": "triangle",
            "marker": {
                "color": np.minimum(edges, high),
                "colorscale": COLOR_SCALE,
                "cmin": low,
                "cmax": high,
                "size": EDGE_WIDTH,
                "line": {"width": 0},
            },
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

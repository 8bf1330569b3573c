"""Curves of one variable: surprisal, binary entropy, and the headline cross-entropy curve."""

from __future__ import annotations

import math
from typing import Any, cast

import numpy as np
import plotly.graph_objects as go

from core import measures
from core._checks import FloatArray
from core.comparison import Comparison
from core.figures._common import (
    SCRUB_POSITIONS,
    Y_TOP,
    figure,
    gaps_for_infinity,
    point_state,
    point_trace,
    readout_state,
    readout_trace,
    scrubber,
    trace_indices,
)
from core.figures.colors import GAP_FILL, ROLES, SURPRISAL
from core.units import BIT, Unit, format_value

__all__ = ["binary_entropy_curve", "cross_entropy_curve", "probability_grid", "surprisal_curve"]

#: Events a learner can picture, with their probabilities, marked on the surprisal curve.
REFERENCE_EVENTS = (("a fair coin lands heads", 1 / 2), ("a fair die shows a six", 1 / 6), ("a 1-in-1000 event", 1e-3))
#: The legend's name of the band between the floor and the curve of cross-entropy.
GAP_BAND = "gap H(p, q′) − H(p) = D(p‖q′) at each q′"
#: The legend's name of the locus of the minima: as p moves, the floor's lowest point (p, H(p)) runs along it.
LOCUS = "Every floor: H(p) at q = p, for every p"
#: The names of the curve, the prediction and its bracket on the headline chart.
CURVE, POINT, BRACKET = "Cross-entropy H(p, q)", "Your prediction q", "gap D(p‖q) at q"
#: Where the surprisal curve's readout hangs from, at its right edge, in nats (8 bits): above the
#: labels of the coin and the die, below the 1-in-1000 event's, and far right of the steep curve there.
READOUT_HEIGHT = 8 * BIT


def probability_grid() -> FloatArray:
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


def cross_entropy_curve(c: Comparison, *, height: int = 520) -> go.Figure:
    """The headline chart: binary cross-entropy H(p, q′) over every prediction q′, for a fixed p.

    Parameters
    ----------
    c : Comparison
        Two outcomes: the true p and the current prediction q of outcome 1 are ``c.p[0]`` and
        ``c.q[0]``; the floor, the current point and its readout show ``c``'s own values, in ``c.unit``.
    height : int
        The chart's height in pixels.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces, in order: the locus of every minimum, H(p′) at q′ = p′ for every p′, faint; the
        entropy floor H(p); the shaded gap D(p‖q′) between floor and curve; the curve H(p, q′); the
        minimum at q′ = p; the current prediction with its readout; the bracket from the floor to the
        curve at q. Where H(p, q) = ∞ the prediction sits at the top edge as a triangle and its
        readout says ∞. An in-figure slider (every 0.01 of q, like the page's slider) moves the
        prediction, readout and bracket in the browser alone; ``layout.meta["sweeps"]`` holds the
        sweep of p (see ``_p_sweep``), which the app's live chart plays and Plotly ignores.

    Examples
    --------
    >>> from core.comparison import compare_binary
    >>> fig = cross_entropy_curve(compare_binary(0.3, 0.65))
    >>> [trace.name for trace in fig.data][3:6]
    ['Cross-entropy H(p, q)', 'Minimum at q = p', 'Your prediction q']
    >>> len(fig.layout.sliders[0].steps), fig.layout.sliders[0].active, fig.layout.sliders[0].name
    (101, 65, 'q')
    >>> sweep, = fig.layout.meta["sweeps"]
    >>> sweep["name"], sweep["active"], sweep["labels"][30]
    ('p', 30, '0.30')
    """
    unit, base = c.unit, c.unit.base
    p, q, floor = float(c.p[0]), float(c.q[0]), c.entropy
    y_top = unit.from_nats(Y_TOP)
    grid = probability_grid()
    curve = cast(FloatArray, measures.binary_cross_entropy(p, grid, base))  # over a grid: an array
    # D(p‖q′) at each position of the scrubber (an array), summed from its own terms like c.kl_divergence.
    gaps = cast(
        FloatArray, measures.kl_divergence(c.p, np.stack([SCRUB_POSITIONS, 1.0 - SCRUB_POSITIONS], axis=-1), base)
    )
    gap_at = dict(zip(SCRUB_POSITIONS.tolist(), gaps.tolist(), strict=True)) | {q: c.kl_divergence}

    def states(q_value: float, value: float) -> list[dict[str, Any]]:
        gap = gap_at[q_value]
        text = f"q = {q_value:.2f}<br>H(p, q) = {format_value(value, unit)}<br>D(p‖q) = {format_value(gap, unit)}"
        point = point_state(q_value, value, y_top, text, label_left=q_value > 0.6)
        # The floor to 9 decimals, as the point's own value: a state a hundred times over, it need not carry 17.
        bracket = point | {"x": [q_value, q_value], "y": [round(floor, 9), point["y"][0]], "text": ["", ""]}
        return [point, bracket]

    current = states(q, c.cross_entropy)
    traces: list[dict[str, Any]] = [
        {  # drawn first, under everything: a guide, not a value of this p
            "x": SCRUB_POSITIONS,
            "y": measures.binary_entropy(SCRUB_POSITIONS, base),
            "mode": "lines",
            "name": LOCUS,
            "line": {"color": ROLES["entropy"], "width": 1.5, "dash": "dot"},
            "opacity": 0.45,
            "hoverinfo": "skip",
        },
        {
            "x": [0.0, 1.0],
            "y": [floor, floor],
            "mode": "lines",
            "name": "Entropy H(p)",
            "line": {"color": ROLES["entropy"], "width": 2, "dash": "dash"},
            "hovertemplate": f"H(p) = {floor:.6f} {unit}<extra></extra>",
        },
        {
            "x": grid,
            "y": np.minimum(curve, y_top),
            "mode": "lines",
            # The band is the gap at every q′; D(p‖q) itself is its height at q, the bracket, read out.
            "name": GAP_BAND,
            "line": {"width": 0, "color": ROLES["kl_gap"]},
            "fill": "tonexty",
            "fillcolor": GAP_FILL,
            "hoverinfo": "skip",
        },
        {
            "x": grid,
            "y": gaps_for_infinity(curve),
            "mode": "lines",
            "name": CURVE,
            "line": {"color": ROLES["cross_entropy"], "width": 3},
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
                "color": ROLES["entropy"],
                "line": {"width": 1, "color": "white"},
            },
            "hovertemplate": f"minimum at q = p = {p:.4f}<br>H(p, p) = H(p) = {floor:.6f} {unit}<extra></extra>",
        },
        point_trace(POINT, current[0]),
        {  # the gap at the current q: a bracket from the floor up to the curve
            "x": current[1]["x"],
            "y": current[1]["y"],
            "mode": "lines",
            "name": BRACKET,
            "showlegend": False,
            "line": {"color": ROLES["kl_gap"], "width": 3},
            "hoverinfo": "skip",
        },
    ]
    slider = scrubber(
        states,
        measures.binary_cross_entropy(p, SCRUB_POSITIONS, base),
        traces=traces,
        moving=[POINT, BRACKET],
        current=q,
        name="q",
        prefix="q = ",
    )
    return figure(
        traces,
        x_title="predicted probability q",
        y_title=f"cross-entropy H(p, q) [{unit}]",
        x_range=(-0.02, 1.02),
        y_range=(0.0, y_top),
        height=height,
        sliders=[slider],
        meta={"sweeps": [_p_sweep(c, grid, traces, y_top)]},
    )


def _p_sweep(c: Comparison, grid: FloatArray, traces: list[dict[str, Any]], y_top: float) -> dict[str, Any]:
    """What the browser needs to move p over the headline chart at display speed, with q fixed.

    A state per position of p, as the q slider has one per q, would not fit in the figure: the curve
    changes with p at every q′. But H(p, q′) = p·log(1/q′) + (1 − p)·log(1/(1 − q′)) is affine in p,
    so two curves, H(1, q′) and H(0, q′) (``ends``), give it at every p: the browser mixes them, with
    0·∞ = 0, for the curve, the band (cut at ``top``, as here) and the prediction, the point of the
    curve at q (index ``at``). The floor H(p) is not affine, but the locus holds it at every position
    of p, as core computes it: the floor and the minimum move along the locus (trace ``locus``). The readout is the
    prediction's, with the mixed numbers written as ``format_value`` writes them (``readout``).
    Mid-sweep numbers are the browser's mixture; at rest the page's own figure, with core's exact
    values, replaces them.
    """
    unit, base = c.unit, c.unit.base
    p, q = float(c.p[0]), float(c.q[0])
    finite, infinite = (point_state(q, value, y_top, "", label_left=q > 0.6) for value in (0.0, math.inf))
    return {
        "name": "p",
        "prefix": "p = ",
        "labels": [f"{position:.2f}" for position in SCRUB_POSITIONS.tolist()],
        "active": int(np.argmin(np.abs(SCRUB_POSITIONS - p))),
        "ends": {
            "at1": measures.binary_cross_entropy(1.0, grid, base),
            "at0": measures.binary_cross_entropy(0.0, grid, base),
        },
        "at": int(np.argmin(np.abs(grid - q))),
        "top": y_top,
        "traces": dict(
            zip(
                ["floor", "band", "curve", "minimum", "point", "bracket"],
                trace_indices(traces, ["Entropy H(p)", GAP_BAND, CURVE, "Minimum at q = p", POINT, BRACKET]),
                strict=True,
            )
        ),
        "locus": trace_indices(traces, [LOCUS])[0],
        "readout": {
            "text": f"q = {q:.2f}<br>H(p, q) = {{cross_entropy}}<br>D(p‖q) = {{kl_divergence}}",
            "unit": unit.name,
            "decimals": 4,
        },
        "symbol": [finite["marker.symbol"], infinite["marker.symbol"]],
        "textposition": [finite["textposition"], infinite["textposition"]],
    }


def surprisal_curve(y: float, value: float, unit: Unit, *, height: int = 520) -> go.Figure:
    """Surprisal log(1/y′) over every probability y′, with familiar events marked and the current y.

    Parameters
    ----------
    y : float
        The current probability, in [0, 1]; at 0 the surprisal is ∞, drawn at the top edge.
    value : float
        Its surprisal log(1/y), in ``unit``.
    unit : Unit
    height : int

    Returns
    -------
    plotly.graph_objects.Figure
        Traces: the curve, the reference events, the current probability, and its readout, which
        stays in the plot's empty upper right so that it never covers an event's label.

    Examples
    --------
    >>> from core.units import BITS
    >>> [trace.name for trace in surprisal_curve(0.25, 2.0, BITS).data]
    ['Surprisal log(1/y)', 'Familiar events', 'Your probability y', 'readout of y']
    """
    base = unit.base
    y_top = unit.from_nats(11 * BIT)  # room above the 1-in-1000 event at 9.97 bits
    readout_at = (1.02, unit.from_nats(READOUT_HEIGHT))
    grid = probability_grid()
    curve = cast(FloatArray, measures.surprisal(grid, base))  # over a grid: an array

    def states(y_value: float, value: float) -> list[dict[str, Any]]:
        text = f"y = {y_value:.2f}<br>log(1/y) = {format_value(value, unit)}"
        return [point_state(y_value, value, y_top, text), readout_state(*readout_at, text)]

    ref_y = [prob for _, prob in REFERENCE_EVENTS]
    ref_s = [float(measures.surprisal(prob, base)) for prob in ref_y]
    current = states(y, value)
    traces: list[dict[str, Any]] = [
        {
            "x": grid,
            "y": gaps_for_infinity(curve),
            "mode": "lines",
            "name": "Surprisal log(1/y)",
            "line": {"color": SURPRISAL, "width": 3},
            "hovertemplate": f"y = %{{x:.4f}}<br>log(1/y) = %{{y:.6f}} {unit}<extra></extra>",
        },
        {
            "x": ref_y,
            "y": ref_s,
            "mode": "markers",
            "name": "Familiar events",
            "marker": {
                "symbol": "diamond",
                "size": 12,
                "color": ROLES["reference"],
                "line": {"width": 1, "color": "white"},
            },
            "customdata": [event for event, _ in REFERENCE_EVENTS],
            "hovertemplate": f"%{{customdata}}<br>y = %{{x:.4f}}<br>log(1/y) = %{{y:.4f}} {unit}<extra></extra>",
        },
        # The point's readout stays in the empty upper right, clear of the events' labels at every y.
        point_trace("Your probability y", current[0]) | {"mode": "markers"},
        readout_trace("readout of y", current[1]),
    ]
    annotations = [
        {  # above and right of its event, where the falling curve leaves room; two short lines fit a phone
            "x": prob,
            "y": s,
            "text": f"{event}<br>{format_value(s, unit, decimals=3)}",
            "showarrow": False,
            "align": "left",
            "xanchor": "left",
            "yanchor": "bottom" if prob > 0.01 else "middle",
            "xshift": 8,
            "yshift": 4 if prob > 0.01 else 0,
            "font": {"size": 12},
        }
        for (event, prob), s in zip(REFERENCE_EVENTS, ref_s, strict=True)
    ]
    slider = scrubber(
        states,
        measures.surprisal(SCRUB_POSITIONS, base),
        traces=traces,
        moving=["Your probability y", "readout of y"],
        current=y,
        name="y",
        prefix="y = ",
    )
    return figure(
        traces,
        x_title="probability of the outcome y",
        y_title=f"surprisal log(1/y) [{unit}]",
        x_range=(-0.02, 1.02),
        y_range=(0.0, y_top),
        annotations=tuple(annotations),
        height=height,
        sliders=[slider],
    )


def binary_entropy_curve(p: float, value: float, unit: Unit, *, height: int = 320) -> go.Figure:
    """Binary entropy H(p′) over every p′, with the current p and its entropy ``value`` (in ``unit``) marked.

    The maximum is log 2, at p′ = ½.

    Examples
    --------
    >>> from core.units import BITS
    >>> fig = binary_entropy_curve(0.25, 0.8113, BITS)
    >>> [trace.name for trace in fig.data], fig.data[1].x
    (['Binary entropy H(p)', 'Your p'], (0.25,))
    """
    base = unit.base
    grid = np.linspace(0.0, 1.0, 201)
    text = f"H({p:.2f}) = {format_value(value, unit)}"
    marker = point_trace("Your p", point_state(p, value, math.inf, text, label_left=p > 0.6))  # inside the plot
    traces = [
        {
            "x": grid,
            "y": measures.binary_entropy(grid, base),
            "mode": "lines",
            "name": "Binary entropy H(p)",
            "line": {"color": ROLES["entropy"], "width": 3},
            "hovertemplate": f"p = %{{x:.2f}}<br>H(p) = %{{y:.6f}} {unit}<extra></extra>",
        },
        marker,
    ]
    return figure(
        traces,
        x_title="probability of outcome 1, p",
        y_title=f"entropy H(p) [{unit}]",
        x_range=(-0.02, 1.02),
        y_range=(0.0, unit.from_nats(1.1 * BIT)),
        height=height,
    )

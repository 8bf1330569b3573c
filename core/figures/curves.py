"""Curves of one variable: surprisal, binary entropy, the headline cross-entropy curve, and averages
over draws approaching their limits."""

from __future__ import annotations

import math
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import plotly.graph_objects as go

from core import measures
from core._checks import FloatArray
from core.comparison import Comparison
from core.figures._common import (
    KEPT_FEW,
    KEPT_FIGURES,
    KEPT_LARGE,
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
from core.figures.colors import GAP_FILL, ROLES, SURPRISAL, translucent
from core.memo import kept
from core.sampling import MAX_DRAWS, RunningMeans
from core.units import BIT, Unit, format_value

__all__ = ["binary_entropy_curve", "cross_entropy_curve", "probability_grid", "running_means_curve", "surprisal_curve"]

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


@kept(KEPT_FIGURES)
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


@kept(KEPT_LARGE)
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


@kept(KEPT_FIGURES)
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


#: The draws after which the averages are plotted: 150 steps even on the log axis, the same at every
#: count, so that more draws add points to the right of the curve and leave the rest as it was.
CHECKPOINTS = np.unique(np.round(np.geomspace(1, MAX_DRAWS, 150)).astype(np.int64))


@kept(KEPT_FEW)
def running_means_curve(s: RunningMeans, *, height: int = 440) -> go.Figure:
    """The averages of log(1/q(x)) and log(1/p(x)) after each number of draws k (a log axis), each
    within a band of ±2 standard errors, approaching their limits H(p, q) and H(p), drawn as lines.

    Parameters
    ----------
    s : RunningMeans
        The draws and their averages, in ``s.unit``.
    height : int
        The chart's height in pixels.

    Returns
    -------
    plotly.graph_objects.Figure
        For each average, in order: its band (from the second draw, the first that measures a
        spread), its limit, the average itself and its last value, marked. The averages are drawn at
        the ``CHECKPOINTS`` up to ``s.count`` and at ``s.count`` itself, exact there: at most about
        150 points a curve, whatever the count. The x axis runs to ``MAX_DRAWS``, so the curves grow
        to the right as the draws go on. Where the average of log(1/q(x)) turns ∞ (q rules out an
        outcome drawn), its curve stops, a triangle at the top edge says "∞" from that draw on, and
        its last value sits there too; an ∞ limit H(p, q) has no line, and its legend says ∞.

    Examples
    --------
    >>> from core.sampling import running_means
    >>> fig = running_means_curve(running_means([0.5, 0.5], [0.9, 0.1], 500, seed=0))
    >>> [trace.name for trace in fig.data][1:4]
    ['H(p, q)', 'average of log(1/q(x))', 'average of log(1/q(x)) now']
    >>> int(fig.data[3].x[-1]), len(fig.data[3].x) < 150
    (500, True)
    """
    unit, count = s.unit, s.count
    limits = [limit for limit in (s.cross_entropy_limit, s.entropy_limit) if math.isfinite(limit)]
    # Twice the larger finite limit: room for the averages' first, wilder draws, the same at every
    # count and seed, so the axes hold still while the draws go on.
    y_top = max(2 * max(limits), unit.from_nats(BIT))
    k = np.append(CHECKPOINTS[count > CHECKPOINTS], count)
    traces: list[dict[str, Any]] = []
    series = [
        (
            "log(1/q(x))",
            "H(p, q)",
            ROLES["cross_entropy"],
            s.cross_entropy,
            s.cross_entropy_error,
            s.cross_entropy_limit,
        ),
        ("log(1/p(x))", "H(p)", ROLES["entropy"], s.entropy, s.entropy_error, s.entropy_limit),
    ]
    for rank, (name, limit_name, color, mean, error, limit) in enumerate(series):
        average, spread = mean[k - 1], 2 * error[k - 1]
        banded = np.isfinite(spread)  # from the second draw, and until an ∞ average
        upper, lower = (np.round(average[banded] + sign * spread[banded], 9) for sign in (1, -1))
        # An empty band (∞ from the first draw) as lists: Plotly sends no typed array of no values.
        band_x: npt.NDArray[np.int64] | list[int] = np.concatenate([k[banded], k[banded][::-1]]) if banded.any() else []
        band_y: FloatArray | list[float] = np.concatenate([upper, lower[::-1]]) if banded.any() else []
        last = float(mean[-1])
        text = f"{count} draws: {format_value(last, unit)}" + (
            f" ± {format_value(2 * float(error[-1]), unit)}" if math.isfinite(error[-1]) else ""
        )
        traces += [
            {
                "x": band_x,
                "y": band_y,
                "mode": "lines",
                "name": f"±2 standard errors of the average of {name}",
                "fill": "toself",
                "fillcolor": translucent(color, 0.2),
                "line": {"width": 0, "color": color},
                "legendgroup": name,
                "showlegend": False,
                "hoverinfo": "skip",
            },
            {
                "x": [1, MAX_DRAWS],
                "y": [round(limit, 9), round(limit, 9)] if math.isfinite(limit) else [None, None],
                "mode": "lines",
                "name": limit_name,
                "legendrank": 2 * rank + 2,  # in the legend after its average, which is drawn over it
                "line": {"color": color, "width": 2, "dash": "dash"},
                "hovertemplate": f"{limit_name} = {format_value(limit, unit)}<extra></extra>",
            },
            {
                "x": k,
                "y": gaps_for_infinity(np.round(average, 9)),
                "mode": "lines",
                "name": f"average of {name}",
                "legendgroup": name,
                "legendrank": 2 * rank + 1,
                "line": {"color": color, "width": 3},
                "customdata": [f" ± {format_value(e, unit)}" if math.isfinite(e) else "" for e in spread.tolist()],
                "hovertemplate": f"%{{x}} draws: %{{y:.4f}}%{{customdata}} {unit}<extra>average of {name}</extra>",
            },
            point_trace(f"average of {name} now", point_state(count, last, y_top, text, label_left=True))
            | {"mode": "markers", "legendgroup": name, "showlegend": False, "hovertemplate": "%{text}<extra></extra>"},
        ]
    if s.infinite_from is not None:
        traces.append(
            {
                "x": [s.infinite_from],
                "y": [y_top],
                "mode": "markers+text",
                "name": "the average of log(1/q(x)) turns ∞",
                "text": [f"∞ from draw {s.infinite_from}"],
                "textposition": "bottom right",
                "marker": {"symbol": "triangle-up", "size": 13, "color": ROLES["cross_entropy"]},
                "showlegend": False,
                "cliponaxis": False,
                "hovertemplate": f"draw {s.infinite_from}: q(x) = 0, so log(1/q(x)) = ∞<extra></extra>",
            }
        )
    return figure(
        traces,
        x_title="number of draws k",
        y_title=f"average over the draws [{unit}]",
        x_range=(-0.05, math.log10(MAX_DRAWS) + 0.05),  # a log axis's range is in powers of ten
        y_range=(0.0, y_top),
        height=height,
        xaxis={"type": "log", "tickvals": [1, 10, 100, 1000]},  # no more: a phone would tilt them
    )

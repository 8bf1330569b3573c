"""Bar charts of distributions over n outcomes and of where their entropy and cross-entropy come from."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt
import plotly.graph_objects as go

from core.comparison import Comparison
from core.figures._common import figure
from core.figures.colors import ROLES, SURPRISAL
from core.units import BIT, Unit, format_value

__all__ = ["cross_entropy_contributions", "decomposition_bar", "distribution_bars", "entropy_contributions"]

#: Top of the surprisal axis, in nats (7 bits): above the largest finite value the controls allow
#: (an outcome of weight 1 among seven of weight 10 has log₂ 71 ≈ 6.15 bits of surprisal).
BARS_TOP = 7 * BIT
#: Top of the cross-entropy axes, in nats (3 bits): most shares are far below; a taller bar reaches
#: the top edge and its label gives its value.
SHARES_TOP = 3 * BIT


def _outcome_axis(n: int) -> dict[str, Any]:
    return {"tickmode": "array", "tickvals": list(range(1, n + 1)), "range": [0.5, n + 0.5]}


def _per_outcome(traces: list[dict[str, Any]], n: int, unit: Unit, y_top: float, *, height: int) -> go.Figure:
    """Grouped bars over the n outcomes, on an axis in ``unit`` fixed at [0, y_top]."""
    return figure(
        traces,
        x_title="outcome i",
        y_title=unit.name,
        y_range=(0.0, y_top),
        barmode="group",
        height=height,
        xaxis=_outcome_axis(n),
    )


def _bars(
    values: npt.ArrayLike, name: str, color: str, unit: Unit | None, y_top: float, *, show_values: bool = True
) -> dict[str, Any]:
    """Bars labelled with their values; a bar above the axis (∞ included) stops at the top edge."""
    values = np.asarray(values, dtype=float)
    labels = [format_value(float(v), unit, decimals=3) for v in values]
    return {
        "type": "bar",
        "x": list(range(1, values.size + 1)),
        "y": np.minimum(values, y_top),
        "name": name,
        "marker": {"color": color},
        "text": [label.removesuffix(f" {unit.name}") if unit else label for label in labels] if show_values else None,
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": labels,
        "hovertemplate": f"outcome %{{x}}: %{{customdata}}<extra>{name}</extra>",
    }


def _level(value: float, n: int, name: str, color: str, dash: str) -> dict[str, Any]:
    """A horizontal line across every outcome's slot."""
    return {
        "x": [0.5, n + 0.5],
        "y": [value, value],
        "mode": "lines",
        "name": name,
        "line": {"color": color, "width": 2.5, "dash": dash},
        "hovertemplate": f"{name}<extra></extra>",
    }


def distribution_bars(
    p: npt.ArrayLike,
    q: npt.ArrayLike | None = None,
    *,
    names: tuple[str, str] = ("true p", "estimate q"),
    show_values: bool = True,
    height: int = 320,
) -> go.Figure:
    """Bars of the probabilities p_i, and of q_i beside them when an estimate ``q`` is given.

    ``names`` label the two series in the legend; ``show_values=False`` leaves the values to the
    hover labels, for charts too narrow to print them.

    Examples
    --------
    >>> fig = distribution_bars([0.5, 0.25, 0.25], [0.2, 0.2, 0.6])
    >>> [trace.name for trace in fig.data], fig.data[1].y.tolist()
    (['true p', 'estimate q'], [0.2, 0.2, 0.6])
    """
    p = np.asarray(p, dtype=float)
    traces = [_bars(p, names[0], ROLES["truth"], None, 1.0, show_values=show_values)]
    if q is not None:
        traces.append(_bars(q, names[1], ROLES["estimate"], None, 1.0, show_values=show_values))
    return figure(
        traces,
        x_title="outcome i",
        y_title="probability",
        y_range=(0.0, 1.12),
        height=height,
        barmode="group",
        showlegend=q is not None,
        xaxis=_outcome_axis(p.size),
    )


def entropy_contributions(c: Comparison, *, height: int = 380) -> go.Figure:
    """Each outcome's surprisal log(1/p_i) and its share p_i·log(1/p_i) of the entropy.

    The shares add up to H(p), drawn as a line below the maximum log n, which only the uniform
    distribution reaches.

    Examples
    --------
    >>> from core.comparison import compare
    >>> fig = entropy_contributions(compare([0.5, 0.25, 0.125, 0.125]))
    >>> [trace.name for trace in fig.data]
    ['surprisal log(1/pᵢ)', 'share pᵢ·log(1/pᵢ)', 'entropy H(p) = 1.7500 bits', 'maximum log n = 2.0000 bits']
    """
    unit, n = c.unit, c.n
    y_top = unit.from_nats(BARS_TOP)
    traces = [
        _bars(c.surprisals, "surprisal log(1/pᵢ)", SURPRISAL, unit, y_top),
        _bars(c.entropy_terms, "share pᵢ·log(1/pᵢ)", ROLES["entropy"], unit, y_top),
        _level(c.entropy, n, f"entropy H(p) = {format_value(c.entropy, unit)}", ROLES["entropy"], "solid"),
        _level(c.max_entropy, n, f"maximum log n = {format_value(c.max_entropy, unit)}", ROLES["reference"], "dash"),
    ]
    return _per_outcome(traces, n, unit, y_top, height=height)


def cross_entropy_contributions(c: Comparison, *, height: int = 360) -> go.Figure:
    """Each outcome's share of H(p) and of H(p, q), side by side: where the extra cost comes from.

    Examples
    --------
    >>> from core.comparison import compare
    >>> fig = cross_entropy_contributions(compare([0.5, 0.5], [1.0, 0.0]))
    >>> [trace.name for trace in fig.data[:2]], fig.data[1].text
    (['pᵢ·log(1/pᵢ), adds up to H(p)', 'pᵢ·log(1/qᵢ), adds up to H(p, q)'], ('0.000', '∞'))
    """
    unit = c.unit
    y_top = unit.from_nats(SHARES_TOP)
    traces = [
        _bars(c.entropy_terms, "pᵢ·log(1/pᵢ), adds up to H(p)", ROLES["entropy"], unit, y_top),
        _bars(c.cross_entropy_terms, "pᵢ·log(1/qᵢ), adds up to H(p, q)", ROLES["cross_entropy"], unit, y_top),
    ]
    return _per_outcome(traces, c.n, unit, y_top, height=height)


def decomposition_bar(c: Comparison, *, height: int = 190) -> go.Figure:
    """One stacked bar: H(p, q) = H(p) + D(p‖q), the entropy plus the price of the wrong belief.

    Examples
    --------
    >>> from core.comparison import compare
    >>> fig = decomposition_bar(compare([0.5, 0.5], [0.9, 0.1]))
    >>> [trace.name for trace in fig.data], fig.layout.barmode
    (['entropy H(p) = 1.0000 bits', 'KL divergence D(p‖q) = 0.7370 bits'], 'stack')
    """
    unit, h = c.unit, c.entropy
    x_top = unit.from_nats(BARS_TOP)  # H(p, q) ≤ log(1/min q_i) ≤ log₂ 71 bits when finite
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "y": ["H(p, q)"],
            "x": [value if math.isfinite(value) else x_top - h],
            "name": f"{name} = {format_value(value, unit)}",
            "marker": {"color": color},
            "hovertemplate": f"{name} = {format_value(value, unit, decimals=6)}<extra></extra>",
        }
        for name, value, color in (
            ("entropy H(p)", h, ROLES["entropy"]),
            ("KL divergence D(p‖q)", c.kl_divergence, ROLES["kl_gap"]),
        )
    ]
    return figure(
        traces,
        x_title=f"H(p, q) = H(p) + D(p‖q) = {format_value(c.cross_entropy, unit)}",
        y_title="",
        x_range=(0.0, x_top),
        barmode="stack",
        height=height,
        yaxis={"showticklabels": False, "fixedrange": True},
    )

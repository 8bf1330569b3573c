"""Bar charts of distributions over n outcomes and of where their entropy and cross-entropy come from."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt
import plotly.graph_objects as go

from core.codes import CodeComparison, lengths
from core.comparison import Comparison
from core.distributions import MAX_WEIGHT
from core.figures._common import KEPT_FIGURES, figure, true_minus
from core.figures.colors import IDEAL_FILL, ROLES, SURPRISAL, SURPRISAL_FILL, ink
from core.fitting import DirectionFits, NormalFit
from core.memo import kept
from core.units import BIT, BITS, Unit, format_value

__all__ = [
    "code_lengths",
    "cross_entropy_contributions",
    "decomposition_bar",
    "distribution_bars",
    "entropy_contributions",
    "normal_fits",
]

#: Top of the surprisal axis, in nats (7 bits): above the largest finite value the controls allow
#: (an outcome of weight 1 among seven of weight 10 has log₂ 71 ≈ 6.15 bits of surprisal).
BARS_TOP = 7 * BIT
#: Top of the cross-entropy axes, in nats (3 bits): most shares are far below; a taller bar reaches
#: the top edge and its label gives its value.
SHARES_TOP = 3 * BIT
#: Room above a bar axis's top, as a share of it: where the label of a bar cut at the top (∞) goes.
HEADROOM = 0.12


def codes_top(n: int) -> float:
    """Top of the code-length axis for n symbols, in whole bits: a Huffman codeword has at most n − 1
    bits, and the longest finite ideal length the weight sliders allow is log₂(1 + 10·(n − 1)), one
    symbol of weight 1 among n − 1 of weight 10. Fixed for each n, so the axis keeps still as p and q move.

    Examples
    --------
    >>> codes_top(2), codes_top(3), codes_top(8)
    (4.0, 5.0, 7.0)
    """
    return float(math.ceil(max(n - 1, math.log2(1 + MAX_WEIGHT * (n - 1)))))


#: The size of a bar's label in pixels: fixed, so that plotly.js never shrinks it to fit a thin bar.
LABEL_SIZE = 11
#: More bars than this on a chart leave each too thin for a label across it: labels then stand upright.
UPRIGHT_FROM = 7
#: How much of the axis a label takes up along its bar, across (one line) and upright (five characters).
LABEL_SPAN = {False: 0.08, True: 0.17}
#: The share of an outcome's slot its bars take together, as plotly.js groups them by default.
GROUP_WIDTH = 0.8


def _outcome_axis(n: int) -> dict[str, Any]:
    return {"tickmode": "array", "tickvals": list(range(1, n + 1)), "range": [0.5, n + 0.5]}


def _per_outcome(
    traces: list[dict[str, Any]],
    n: int,
    y_title: str,
    y_top: float,
    *,
    height: int,
    levels: tuple[dict[str, Any], ...] = (),
    showlegend: bool = True,
) -> go.Figure:
    """Bars over the n outcomes, side by side, on an axis fixed at [0, y_top] with room for labels
    above it, and ``levels`` (``_level``) behind them."""
    infinite = [_infinity_label(trace) for trace in traces if trace.get("type") == "bar"]
    return figure(
        traces,
        x_title="outcome i",
        y_title=y_title,
        y_range=(0.0, y_top * (1 + HEADROOM)),
        height=height,
        shapes=levels,
        showlegend=showlegend,
        annotations=tuple(label for labels in infinite for label in labels),
        xaxis=_outcome_axis(n),
    )


def _bars(
    values: npt.ArrayLike,
    name: str,
    color: str,
    unit: Unit | None,
    y_top: float,
    *,
    slot: tuple[int, int] = (0, 1),
    show_values: bool = True,
    outline: str | None = None,
) -> dict[str, Any]:
    """Bars labelled with their values; a bar above the axis (∞ included) stops at the top edge.

    ``slot`` is (which, how many): the bars' place among the series drawn side by side; ``outline``
    the colour of the bars' edges, for a fill too light to read on the page by itself. A label
    stands upright when the chart has more than ``UPRIGHT_FROM`` bars, and sits inside the top of
    its bar when the bar is tall enough for it, so that it never crosses a line drawn above the bar;
    ∞ is written above its bar by ``_infinity_label``, always upright.
    """
    values = np.asarray(values, dtype=float)
    which, count = slot
    width = GROUP_WIDTH / count
    upright = values.size * count > UPRIGHT_FROM
    labels = [format_value(float(v), unit, decimals=3) for v in values]
    inside = values >= LABEL_SPAN[upright] * y_top * (1 + HEADROOM)
    return {
        "type": "bar",
        "x": list(range(1, values.size + 1)),
        "y": np.minimum(values, y_top),
        "width": width,
        "offset": -GROUP_WIDTH / 2 + which * width,
        "name": name,
        "marker": {"color": color} | ({"line": {"color": outline, "width": 1.5}} if outline else {}),
        "text": [true_minus(label.removesuffix(f" {unit}")) if label != "∞" else "" for label in labels]
        if show_values
        else None,
        "textposition": ["inside" if tall else "outside" for tall in inside],
        "insidetextanchor": "end",
        "textangle": -90 if upright else 0,
        "textfont": {"size": LABEL_SIZE},
        "insidetextfont": {"size": LABEL_SIZE, "color": ink(color)},
        "constraintext": "none",
        "cliponaxis": False,
        "customdata": labels,
        "hovertemplate": f"outcome %{{x}}: %{{customdata}}<extra>{name}</extra>",
    }


def _infinity_label(bars: dict[str, Any]) -> list[dict[str, Any]]:
    """The label "∞" above each of these bars that is infinite (cut at the top edge), across and in full size."""
    middle = bars["offset"] + bars["width"] / 2
    return [
        {"x": x + middle, "y": top, "text": "∞", "showarrow": False, "yanchor": "bottom", "font": {"size": 16}}
        for x, top, label in zip(bars["x"], bars["y"], bars["customdata"], strict=True)
        if label == "∞"
    ]


def _level(value: float, n: int, name: str, color: str, dash: str) -> dict[str, Any]:
    """A horizontal line across every outcome's slot, named in the legend.

    It runs behind the bars: a bar's label, inside or above it, is never crossed by it.
    """
    return {
        "type": "line",
        "x0": 0.5,
        "x1": n + 0.5,
        "y0": value,
        "y1": value,
        "layer": "below",
        "name": name,
        "showlegend": True,
        "line": {"color": color, "width": 2.5, "dash": dash},
    }


@kept(KEPT_FIGURES)
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
    count = 1 if q is None else 2
    traces = [_bars(p, names[0], ROLES["truth"], None, 1.0, slot=(0, count), show_values=show_values)]
    if q is not None:
        traces.append(_bars(q, names[1], ROLES["estimate"], None, 1.0, slot=(1, count), show_values=show_values))
    return _per_outcome(traces, p.size, "probability", 1.0, height=height, showlegend=q is not None)


@kept(KEPT_FIGURES)
def entropy_contributions(c: Comparison, *, height: int = 380) -> go.Figure:
    """Each outcome's surprisal log(1/p_i) and its share p_i·log(1/p_i) of the entropy.

    The shares add up to H(p), drawn as a line below the maximum log n, which only the uniform
    distribution reaches; both lines run behind the bars. At more than 3 outcomes the labels stand
    upright, and a bar's label sits inside its top when it fits there.

    Examples
    --------
    >>> from core.comparison import compare
    >>> fig = entropy_contributions(compare([0.5, 0.25, 0.125, 0.125]))
    >>> [trace.name for trace in fig.data], [level.name for level in fig.layout.shapes]
    (['surprisal log(1/pᵢ)', 'share pᵢ·log(1/pᵢ)'], ['entropy H(p) = 1.7500 bits', 'maximum log n = 2.0000 bits'])
    """
    unit, n = c.unit, c.n
    y_top = unit.from_nats(BARS_TOP)
    traces = [
        _bars(c.surprisals, "surprisal log(1/pᵢ)", SURPRISAL_FILL, unit, y_top, slot=(0, 2), outline=SURPRISAL),
        _bars(c.entropy_terms, "share pᵢ·log(1/pᵢ)", ROLES["entropy"], unit, y_top, slot=(1, 2)),
    ]
    levels = (
        _level(c.entropy, n, f"entropy H(p) = {format_value(c.entropy, unit)}", ROLES["entropy"], "solid"),
        _level(c.max_entropy, n, f"maximum log n = {format_value(c.max_entropy, unit)}", ROLES["reference"], "dash"),
    )
    return _per_outcome(traces, n, unit.name, y_top, height=height, levels=levels)


@kept(KEPT_FIGURES)
def cross_entropy_contributions(c: Comparison, *, height: int = 360) -> go.Figure:
    """Each outcome's share of H(p) and of H(p, q), side by side: where the extra cost comes from.

    Examples
    --------
    >>> from core.comparison import compare
    >>> fig = cross_entropy_contributions(compare([0.5, 0.5], [1.0, 0.0]))
    >>> [trace.name for trace in fig.data[:2]], fig.data[1].text, [label.text for label in fig.layout.annotations]
    (['pᵢ·log(1/pᵢ), adds up to H(p)', 'pᵢ·log(1/qᵢ), adds up to H(p, q)'], ('0.000', ''), ['∞'])
    """
    unit = c.unit
    y_top = unit.from_nats(SHARES_TOP)
    traces = [
        _bars(c.entropy_terms, "pᵢ·log(1/pᵢ), adds up to H(p)", ROLES["entropy"], unit, y_top, slot=(0, 2)),
        _bars(
            c.cross_entropy_terms, "pᵢ·log(1/qᵢ), adds up to H(p, q)", ROLES["cross_entropy"], unit, y_top, slot=(1, 2)
        ),
    ]
    return _per_outcome(traces, c.n, unit.name, y_top, height=height)


@kept(KEPT_FIGURES)
def decomposition_bar(c: Comparison, *, height: int = 190) -> go.Figure:
    """One stacked bar: H(p, q) = H(p) + D(p‖q), the entropy plus the price of the wrong belief.

    The axis runs a little past the larger of H(p, q) and log n.

    Examples
    --------
    >>> from core.comparison import compare
    >>> fig = decomposition_bar(compare([0.5, 0.5], [0.9, 0.1]))
    >>> [trace.name for trace in fig.data], fig.layout.barmode
    (['entropy H(p) = 1.0000 bits', 'KL divergence D(p‖q) = 0.7370 bits'], 'stack')
    """
    unit, h = c.unit, c.entropy
    # Scaled to the bar and to log n, the most H(p) can be: a bar of any size fills most of the width,
    # and n outcomes keep the scale as p and q change. An infinite D(p‖q) runs to the edge.
    x_top = (1 + HEADROOM) * max(c.cross_entropy if math.isfinite(c.cross_entropy) else h, c.max_entropy)
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


@kept(KEPT_FIGURES)
def code_lengths(c: CodeComparison, *, height: int = 380) -> go.Figure:
    """Each symbol's length in bits: ideal for q, log₂(1/qᵢ); q's Huffman codeword; p's Huffman codeword.

    Lines behind the bars mark H(p, q) and H(p), the expected ideal lengths under p of q's code and
    of p's: the bars averaged with the weights pᵢ. A symbol q's code cannot send has length ∞.

    Examples
    --------
    >>> from core.codes import compare_codes
    >>> fig = code_lengths(compare_codes([0.5, 0.25, 0.25], [0.25, 0.25, 0.5]))
    >>> [trace.name for trace in fig.data]
    ['ideal for q: log₂(1/qᵢ)', "q's Huffman codeword", "p's Huffman codeword"]
    >>> fig.data[1].y.tolist(), [level.name for level in fig.layout.shapes]
    ([2.0, 2.0, 1.0], ['H(p, q) = 1.7500 bits', 'H(p) = 1.5000 bits'])
    """
    n = c.p.size
    y_top = codes_top(n)
    traces = [
        _bars(
            c.ideal_q,
            "ideal for q: log₂(1/qᵢ)",
            IDEAL_FILL,
            BITS,
            y_top,
            slot=(0, 3),
            outline=ROLES["estimate"],
        ),
        _bars(lengths(c.huffman_q), "q's Huffman codeword", ROLES["estimate"], BITS, y_top, slot=(1, 3)),
        _bars(lengths(c.huffman_p), "p's Huffman codeword", ROLES["truth"], BITS, y_top, slot=(2, 3)),
    ]
    levels = (
        # ∞ when q's code cannot send a symbol of p: drawn at the top edge, as an infinite bar is.
        _level(
            min(c.cross_entropy, y_top),
            n,
            f"H(p, q) = {format_value(c.cross_entropy, BITS)}",
            ROLES["cross_entropy"],
            "solid",
        ),
        _level(c.entropy, n, f"H(p) = {format_value(c.entropy, BITS)}", ROLES["entropy"], "dash"),
    )
    return _per_outcome(traces, n, "length in bits", y_top, height=height, levels=levels)


#: How each fit is drawn: its name's divergence, its colour's role, its line and its marker. The fit by
#: D(p‖q) minimises the cross-entropy H(p, q) (H(p) is fixed), the loss of the later pages; the fit by
#: D(q‖p) minimises a divergence that is no cross-entropy alone, so it takes the divergence's colour.
#: Dash and marker tell them apart without colour too.
_FIT_STYLES = {
    "forward": ("D(p‖q)", ROLES["cross_entropy"], "solid", "circle"),
    "reverse": ("D(q‖p)", ROLES["kl_gap"], "dash", "diamond"),
}


def _fit_trace(fit: NormalFit) -> dict[str, Any]:
    """A fitted q as a line through its probabilities, one marker per outcome, named by what it minimised.

    Its μ and σ are in its hover label, not in its name: three names with them took three lines of
    legend on a phone.
    """
    divergence, color, dash, symbol = _FIT_STYLES[fit.direction]
    name = f"best q by {divergence}"
    return {
        "x": list(range(1, fit.q.size + 1)),
        "y": fit.q,
        "mode": "lines+markers",
        "name": name,
        "line": {"color": color, "width": 3, "dash": dash},
        "marker": {"color": color, "size": 10, "symbol": symbol},
        "hovertemplate": f"outcome %{{x}}: %{{y:.3f}}<extra>{name}<br>μ = {fit.mu:.2f}, σ = {fit.sigma:.2f}</extra>",
    }


@kept(KEPT_FIGURES)
def normal_fits(fits: DirectionFits, *, height: int = 380) -> go.Figure:
    """A true p as bars, and over them its best discretised normal by D(p‖q) and by D(q‖p).

    The probability axis is fixed at [0, 1] with room above, as for every distribution on the pages,
    so that the narrow fit's tall peak and the wide fit's low one are seen at their true heights.

    Examples
    --------
    >>> from core.fitting import fit_both_directions
    >>> fig = normal_fits(fit_both_directions())
    >>> [trace.name for trace in fig.data]
    ['true p', 'best q by D(p‖q)', 'best q by D(q‖p)']
    """
    p = fits.p
    traces = [
        _bars(p, "true p", ROLES["truth"], None, 1.0, show_values=False),
        _fit_trace(fits.forward),
        _fit_trace(fits.reverse),
    ]
    return _per_outcome(traces, p.size, "probability", 1.0, height=height)

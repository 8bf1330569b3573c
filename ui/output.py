"""Numbers as a learner sees them: metric cards in the chosen unit, and the note that a value is ∞."""

from __future__ import annotations

import math
from collections.abc import Sequence

import streamlit as st

from core import Comparison, Unit, format_value, perplexity
from core.fitting import DirectionFits

__all__ = [
    "announce",
    "code_tabs",
    "comparison_metrics",
    "directions_table",
    "fits_table",
    "format_perplexity",
    "infinite",
    "metrics",
    "table",
]


def metrics(
    values: Sequence[tuple[str, float | str]],
    unit: Unit | None,
    *,
    per_row: int | None = None,
    spoken: str | None = None,
) -> None:
    """Metric cards, one per (label, value), ``per_row`` a row: a number with four decimals and the
    unit, or ∞; text as it is. Screen readers hear them when they change (``announce``): ``spoken``,
    or by default each label with its value.

    A row stays a row on a phone, its cards made small by ``ui/app.css``: the page's chart then
    starts on the first screen.
    """
    columns = st.columns(per_row or len(values), wrap=False)
    texts = [value if isinstance(value, str) else format_value(value, unit) for _, value in values]
    for i, ((label, _), text) in enumerate(zip(values, texts, strict=True)):
        columns[i % len(columns)].metric(label, text, border=True, height="stretch")
    spoken = spoken or "; ".join(f"{label}: {text}" for (label, _), text in zip(values, texts, strict=True))
    announce(spoken, key=f"announce-{values[0][0]}")


#: A status region (``role="status"``: polite), kept on the page from one run to the next under its
#: key, its words replaced as text: a region that is new each time would not be read out. The words
#: go as UTF-8 bytes, which Streamlit passes on as they are (other data is searched for data frames,
#: which imports pandas).
_announcer = st.components.v2.component(
    "announce",
    html='<p class="announced" role="status"></p>',
    js="""export default ({ data, parentElement }) => {
  parentElement.querySelector(".announced").textContent = new TextDecoder().decode(data);
};""",
    isolate_styles=False,
)


def announce(text: str, *, key: str) -> None:
    """Say ``text`` to screen readers, without showing it, whenever it changes (``ui/app.css`` hides
    it); ``key`` keeps its region on the page from one run to the next."""
    _announcer(data=text.encode(), key=key)


def format_perplexity(nats: float) -> str:
    """The perplexity of a cross-entropy of ``nats`` (e^H: a count of equally likely outcomes, the
    same in every unit) as a metric shows it: four decimals, in powers of ten from a million on, or ∞."""
    value = float(perplexity(nats, math.e))
    if value < 1e6 or value == math.inf:
        return format_value(value)
    mantissa, exponent = f"{value:.3e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPTS)}"


_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def infinite(text: str) -> None:
    """Say why a value shown is ∞, next to it."""
    st.error(text, icon=":material/all_inclusive:")


def table(header: Sequence[str], rows: Sequence[Sequence[str | float]], *, decimals: int = 4) -> None:
    """A small table as Markdown: text as it is (no ``|`` in it), numbers with ``decimals``, or ∞."""
    cells = [[cell if isinstance(cell, str) else format_value(cell, decimals=decimals) for cell in row] for row in rows]
    lines = [header, ["---"] * len(header), *cells]
    st.markdown("\n".join("| " + " | ".join(line) + " |" for line in lines))


def code_tabs(snippets: dict[str, str]) -> None:
    """Code to copy, a tab per language."""
    for tab, code in zip(st.tabs(list(snippets)), snippets.values(), strict=True):
        tab.code(code, language="python")


def comparison_metrics(c: Comparison) -> None:
    """The three numbers of a comparison: H(p), H(p, q) and D(p‖q), in its unit."""
    entropy, cross_entropy, gap = (format_value(v, c.unit) for v in (c.entropy, c.cross_entropy, c.kl_divergence))
    metrics(
        [
            ("Entropy H(p)", c.entropy),
            ("Cross-entropy H(p, q)", c.cross_entropy),
            ("KL divergence D(p‖q)", c.kl_divergence),
        ],
        c.unit,
        spoken=f"Cross-entropy {cross_entropy}, {gap} above the entropy, {entropy}",
    )


def directions_table(c: Comparison) -> None:
    """Cross-entropy and KL divergence both ways: p judged by q, and q judged by p."""
    table(
        ["measure", "truth p, estimate q", "truth q, estimate p"],
        [
            [
                "cross-entropy",
                f"H(p, q) = {format_value(c.cross_entropy, c.unit)}",
                f"H(q, p) = {format_value(c.reversed_cross_entropy, c.unit)}",
            ],
            [
                "KL divergence",
                f"D(p‖q) = {format_value(c.kl_divergence, c.unit)}",
                f"D(q‖p) = {format_value(c.reversed_kl_divergence, c.unit)}",
            ],
        ],
    )


def fits_table(fits: DirectionFits) -> None:
    """Each direction's best q: its μ and σ, and its divergence both ways in the fits' unit, the one it
    was fitted to make least in bold, so that each fit is seen to lose the direction it was not fitted by."""
    unit = fits.unit
    rows = []
    for fit, words in ((fits.forward, "D(p‖q): covers both modes"), (fits.reverse, "D(q‖p): settles on one mode")):
        divergences = [format_value(fit.forward_divergence, unit), format_value(fit.reverse_divergence, unit)]
        least = 0 if fit.direction == "forward" else 1
        divergences[least] = f"**{divergences[least]}**"
        rows.append([words, f"{fit.mu:.2f}", f"{fit.sigma:.2f}", *divergences])
    table(["best q by", "μ", "σ", "D(p‖q)", "D(q‖p)"], rows)
    st.caption("In bold: the divergence each q was fitted to make as small as it can be.")

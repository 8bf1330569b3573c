r"""LaTeX for the formulas the pages show, with the current numbers substituted.

Every function returns a string for ``st.latex``; the numbers come from ``core.measures``.
"""

from __future__ import annotations

from core import measures
from core.units import format_value, unit_base, unit_symbol

__all__ = ["binary_formulas", "format_probability"]


def format_probability(x: float) -> str:
    """A probability as a formula shows it: two decimals, more only where the value needs them.

    Examples
    --------
    >>> format_probability(0.3), format_probability(1.0), format_probability(0.125)
    ('0.30', '1.00', '0.125')
    """
    decimals = next((d for d in range(2, 6) if abs(round(x, d) - x) < 1e-12), 6)
    return f"{x:.{decimals}f}"


def _value(x: float, unit: str) -> str:
    text = format_value(x, unit)
    return r"\infty" if text == "∞" else text.replace(f" {unit}", rf"\ \text{{{unit}}}")


def _sum(name: str, weights, numerators, denominators, log: str, value: str) -> str:
    """One quantity as an ``aligned`` block: a row per term, then its value; narrow enough for a phone."""
    terms = [
        rf"{format_probability(w)}\,{log}\frac{{{num}}}{{{format_probability(d)}}}"
        for w, num, d in zip(weights, numerators, denominators, strict=True)
    ]
    # The strut gives the first row the height of its fraction; without it KaTeX clips the numerator.
    first = rf"\rule{{0pt}}{{2.2em}}{name} &= {terms[0]}"
    rows = [first, *(rf"&\quad + {term}" for term in terms[1:]), f"&= {value}"]
    return r"\begin{aligned}" + " \\\\ ".join(rows) + r"\end{aligned}"


def binary_formulas(p: float, q: float, unit: str) -> tuple[str, str, str]:
    r"""H(p), H(p, q) and D(p‖q) for two outcomes, each written out with its numbers and its value.

    Parameters
    ----------
    p, q : float
        True and predicted probabilities of outcome 1.
    unit : {"bits", "nats", "hartleys"}

    Returns
    -------
    tuple of str
        LaTeX for H(p), H(p, q) and D(p‖q), in that order.

    Examples
    --------
    >>> for row in binary_formulas(0.3, 0.65, "bits")[1].split(r" \\ "):
    ...     print(row)
    \begin{aligned}\rule{0pt}{2.2em}H(p, q) &= 0.30\,\log_2\frac{1}{0.65}
    &\quad + 0.70\,\log_2\frac{1}{0.35}
    &= 1.2466\ \text{bits}\end{aligned}
    """
    base = unit_base(unit)
    log = unit_symbol(unit)
    ps, qs = (p, 1.0 - p), (q, 1.0 - q)
    h = float(measures.binary_entropy(p, base))
    hpq = float(measures.binary_cross_entropy(p, q, base))
    kl = float(measures.kl_divergence([p, 1.0 - p], [q, 1.0 - q], base))
    ratios = tuple(format_probability(x) for x in ps)
    return (
        _sum("H(p)", ps, ("1", "1"), ps, log, _value(h, unit)),
        _sum("H(p, q)", ps, ("1", "1"), qs, log, _value(hpq, unit)),
        _sum(r"D(p\,\|\,q)", ps, ratios, qs, log, _value(kl, unit)),
    )

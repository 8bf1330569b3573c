r"""LaTeX for the formulas the pages show, with the current numbers substituted.

Every function returns a string for ``st.latex``; the values come computed, in their unit
(a ``Comparison``), so a formula shows exactly the number the metrics beside it show. A term whose
logarithm is infinite says under it what it adds: 0 by convention where its weight p_i is 0, else ∞.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.comparison import Comparison
from core.units import Unit, format_value

__all__ = [
    "comparison_formulas",
    "cross_entropy_formula",
    "entropy_formula",
    "format_probability",
    "kl_formula",
    "surprisal_formula",
]


def format_probability(x: float) -> str:
    """A probability as a formula shows it: two decimals, up to four where the value needs them.

    Examples
    --------
    >>> format_probability(0.3), format_probability(1.0), format_probability(0.125), format_probability(1 / 3)
    ('0.30', '1.00', '0.125', '0.3333')
    """
    decimals = next((d for d in range(2, 4) if abs(round(x, d) - x) < 1e-12), 4)
    return f"{x:.{decimals}f}"


def _value(x: float, unit: Unit) -> str:
    text = format_value(x, unit)
    return r"\infty" if text == "∞" else text.replace(f" {unit.name}", rf"\ \text{{{unit.name}}}")


def _term(weight: float, numerator: float | None, denominator: float, log: str) -> str:
    """One term, weight·log(numerator/denominator), with a numerator of ``None`` written as 1.

    A term whose logarithm is infinite is marked with what it adds: 0 where the weight is 0 (an
    outcome that never happens costs nothing, 0·log(1/0) = 0 by convention), ∞ otherwise.
    """
    top = "1" if numerator is None else format_probability(numerator)
    term = rf"{format_probability(weight)}\,{log}\frac{{{top}}}{{{format_probability(denominator)}}}"
    if weight == 0 and (denominator == 0 or numerator == 0):
        return rf"\underbrace{{{term}}}_{{=\,0\text{{ by convention}}}}"
    if denominator == 0:
        return rf"\underbrace{{{term}}}_{{=\,\infty}}"
    return term


def _sum(
    name: str,
    weights: Iterable[float],
    denominators: Iterable[float],
    unit: Unit,
    value: float,
    per_row: int,
    numerators: Iterable[float] | None = None,
) -> str:
    """One quantity as an ``aligned`` block: ``per_row`` terms a row, then the value on its own row.

    The terms are weight·log(numerator/denominator), the numerators 1 unless given.
    """
    weights = list(weights)
    tops = [None] * len(weights) if numerators is None else list(numerators)
    terms = [_term(w, top, d, unit.log) for w, top, d in zip(weights, tops, denominators, strict=True)]
    chunks = [" + ".join(terms[i : i + per_row]) for i in range(0, len(terms), per_row)]
    # The strut gives the first row the height of its fraction; without it KaTeX clips the numerator.
    first = rf"\rule{{0pt}}{{2.2em}}{name} &= {chunks[0]}"
    rows = [first, *(rf"&\quad + {chunk}" for chunk in chunks[1:]), f"&= {_value(value, unit)}"]
    return r"\begin{aligned}" + " \\\\ ".join(rows) + r"\end{aligned}"


def surprisal_formula(y: float, value: float, unit: Unit) -> str:
    r"""The surprisal of probability ``y`` written out: log(1/y) = value, the value given in ``unit``.

    Examples
    --------
    >>> from core.units import BITS, NATS
    >>> surprisal_formula(0.25, 2.0, BITS)
    '\\log_2\\frac{1}{0.25} = 2.0000\\ \\text{bits}'
    >>> surprisal_formula(0.0, float("inf"), NATS)
    '\\ln\\frac{1}{0.00} = \\infty'
    """
    return rf"{unit.log}\frac{{1}}{{{format_probability(y)}}} = {_value(value, unit)}"


def entropy_formula(c: Comparison, per_row: int = 1) -> str:
    r"""H(p) = Σ p_i log(1/p_i) with the numbers of ``c.p`` substituted, ``per_row`` terms a row.

    Examples
    --------
    >>> from core.comparison import compare
    >>> for row in entropy_formula(compare([0.5, 0.25, 0.25]), per_row=2).split(r" \\ "):
    ...     print(row)
    \begin{aligned}\rule{0pt}{2.2em}H(p) &= 0.50\,\log_2\frac{1}{0.50} + 0.25\,\log_2\frac{1}{0.25}
    &\quad + 0.25\,\log_2\frac{1}{0.25}
    &= 1.5000\ \text{bits}\end{aligned}
    """
    return _sum("H(p)", c.p, c.p, c.unit, c.entropy, per_row)


def cross_entropy_formula(c: Comparison, per_row: int = 1) -> str:
    r"""H(p, q) = Σ p_i log(1/q_i) with the numbers substituted.

    Examples
    --------
    >>> from core.comparison import compare
    >>> cross_entropy_formula(compare([0.5, 0.5], [1.0, 0.0])).endswith(r"&= \infty\end{aligned}")
    True
    """
    return _sum("H(p, q)", c.p, c.q, c.unit, c.cross_entropy, per_row)


def kl_formula(c: Comparison, per_row: int = 1) -> str:
    r"""D(p‖q) = Σ p_i log(p_i/q_i) with the numbers substituted.

    Examples
    --------
    >>> from core.comparison import compare
    >>> r"0.50\,\log_2\frac{0.50}{0.25}" in kl_formula(compare([0.5, 0.5], [0.25, 0.75]))
    True
    """
    return _sum(r"D(p\,\|\,q)", c.p, c.q, c.unit, c.kl_divergence, per_row, numerators=c.p)


def comparison_formulas(c: Comparison, per_row: int = 1) -> tuple[str, str, str]:
    r"""H(p), H(p, q) and D(p‖q), each written out with its numbers and its value, in that order.

    Examples
    --------
    >>> from core.comparison import compare
    >>> for row in comparison_formulas(compare([0.3, 0.7], [0.65, 0.35]))[1].split(r" \\ "):
    ...     print(row)
    \begin{aligned}\rule{0pt}{2.2em}H(p, q) &= 0.30\,\log_2\frac{1}{0.65}
    &\quad + 0.70\,\log_2\frac{1}{0.35}
    &= 1.2466\ \text{bits}\end{aligned}
    """
    return entropy_formula(c, per_row), cross_entropy_formula(c, per_row), kl_formula(c, per_row)

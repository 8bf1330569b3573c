r"""LaTeX for the formulas the pages show, with the current numbers substituted.

Every function returns a string for ``st.latex``; the numbers come from ``core.measures``.
"""

from __future__ import annotations

from core import measures
from core.units import format_value, unit_base, unit_symbol

__all__ = [
    "binary_formulas",
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


def _value(x: float, unit: str) -> str:
    text = format_value(x, unit)
    return r"\infty" if text == "∞" else text.replace(f" {unit}", rf"\ \text{{{unit}}}")


def _sum(name: str, weights, numerators, denominators, unit: str, value: float, per_row: int) -> str:
    """One quantity as an ``aligned`` block: ``per_row`` terms a row, then the value on its own row."""
    log = unit_symbol(unit)
    terms = [
        rf"{format_probability(w)}\,{log}\frac{{{num}}}{{{format_probability(d)}}}"
        for w, num, d in zip(weights, numerators, denominators, strict=True)
    ]
    chunks = [" + ".join(terms[i : i + per_row]) for i in range(0, len(terms), per_row)]
    # The strut gives the first row the height of its fraction; without it KaTeX clips the numerator.
    first = rf"\rule{{0pt}}{{2.2em}}{name} &= {chunks[0]}"
    rows = [first, *(rf"&\quad + {chunk}" for chunk in chunks[1:]), f"&= {_value(value, unit)}"]
    return r"\begin{aligned}" + " \\\\ ".join(rows) + r"\end{aligned}"


def surprisal_formula(y: float, unit: str) -> str:
    r"""The surprisal of probability ``y`` written out: log(1/y) = value.

    Examples
    --------
    >>> surprisal_formula(0.25, "bits")
    '\\log_2\\frac{1}{0.25} = 2.0000\\ \\text{bits}'
    >>> surprisal_formula(0.0, "nats")
    '\\ln\\frac{1}{0.00} = \\infty'
    """
    value = float(measures.surprisal(y, unit_base(unit)))
    return rf"{unit_symbol(unit)}\frac{{1}}{{{format_probability(y)}}} = {_value(value, unit)}"


def entropy_formula(p, unit: str, per_row: int = 1) -> str:
    r"""H(p) = Σ p_i log(1/p_i) with the numbers of ``p`` substituted, ``per_row`` terms a row.

    Examples
    --------
    >>> for row in entropy_formula([0.5, 0.25, 0.25], "bits", per_row=2).split(r" \\ "):
    ...     print(row)
    \begin{aligned}\rule{0pt}{2.2em}H(p) &= 0.50\,\log_2\frac{1}{0.50} + 0.25\,\log_2\frac{1}{0.25}
    &\quad + 0.25\,\log_2\frac{1}{0.25}
    &= 1.5000\ \text{bits}\end{aligned}
    """
    value = float(measures.entropy(p, unit_base(unit)))
    return _sum("H(p)", p, ["1"] * len(p), p, unit, value, per_row)


def cross_entropy_formula(p, q, unit: str, per_row: int = 1, name: str = "H(p, q)") -> str:
    r"""H(p, q) = Σ p_i log(1/q_i) with the numbers substituted.

    Examples
    --------
    >>> cross_entropy_formula([0.5, 0.5], [1.0, 0.0], "bits").endswith(r"&= \infty\end{aligned}")
    True
    """
    value = float(measures.cross_entropy(p, q, unit_base(unit)))
    return _sum(name, p, ["1"] * len(p), q, unit, value, per_row)


def kl_formula(p, q, unit: str, per_row: int = 1, name: str = r"D(p\,\|\,q)") -> str:
    r"""D(p‖q) = Σ p_i log(p_i/q_i) with the numbers substituted.

    Examples
    --------
    >>> r"0.50\,\log_2\frac{0.50}{0.25}" in kl_formula([0.5, 0.5], [0.25, 0.75], "bits")
    True
    """
    value = float(measures.kl_divergence(p, q, unit_base(unit)))
    return _sum(name, p, [format_probability(x) for x in p], q, unit, value, per_row)


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
        LaTeX for H(p), H(p, q) and D(p‖q), in that order: a row per term, then the value.

    Examples
    --------
    >>> for row in binary_formulas(0.3, 0.65, "bits")[1].split(r" \\ "):
    ...     print(row)
    \begin{aligned}\rule{0pt}{2.2em}H(p, q) &= 0.30\,\log_2\frac{1}{0.65}
    &\quad + 0.70\,\log_2\frac{1}{0.35}
    &= 1.2466\ \text{bits}\end{aligned}
    """
    ps, qs = [p, 1.0 - p], [q, 1.0 - q]
    return entropy_formula(ps, unit), cross_entropy_formula(ps, qs, unit), kl_formula(ps, qs, unit)

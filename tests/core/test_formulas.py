"""The substituted formulas (core/formulas.py): every term with its numbers, the value as the metrics show it."""

import math

import pytest

from core.comparison import compare, compare_binary
from core.formulas import (
    comparison_formulas,
    cross_entropy_formula,
    entropy_formula,
    format_probability,
    kl_formula,
    surprisal_formula,
)
from core.units import BITS, HARTLEYS, NATS, UNITS


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (0.3, "0.30"),
        (0.35000000000000003, "0.35"),
        (0.333, "0.333"),
        (0.0, "0.00"),
        (1.0, "1.00"),
        (0.125, "0.125"),
        (1e-7, "0.0000"),
        (1 / 3, "0.3333"),
        (1 / 6, "0.1667"),
    ],
)
def test_format_probability(x, expected):
    assert format_probability(x) == expected


def test_surprisal_formula():
    assert surprisal_formula(1.0, 0.0, BITS) == r"\log_2\frac{1}{1.00} = 0.0000\ \text{bits}"
    assert surprisal_formula(1 / 6, 2.584962500721156, BITS) == r"\log_2\frac{1}{0.1667} = 2.5850\ \text{bits}"
    assert surprisal_formula(0.0, math.inf, NATS) == r"\ln\frac{1}{0.00} = \infty"
    assert surprisal_formula(0.5, 0.30103, HARTLEYS) == r"\log_{10}\frac{1}{0.50} = 0.3010\ \text{hartleys}"


def test_comparison_formulas_substitute_the_numbers():
    entropy_tex, cross_tex, kl_tex = comparison_formulas(compare_binary(0.3, 0.65, BITS))
    assert entropy_tex == (
        r"\begin{aligned}\rule{0pt}{2.2em}H(p) &= 0.30\,\log_2\frac{1}{0.30} \\ &\quad + 0.70\,\log_2\frac{1}{0.70} \\ "
        r"&= 0.8813\ \text{bits}\end{aligned}"
    )
    assert r"\frac{1}{0.65}" in cross_tex and r"\frac{1}{0.35}" in cross_tex and r"&= 1.2466\ \text{bits}" in cross_tex
    assert cross_tex.startswith(r"\begin{aligned}\rule{0pt}{2.2em}H(p, q) &= ")
    assert r"\frac{0.30}{0.65}" in kl_tex and r"\frac{0.70}{0.35}" in kl_tex and r"&= 0.3654\ \text{bits}" in kl_tex
    assert kl_tex.startswith(r"\begin{aligned}\rule{0pt}{2.2em}D(p\,\|\,q) &= ")


def test_comparison_formulas_are_the_three_formulas_in_order():
    c = compare([0.5, 0.3, 0.2], [0.2, 0.5, 0.3], NATS)
    assert comparison_formulas(c, per_row=2) == (
        entropy_formula(c, per_row=2),
        cross_entropy_formula(c, per_row=2),
        kl_formula(c, per_row=2),
    )


def test_infinity_is_written_as_infinity():
    _, cross_tex, kl_tex = comparison_formulas(compare_binary(0.3, 0.0, NATS))
    assert r"\ln\frac{1}{0.00}" in cross_tex and cross_tex.endswith(r"&= \infty\end{aligned}")
    assert kl_tex.endswith(r"&= \infty\end{aligned}")
    assert kl_formula(compare([0.5, 0.3, 0.2], [0.0, 0.5, 0.5])).endswith(r"&= \infty\end{aligned}")


@pytest.mark.parametrize("unit", UNITS.values(), ids=str)
def test_every_log_is_written_in_the_unit(unit):
    for tex in comparison_formulas(compare([0.5, 0.25, 0.25], [0.25, 0.25, 0.5], unit)):
        assert tex.count(unit.log) == 3
        assert tex.endswith(rf"\ \text{{{unit.name}}}\end{{aligned}}")


def test_entropy_formula_lists_every_outcome():
    tex = entropy_formula(compare([0.5, 0.25, 0.125, 0.125, 0.0]), per_row=2)
    assert tex.count(r"\log_2") == 5
    assert r"\underbrace{0.00\,\log_2\frac{1}{0.00}}_{=\,0\text{ by convention}}" in tex  # 0·log(1/0) counts as 0
    assert tex.endswith(r"&= 1.7500\ \text{bits}\end{aligned}")
    assert tex.count(r"\\") == 3  # three rows of terms (2 + 2 + 1), then the value


def test_rows_hold_per_row_terms():
    c = compare([0.125] * 8)
    for per_row, rows in [(1, 8), (3, 3), (4, 2), (8, 1)]:
        tex = entropy_formula(c, per_row=per_row)
        assert tex.count(r"\\") == rows  # the rows of terms, each followed by a break, then the value
        assert tex.count("+") == 7 and tex.endswith(r"&= 3.0000\ \text{bits}\end{aligned}")


def test_cross_entropy_and_kl_formulas():
    p, q = [0.5, 0.3, 0.2], [0.2, 0.5, 0.3]
    assert r"0.50\,\ln\frac{1}{0.20}" in cross_entropy_formula(compare(p, q, NATS))
    assert r"0.30\,\log_{10}\frac{0.30}{0.50}" in kl_formula(compare(p, q, HARTLEYS))
    # without an estimate, q is p itself: the cross-entropy is the entropy and the divergence 0
    alone = compare(p)
    assert cross_entropy_formula(alone).endswith(r"&= 1.4855\ \text{bits}\end{aligned}")
    assert kl_formula(alone).endswith(r"&= 0.0000\ \text{bits}\end{aligned}")


def test_a_formula_shows_the_comparisons_value_not_its_own():
    """The value row comes from the Comparison, so it agrees with the metric beside it."""
    c = compare([0.5, 0.5], [0.9, 0.1])
    doctored = type(c)(**vars(c) | {"cross_entropy": 9.87654, "kl_divergence": 1.5, "entropy": 0.25})
    entropy_tex, cross_tex, kl_tex = comparison_formulas(doctored)
    assert entropy_tex.endswith(r"&= 0.2500\ \text{bits}\end{aligned}")
    assert cross_tex.endswith(r"&= 9.8765\ \text{bits}\end{aligned}")
    assert kl_tex.endswith(r"&= 1.5000\ \text{bits}\end{aligned}")


CONVENTION = r"}_{=\,0\text{ by convention}}"
INFINITE = r"}_{=\,\infty}"


def test_a_term_of_an_outcome_that_never_happens_is_0_by_convention():
    c = compare([0.5, 0.5, 0.0], [0.5, 0.0, 0.5], NATS)
    entropy_tex, cross_tex, kl_tex = comparison_formulas(c)
    assert entropy_tex.count(CONVENTION) == 1
    assert r"\underbrace{0.00\,\ln\frac{1}{0.00}}_{=\,0\text{ by convention}}" in entropy_tex
    # 0·log(1/q) with q > 0 is plainly 0: no convention, no mark
    assert r" + 0.00\,\ln\frac{1}{0.50}" in cross_tex and CONVENTION not in cross_tex
    # 0·log(0/q) is 0·(−∞): 0 by convention, whatever q
    assert r"\underbrace{0.00\,\ln\frac{0.00}{0.50}}_{=\,0\text{ by convention}}" in kl_tex
    both_zero = kl_formula(compare([1.0, 0.0], [1.0, 0.0]))
    assert r"\underbrace{0.00\,\log_2\frac{0.00}{0.00}}_{=\,0\text{ by convention}}" in both_zero
    assert cross_entropy_formula(compare([1.0, 0.0], [1.0, 0.0])).count(CONVENTION) == 1


def test_a_term_that_can_happen_but_was_ruled_out_is_infinite():
    _, cross_tex, kl_tex = comparison_formulas(compare([0.5, 0.5, 0.0], [0.5, 0.0, 0.5]))
    assert r"\underbrace{0.50\,\log_2\frac{1}{0.00}}_{=\,\infty}" in cross_tex
    assert r"\underbrace{0.50\,\log_2\frac{0.50}{0.00}}_{=\,\infty}" in kl_tex
    assert cross_tex.count(INFINITE) == kl_tex.count(INFINITE) == 1
    assert cross_tex.endswith(r"&= \infty\end{aligned}") and kl_tex.endswith(r"&= \infty\end{aligned}")


def test_finite_terms_carry_no_mark():
    for tex in comparison_formulas(compare([0.5, 0.3, 0.2], [0.2, 0.5, 0.3])):
        assert r"\underbrace" not in tex

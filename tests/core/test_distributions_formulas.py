"""Weights and presets, and the n-outcome formulas with their numbers substituted."""

import math

import pytest

from core.distributions import MAX_OUTCOMES, MAX_WEIGHT, PRESETS, from_weights, preset_weights
from core.formulas import cross_entropy_formula, entropy_formula, kl_formula, surprisal_formula


def test_presets_fit_the_controls():
    for name in PRESETS:
        for n in range(2, MAX_OUTCOMES + 1):
            weights = preset_weights(name, n)
            assert 2 <= len(weights) <= MAX_OUTCOMES
            assert all(0 <= w <= MAX_WEIGHT and isinstance(w, int) for w in weights)
            assert sum(weights) > 0


def test_preset_distributions():
    assert from_weights(preset_weights("Loaded die", 3)).tolist() == [0.1] * 5 + [0.5]
    assert from_weights(preset_weights("Certain", 4)).tolist() == [1.0, 0.0, 0.0, 0.0]
    assert from_weights(preset_weights("Uniform", 5)).tolist() == [0.2] * 5
    with pytest.raises(ValueError, match="preset must be one of Uniform, Fair coin"):
        preset_weights("Biased", 3)


@pytest.mark.parametrize(
    ("weights", "message"),
    [([0, 0, 0], "all 0"), ([1, -1], "non-negative"), ([], "non-empty"), ([1, math.inf], "finite")],
)
def test_from_weights_refuses_what_is_not_a_distribution(weights, message):
    with pytest.raises(ValueError, match=message):
        from_weights(weights)


def test_entropy_formula_lists_every_outcome():
    tex = entropy_formula([0.5, 0.25, 0.125, 0.125, 0.0], "bits", per_row=2)
    assert tex.count(r"\log_2") == 5
    assert r"0.00\,\log_2\frac{1}{0.00}" in tex  # 0·log(1/0) is shown, and counts as 0
    assert tex.endswith(r"&= 1.7500\ \text{bits}\end{aligned}")
    assert tex.count(r"\\") == 3  # three rows of terms (2 + 2 + 1), then the value


def test_cross_entropy_and_kl_formulas():
    p, q = [0.5, 0.3, 0.2], [0.2, 0.5, 0.3]
    assert r"0.50\,\ln\frac{1}{0.20}" in cross_entropy_formula(p, q, "nats")
    assert r"0.30\,\log_{10}\frac{0.30}{0.50}" in kl_formula(p, q, "hartleys")
    assert cross_entropy_formula(q, p, "bits", name="H(q, p)").startswith(r"\begin{aligned}\rule{0pt}{2.2em}H(q, p)")
    assert kl_formula(p, [0.0, 0.5, 0.5], "bits").endswith(r"&= \infty\end{aligned}")


def test_surprisal_formula():
    assert surprisal_formula(1.0, "bits") == r"\log_2\frac{1}{1.00} = 0.0000\ \text{bits}"
    assert surprisal_formula(1 / 6, "bits") == r"\log_2\frac{1}{0.1667} = 2.5850\ \text{bits}"

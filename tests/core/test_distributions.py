"""Distributions as the pages edit them (core/distributions.py): whole-number weights and named presets."""

import math

import numpy as np
import pytest

from core.distributions import MAX_OUTCOMES, MAX_WEIGHT, PRESETS, from_weights, preset_weights


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
    assert from_weights(preset_weights("Fair coin", 7)).tolist() == [0.5, 0.5]
    with pytest.raises(ValueError, match="preset must be one of Uniform, Fair coin"):
        preset_weights("Biased", 3)


def test_every_preset_has_a_tooltip():
    assert list(PRESETS) == ["Uniform", "Fair coin", "Loaded die", "Certain"]
    assert all(isinstance(text, str) and text for text in PRESETS.values())


def test_from_weights_normalises():
    p = from_weights([3, 0, 1])
    assert p.tolist() == [0.75, 0.0, 0.25] and p.dtype == np.float64
    assert from_weights([MAX_WEIGHT] * MAX_OUTCOMES).sum() == pytest.approx(1.0, rel=1e-15)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([0, 0, 0], "all 0"),
        ([1, -1], "non-negative"),
        ([], "non-empty"),
        ([[1, 2], [3, 4]], "non-empty list"),
        ([1, math.inf], "finite"),
        ([1, math.nan], "finite"),
    ],
)
def test_from_weights_refuses_what_is_not_a_distribution(weights, message):
    with pytest.raises(ValueError, match=message):
        from_weights(weights)

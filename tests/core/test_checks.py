"""The input checks every core module shares (core/_checks.py): each names the argument and what is wrong."""

import math

import numpy as np
import pytest

from core import _checks


def test_probabilities_turn_negative_zero_into_zero():
    checked = _checks.probabilities([-0.0, 1.0], "p")
    assert math.copysign(1.0, checked[0]) == 1.0
    assert checked.dtype == np.float64


def test_a_distribution_is_checked_never_rescaled():
    p = [0.1] * 10  # sums to 0.9999999999999999: within the tolerance
    assert _checks.distribution(p, "p").tolist() == p
    assert _checks.SUM_RTOL == 1e-9
    _checks.distribution([0.5, 0.5 + 1e-10], "p")  # rounding-sized errors pass, unchanged
    with pytest.raises(ValueError, match=r"p must sum to 1 along its last axis, but sums to 1\.00000001"):
        _checks.distribution([0.5, 0.5 + 1e-8], "p")
    batch = _checks.distribution([[1.0, 0.0], [0.25, 0.75]], "q")
    assert batch.shape == (2, 2)
    with pytest.raises(ValueError, match=r"q must sum to 1 .* sums to 0\.5"):
        _checks.distribution([[1.0, 0.0], [0.25, 0.25]], "q")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: _checks.probabilities([0.5, "x"], "target"), "target must be numeric"),
        (lambda: _checks.probabilities([0.5, math.nan], "q"), "q contains NaN"),
        (lambda: _checks.probabilities([-0.25], "q"), r"q has a negative entry \(.*-0\.25.*\)"),
        (lambda: _checks.probabilities([1.25], "p"), r"p has an entry above 1 \(.*1\.25.*\)"),
        (lambda: _checks.distribution(0.5, "p"), r"at least one probability .* shape \(\)"),
        (lambda: _checks.distribution(np.ones((2, 0)), "p"), "at least one probability"),
        (lambda: _checks.finite([1.0, -math.inf], "logits"), "logits must be finite"),
    ],
)
def test_each_check_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_same_outcomes():
    _checks.same_outcomes(np.ones((3, 2)), np.ones(2))  # a batch against one estimate
    with pytest.raises(ValueError, match=r"same number of outcomes, got 2 and 3 \(shapes \(2,\) and \(3,\)\)"):
        _checks.same_outcomes(np.ones(2), np.ones(3))
    with pytest.raises(ValueError, match=r"shapes \(2, 2\) and \(3, 2\), which do not broadcast"):
        _checks.same_outcomes(np.ones((2, 2)), np.ones((3, 2)))


@pytest.mark.parametrize("base", [2, 2.0, math.e, 10, 0.5, np.int64(3), np.float32(10.0)])
def test_log_base_accepts_every_valid_base(base):
    assert _checks.log_base(base) == pytest.approx(math.log(float(base)), rel=1e-7)


@pytest.mark.parametrize("base", [1, 1.0, 0, -2, math.inf, math.nan, True, "2", None, [2]])
def test_log_base_refuses_what_is_not_a_base(base):
    with pytest.raises(ValueError, match="base must be a positive number other than 1"):
        _checks.log_base(base)

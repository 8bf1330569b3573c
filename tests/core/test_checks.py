"""The input checks every core module shares (core/_checks.py): each names the argument and what is wrong."""

import math
import reprlib

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
        (lambda: _checks.probabilities([0.5, "x"], "target"), "target must be real numbers, got str 'x'"),
        (lambda: _checks.probabilities([0.5, math.nan], "q"), "q contains NaN"),
        (lambda: _checks.probabilities([-0.25], "q"), r"q has a negative entry \(.*-0\.25.*\)"),
        (lambda: _checks.probabilities([1.25], "p"), r"p has an entry above 1 \(.*1\.25.*\)"),
        (lambda: _checks.distribution(0.5, "p"), r"at least one probability .* shape \(\)"),
        (lambda: _checks.distribution(np.ones((2, 0)), "p"), "at least one probability"),
        (lambda: _checks.finite([1.0, -math.inf], "logits"), "logits must be finite"),
        (lambda: _checks.probabilities([[0.5], [0.5, 0.5]], "p"), "p must be numeric"),
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


@pytest.mark.parametrize("base", [2, 2.0, math.e, 10, 1.5, np.int64(3), np.float32(10.0)])
def test_log_base_accepts_every_valid_base(base):
    assert _checks.log_base(base) == pytest.approx(math.log(float(base)), rel=1e-7)


@pytest.mark.parametrize(
    "base", [1, 1.0, 0.5, 1 - 1e-16, 0, -0.0, -2, math.inf, math.nan, True, np.True_, "2", None, [2], 2 + 0j]
)
def test_log_base_refuses_what_is_not_a_base(base):
    # A base in (0, 1) made entropy([.5, .5], base=0.5) come out as -1: no unit has such a base.
    with pytest.raises(ValueError, match=r"base must be a finite real number above 1 \(2 for bits"):
        _checks.log_base(base)


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ([0.5 + 1j, 0.5], "complex"),  # NumPy dropped the imaginary part: entropy was 1.0
        (np.array([0.5, 0.5], dtype=complex), "complex"),  # even with a zero imaginary part
        ([[0.5, 0.5j]], "complex"),
        (["0.5", "0.5"], "str '0.5'"),  # NumPy parsed the strings
        (np.array(["0.5", "0.5"]), "str '0.5'"),
        ([b"1"], "bytes"),
        ([True, False], "booleans"),  # NumPy read True as 1
        (np.array([True, False]), "booleans"),
        (np.True_, "booleans"),
        ([0.5, True], "bool True"),  # a bool among floats, which NumPy would make 1.0
        ([0.5, np.bool_(False)], "bool"),
        ([0.5, None], "NoneType None"),  # NumPy made None a NaN
    ],
)
def test_what_is_not_a_real_number_is_refused_not_converted(value, what):
    for check in (_checks.probabilities, _checks.distribution, _checks.finite):
        with pytest.raises(ValueError, match=rf"^x must be real numbers, got {what}"):
            check(value, "x")


def test_real_numbers_of_any_numeric_type_are_read():
    from fractions import Fraction

    assert _checks.probabilities([Fraction(1, 2), np.float32(0.5), np.int64(0), 1], "p").tolist() == [0.5, 0.5, 0, 1]
    assert _checks.probabilities(np.array([0, 1], dtype=np.uint8), "p").dtype == np.float64
    assert _checks.finite(np.float32(2.5), "z") == 2.5
    assert _checks.probabilities([], "p").shape == (0,)  # elementwise: nothing in, nothing out


def test_valid_input_is_never_formatted_for_a_message(monkeypatch):
    # An array's repr costs more than the check (it made a 200-step descent 8× slower): only errors pay it.
    def no_repr(_):
        raise AssertionError("repr of valid input")

    monkeypatch.setattr(reprlib, "repr", no_repr)
    assert _checks.real_array(np.ones((201, 3)), "logits").shape == (201, 3)
    assert _checks.real_array([1, 2], "target").dtype.kind == "i"

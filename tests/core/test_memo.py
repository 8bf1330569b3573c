"""core.memo: results kept by the values of their arguments, bounded, and shared read-only."""

import threading

import numpy as np
import pytest

from core import BITS, NATS, compare_binary
from core.descent import gradient_descent
from core.figures import cross_entropy_curve
from core.memo import kept, value_key


def test_equal_values_share_a_result_and_other_values_do_not():
    calls = []

    @kept(4)
    def double(values, *, scale=1.0):
        calls.append(1)
        return values * 2 * scale

    a = double(np.array([1.0, 2.0]))
    assert double(np.array([1.0, 2.0])) is a and len(calls) == 1  # another array, the same values
    assert double(np.array([1.0, 2.5])) is not a
    assert double(np.array([1.0, 2.0]), scale=1.0) is not a  # a keyword given is part of the key
    assert double(np.array([1, 2])) is not a  # integers are not floats
    assert double.cache_info()[:2] == (1, 4)


def test_the_oldest_result_goes_first_and_a_used_one_stays():
    @kept(2)
    def square(x):
        return [x * x]

    one, two = square(1.0), square(2.0)
    assert square(1.0) is one  # used: now the newest
    square(3.0)  # three values, room for two: 2.0 goes
    assert square(1.0) is one and square(2.0) is not two
    assert square.cache_info().currsize == 2


def test_frozen_dataclasses_are_keyed_by_their_fields():
    first = cross_entropy_curve(compare_binary(0.3, 0.65, BITS))
    assert cross_entropy_curve(compare_binary(0.3, 0.65, BITS)) is first
    assert cross_entropy_curve(compare_binary(0.3, 0.65, NATS)) is not first
    assert cross_entropy_curve(compare_binary(0.3, 0.66, BITS)) is not first


def test_floats_are_keyed_by_their_bits():
    assert value_key(0.0) != value_key(-0.0) and value_key(1) != value_key(1.0) and value_key(True) != value_key(1)
    assert value_key(np.float64(0.1)) == value_key(0.1) and value_key(float("nan")) == value_key(float("nan"))


def test_an_array_passed_in_is_read_only_afterwards():
    z = np.array([0.0, 1.0, 2.0])
    run = gradient_descent(z, np.array([1.0, 0.0, 0.0]), learning_rate=1.0, steps=3)
    with pytest.raises(ValueError, match="read-only"):
        z[0] = 5.0  # would change what another caller is given
    assert gradient_descent(np.array([0.0, 1.0, 2.0]), np.array([1.0, 0.0, 0.0]), learning_rate=1.0, steps=3) is run


@pytest.mark.parametrize("value", [{1, 2}, object(), np.array([object()])])
def test_values_without_a_key_are_refused_by_name(value):
    with pytest.raises(TypeError, match="cannot key"):
        value_key(value)


def test_a_bad_size_is_refused():
    with pytest.raises(ValueError, match="maxsize must be at least 1"):
        kept(0)


def test_threads_asking_at_once_each_get_a_correct_result():
    @kept(8)
    def slow_sum(values):
        return float(np.sum(values))

    results = []
    threads = [threading.Thread(target=lambda: results.append(slow_sum(np.arange(10.0)))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [45.0] * 8 and slow_sum.cache_info().currsize == 1

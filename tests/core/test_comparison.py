"""A true p judged by an estimate q (core/comparison.py): every quantity once, in one unit, consistent."""

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import measures
from core.comparison import Comparison, compare, compare_binary
from core.units import BITS, HARTLEYS, NATS, UNITS
from tests.strategies import distribution_pairs, distributions

SCALARS = (
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "reversed_cross_entropy",
    "reversed_kl_divergence",
    "max_entropy",
)
ARRAYS = ("surprisals", "entropy_terms", "cross_entropy_terms")
units = st.sampled_from(list(UNITS.values()))


def test_known_values():
    c = compare([0.5, 0.5], [0.9, 0.1])
    assert c.unit is BITS and c.n == 2
    assert c.entropy == 1.0 and c.max_entropy == 1.0
    assert c.cross_entropy == pytest.approx(1.7369655941662063, rel=1e-15)
    assert c.kl_divergence == pytest.approx(0.7369655941662062, rel=1e-14)
    assert c.reversed_cross_entropy == 1.0  # q judged by the uniform p costs one bit whatever q is
    assert c.reversed_kl_divergence == pytest.approx(1.0 - 0.4689955935892812, rel=1e-14)
    assert c.surprisals.tolist() == [1.0, 1.0]
    assert c.entropy_terms.tolist() == [0.5, 0.5]
    np.testing.assert_allclose(c.cross_entropy_terms, [0.5 * math.log2(1 / 0.9), 0.5 * math.log2(10)], rtol=1e-15)
    assert all(isinstance(getattr(c, name), float) for name in SCALARS)


def test_max_entropy_is_log_n():
    assert compare([0.25] * 4).max_entropy == 2.0
    assert compare([0.7, 0.1, 0.1, 0.1], unit=NATS).max_entropy == pytest.approx(math.log(4), rel=1e-15)
    assert compare([1.0]).max_entropy == 0.0
    assert compare([0.1] * 10, unit=HARTLEYS).max_entropy == pytest.approx(1.0, rel=1e-15)


@given(distribution_pairs(), units)
def test_values_agree_with_the_measures(pq, unit):
    p, q = pq
    c = compare(p, q, unit)
    base = unit.base
    assert c.entropy == measures.entropy(p, base)
    assert c.cross_entropy == measures.cross_entropy(p, q, base)
    assert c.kl_divergence == measures.kl_divergence(p, q, base)
    assert c.reversed_cross_entropy == measures.cross_entropy(q, p, base)
    assert c.reversed_kl_divergence == measures.kl_divergence(q, p, base)
    np.testing.assert_array_equal(c.surprisals, measures.surprisal(p, base))
    np.testing.assert_array_equal(c.entropy_terms, measures.contributions(p, p, base))
    np.testing.assert_array_equal(c.cross_entropy_terms, measures.contributions(p, q, base))
    assert c.n == p.size and c.max_entropy == pytest.approx(math.log(p.size, base), abs=1e-15)


@given(distribution_pairs(), units)
def test_cross_entropy_is_entropy_plus_divergence(pq, unit):
    """H(p, q) = H(p) + D(p‖q), though D is summed from its own terms, not as a difference."""
    p, q = pq
    for c in (compare(p, q, unit), compare(q, p, unit)):
        assert c.kl_divergence >= 0 and c.cross_entropy >= c.entropy - 1e-12
        if math.isfinite(c.cross_entropy):
            assert c.cross_entropy == pytest.approx(c.entropy + c.kl_divergence, rel=1e-9, abs=1e-12)
        else:
            assert c.kl_divergence == math.inf
    c = compare(p, q, unit)
    assert c.reversed_cross_entropy == compare(q, p, unit).cross_entropy
    assert c.reversed_kl_divergence == compare(q, p, unit).kl_divergence


@given(distribution_pairs(), units)
def test_the_shares_add_up(pq, unit):
    p, q = pq
    c = compare(p, q, unit)
    assert c.entropy_terms.sum() == pytest.approx(c.entropy, rel=1e-12, abs=1e-15)
    assert c.cross_entropy_terms.sum() == pytest.approx(c.cross_entropy, rel=1e-12, abs=1e-15)
    assert (c.entropy_terms >= 0).all() and (c.cross_entropy_terms >= 0).all()


@given(distribution_pairs())
def test_every_unit_tells_the_same_story(pq):
    """A comparison in any unit is the one in nats converted by the unit's one conversion."""
    p, q = pq
    in_nats = compare(p, q, NATS)
    for unit in (BITS, HARTLEYS):
        c = compare(p, q, unit)
        assert c.unit is unit
        for name in SCALARS:
            assert getattr(c, name) == pytest.approx(unit.from_nats(getattr(in_nats, name)), rel=1e-12, abs=1e-15)
        for name in ARRAYS:
            np.testing.assert_allclose(getattr(c, name), unit.from_nats(getattr(in_nats, name)), rtol=1e-12, atol=1e-15)
    bits, hartleys = compare(p, q, BITS), compare(p, q, HARTLEYS)
    assert bits.entropy == pytest.approx(hartleys.entropy * math.log2(10), rel=1e-12, abs=1e-15)
    assert bits.ruled_out == hartleys.ruled_out == in_nats.ruled_out


def test_ruled_out():
    assert compare([0.5, 0.3, 0.2], [0.0, 1.0, 0.0]).ruled_out == (1, 3)
    assert compare([0.5, 0.5], [0.9, 0.1]).ruled_out == ()
    # an outcome that never happens is not ruled out by a q that agrees
    assert compare([0.0, 1.0], [0.0, 1.0]).ruled_out == ()
    assert compare([0.0, 1.0], [0.0, 1.0]).cross_entropy == 0.0
    assert compare([0.0, 0.5, 0.5], [1.0, 0.0, 0.0]).ruled_out == (2, 3)


@given(distribution_pairs())
def test_ruled_out_is_exactly_why_the_cost_is_infinite(pq):
    p, q = pq
    c = compare(p, q)
    assert bool(c.ruled_out) == (c.cross_entropy == math.inf) == (c.kl_divergence == math.inf)
    for i in c.ruled_out:
        assert p[i - 1] > 0 and q[i - 1] == 0 and c.cross_entropy_terms[i - 1] == math.inf


@given(distributions(), units)
def test_without_an_estimate_p_is_judged_by_itself(p, unit):
    c = compare(p, unit=unit)
    assert c.q is c.p
    assert c.cross_entropy == c.entropy == c.reversed_cross_entropy
    assert c.kl_divergence == 0.0 and c.reversed_kl_divergence == 0.0
    assert c.ruled_out == ()
    np.testing.assert_array_equal(c.cross_entropy_terms, c.entropy_terms)
    assert c.entropy <= c.max_entropy + 1e-12


@pytest.mark.parametrize(("p", "q"), [(0.3, 0.65), (0.0, 0.0), (1.0, 0.0), (0.5, 1.0), (0.999, 0.001)])
def test_compare_binary_is_compare_of_two_outcomes(p, q):
    for unit in UNITS.values():
        binary = compare_binary(p, q, unit)
        general = compare([p, 1 - p], [q, 1 - q], unit)
        assert binary.p.tolist() == general.p.tolist() and binary.q.tolist() == general.q.tolist()
        assert binary.cross_entropy == general.cross_entropy and binary.entropy == general.entropy
        assert binary.cross_entropy == pytest.approx(float(measures.binary_cross_entropy(p, q, unit.base)), rel=1e-15)


def test_compare_binary_headline_numbers():
    c = compare_binary(0.3, 0.65)
    assert c.p.tolist() == [0.3, 0.7] and c.q.tolist() == [0.65, 0.35]
    assert (round(c.entropy, 4), round(c.cross_entropy, 4), round(c.kl_divergence, 4)) == (0.8813, 1.2466, 0.3654)
    assert compare_binary(0.3, 0.0).ruled_out == (1,) and compare_binary(0.3, 1.0).ruled_out == (2,)


def test_a_comparison_is_frozen():
    c = compare([0.5, 0.5])
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.entropy = 0.0  # type: ignore[misc]
    assert isinstance(c, Comparison)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: compare([0.5, 0.6]), "p must sum to 1"),
        (lambda: compare([0.5, 0.5], [0.2, 0.2]), "q must sum to 1"),
        (lambda: compare([0.5, 0.5], [1 / 3] * 3), "single distributions over the same outcomes"),
        (lambda: compare([[0.5, 0.5], [0.5, 0.5]]), "single distributions"),
        (lambda: compare(1.0), "at least one probability"),
        (lambda: compare([0.5, 0.5], unit=BITS, q=[-0.5, 1.5]), "q has a negative entry"),
        (lambda: compare_binary(1.5, 0.5), "p has an entry above 1"),
        (lambda: compare_binary(0.5, -0.1), "q has a negative entry"),
        (lambda: compare_binary(math.nan, 0.5), "p contains NaN"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()

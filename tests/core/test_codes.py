"""Prefix codes (core/codes.py): Huffman's optimality, Kraft, expected lengths and their bounds, round trips."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.codes import (
    compare_codes,
    decode,
    encode,
    expected_length,
    huffman_code,
    ideal_lengths,
    kraft_sum,
    lengths,
    sample_message,
    shannon_lengths,
)
from core.measures import cross_entropy, entropy, kl_divergence
from tests.strategies import distribution_pairs, distributions

#: Rounding in the sums: lengths are whole bits, the entropies are sums of n terms.
TOL = 1e-9


def _is_prefix_free(words) -> bool:
    words = [w for w in words if w is not None]
    return all(not b.startswith(a) for a, b in itertools.permutations(words, 2))


def _positive(p):
    return np.asarray(p)[np.asarray(p) > 0]


def _best_by_brute_force(q) -> float:
    """The least Σ qᵢ·lᵢ over every length vector (lᵢ ≤ n − 1) that satisfies Kraft's inequality:
    by Kraft–McMillan, exactly the lengths of the prefix codes."""
    q = _positive(q)
    if q.size == 1:
        return 0.0
    top = q.size - 1  # an optimal code never needs a codeword longer than n − 1
    best = math.inf
    for ell in itertools.product(range(1, top + 1), repeat=q.size):
        if sum(2.0**-x for x in ell) <= 1:
            best = min(best, float(np.dot(q, ell)))
    return best


@given(distributions(min_size=1, max_size=5))
def test_huffman_is_optimal_against_every_prefix_code(q):
    code = huffman_code(q)
    assert _is_prefix_free(code)
    assert expected_length(q, lengths(code)) == pytest.approx(_best_by_brute_force(q), rel=TOL, abs=TOL)


@pytest.mark.parametrize(
    ("q", "best"),
    [([0.5, 0.5], 1.0), ([0.4, 0.3, 0.3], 1.6), ([0.25] * 4, 2.0), ([0.6, 0.1, 0.1, 0.1, 0.1], 1.8)],
)
def test_huffman_against_enumerated_prefix_codes(q, best):
    """The brute force itself, checked on codes whose optimum is known by hand."""
    assert _best_by_brute_force(q) == pytest.approx(best)
    assert expected_length(q, lengths(huffman_code(q))) == pytest.approx(best)


@given(distributions(min_size=2, max_size=8))
def test_kraft_equality_for_a_huffman_code(q):
    code = huffman_code(q)
    assert all((word is None) == (qi == 0) for word, qi in zip(code, q, strict=True))
    if np.count_nonzero(q) >= 2:
        assert kraft_sum(lengths(code)) == 1.0  # exact: a sum of powers of two
    else:
        assert [word for word in code if word is not None] == [""]


@given(distributions(min_size=1, max_size=8))
def test_huffman_for_p_lies_within_one_bit_of_the_entropy(p):
    """H(p) ≤ L < H(p) + 1 for the Huffman code built for p itself."""
    length = expected_length(p, lengths(huffman_code(p)))
    h = float(entropy(p))
    assert h - TOL <= length < h + 1


@given(distribution_pairs(min_size=1, max_size=8))
def test_shannon_code_for_q_lies_within_one_bit_of_the_cross_entropy(pq):
    """Lengths ⌈log₂ 1/qᵢ⌉ under p: H(p, q) ≤ L < H(p, q) + 1, ∞ both when q rules out a symbol of p."""
    p, q = pq
    length = expected_length(p, shannon_lengths(q))
    h = float(cross_entropy(p, q))
    assert kraft_sum(shannon_lengths(q)) <= 1 + TOL
    if math.isinf(h):
        assert math.isinf(length)
    else:
        assert h - TOL <= length < h + 1


@given(distribution_pairs(min_size=1, max_size=8))
def test_huffman_code_for_q_is_no_longer_than_the_shannon_code_under_q(pq):
    """What is true of q's Huffman code under p is only this: under q, it beats the Shannon code, and
    under p it is ∞ exactly when H(p, q) is."""
    p, q = pq
    huffman = lengths(huffman_code(q))
    assert expected_length(q, huffman) <= expected_length(q, shannon_lengths(q)) + TOL
    assert math.isinf(expected_length(p, huffman)) == math.isinf(cross_entropy(p, q))


def test_huffman_for_q_can_be_more_than_one_bit_above_the_cross_entropy():
    """Under p, q's Huffman code is not within one bit of H(p, q) in general: with the weights
    (5, 1, 5, 4, 5, 5), which the page's sliders can set, symbol 4 gets four bits where its ideal
    length is log₂ 6 ≈ 2.64, and a p that always sends it pays more than H(p, q) + 1."""
    q = np.array([5, 1, 5, 4, 5, 5]) / 25
    p = np.array([0.0, 0.0, 0.0, 1.0, 0.0, 0.0])
    assert huffman_code(q)[3] == "1111"
    h = float(cross_entropy(p, q))
    assert h == pytest.approx(math.log2(25 / 4))
    assert expected_length(p, lengths(huffman_code(q))) == 4 > h + 1
    assert expected_length(p, shannon_lengths(q)) == 3 < h + 1


@given(distribution_pairs(min_size=1, max_size=8))
def test_expected_ideal_length_is_the_cross_entropy(pq):
    p, q = pq
    c = compare_codes(p, q)
    assert expected_length(p, ideal_lengths(q)) == pytest.approx(cross_entropy(p, q), rel=TOL, abs=TOL)
    assert c.cross_entropy == cross_entropy(p, q) and c.entropy == entropy(p)
    assert c.kl_divergence == kl_divergence(p, q)
    assert c.huffman_p_length == expected_length(p, lengths(huffman_code(p)))
    assert c.huffman_q_length == expected_length(p, lengths(huffman_code(q)))


def test_ideal_and_shannon_lengths():
    assert ideal_lengths([0.5, 0.25, 0.25]).tolist() == [1.0, 2.0, 2.0]
    assert shannon_lengths([0.9, 0.1, 0.0]).tolist() == [1.0, 4.0, math.inf]


def test_dyadic_distributions_are_coded_exactly():
    p = [0.5, 0.25, 0.125, 0.125]
    assert lengths(huffman_code(p)).tolist() == ideal_lengths(p).tolist() == [1, 2, 3, 3]
    assert expected_length(p, lengths(huffman_code(p))) == entropy(p) == 1.75


def test_ties_are_broken_by_symbol_index():
    assert huffman_code([0.25] * 4) == ("00", "01", "10", "11")
    assert huffman_code([0.2] * 5) == huffman_code([0.2] * 5)
    assert huffman_code([0.1, 0.45, 0.45]) == ("10", "11", "0")


@given(distributions(min_size=1, max_size=8), st.integers(0, 200), st.integers(0, 2**32 - 1))
def test_a_message_round_trips(p, length, seed):
    code = huffman_code(p)
    message = sample_message(p, length, seed)
    assert all(p[s] > 0 for s in message)
    bits = encode(message, code)
    assert set(bits) <= {"0", "1"}
    assert len(bits) == sum(len(code[s]) for s in message)
    assert decode(bits, code, count=length) == message.tolist()


def test_sampling_is_seeded():
    p = [0.5, 0.3, 0.2]
    assert sample_message(p, 50, 7).tolist() == sample_message(p, 50, 7).tolist()
    assert sample_message(p, 50, 7).tolist() != sample_message(p, 50, 8).tolist()
    assert np.bincount(sample_message(p, 20_000, 0), minlength=3) / 20_000 == pytest.approx(p, abs=0.02)


def test_a_symbol_the_code_rules_out_cannot_be_sent():
    code = huffman_code([0.5, 0.5, 0.0])
    assert code[2] is None and lengths(code)[2] == math.inf
    with pytest.raises(ValueError, match="symbol 2 has no codeword"):
        encode([0, 2], code)
    with pytest.raises(ValueError, match="not one of the code"):
        encode([3], code)
    assert expected_length([0.5, 0.5, 0.0], lengths(code)) == 1.0  # never sent: costs nothing
    assert math.isinf(expected_length([0.5, 0.0, 0.5], lengths(code)))
    assert math.isinf(compare_codes([0.2, 0.2, 0.6], [0.5, 0.5, 0.0]).huffman_q_length)


def test_bad_bits_and_bad_input_are_refused():
    with pytest.raises(ValueError, match="do not end"):
        decode("1", ("0", "10", "11"))
    with pytest.raises(ValueError, match="count"):
        decode("", ("", None))
    with pytest.raises(ValueError, match="sum to 1"):
        huffman_code([0.5, 0.6])
    with pytest.raises(ValueError, match="one length per symbol"):
        expected_length([0.5, 0.5], [1])
    with pytest.raises(ValueError, match="same number of outcomes"):
        compare_codes([0.5, 0.5], [1.0])

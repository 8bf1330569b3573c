"""The measures (core/measures.py): surprisal, entropy, cross-entropy, KL divergence; values, identities, SciPy."""

import math

import numpy as np
import pytest
import scipy.special
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import log_loss

from core.measures import (
    binary_cross_entropy,
    binary_entropy,
    contributions,
    cross_entropy,
    entropy,
    kl_divergence,
    perplexity,
    surprisal,
)
from core.units import BITS, HARTLEYS, NATS
from tests.strategies import distribution_pairs, distributions

pairs = distribution_pairs()


@pytest.mark.parametrize(
    ("p", "base", "expected"),
    [
        ([0.5, 0.5], 2, 1.0),
        ([1 / 6] * 6, 2, math.log2(6)),
        ([0.25] * 4, 2, 2.0),
        ([1.0, 0.0], 2, 0.0),
        ([1.0], 2, 0.0),
        ([0.5, 0.5], math.e, math.log(2)),
        ([0.1] * 10, 10, 1.0),
        ([0.9, 0.1], 2, 0.4689955935892812),
    ],
)
def test_entropy_known_values(p, base, expected):
    assert entropy(p, base) == pytest.approx(expected, rel=1e-15, abs=1e-15)


@pytest.mark.parametrize(
    ("p", "q", "expected"),
    [
        ([0.5, 0.5], [0.5, 0.5], 1.0),
        ([1.0, 0.0], [0.5, 0.5], 1.0),
        ([0.5, 0.5], [0.25, 0.75], 0.5 * 2 + 0.5 * math.log2(4 / 3)),
        ([0.5, 0.5], [1.0, 0.0], math.inf),
        ([0.0, 1.0], [1.0, 0.0], math.inf),
        ([0.0, 1.0], [0.0, 1.0], 0.0),  # p_i = 0 contributes nothing, even where q_i = 0
        ([1.0, 0.0, 0.0], [0.5, 0.0, 0.5], 1.0),
    ],
)
def test_cross_entropy_known_values(p, q, expected):
    assert cross_entropy(p, q) == pytest.approx(expected, rel=1e-15)


def test_infinity_is_exact_and_silent():
    with np.errstate(all="raise"):  # no warning escapes, no NaN appears
        assert cross_entropy([0.3, 0.7], [0.0, 1.0]) == math.inf
        assert kl_divergence([0.3, 0.7], [0.0, 1.0]) == math.inf
        assert binary_cross_entropy(1, 0) == math.inf
        assert binary_cross_entropy(0, 1) == math.inf
        assert surprisal(0) == math.inf


def test_surprisal():
    assert surprisal(0.5) == 1.0
    assert surprisal(1.0) == 0.0 and math.copysign(1, surprisal(1.0)) == 1  # +0, not -0
    assert surprisal(1 / 6) == pytest.approx(math.log2(6), rel=1e-15)
    assert surprisal(0.001, base=10) == pytest.approx(3.0, rel=1e-15)
    assert surprisal([0.5, 0.25]).shape == (2,)


@given(pairs)
def test_gibbs_inequality_and_decomposition(pq):
    p, q = pq
    h, hpq, kl = entropy(p), cross_entropy(p, q), kl_divergence(p, q)
    assert kl >= 0
    assert hpq >= h - 1e-12
    if math.isfinite(hpq):
        assert hpq == pytest.approx(h + kl, rel=1e-9, abs=1e-9)
    else:
        assert kl == math.inf
        assert ((p > 0) & (q == 0)).any()


@given(distributions())
def test_divergence_from_itself_is_zero(p):
    assert kl_divergence(p, p) == 0.0
    assert cross_entropy(p, p) == entropy(p)


@given(pairs)
def test_contributions_are_the_terms_of_the_cross_entropy(pq):
    p, q = pq
    terms = contributions(p, q)
    assert terms.shape == p.shape and (terms >= 0).all()
    assert terms.sum() == pytest.approx(cross_entropy(p, q), rel=1e-12, abs=1e-15)
    assert (terms[p == 0] == 0).all()  # an outcome that never happens costs nothing
    assert (terms == math.inf).tolist() == ((p > 0) & (q == 0)).tolist()


def test_contributions_known_values():
    assert contributions([0.5, 0.25, 0.25, 0.0], [0.5, 0.25, 0.25, 0.0]).tolist() == [0.5, 0.5, 0.5, 0.0]
    np.testing.assert_allclose(
        contributions([0.5, 0.5], [0.25, 0.75], math.e), [0.5 * math.log(4), 0.5 * math.log(4 / 3)]
    )
    assert contributions([0.5, 0.5], [1.0, 0.0]).tolist() == [0.0, math.inf]


@given(distributions())
def test_entropy_bounds(p):
    h = entropy(p)
    assert 0 <= h <= math.log2(len(p)) + 1e-12


@given(pairs, st.sampled_from([2, math.e, 10, 3.5]))
def test_agrees_with_scipy(pq, base):
    p, q = pq
    assert entropy(p, base) == pytest.approx(scipy.stats.entropy(p, base=base), rel=1e-12, abs=1e-15)
    expected_kl = scipy.special.rel_entr(p, q).sum() / math.log(base)
    assert kl_divergence(p, q, base) == pytest.approx(max(expected_kl, 0.0), rel=1e-12, abs=1e-15)
    assert kl_divergence(p, q, base) == pytest.approx(
        max(scipy.stats.entropy(p, q, base=base), 0.0), rel=1e-12, abs=1e-15
    )


def test_units_scale_by_log_of_base():
    p, q = [0.2, 0.3, 0.5], [0.1, 0.6, 0.3]
    bits = cross_entropy(p, q, 2)
    assert cross_entropy(p, q, math.e) == pytest.approx(bits * math.log(2), rel=1e-15)
    assert cross_entropy(p, q, 10) == pytest.approx(bits * math.log10(2), rel=1e-15)


def test_batches_along_leading_axes():
    p = np.array([[0.5, 0.5], [1.0, 0.0], [0.25, 0.75]])
    np.testing.assert_allclose(entropy(p), [1.0, 0.0, 0.8112781244591328], rtol=1e-15)
    q = np.array([0.5, 0.5])  # one estimate broadcast against every row of p
    np.testing.assert_allclose(cross_entropy(p, q), [1.0, 1.0, 1.0], rtol=1e-15)
    assert kl_divergence(p, q).shape == (3,)


def test_binary_measures_match_the_general_ones():
    for p in (0.0, 0.01, 0.3, 0.5, 0.99, 1.0):
        assert binary_entropy(p) == pytest.approx(entropy([p, 1 - p]), rel=1e-15, abs=1e-15)
        for q in (0.0, 0.2, 0.65, 1.0):
            assert binary_cross_entropy(p, q) == pytest.approx(cross_entropy([p, 1 - p], [q, 1 - q]), rel=1e-15)


def test_binary_cross_entropy_broadcasts_to_a_grid():
    p = np.linspace(0, 1, 1001)[:, None]
    q = np.linspace(0, 1, 1001)[None, :]
    grid = binary_cross_entropy(p, q)
    assert grid.shape == (1001, 1001)
    assert not np.isnan(grid).any()
    diagonal = np.diagonal(grid)
    np.testing.assert_allclose(diagonal, binary_entropy(p[:, 0]), rtol=1e-15, atol=1e-15)
    assert (grid >= diagonal[:, None] - 1e-12).all()  # each row's minimum is on the diagonal, q = p
    assert grid[0, -1] == math.inf and grid[-1, 0] == math.inf


def test_binary_cross_entropy_agrees_with_sklearn_log_loss():
    y = np.array([1, 0, 1, 1, 0])
    q = np.array([0.9, 0.2, 0.65, 0.3, 0.01])
    ours = binary_cross_entropy(y, q, math.e).mean()
    assert ours == pytest.approx(log_loss(y, q), rel=1e-12)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: entropy([0.5, 0.6]), r"p must sum to 1 .* sums to 1\.1"),
        (lambda: entropy([0.5, 0.5 + 1e-8]), "p must sum to 1"),
        (lambda: cross_entropy([0.5, 0.5], [0.2, 0.2]), "q must sum to 1"),
        (lambda: entropy([-0.5, 1.5]), "p has a negative entry"),
        (lambda: entropy([float("nan"), 1.0]), "p contains NaN"),
        (lambda: surprisal(1.5), "p has an entry above 1"),
        (lambda: binary_cross_entropy(0.5, 2), "q has an entry above 1"),
        (lambda: cross_entropy([0.5, 0.5], [1 / 3] * 3), "same number of outcomes"),
        (lambda: kl_divergence([[0.5, 0.5]] * 2, [[0.5, 0.5]] * 3), "do not broadcast"),
        (lambda: entropy([0.5, 0.5], base=1), "base must be a finite real number above 1"),
        (lambda: entropy([0.5, 0.5], base=0.5), "base must be"),  # was accepted, giving -1 bit
        (lambda: kl_divergence([0.5, 0.5], [0.9, 0.1], base=0.1), "base must be"),
        (lambda: entropy([0.5 + 1j, 0.5]), "p must be real numbers, got complex"),  # was 1.0
        (lambda: cross_entropy([0.5, 0.5], ["0.5", "0.5"]), "q must be real numbers, got str"),
        (lambda: binary_entropy(True), "p must be real numbers, got booleans"),
        (lambda: kl_divergence([True, False], [0.5, 0.5]), "p must be real numbers, got booleans"),
        (lambda: binary_cross_entropy(0.5, 0.5j), "q must be real numbers, got complex"),
        (lambda: cross_entropy([], []), r"p must hold at least one probability along its last axis, got shape \(0,\)"),
        (lambda: entropy([0.5, 0.5], base=-2), "base must be"),
        (lambda: entropy([0.5, 0.5], base="2"), "base must be"),
        (lambda: entropy([0.5, 0.5], base=True), "base must be"),
        (lambda: entropy([]), "at least one probability"),
        (lambda: entropy("abc"), "p must be real numbers, got str"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_tolerance_accepts_rounding_but_never_rescales():
    p = [0.1] * 10  # sums to 0.9999999999999999
    assert entropy(p) == pytest.approx(math.log2(10), rel=1e-15)


def test_negative_zero_is_zero():
    assert kl_divergence([0.3, 0.7], [-0.0, 1.0]) == math.inf
    assert binary_cross_entropy(0.3, -0.0) == math.inf and binary_cross_entropy(-0.0, -0.0) == 0.0
    assert surprisal(-0.0) == math.inf
    assert kl_divergence([-0.0, 1.0], [0.5, 0.5]) == pytest.approx(1.0)


def test_kl_divergence_stays_finite_for_a_subnormal_estimate():
    # 0.3 / 1e-310 overflows a float, but D(p‖q) = 0.3·ln(0.3/1e-310) + 0.7·ln(0.7/1) is finite.
    p, q = [0.3, 0.7], [1e-310, 1.0]
    expected = 0.3 * (math.log(0.3) + 310 * math.log(10)) + 0.7 * math.log(0.7)
    assert kl_divergence(p, q, math.e) == pytest.approx(expected, rel=1e-12)
    assert kl_divergence(p, q) == pytest.approx(cross_entropy(p, q) - entropy(p), rel=1e-12)
    assert kl_divergence([1.0, 0.0], [0.0, 1.0]) == math.inf  # the maths' ∞ is still ∞


# Accuracy at the edges, against a 60-digit mpmath reference computed from the exact floats given.

mpmath = pytest.importorskip("mpmath")
mpmath.mp.dps = 60


def _exact_binary_cross_entropy(p, q):
    p, q = mpmath.mpf(float(p)), mpmath.mpf(float(q))
    total = mpmath.mpf(0)
    if p > 0:
        total -= p * mpmath.log(q)
    if p < 1:
        total -= (1 - p) * mpmath.log1p(-q)
    return total


def _relative_error(value, exact):
    if exact == 0:  # 1 - p rounds to 1.0 for p < 2**-53: the entropy of a certain outcome is exactly 0
        return 0.0 if value == 0 else math.inf
    if mpmath.isinf(exact):  # q rounded to 0 or 1 where the outcome can happen
        return 0.0 if value == exact else math.inf
    return float(abs((mpmath.mpf(float(value)) - exact) / exact))


@pytest.mark.parametrize(
    ("p", "expected_bits"),
    [
        (1e-17, 5.791547265397413e-16),  # was 5.647e-16: ln(1 - p) lost p's digits
        (1e-300, 9.980211e-298),
    ],
)
def test_binary_entropy_keeps_its_relative_accuracy_for_tiny_p(p, expected_bits):
    exact = _exact_binary_cross_entropy(p, p) / mpmath.log(2)
    assert binary_entropy(p) == pytest.approx(expected_bits, rel=1e-6)
    assert _relative_error(binary_entropy(p), exact) <= 1e-12


def test_binary_cross_entropy_keeps_its_relative_accuracy_for_tiny_p_and_q():
    # p = 0, q = 1e-17: the cost is ln(1/(1 - q)) = q (+ q²/2), all of which ln(1 - q) rounded away.
    assert binary_cross_entropy(0.0, 1e-17, math.e) == pytest.approx(1e-17, rel=1e-15)
    exact = _exact_binary_cross_entropy(1e-20, 1e-18)
    assert _relative_error(binary_cross_entropy(1e-20, 1e-18, math.e), exact) <= 1e-12


tiny_to_half = st.floats(-300, math.log10(0.5)).map(lambda e: 10.0**e)  # log-uniform in [1e-300, 0.5]


@given(tiny_to_half)
def test_binary_entropy_is_relatively_accurate_down_to_1e_300(p):
    exact = _exact_binary_cross_entropy(p, p)
    assert _relative_error(binary_entropy(p, math.e), exact) <= 1e-12
    assert _relative_error(binary_entropy(1 - p, math.e), _exact_binary_cross_entropy(1 - p, 1 - p)) <= 1e-12


@given(tiny_to_half, tiny_to_half, st.booleans(), st.booleans())
def test_binary_cross_entropy_is_relatively_accurate_down_to_1e_300(p, q, flip_p, flip_q):
    p, q = (1 - p if flip_p else p), (1 - q if flip_q else q)  # and from 1/2 up to 1 - 1e-16
    exact = _exact_binary_cross_entropy(p, q)
    assert _relative_error(binary_cross_entropy(p, q, math.e), exact) <= 1e-12


def _exact_kl(p, q):
    """Σ p_i·ln(p_i/q_i) for the floats given, to 60 digits (∞ where q_i = 0 < p_i)."""
    total = mpmath.mpf(0)
    for a, b in zip(np.ravel(p), np.ravel(q), strict=True):
        if a > 0:
            total += mpmath.mpf(float(a)) * (mpmath.log(mpmath.mpf(float(a))) - mpmath.log(mpmath.mpf(float(b))))
    return total


@pytest.mark.parametrize(
    ("p", "q"),
    [
        ([0.5, 0.5], [1e-309, 1.0]),  # p/q overflows: 355.0562…, not ∞ (SciPy's rel_entr agrees)
        ([0.5, 0.5], [5e-324, 1.0]),
        ([1e-300, 1 - 1e-300], [1.0 - 2**-53, 2**-53]),  # p/q underflows below the normal floats
        ([0.5, 0.5], [0.5000001, 0.4999999]),  # was 1.99680e-14 (rel. 1.6e-3)
        ([0.6, 0.4], [0.6000000001, 0.3999999999]),  # was 0.0; exact 2.08e-20
        ([0.2, 0.3, 0.5], [0.2 * (1 + 1e-9), 0.3, 0.5 - 0.2e-9]),
    ],
)
def test_kl_divergence_is_relatively_accurate_at_the_edges(p, q):
    exact = _exact_kl(p, q)
    assert exact > 0
    assert _relative_error(kl_divergence(p, q, math.e), exact) <= 1e-13


def test_kl_divergence_keeps_its_conventions():
    with np.errstate(all="raise"):
        assert kl_divergence([0.0, 1.0], [0.0, 1.0]) == 0.0  # 0·ln(0/0) = 0, never NaN
        assert kl_divergence([0.5, 0.5], [0.0, 1.0]) == math.inf
        assert kl_divergence([1e-300, 1 - 1e-300], [0.0, 1.0]) == math.inf
        assert kl_divergence([0.0, 1.0], [0.5, 0.5]) == 1.0
    p = np.array([0.1, 0.2, 0.7])
    assert kl_divergence(p, p) == 0.0 and math.copysign(1.0, kl_divergence(p, p)) == 1.0


@st.composite
def near_pairs(draw):
    """p on the simplex of 2–8 outcomes; q = p perturbed by a relative δ in [1e-12, 1e-3], renormalised."""
    n = draw(st.integers(2, 8))
    weights = np.asarray(draw(st.lists(st.floats(1e-6, 1e3, allow_subnormal=False), min_size=n, max_size=n)))
    p = weights / weights.sum()  # every outcome possible: drawn so, not filtered (Hypothesis's health check)
    delta = 10.0 ** draw(st.floats(-12, -3))
    signs = np.asarray(draw(st.lists(st.floats(-1, 1), min_size=p.size, max_size=p.size)))
    q = p * (1 + delta * signs)
    return p, q / q.sum()


@settings(max_examples=150)
@given(near_pairs())
def test_kl_divergence_is_relatively_accurate_near_p_equals_q(pq):
    # The exact value for the floats includes Σp − Σq (a few ulps for renormalised floats), so it may
    # be ≤ 0, where Gibbs' bound makes the result 0. Otherwise the error bound is a few n·ε of
    # D + 2|Σp − Σq|: relative 1e-9 unless the two nearly cancel; SciPy's summed rel_entr has
    # n·ε·Σ|p_i·ln(p_i/q_i)| ≈ n·ε·δ instead, 1e-3 relative at δ = 1e-12.
    p, q = pq
    exact = _exact_kl(p, q)
    ours = kl_divergence(p, q, math.e)
    if exact <= 0:
        assert ours == 0.0
        return
    imbalance = abs(mpmath.fsum(map(mpmath.mpf, p)) - mpmath.fsum(map(mpmath.mpf, q)))
    error = abs(mpmath.mpf(float(ours)) - exact)
    assert error <= 1e-9 * exact + 16 * p.size * 2.0**-53 * float(imbalance)
    scipy_error = abs(mpmath.mpf(float(scipy.special.rel_entr(p, q).sum())) - exact)
    assert error <= 2 * scipy_error + 4 * 2.0**-53 * exact  # at least as accurate, to a rounding or two


@pytest.mark.parametrize("unit", [BITS, NATS, HARTLEYS])
def test_perplexity_is_the_same_number_in_every_unit(unit):
    # Three equally likely outcomes: entropy log 3 in any unit, perplexity 3.
    h = entropy([1 / 3] * 3, unit.base)
    assert perplexity(h, unit.base) == pytest.approx(3.0, rel=1e-15)
    assert perplexity(0.0, unit.base) == 1.0 and perplexity(math.inf, unit.base) == math.inf


@pytest.mark.parametrize(("h", "base", "name"), [(-0.1, 2, "h"), (math.nan, 2, "h"), ("1", 2, "h"), (1.0, 1, "base")])
def test_perplexity_refuses_what_is_no_entropy(h, base, name):
    with pytest.raises(ValueError, match=name):
        perplexity(h, base)

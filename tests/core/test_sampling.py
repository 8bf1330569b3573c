"""Running averages of surprise over draws from p (core/sampling.py): exact at every k, seeded, and
converging to H(p, q) and H(p)."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.measures import cross_entropy, entropy
from core.sampling import MAX_DRAWS, running_means
from core.units import BITS, NATS


def _weights(n):
    """Distributions as the pages make them: whole weights from 1 to 10, so every outcome can happen."""
    return st.lists(st.integers(1, 10), min_size=n, max_size=n).map(lambda w: np.asarray(w) / sum(w))


pairs = st.integers(2, 8).flatmap(lambda n: st.tuples(_weights(n), _weights(n)))


def test_every_average_and_error_is_numpys_over_the_first_k_draws():
    p, q = [0.5, 0.3, 0.2], [0.2, 0.5, 0.3]
    s = running_means(p, q, 60, seed=3)
    cross = -np.log2(np.asarray(q))[s.outcomes]
    own = -np.log2(np.asarray(p))[s.outcomes]
    for k in range(1, 61):
        assert s.cross_entropy[k - 1] == pytest.approx(cross[:k].mean(), rel=1e-13)
        assert s.entropy[k - 1] == pytest.approx(own[:k].mean(), rel=1e-13)
        if k > 1:
            assert s.cross_entropy_error[k - 1] == pytest.approx(cross[:k].std(ddof=1) / math.sqrt(k), rel=1e-9)
            assert s.entropy_error[k - 1] == pytest.approx(own[:k].std(ddof=1) / math.sqrt(k), rel=1e-9)
    assert s.cross_entropy_error[0] == s.entropy_error[0] == math.inf  # one draw has no spread to measure
    assert (s.count, s.unit, s.infinite_from) == (60, BITS, None)
    assert s.cross_entropy_limit == cross_entropy(p, q) and s.entropy_limit == entropy(p)


def test_a_constant_surprise_has_exactly_no_error():
    s = running_means([0.25] * 4, [0.25] * 4, 50, seed=0)
    assert s.entropy.tolist() == [2.0] * 50 and s.entropy_error[1:].tolist() == [0.0] * 49
    assert s.errors_away() == (0.0, 0.0)


def test_the_unit_scales_every_average():
    bits = running_means([0.7, 0.3], [0.4, 0.6], 100, seed=5)
    nats = running_means([0.7, 0.3], [0.4, 0.6], 100, seed=5, unit=NATS)
    assert nats.cross_entropy == pytest.approx(bits.cross_entropy * math.log(2), rel=1e-12)
    assert nats.entropy_error[1:] == pytest.approx(bits.entropy_error[1:] * math.log(2), rel=1e-9)
    assert nats.unit == NATS


@given(pairs, st.integers(0, 100), st.integers(1, MAX_DRAWS - 1))
def test_more_draws_draw_more_after_the_same_first_ones(pq, seed, fewer):
    """So ▶ looks like drawing more, not drawing again."""
    p, q = pq
    short, long = running_means(p, q, fewer, seed), running_means(p, q, MAX_DRAWS, seed)
    assert short.outcomes.tolist() == long.outcomes[:fewer].tolist()
    for name in ("cross_entropy", "cross_entropy_error", "entropy", "entropy_error"):
        assert getattr(short, name).tolist() == getattr(long, name)[:fewer].tolist()


def test_the_seed_decides_the_draws():
    p, q = [0.5, 0.3, 0.2], [0.2, 0.5, 0.3]
    assert running_means(p, q, 100, 7).outcomes.tolist() == running_means(p, q, 100, 7).outcomes.tolist()
    assert running_means(p, q, 100, 7).outcomes.tolist() != running_means(p, q, 100, 8).outcomes.tolist()


@given(pairs, st.integers(0, 100))
def test_the_averages_come_within_a_few_standard_errors_of_their_limits(pq, seed):
    """The law of large numbers, at 2000 draws: within 5 exact standard errors σ/√k (a miss has a
    chance below 1e-6 an example), and the estimated standard error within a fifth of the exact one."""
    p, q = pq
    s = running_means(p, q, MAX_DRAWS, seed)
    for mean, error, limit, probabilities in [
        (s.cross_entropy, s.cross_entropy_error, s.cross_entropy_limit, q),
        (s.entropy, s.entropy_error, s.entropy_limit, p),
    ]:
        surprise = -np.log2(probabilities)
        exact_error = math.sqrt(float(p @ (surprise - limit) ** 2) / MAX_DRAWS)
        assert abs(mean[-1] - limit) <= 5 * exact_error + 1e-12
        assert error[-1] == pytest.approx(exact_error, rel=0.2, abs=1e-12)
    assert all(abs(z) < 6 for z in s.errors_away())


def test_outcomes_that_p_rules_out_are_never_drawn():
    s = running_means([0.0, 0.5, 0.0, 0.5], [0.25] * 4, MAX_DRAWS, seed=1)
    assert set(s.outcomes.tolist()) == {1, 3}
    assert np.isfinite(s.entropy).all()


def test_an_outcome_q_rules_out_makes_the_average_infinite_from_its_first_draw():
    s = running_means([0.5, 0.5], [1.0, 0.0], 20, seed=2)  # outcomes 1, 1, 2, …
    assert s.outcomes[:3].tolist() == [0, 0, 1] and s.infinite_from == 3
    assert s.cross_entropy[:2].tolist() == [0.0, 0.0] and np.isinf(s.cross_entropy[2:]).all()
    assert s.cross_entropy_error[1] == 0.0 and np.isinf(s.cross_entropy_error[2:]).all()
    assert not np.isnan(s.cross_entropy).any() and not np.isnan(s.cross_entropy_error).any()
    assert s.cross_entropy_limit == math.inf and s.errors_away() == (0.0, 0.0)  # at its limit, ∞
    before = running_means([0.5, 0.5], [1.0, 0.0], 2, seed=2)
    assert before.infinite_from is None and before.errors_away()[0] == -math.inf  # not yet at ∞


def test_an_impossible_outcome_drawn_first_is_infinite_throughout():
    s = running_means([0.0, 1.0], [1.0, 0.0], 10, seed=0)
    assert s.infinite_from == 1 and np.isinf(s.cross_entropy).all() and np.isinf(s.cross_entropy_error).all()


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (([0.5, 0.6], [0.5, 0.5], 10, 0), "p must sum to 1"),
        (([0.5, 0.5], [0.5, "x"], 10, 0), "q must be real numbers"),
        (([0.5, 0.5], [0.2, 0.3, 0.5], 10, 0), "p and q must be single distributions"),
        (([[0.5, 0.5]], [[0.5, 0.5]], 10, 0), "p and q must be single distributions"),
        (([0.5, 0.5], [0.5, 0.5], 0, 0), "count must be"),
        (([0.5, 0.5], [0.5, 0.5], MAX_DRAWS + 1, 0), "count must be"),
        (([0.5, 0.5], [0.5, 0.5], 10.0, 0), "count must be"),
        (([0.5, 0.5], [0.5, 0.5], True, 0), "count must be"),
        (([0.5, 0.5], [0.5, 0.5], 10, -1), "seed must be"),
        (([0.5, 0.5], [0.5, 0.5], 10, 1.5), "seed must be"),
        (([0.5, 0.5], [0.5, 0.5], 10, None), "seed must be"),
    ],
)
def test_bad_input_is_refused_by_name(arguments, named):
    with pytest.raises(ValueError, match=named):
        running_means(*arguments)


def test_numpy_integers_are_whole_numbers():
    s = running_means([0.5, 0.5], [0.5, 0.5], np.int64(10), np.int64(3))
    assert s.count == 10

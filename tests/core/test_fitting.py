"""The best discretised normal in each direction (core/fitting.py): the shape, the search checked
against brute force, and what each direction does with a two-mode p."""

import math

import numpy as np
import pytest

from core.fitting import SIGMA_RANGE, TWO_MODES, discretised_normal, fit_both_directions, fit_normal
from core.measures import kl_divergence
from core.units import BITS, HARTLEYS, NATS

#: The left and right modes of the teaching example.
LEFT, RIGHT = 3, 6


def _brute_force(p, direction, base=2, mu_steps=701, sigma_steps=400):
    """D(p‖q) or D(q‖p) at every point of a dense grid over the box the fit searches."""
    mus = np.linspace(1.0, p.size, mu_steps)
    sigmas = np.geomspace(*SIGMA_RANGE, sigma_steps)
    q = discretised_normal(mus[:, None], sigmas[None, :], p.size)
    return kl_divergence(p, q, base) if direction == "forward" else kl_divergence(q, p, base)


def _mean_and_variance(distribution):
    outcomes = np.arange(1, distribution.size + 1)
    mean = float(distribution @ outcomes)
    return mean, float(distribution @ (outcomes - mean) ** 2)


@pytest.mark.parametrize("n", [1, 2, 3, 8, 20])
@pytest.mark.parametrize("mu", [-3.0, 1.0, 2.7, 4.5, 8.0, 30.0])
@pytest.mark.parametrize("sigma", [0.05, 0.3, 1.0, 5.0, 100.0])
def test_a_discretised_normal_is_a_distribution_peaked_at_the_outcome_nearest_mu(n, mu, sigma):
    q = discretised_normal(mu, sigma, n)
    assert q.shape == (n,) and (q >= 0).all()
    assert math.isclose(q.sum(), 1.0, rel_tol=1e-15)
    peak = int(np.argmax(q))
    assert peak == min(max(round(mu), 1), n) - 1  # the outcome nearest μ, within 1..n
    assert (np.diff(q[: peak + 1]) >= 0).all() and (np.diff(q[peak:]) <= 0).all()  # one peak: unimodal


def test_a_discretised_normal_is_symmetric_about_mu():
    q = discretised_normal(4.5, 1.3, 8)
    assert q.tolist() == q[::-1].tolist()  # exactly: (i − 4.5)² = (9 − i − 4.5)²
    q = discretised_normal(3.0, 0.7, 8)
    assert q[0:2].tolist() == q[3:5][::-1].tolist()  # outcomes 1, 2 mirror 5, 4 about μ = 3


def test_a_discretised_normal_follows_the_density_at_the_outcomes():
    sigma, mu = 1.7, 2.4
    density = np.exp(-((np.arange(1, 7) - mu) ** 2) / (2 * sigma**2))
    np.testing.assert_allclose(discretised_normal(mu, sigma, 6), density / density.sum(), rtol=1e-14)
    assert discretised_normal(4.5, 1e4, 8) == pytest.approx(np.full(8, 1 / 8), rel=1e-7)  # σ → ∞: uniform
    assert discretised_normal(4.2, 0.01, 8).tolist() == [0, 0, 0, 1, 0, 0, 0, 0]  # σ → 0: one outcome


def test_a_discretised_normal_broadcasts_mu_and_sigma():
    q = discretised_normal([[1.0], [2.0], [3.0]], [0.5, 1.0], 4)
    assert q.shape == (3, 2, 4)
    np.testing.assert_array_equal(q[1, 0], discretised_normal(2.0, 0.5, 4))


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((math.nan, 1.0, 8), "mu"),
        ((math.inf, 1.0, 8), "mu"),
        (("2", 1.0, 8), "mu"),
        ((2.0, 0.0, 8), "sigma"),
        ((2.0, -1.0, 8), "sigma"),
        ((2.0, math.inf, 8), "sigma"),
        ((2.0, 1.0, 0), "n"),
        ((2.0, 1.0, 2.5), "n"),
        ((2.0, 1.0, True), "n"),
        (([1.0, 2.0], [1.0, 2.0, 3.0], 8), "mu and sigma"),
    ],
)
def test_a_discretised_normal_refuses_bad_arguments_by_name(args, name):
    with pytest.raises(ValueError, match=f"^{name}"):
        discretised_normal(*args)


def test_the_example_has_two_modes_and_every_outcome_possible():
    assert math.isclose(TWO_MODES.sum(), 1.0, rel_tol=1e-12) and (TWO_MODES > 0).all()
    peaks = [i + 1 for i in range(1, 7) if TWO_MODES[i] > TWO_MODES[i - 1] and TWO_MODES[i] > TWO_MODES[i + 1]]
    assert peaks == [LEFT, RIGHT]
    assert not TWO_MODES.flags.writeable


def test_the_forward_fit_beats_every_point_of_a_dense_grid():
    fit = fit_normal(TWO_MODES, "forward")
    grid = _brute_force(TWO_MODES, "forward")
    assert fit.divergence <= grid.min()
    assert grid.min() - fit.divergence < 1e-5  # and the grid, 0.01 apart in μ, comes close to it


def test_the_forward_fit_covers_both_modes():
    fit = fit_normal(TWO_MODES, "forward")
    assert fit.mu == pytest.approx(4.5, abs=1e-6)  # halfway between the modes of a symmetric p
    assert fit.sigma > 1.5  # wide: half of the way from one mode to the other
    assert fit.q[LEFT - 1] > 0.15 and fit.q[RIGHT - 1] > 0.15  # both modes get a fair share


def test_the_forward_fit_matches_the_mean_and_the_variance():
    """q is exponential in i and i², so the best q by D(p‖q) has p's first two moments."""
    fit = fit_normal(TWO_MODES, "forward")
    np.testing.assert_allclose(_mean_and_variance(fit.q), _mean_and_variance(TWO_MODES), rtol=1e-7)


def test_the_reverse_fit_beats_every_point_of_a_dense_grid():
    fit = fit_normal(TWO_MODES, "reverse")
    grid = _brute_force(TWO_MODES, "reverse")
    assert fit.divergence <= grid.min()
    assert grid.min() - fit.divergence < 1e-4


def test_the_reverse_fit_settles_on_one_mode():
    fit = fit_normal(TWO_MODES, "reverse")
    assert abs(fit.mu - LEFT) < 0.5 and fit.sigma < 0.7  # narrow, on the left mode
    assert fit.q[LEFT - 1] > 0.7 and fit.q[RIGHT - 1] < 1e-9  # the other mode is all but ignored


def test_the_reverse_fit_takes_the_left_mode_of_a_symmetric_p_which_is_a_true_tie():
    fit = fit_normal(TWO_MODES, "reverse")
    mirrored = discretised_normal(9.0 - fit.mu, fit.sigma, 8)
    assert fit.mu < 4.5
    assert float(kl_divergence(mirrored, TWO_MODES)) == pytest.approx(fit.divergence, rel=1e-12)


def test_the_reverse_fit_takes_the_heavier_mode_and_mirrors_with_p():
    heavier_right = np.array([0.01, 0.09, 0.36, 0.02, 0.02, 0.40, 0.09, 0.01])
    fit = fit_normal(heavier_right, "reverse")
    assert abs(fit.mu - RIGHT) < 0.5
    mirrored = fit_normal(heavier_right[::-1], "reverse")
    assert mirrored.mu == pytest.approx(9.0 - fit.mu, abs=1e-6) and mirrored.sigma == pytest.approx(fit.sigma, rel=1e-6)
    assert fit.divergence <= _brute_force(heavier_right, "reverse").min()


def test_each_fit_wins_its_own_direction_and_loses_the_other():
    fits = fit_both_directions(TWO_MODES)
    assert fits.forward.forward_divergence < fits.reverse.forward_divergence
    assert fits.reverse.reverse_divergence < fits.forward.reverse_divergence
    assert fits.reverse.forward_divergence > 10  # bits: q all but rules out the right mode, which p gives 48 %


@pytest.mark.parametrize("unit", [BITS, NATS, HARTLEYS])
def test_the_divergences_are_exactly_the_measures(unit):
    fits = fit_both_directions(TWO_MODES, unit)
    for fit in (fits.forward, fits.reverse):
        assert fit.forward_divergence == float(kl_divergence(TWO_MODES, fit.q, unit.base))
        assert fit.reverse_divergence == float(kl_divergence(fit.q, TWO_MODES, unit.base))
        assert fit.q.tolist() == discretised_normal(fit.mu, fit.sigma, 8).tolist()
    assert fits.unit is unit and fits.p.tolist() == TWO_MODES.tolist()
    assert (fits.forward.divergence, fits.reverse.divergence) == (
        fits.forward.forward_divergence,
        fits.reverse.reverse_divergence,
    )


def test_the_unit_changes_the_numbers_not_the_fit():
    bits, nats = fit_both_directions(TWO_MODES, BITS), fit_both_directions(TWO_MODES, NATS)
    for in_bits, in_nats in ((bits.forward, nats.forward), (bits.reverse, nats.reverse)):
        assert (in_bits.mu, in_bits.sigma) == (in_nats.mu, in_nats.sigma)
        assert in_nats.divergence == pytest.approx(in_bits.divergence * math.log(2), rel=1e-14)


@pytest.mark.parametrize("n", [2, 3, 5, 8])
@pytest.mark.parametrize("direction", ["forward", "reverse"])
def test_every_fit_beats_the_grid_for_other_distributions(n, direction):
    rng = np.random.default_rng(n)
    for _ in range(3):
        p = rng.dirichlet(np.ones(n))
        p /= p.sum()
        fit = fit_normal(p, direction)
        assert fit.divergence <= _brute_force(p, direction, mu_steps=200, sigma_steps=150).min()


def test_a_p_that_rules_out_an_outcome_has_a_forward_fit_only():
    p = [0.5, 0.25, 0.0, 0.25]
    fit = fit_normal(p, "forward")
    assert math.isfinite(fit.divergence) and fit.reverse_divergence == math.inf
    with pytest.raises(ValueError, match=r"^p gives outcome 3 probability 0"):
        fit_normal(p, "reverse")


@pytest.mark.parametrize(
    ("p", "direction", "message"),
    [
        ([0.5, 0.6], "forward", "^p must sum to 1"),
        ([1.0], "forward", "^p must be one distribution over at least 2 outcomes"),
        ([[0.5, 0.5], [0.5, 0.5]], "forward", "^p must be one distribution"),
        ([0.5, "0.5"], "forward", "^p must be real numbers"),
        ([0.5, 0.5], "sideways", "^direction must be 'forward' or 'reverse'"),
    ],
)
def test_a_fit_refuses_bad_arguments_by_name(p, direction, message):
    with pytest.raises(ValueError, match=message):
        fit_normal(p, direction)

"""The single-peaked q closest to a two-mode p, in each direction of the KL divergence.

Fitting a discretised normal q to p by D(p‖q) and by D(q‖p) gives two different answers: the first
spreads q over both modes, the second settles on one. The page on cross-entropy draws both.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
import numpy.typing as npt

from core import _checks, measures
from core._checks import FloatArray
from core.units import BITS, Unit

__all__ = [
    "SIGMA_RANGE",
    "TWO_MODES",
    "DirectionFits",
    "NormalFit",
    "discretised_normal",
    "fit_both_directions",
    "fit_normal",
]

#: The box the fits search for the standard deviation σ. Over 8 outcomes, σ = 0.3 leaves a neighbour
#: of the peak 0.4 % of its probability (nearly one outcome), and σ = 5 at least 78 % (nearly flat).
SIGMA_RANGE = (0.3, 5.0)

#: The teaching example: two bumps, at outcomes 3 and 6, with little between and around them. Every
#: outcome keeps some probability, so that D(q‖p) is finite for every q (see ``fit_normal``). The
#: valley is deep enough that the best q by D(q‖p) takes one bump: with a valley of 0.05 it would
#: rather spread over both. The modes are 3 apart, not 5: a p wider than the uniform distribution
#: over 1..8 would have no best normal by D(p‖q) at all (σ would grow without end).
TWO_MODES: FloatArray = np.array([0.01, 0.09, 0.38, 0.02, 0.02, 0.38, 0.09, 0.01])
TWO_MODES.setflags(write=False)  # shared by every session: nothing may change it in place

Direction = Literal["forward", "reverse"]

# The coarse grid the search starts from: μ in quarters over the outcomes, σ in 24 even steps of log σ.
_MU_STEP = 0.25
_SIGMA_STEPS = 25
# Refine this many of the grid's local minima: enough for one per mode of a two-mode p, and two spare.
_STARTS = 4
# Two fits this close (relative) are a tie: their difference is rounding, as for a symmetric p.
_TIE_RTOL = 1e-9


def _normal(mu: FloatArray, sigma: FloatArray, n: int) -> FloatArray:
    """``discretised_normal`` without its checks, broadcasting μ and σ: the optimiser's inner loop."""
    z = (np.arange(1.0, n + 1.0) - mu[..., None]) / sigma[..., None]
    log_weights = -0.5 * z * z
    # The largest weight becomes 1 before exponentiating, so the total never underflows to 0.
    log_weights -= log_weights.max(axis=-1, keepdims=True)
    weights = np.exp(log_weights)
    q: FloatArray = weights / weights.sum(axis=-1, keepdims=True)
    return q


def discretised_normal(mu: npt.ArrayLike, sigma: npt.ArrayLike, n: int) -> FloatArray:
    """A normal distribution's shape over the outcomes 1..n: q_i ∝ exp(−(i − μ)² / (2σ²)).

    The probabilities are the normal density at the whole numbers 1..n, normalised to sum to 1 (not
    its mass over unit bins [i − ½, i + ½]: the same shape for σ above about 1, and computed with NumPy
    alone, where the bins would need the error function). They are symmetric about μ, rise to the
    outcome nearest μ and fall beyond it; σ → 0 tends to all on that outcome, σ → ∞ to the uniform
    distribution. Every q_i is positive unless (i − μ)²/(2σ²) exceeds about 745, where exp underflows.

    Parameters
    ----------
    mu : array_like
        The mean μ, finite; an array gives one distribution per value.
    sigma : array_like
        The standard deviation σ > 0, finite; broadcasts with ``mu``.
    n : int
        The number of outcomes, at least 1.

    Returns
    -------
    numpy.ndarray, shape (..., n)
        The probabilities q_1..q_n, summing to 1 along the last axis.

    Examples
    --------
    >>> discretised_normal(2.0, 1.0, 3).round(4).tolist()
    [0.2741, 0.4519, 0.2741]
    >>> discretised_normal([1.0, 2.0], 0.5, 2).round(4).tolist()
    [[0.8808, 0.1192], [0.1192, 0.8808]]
    """
    mu_values = _checks.finite(mu, "mu")
    sigma_values = _checks.finite(sigma, "sigma")
    if not (sigma_values > 0).all():
        raise ValueError(f"sigma must be positive, got {sigma_values[~(sigma_values > 0)].flat[0]!r}")
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"n must be a whole number of outcomes, at least 1; got {n!r}")
    try:
        mu_values, sigma_values = np.broadcast_arrays(mu_values, sigma_values)
    except ValueError:
        raise ValueError(
            f"mu and sigma have shapes {mu_values.shape} and {sigma_values.shape}, which do not broadcast"
        ) from None
    return _normal(mu_values, sigma_values, int(n))


@dataclass(frozen=True)
class NormalFit:
    """The discretised normal q closest to p in one direction, with its divergence both ways.

    Attributes
    ----------
    direction : {"forward", "reverse"}
        "forward" minimised D(p‖q), "reverse" D(q‖p).
    mu, sigma : float
        The fitted mean and standard deviation (``discretised_normal``).
    q : ndarray, shape (n,)
        The fitted distribution.
    forward_divergence, reverse_divergence : float
        D(p‖q) and D(q‖p) of that q, in the fit's unit, each from ``measures.kl_divergence``.
    """

    direction: Direction
    mu: float
    sigma: float
    q: FloatArray
    forward_divergence: float
    reverse_divergence: float

    @property
    def divergence(self) -> float:
        """The divergence this fit minimised: D(p‖q) for "forward", D(q‖p) for "reverse"."""
        return self.forward_divergence if self.direction == "forward" else self.reverse_divergence


@dataclass(frozen=True)
class DirectionFits:
    """A true p and its best discretised normal in each direction, in ``unit``."""

    p: FloatArray
    unit: Unit
    forward: NormalFit
    reverse: NormalFit


def _local_minima(values: FloatArray) -> list[tuple[int, int]]:
    """The cells of a grid no higher than any of their (up to 8) neighbours, lowest first."""
    padded = np.pad(values, 1, constant_values=np.inf)
    rows, columns = values.shape
    lowest = np.ones(values.shape, dtype=bool)
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            if di or dj:
                lowest &= values <= padded[1 + di : 1 + di + rows, 1 + dj : 1 + dj + columns]
    cells = np.argwhere(lowest & np.isfinite(values))
    order = np.argsort(values[lowest & np.isfinite(values)], kind="stable")
    return [(int(i), int(j)) for i, j in cells[order]]


def _nelder_mead(
    objective: Callable[[FloatArray], float],
    start: FloatArray,
    steps: FloatArray,
    low: FloatArray,
    high: FloatArray,
    *,
    tolerance: float = 1e-11,
    max_iterations: int = 2000,
) -> FloatArray:
    """The minimum of a smooth function of two variables near ``start``, kept inside the box [low, high].

    Nelder and Mead's simplex method with the usual coefficients (reflect 1, expand 2, contract and
    shrink ½), every trial point clipped to the box; it starts from the triangle of ``start`` and a
    step along each axis, and stops when every corner is within ``tolerance`` of the best. It needs no
    derivatives, and given the same start it takes the same steps: the fit is reproducible.
    """
    corners = [start]
    for axis in (0, 1):  # a step along each axis, inward from the box's edge
        step = np.zeros(2)
        step[axis] = steps[axis]
        corners.append(start + step if start[axis] + steps[axis] <= high[axis] else start - step)
    simplex = np.array(corners)
    values = np.array([objective(x) for x in simplex])
    for _ in range(max_iterations):
        order = np.argsort(values, kind="stable")
        simplex, values = simplex[order], values[order]
        if np.max(np.abs(simplex[1:] - simplex[0])) <= tolerance:
            break
        centroid = simplex[:2].mean(axis=0)
        reflected = np.clip(2 * centroid - simplex[2], low, high)
        f_reflected = objective(reflected)
        if f_reflected < values[0]:
            expanded = np.clip(3 * centroid - 2 * simplex[2], low, high)
            f_expanded = objective(expanded)
            simplex[2], values[2] = (expanded, f_expanded) if f_expanded < f_reflected else (reflected, f_reflected)
        elif f_reflected < values[1]:
            simplex[2], values[2] = reflected, f_reflected
        else:
            # Contract toward the better of the worst corner and its reflection.
            toward = reflected if f_reflected < values[2] else simplex[2]
            contracted = (centroid + toward) / 2
            f_contracted = objective(contracted)
            if f_contracted < min(f_reflected, values[2]):
                simplex[2], values[2] = contracted, f_contracted
            else:
                simplex[1:] = (simplex[0] + simplex[1:]) / 2
                values[1:] = [objective(x) for x in simplex[1:]]
    best: FloatArray = simplex[int(np.argmin(values))]
    return best


@lru_cache(maxsize=32)
def _fit(p_bytes: bytes, direction: Direction) -> tuple[float, float]:
    """The best (μ, σ) for the p whose float64 bytes these are: every rerun of a page with the same
    example costs a dictionary lookup, not a search. An entry is its key (8 bytes per outcome) and two
    floats: the 32 kept hold under 20 KB."""
    p = np.frombuffer(p_bytes, dtype=np.float64)
    n = p.size

    def divergences(q: FloatArray) -> FloatArray:
        # The measure the page shows, in nats: the fit minimises exactly what is reported.
        values = (
            measures.kl_divergence(p, q, math.e) if direction == "forward" else measures.kl_divergence(q, p, math.e)
        )
        return np.asarray(values)

    # A coarse grid in (μ, log σ) finds every basin: D(q‖p) has one per mode of p.
    mus = np.arange(1.0, n + _MU_STEP / 2, _MU_STEP)
    log_sigmas = np.linspace(math.log(SIGMA_RANGE[0]), math.log(SIGMA_RANGE[1]), _SIGMA_STEPS)
    grid = divergences(_normal(mus[:, None], np.exp(log_sigmas)[None, :], n))
    low = np.array([1.0, log_sigmas[0]])
    high = np.array([float(n), log_sigmas[-1]])
    steps = np.array([_MU_STEP, log_sigmas[1] - log_sigmas[0]])

    def objective(x: FloatArray) -> float:
        return float(divergences(_normal(x[:1], np.exp(x[1:]), n))[0])

    fits = []
    for i, j in _local_minima(grid)[:_STARTS]:
        x = _nelder_mead(objective, np.array([mus[i], log_sigmas[j]]), steps, low, high)
        fits.append((objective(x), float(x[0]), float(np.exp(x[1]))))
    best = min(value for value, _, _ in fits)
    # Ties (a symmetric p has two equally good modes) go to the smaller μ: the left mode.
    _, mu, sigma = min((fit for fit in fits if fit[0] <= best * (1 + _TIE_RTOL)), key=lambda fit: fit[1])
    return mu, sigma


def fit_normal(p: npt.ArrayLike, direction: Direction = "forward", unit: Unit = BITS) -> NormalFit:
    """The discretised normal q (``discretised_normal``) closest to ``p`` by D(p‖q) or by D(q‖p).

    Parameters
    ----------
    p : array_like, shape (n,)
        The true distribution over the outcomes 1..n, n ≥ 2; it must sum to 1. For "reverse", every
        p_i must be positive (below).
    direction : {"forward", "reverse"}
        "forward" minimises D(p‖q): q is charged where p has mass that q misses, so it spreads to
        cover all of p (inclusive, moment-matching). "reverse" minimises D(q‖p): q is charged where
        it puts mass that p lacks, so it settles where p is high (exclusive, mode-seeking); this is
        the direction variational inference minimises.
    unit : Unit, default bits
        The unit of the divergences reported.

    Returns
    -------
    NormalFit
        μ and σ, q, and D(p‖q) and D(q‖p) of that q (both ``measures.kl_divergence`` of it).

    Raises
    ------
    ValueError
        Naming ``p`` if it is not a distribution over at least 2 outcomes, or if "reverse" is asked
        of a p with an outcome of probability 0: every discretised normal gives every outcome some
        probability, so D(q‖p) would be ∞ for every q and no q would be best. Naming ``direction``
        if it is neither "forward" nor "reverse".

    Notes
    -----
    The search runs over μ in [1, n] and σ in ``SIGMA_RANGE``, in (μ, log σ), where the divergence is
    smooth. A grid (μ in steps of ¼, 25 values of σ) finds the basins; the lowest four of its local
    minima are each refined by Nelder–Mead (``_nelder_mead``) until its corners are within 1e-11 of
    each other, and the lowest result wins. The divergence is flat at its minimum, so rounding leaves
    the best (μ, σ) known to about 1e-8 (the square root of the rounding, as for any search by values
    alone) and the divergence to the last digits. D(q‖p) has a basin per mode of p, so both modes are
    tried. Two results within a relative 1e-9 are a tie, decided for the smaller μ: for a symmetric p,
    the left mode. A best fit on the box's edge is found along the edge. Each (p, direction) is
    searched once and remembered.

    q_i is proportional to exp(η₁·i + η₂·i²) with η₂ = −1/(2σ²): the best q by D(p‖q) in such a family
    has p's mean and variance, when p is narrower than the uniform distribution (moment matching).

    Examples
    --------
    >>> fit = fit_normal(TWO_MODES, "forward")
    >>> round(fit.mu, 3), round(fit.sigma, 3), round(fit.divergence, 4)
    (4.5, 1.989, 0.7743)
    >>> fit = fit_normal(TWO_MODES, "reverse")
    >>> round(fit.mu, 3), round(fit.sigma, 3), round(fit.divergence, 4)
    (2.827, 0.485, 1.0249)
    """
    p = _checks.distribution(p, "p")
    if p.ndim != 1 or p.size < 2:
        raise ValueError(f"p must be one distribution over at least 2 outcomes, got shape {p.shape}")
    if direction not in ("forward", "reverse"):
        raise ValueError(f"direction must be 'forward' or 'reverse', got {direction!r}")
    if direction == "reverse" and (p == 0).any():
        zero = int(np.flatnonzero(p == 0)[0]) + 1
        raise ValueError(
            f"p gives outcome {zero} probability 0: every discretised normal q gives it some, so D(q‖p) "
            "is ∞ for every q and no q fits best in that direction"
        )
    mu, sigma = _fit(p.tobytes(), direction)
    q = _normal(np.array(mu), np.array(sigma), p.size)
    return NormalFit(
        direction=direction,
        mu=mu,
        sigma=sigma,
        q=q,
        forward_divergence=float(measures.kl_divergence(p, q, unit.base)),
        reverse_divergence=float(measures.kl_divergence(q, p, unit.base)),
    )


def fit_both_directions(p: npt.ArrayLike = TWO_MODES, unit: Unit = BITS) -> DirectionFits:
    """The best discretised normal to ``p`` by D(p‖q) and by D(q‖p), side by side (``fit_normal``).

    Examples
    --------
    >>> fits = fit_both_directions()
    >>> round(fits.forward.mu, 2), round(fits.reverse.mu, 2)
    (4.5, 2.83)
    >>> fits.forward.reverse_divergence > fits.reverse.reverse_divergence
    True
    """
    p = _checks.distribution(p, "p")
    return DirectionFits(p=p, unit=unit, forward=fit_normal(p, "forward", unit), reverse=fit_normal(p, "reverse", unit))

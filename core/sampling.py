"""Cross-entropy as an average over data: draw outcomes from p, and average their surprise under q.

A training loss is such an average: the mean of log(1/q(x)) over the examples x seen. Here the
examples are drawn from p, so by the law of large numbers the average tends to H(p, q), and the
average of log(1/p(x)) to H(p), each within about two standard errors after k draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Integral
from typing import cast

import numpy as np
import numpy.typing as npt

from core import _checks, measures
from core._checks import FloatArray
from core.codes import sample_message
from core.units import BITS, Unit, format_value

__all__ = ["MAX_DRAWS", "RunningMeans", "running_means", "summary"]

#: The most draws a page averages over: enough for the averages to settle within a few hundredths of
#: a bit, few enough to draw in a blink.
MAX_DRAWS = 2000


@dataclass(frozen=True)
class RunningMeans:
    """The averages after each of ``count`` draws from p, and the limits they tend to, in ``unit``.

    Attributes
    ----------
    outcomes : ndarray of int, shape (count,)
        The outcomes drawn, as indices 0 … n − 1: the first k are the same whatever the count.
    cross_entropy, entropy : ndarray, shape (count,)
        Element k − 1 is the average of log(1/q(x)), or of log(1/p(x)), over the first k draws. The
        first is ∞ from the first draw of an outcome that q rules out (q(x) = 0) on.
    cross_entropy_error, entropy_error : ndarray, shape (count,)
        The standard error of each average, s/√k, with s the sample standard deviation (ddof = 1):
        ∞ after one draw, whose spread is unknown, and wherever the average is ∞.
    cross_entropy_limit, entropy_limit : float
        H(p, q) and H(p): where the averages go as the draws go on.
    unit : Unit
    """

    outcomes: npt.NDArray[np.int64]
    cross_entropy: FloatArray
    cross_entropy_error: FloatArray
    entropy: FloatArray
    entropy_error: FloatArray
    cross_entropy_limit: float
    entropy_limit: float
    unit: Unit

    @property
    def count(self) -> int:
        """The number of draws."""
        return int(self.outcomes.size)

    @property
    def infinite_from(self) -> int | None:
        """The draw (counted from 1) from which the average of log(1/q(x)) is ∞, if there is one.

        Examples
        --------
        >>> running_means([0.5, 0.5], [1.0, 0.0], 10, seed=2).infinite_from  # outcomes 1, 1, 2, …
        3
        """
        infinite = np.flatnonzero(np.isinf(self.cross_entropy))
        return int(infinite[0]) + 1 if infinite.size else None

    def errors_away(self) -> tuple[float, float]:
        """How many standard errors the last averages lie above (+) or below (−) H(p, q) and H(p).

        0 where an average equals its limit, to rounding (∞ included), and after a single draw, whose
        standard error is ∞; ±∞ where the draws so far all had the
        same surprise, so that the standard error is 0, yet the average is not the limit, or where
        the limit is ∞ and the average is not yet.

        Examples
        --------
        >>> [round(z, 1) for z in running_means([0.5, 0.5], [0.9, 0.1], 100, seed=0).errors_away()]
        [1.2, 0.0]
        """
        return (
            _errors_away(self.cross_entropy[-1], self.cross_entropy_error[-1], self.cross_entropy_limit),
            _errors_away(self.entropy[-1], self.entropy_error[-1], self.entropy_limit),
        )


def _errors_away(mean: float, error: float, limit: float) -> float:
    # Equal to rounding: a uniform p's every draw has the surprise H(p), summed here and there otherwise.
    if mean == limit or math.isclose(mean, limit, rel_tol=1e-12):
        return 0.0
    if error == 0 or math.isinf(limit):
        return math.copysign(math.inf, mean - limit)
    return float((mean - limit) / error)


def _running_mean_and_error(values: FloatArray) -> tuple[FloatArray, FloatArray]:
    """The mean of the first k values and its standard error s/√k (ddof = 1), for every k.

    Sums of the values and of their squares are taken after subtracting the first value: the
    variance is then a difference of small numbers, exactly 0 for values all alike, rather than of
    two large ones. An ∞ value makes every later mean ∞, and its error ∞ too, never NaN.
    """
    k = np.arange(1, values.size + 1, dtype=np.float64)
    shift = values[0] if math.isfinite(values[0]) else 0.0
    deviations = values - shift
    # inf − inf in the variance where an ∞ was drawn: those errors are set to ∞ below.
    with np.errstate(invalid="ignore"):
        sums = np.cumsum(deviations)
        squares = np.cumsum(deviations * deviations)
        mean = shift + sums / k
        variance = np.maximum(squares - sums * sums / k, 0.0) / np.maximum(k - 1, 1)
        error = np.sqrt(variance / k)
    error[0] = math.inf
    error[np.isinf(mean)] = math.inf
    return mean, error


def running_means(p: npt.ArrayLike, q: npt.ArrayLike, count: int, seed: int, unit: Unit = BITS) -> RunningMeans:
    """Draw ``count`` outcomes from ``p`` and average log(1/q(x)) and log(1/p(x)) after each draw.

    Parameters
    ----------
    p : array_like, shape (n,)
        The true distribution the outcomes are drawn from; an outcome with p = 0 is never drawn.
    q : array_like, shape (n,)
        The estimate whose surprise is averaged.
    count : int
        The number of draws, from 1 to ``MAX_DRAWS``.
    seed : int
        A non-negative seed: the same seed draws the same outcomes, and a larger count draws more of
        them after the same first ones (the draws of ``core.codes.sample_message``).
    unit : Unit, default bits

    Returns
    -------
    RunningMeans

    Raises
    ------
    ValueError
        Naming ``p`` or ``q`` if either is not a distribution over the same outcomes, ``count`` if it
        is not a whole number from 1 to ``MAX_DRAWS``, ``seed`` if it is not a whole number ≥ 0.

    Examples
    --------
    A fair coin judged by q = (0.9, 0.1): heads costs log₂(1/0.9) ≈ 0.152 bits, tails log₂ 10 ≈
    3.322, and their average over many tosses tends to H(p, q) ≈ 1.737 bits.

    >>> s = running_means([0.5, 0.5], [0.9, 0.1], 4, seed=0)
    >>> s.outcomes.tolist(), s.cross_entropy.round(2).tolist()
    ([1, 0, 0, 0], [3.32, 1.74, 1.21, 0.94])
    >>> s.entropy.tolist(), s.entropy_error.tolist()  # a fair coin's every toss surprises by 1 bit
    ([1.0, 1.0, 1.0, 1.0], [inf, 0.0, 0.0, 0.0])
    >>> round(s.cross_entropy_limit, 3), s.entropy_limit
    (1.737, 1.0)
    """
    p = _checks.distribution(p, "p")
    q = _checks.distribution(q, "q")
    if p.ndim != 1 or q.shape != p.shape:
        raise ValueError(f"p and q must be single distributions over the same outcomes, got {p.shape} and {q.shape}")
    if not isinstance(count, Integral) or isinstance(count, bool) or not 1 <= count <= MAX_DRAWS:
        raise ValueError(f"count must be a whole number of draws from 1 to {MAX_DRAWS}, got {count!r}")
    if not isinstance(seed, Integral) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a whole number ≥ 0, got {seed!r}")
    outcomes = sample_message(p, int(count), int(seed))
    base = unit.base
    # p and q are vectors, so their surprisals are arrays: one per outcome, then one per draw.
    surprise_q, surprise_p = (cast(FloatArray, measures.surprisal(d, base))[outcomes] for d in (q, p))
    cross_entropy, cross_entropy_error = _running_mean_and_error(surprise_q)
    entropy, entropy_error = _running_mean_and_error(surprise_p)
    return RunningMeans(
        outcomes=outcomes,
        cross_entropy=cross_entropy,
        cross_entropy_error=cross_entropy_error,
        entropy=entropy,
        entropy_error=entropy_error,
        cross_entropy_limit=float(measures.cross_entropy(p, q, base)),
        entropy_limit=float(measures.entropy(p, base)),
        unit=unit,
    )


def _how_far(average: str, mean: float, error: float, limit: tuple[str, float], z: float, unit: Unit) -> str:
    """One average in words: its value, then its limit and how far it is, in standard errors."""
    said = f"{average} is {format_value(mean, unit)}"
    name, value = limit
    exact = f"{name} = {format_value(value, unit)}"
    if math.isinf(value):
        if math.isinf(mean):
            return f"{said}, as is {name}"
        return f"{said}, but {exact}: the average stays finite only until an outcome that q rules out is drawn"
    if mean == value or math.isclose(mean, value, rel_tol=1e-12):
        return f"{said}, exactly {name}"
    if math.isinf(error):
        return f"{said}: one draw has no spread to measure its standard error by; {exact}"
    if error == 0:
        return f"{said}: every draw so far was as surprising, so it has no standard error yet; {exact}"
    side = "above" if z > 0 else "below"
    return f"{said}, {abs(z):.1f} standard errors of {format_value(error, unit)} {side} {exact}"


def summary(s: RunningMeans) -> str:
    """Where the averages stand after the last draw, in words: each average, its limit, and how many
    standard errors lie between them.

    Examples
    --------
    >>> print(summary(running_means([0.5, 0.5], [0.9, 0.1], 100, seed=0)))  # doctest: +NORMALIZE_WHITESPACE
    After 100 draws, the average of log(1/q(x)) is 1.9272 bits, 1.2 standard errors of 0.1581 bits above
    H(p, q) = 1.7370 bits; the average of log(1/p(x)) is 1.0000 bits, exactly H(p).
    """
    cross, own = s.errors_away()
    limits = (("H(p, q)", s.cross_entropy_limit), ("H(p)", s.entropy_limit))
    first = _how_far(
        "the average of log(1/q(x))", s.cross_entropy[-1], s.cross_entropy_error[-1], limits[0], cross, s.unit
    )
    second = _how_far("the average of log(1/p(x))", s.entropy[-1], s.entropy_error[-1], limits[1], own, s.unit)
    return f"After {s.count} draw{'s' if s.count > 1 else ''}, {first}; {second}."

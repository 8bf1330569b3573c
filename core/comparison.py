"""A true distribution p judged by an estimate q: every quantity the pages show, computed once, in one unit.

The metrics, the formulas and the figures of a page all read the same ``Comparison``, so a number on
the screen is computed in one place and cannot disagree with itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import cast

import numpy as np
import numpy.typing as npt

from core import _checks, measures
from core._checks import FloatArray
from core.units import BITS, Unit

__all__ = ["Comparison", "compare", "compare_binary"]


@dataclass(frozen=True)
class Comparison:
    """Outcomes happen with ``p`` and are judged by ``q``; every value is in ``unit``.

    Attributes
    ----------
    p, q : ndarray, shape (n,)
        The true distribution and the estimate (``q`` is ``p`` when only p was given).
    unit : Unit
    entropy : float
        H(p), the floor of the cross-entropy.
    cross_entropy : float
        H(p, q); ∞ when q rules out an outcome that can happen.
    kl_divergence : float
        D(p‖q), summed from its own terms.
    reversed_cross_entropy, reversed_kl_divergence : float
        H(q, p) and D(q‖p): the same pair with the roles swapped.
    surprisals : ndarray
        log(1/p_i) of each outcome under p.
    entropy_terms, cross_entropy_terms : ndarray
        p_i·log(1/p_i) and p_i·log(1/q_i): each outcome's share of H(p) and of H(p, q).
    max_entropy : float
        log n, the entropy of the uniform distribution over the n outcomes.
    """

    p: FloatArray
    q: FloatArray
    unit: Unit
    entropy: float
    cross_entropy: float
    kl_divergence: float
    reversed_cross_entropy: float
    reversed_kl_divergence: float
    surprisals: FloatArray
    entropy_terms: FloatArray
    cross_entropy_terms: FloatArray
    max_entropy: float

    @property
    def n(self) -> int:
        """The number of outcomes."""
        return int(self.p.size)

    @property
    def ruled_out(self) -> tuple[int, ...]:
        """The outcomes (counted from 1) that can happen but that q gives probability 0.

        Examples
        --------
        >>> compare([0.5, 0.3, 0.2], [0.0, 1.0, 0.0]).ruled_out
        (1, 3)
        """
        return tuple(int(i) + 1 for i in np.flatnonzero((self.p > 0) & (self.q == 0)))


def compare(p: npt.ArrayLike, q: npt.ArrayLike | None = None, unit: Unit = BITS) -> Comparison:
    """Every quantity between a true distribution ``p`` and an estimate ``q``, in ``unit``.

    Parameters
    ----------
    p : array_like, shape (n,)
        The true distribution; it must sum to 1.
    q : array_like, shape (n,), optional
        The estimate; without it, p itself (a page about entropy alone).
    unit : Unit, default bits

    Examples
    --------
    >>> c = compare([0.5, 0.5], [0.9, 0.1])
    >>> c.entropy, round(c.cross_entropy, 6), round(c.kl_divergence, 6), c.max_entropy
    (1.0, 1.736966, 0.736966, 1.0)
    >>> compare([0.5, 0.5], [1.0, 0.0]).cross_entropy
    inf
    """
    p = _checks.distribution(p, "p")
    q = p if q is None else _checks.distribution(q, "q")
    if p.ndim != 1 or q.shape != p.shape:
        raise ValueError(f"p and q must be single distributions over the same outcomes, got {p.shape} and {q.shape}")
    base = unit.base
    return Comparison(
        p=p,
        q=q,
        unit=unit,
        entropy=float(measures.entropy(p, base)),
        cross_entropy=float(measures.cross_entropy(p, q, base)),
        kl_divergence=float(measures.kl_divergence(p, q, base)),
        reversed_cross_entropy=float(measures.cross_entropy(q, p, base)),
        reversed_kl_divergence=float(measures.kl_divergence(q, p, base)),
        surprisals=cast(FloatArray, measures.surprisal(p, base)),  # p is a vector, so are its surprisals
        entropy_terms=measures.contributions(p, p, base),
        cross_entropy_terms=measures.contributions(p, q, base),
        max_entropy=math.log(p.size) / math.log(base),
    )


def compare_binary(p: float, q: float, unit: Unit = BITS) -> Comparison:
    """``compare`` for two outcomes, given the probabilities p and q of outcome 1.

    Examples
    --------
    >>> round(compare_binary(0.3, 0.65).cross_entropy, 4)
    1.2466
    """
    p = float(_checks.probabilities(p, "p"))
    q = float(_checks.probabilities(q, "q"))
    return compare([p, 1.0 - p], [q, 1.0 - q], unit)

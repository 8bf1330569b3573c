"""Surprisal, entropy, cross-entropy and KL divergence, exact at the edges, in any logarithm base.

Two elementwise primitives carry every edge case; everything else is a sum of their terms.

Every function raises ValueError, naming the argument, for input that is not real numbers (complex
numbers, strings, booleans and None are refused, never converted), for NaN, for probabilities
outside [0, 1], for distributions that do not sum to 1 within a relative 1e-9 (they are never
rescaled) or hold no outcome, and for a ``base`` that is not a finite real number above 1. The
elementwise functions (``surprisal``, ``binary_entropy``, ``binary_cross_entropy``) follow NumPy:
an empty array gives an empty result.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import numpy.typing as npt

from core import _checks
from core._checks import FloatArray

__all__ = [
    "binary_cross_entropy",
    "binary_entropy",
    "contributions",
    "cross_entropy",
    "entropy",
    "kl_divergence",
    "perplexity",
    "surprisal",
]


def _cross_terms(x: FloatArray, y: FloatArray, *, complement: bool = False) -> FloatArray:
    """Elementwise x·ln(1/y) in nats, with 0·ln(1/y) = 0 for every y and x·ln(1/0) = ∞ for x > 0.

    With ``complement``, x·ln(1/(1−y)) instead, its logarithm taken as −log1p(−y): 1 − y would round
    away the digits of a small y, and with them the relative accuracy of ln(1 − y) ≈ −y.
    """
    # ln 0 = -inf is intended: an outcome given probability 0 is infinitely surprising.
    with np.errstate(divide="ignore"):
        surprise = (-np.log1p(-y) if complement else -np.log(y)) + 0.0  # + 0.0 turns -0.0 into 0.0
    # Where x = 0 the product is never formed, so 0·∞ never makes a NaN; those entries stay 0.
    # The mask and the logarithm are taken on the inputs before broadcasting, so a grid of p by q
    # costs one pass of multiplication.
    out = np.zeros(np.broadcast_shapes(x.shape, y.shape))
    return np.multiply(x, surprise, out=out, where=x != 0)


# f(r) = (1 + r)·ln(1 + r) − r = Σ_{k≥2} (−1)^k r^k / (k(k − 1)) = r²·(1/2 − r/6 + r²/12 − …): for
# |r| < _SERIES_BELOW these fifteen terms give f to within 1e-17 relative, where the closed form
# would lose up to 2/|r| rounding errors to cancellation.
_SERIES_BELOW = 0.1
_SERIES = tuple((-1) ** j / ((j + 2) * (j + 1)) for j in range(15))
_TINY, _HUGE = float(np.finfo(np.float64).tiny), float(np.finfo(np.float64).max)


def _excess_terms(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Split x·ln(x/y) elementwise, in nats, into t = x·ln(x/y) − (x − y) ≥ 0 and d = x − y.

    Each t is non-negative (ln u ≥ 1 − 1/u) and computed to within about 1e-13 relative: where
    0.5 < x/y < 2, d is exact (Sterbenz) and t = y·f(d/y), from its series where |d/y| < 0.1 and
    else as x·log1p(d/y) − d; elsewhere t = x·ln(x/y) − d, with ln x − ln y for a ratio that
    overflows or underflows. t is ∞ where y = 0 < x; where x = 0 it is y, and d = −y, so the term
    is exactly 0.
    """
    x0, y0 = x, y  # the masks on either alone are taken before broadcasting: a grid is one side
    x, y = np.broadcast_arrays(x, y)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        d = x - y
        r = d / y  # x/y − 1, correctly rounded from the exact d where it matters
        ratio = x / y
        # ln(x/y) everywhere in one vectorised pass; then, on the elements that need them only:
        log_ratio = np.log(ratio)
        small_r = np.abs(r) < _SERIES_BELOW  # 0.9 < x/y < 1.1: d is exact there
        mid = np.flatnonzero(~small_r & (ratio > 0.5) & (ratio < 2.0))
        log_ratio.flat[mid] = np.log1p(r.flat[mid])  # SciPy's rel_entr: log1p of the exact d, divided
        t = x * log_ratio
        t -= d
        small = np.flatnonzero(small_r)
        if small.size:  # where x·ln(x/y) and d nearly cancel: the series of y·f(r)
            rs = r.flat[small]
            series = rs * _SERIES[-1]
            for c in _SERIES[-2::-1]:
                series += c
                series *= rs
            t.flat[small] = series * d.flat[small]  # y·r²·(…) = d·r·(…)
        # Where x/y overflowed or lost digits as a subnormal, ln x − ln y instead.
        extreme = np.flatnonzero(((ratio < _TINY) & (x0 > 0)) | ((ratio > _HUGE) & (y0 > 0)))
        if extreme.size:
            xe, ye = x.flat[extreme], y.flat[extreme]
            t.flat[extreme] = xe * (np.log(xe) - np.log(ye)) - d.flat[extreme]
        np.copyto(t, y, where=x0 == 0)  # 0·ln(0/y) − (0 − y); also where y = 0: no NaN of 0/0
        np.copyto(t, np.inf, where=(y0 == 0) & (x0 > 0))
    return t, d


def _two_sum(u: FloatArray, v: FloatArray) -> tuple[FloatArray, FloatArray]:
    """u + v rounded, and its rounding error exactly (Knuth's TwoSum)."""
    s = u + v
    z = s - u
    return s, (u - (s - z)) + (v - z)


def _accurate_sum(a: FloatArray) -> FloatArray:
    """Sum along the last axis as if in twice the working precision (Ogita, Rump and Oishi's Sum2).

    The result is within about one rounding of the exact sum, plus n²·ε²·Σ|a|: the exact digits of
    a sum that cancels, such as Σ(p_i − q_i) for two distributions, are kept. Few outcomes (the
    app's grids have 2 to 8) are added column by column; many, pairwise in a tree.
    """
    n = a.shape[-1]
    if n <= 32:
        s, err = a[..., 0], np.zeros(a.shape[:-1])
        for i in range(1, n):
            s, e = _two_sum(s, a[..., i])
            err += e
    else:
        err = np.zeros(a.shape[:-1])
        while a.shape[-1] > 1:
            half = a.shape[-1] // 2
            s, e = _two_sum(a[..., :half], a[..., half : 2 * half])
            err += e.sum(axis=-1)
            a = np.concatenate([s, a[..., 2 * half :]], axis=-1) if a.shape[-1] % 2 else s
        s = a[..., 0]
    result: FloatArray = s + err
    return result


def _sum_last(a: FloatArray) -> FloatArray:
    """``a.sum(axis=-1)``, column by column for a short last axis, where NumPy's reduction is slow."""
    if a.shape[-1] > 32:
        return cast(FloatArray, a.sum(axis=-1))
    total = a[..., 0].copy()
    for i in range(1, a.shape[-1]):
        total += a[..., i]
    return total


def _divergence(x: FloatArray, y: FloatArray) -> FloatArray:
    """Σ x·ln(x/y) along the last axis, in nats, as Σ t + Σ d from ``_excess_terms``.

    The t are non-negative, so their sum loses nothing to cancellation; the d cancel, and are summed
    as if in twice the precision. The result is within a few n·ε of Σ t + |Σ d| of the exact value.
    """
    t, d = _excess_terms(x, y)
    return _sum_last(t) + _accurate_sum(d) + 0.0


def _to_result(nats: FloatArray, base: float) -> np.float64 | FloatArray:
    """Convert a freshly computed array in nats to ``base``, in place; a 0-d result becomes a scalar."""
    nats = np.asarray(nats)
    nats /= _checks.log_base(base)
    return nats[()] if nats.ndim == 0 else nats


def surprisal(p: npt.ArrayLike, base: float = 2) -> np.float64 | FloatArray:
    """Surprisal (self-information) log(1/p) of an outcome with probability ``p``, elementwise.

    Parameters
    ----------
    p : array_like
        Probabilities in [0, 1].
    base : float, default 2
        Logarithm base, a finite real number above 1: 2 gives bits, ``e`` nats, 10 hartleys.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        log_base(1/p), the same shape as ``p``; ``inf`` where ``p`` is 0, 0 where ``p`` is 1.

    Examples
    --------
    A fair coin's outcome carries one bit; a certain outcome none; an impossible one is infinitely
    surprising.

    >>> surprisal(0.5)
    np.float64(1.0)
    >>> surprisal([1.0, 0.25, 0.0]).tolist()
    [0.0, 2.0, inf]
    """
    p = _checks.probabilities(p, "p")
    return _to_result(_cross_terms(np.ones_like(p), p), base)


def cross_entropy(p: npt.ArrayLike, q: npt.ArrayLike, base: float = 2) -> np.float64 | FloatArray:
    """Cross-entropy H(p, q) = Σ p_i log(1/q_i) of an estimate ``q`` against the true ``p``.

    Parameters
    ----------
    p : array_like
        True distribution(s) over the outcomes along the last axis; each must sum to 1.
    q : array_like
        Estimated distribution(s), the same number of outcomes; leading axes broadcast with ``p``.
    base : float, default 2
        Logarithm base, a finite real number above 1: 2 gives bits, ``e`` nats, 10 hartleys.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        H(p, q), one value per distribution; ``inf`` when some q_i = 0 < p_i.

    Notes
    -----
    A term with p_i = 0 contributes 0 even where q_i = 0: an outcome that never happens costs
    nothing, whatever it was predicted. H(p, q) = H(p) + D(p‖q) ≥ H(p), with equality iff q = p
    (Gibbs' inequality).

    Examples
    --------
    A fair coin judged by a biased estimate costs more than its one bit of entropy:

    >>> cross_entropy([0.5, 0.5], [0.5, 0.5])
    np.float64(1.0)
    >>> round(float(cross_entropy([0.5, 0.5], [0.9, 0.1])), 6)
    1.736966
    >>> cross_entropy([0.5, 0.5], [1.0, 0.0])
    np.float64(inf)
    """
    p = _checks.distribution(p, "p")
    q = _checks.distribution(q, "q")
    _checks.same_outcomes(p, q)
    return _to_result(_cross_terms(p, q).sum(axis=-1), base)


def contributions(p: npt.ArrayLike, q: npt.ArrayLike, base: float = 2) -> FloatArray:
    """Each outcome's share p_i·log(1/q_i) of the cross-entropy H(p, q); with q = p, of the entropy.

    Parameters
    ----------
    p, q : array_like
        True and estimated distributions over the same outcomes (last axis), as in ``cross_entropy``.
    base : float, default 2
        Logarithm base, a finite real number above 1: 2 gives bits, ``e`` nats, 10 hartleys.

    Returns
    -------
    numpy.ndarray
        The terms, summing along the last axis to H(p, q): 0 where p_i = 0, ∞ where q_i = 0 < p_i.

    Examples
    --------
    >>> contributions([0.5, 0.25, 0.25, 0.0], [0.5, 0.25, 0.25, 0.0]).tolist()
    [0.5, 0.5, 0.5, 0.0]
    >>> contributions([0.5, 0.5], [1.0, 0.0]).tolist()
    [0.0, inf]
    """
    p = _checks.distribution(p, "p")
    q = _checks.distribution(q, "q")
    _checks.same_outcomes(p, q)
    # Distributions have at least one axis, so the terms are an array, never a 0-d scalar.
    return cast(FloatArray, _to_result(_cross_terms(p, q), base))


def entropy(p: npt.ArrayLike, base: float = 2) -> np.float64 | FloatArray:
    """Entropy H(p) = Σ p_i log(1/p_i), the average surprisal of a distribution, with 0·log 0 = 0.

    Parameters
    ----------
    p : array_like
        Distribution(s) over the outcomes along the last axis; each must sum to 1.
        Leading axes are a batch: a (k, n) array gives k entropies.
    base : float, default 2
        Logarithm base, a finite real number above 1: 2 gives bits, ``e`` nats, 10 hartleys.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        H(p) = H(p, p), between 0 (a certain outcome) and log n (the uniform distribution).

    Examples
    --------
    >>> entropy([0.5, 0.5])
    np.float64(1.0)
    >>> round(float(entropy([0.9, 0.1])), 6)
    0.468996
    >>> entropy([[1.0, 0.0], [0.25, 0.75]]).round(6).tolist()
    [0.0, 0.811278]
    """
    p = _checks.distribution(p, "p")
    return _to_result(_cross_terms(p, p).sum(axis=-1), base)


def kl_divergence(p: npt.ArrayLike, q: npt.ArrayLike, base: float = 2) -> np.float64 | FloatArray:
    """Kullback–Leibler divergence D(p‖q) = Σ p_i log(p_i/q_i), the extra cost of judging p by q.

    Parameters
    ----------
    p : array_like
        True distribution(s) over the outcomes along the last axis; each must sum to 1.
    q : array_like
        Estimated distribution(s), the same number of outcomes; leading axes broadcast with ``p``.
    base : float, default 2
        Logarithm base, a finite real number above 1: 2 gives bits, ``e`` nats, 10 hartleys.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        D(p‖q) ≥ 0, exactly 0 when q = p, ``inf`` when some q_i = 0 < p_i.

    Notes
    -----
    Computed from its own terms, never as H(p, q) − H(p), and written as Σ t_i + Σ (p_i − q_i) with
    t_i = p_i·ln(p_i/q_i) − p_i + q_i ≥ 0: the t_i are each accurate to about 1e-13 relative (a
    series where q_i ≈ p_i, SciPy's ``rel_entr`` techniques elsewhere, ln p_i − ln q_i where p_i/q_i
    overflows or underflows) and add up without cancellation, and Σ (p_i − q_i), which cancels, is
    summed as if in twice the precision. The result is therefore within a few n·ε of
    D + 2·|Σp_i − Σq_i| of the exact value for the floats given (ε = 2⁻⁵³): relative accuracy near
    q = p, where summing ``rel_entr`` loses about ε·δ/D for a relative perturbation δ. For floats
    that sum to slightly different totals the exact value can be a hair below 0; the result is
    clamped at 0, the bound Gibbs' inequality guarantees. 0·log(0/q_i) = 0 for every q_i, and the
    result is exactly ``inf`` when some q_i = 0 < p_i, never NaN.

    Examples
    --------
    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])
    np.float64(0.0)
    >>> round(float(kl_divergence([0.5, 0.5], [0.9, 0.1])), 6)
    0.736966
    >>> kl_divergence([0.5, 0.5], [0.0, 1.0])
    np.float64(inf)
    """
    p = _checks.distribution(p, "p")
    q = _checks.distribution(q, "q")
    _checks.same_outcomes(p, q)
    return _to_result(np.maximum(_divergence(p, q), 0.0), base)


def binary_cross_entropy(p: npt.ArrayLike, q: npt.ArrayLike, base: float = 2) -> np.float64 | FloatArray:
    """Binary cross-entropy p·log(1/q) + (1−p)·log(1/(1−q)), elementwise with broadcasting.

    Parameters
    ----------
    p : array_like
        True probabilities of outcome 1, in [0, 1].
    q : array_like
        Predicted probabilities of outcome 1, in [0, 1]; broadcasts with ``p`` (a column of p and a
        row of q give the whole grid).
    base : float, default 2
        Logarithm base, a finite real number above 1: 2 gives bits, ``e`` nats, 10 hartleys.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        H(p, q) for the two-outcome distributions (p, 1−p) and (q, 1−q); ``inf`` where an outcome
        that can happen was predicted with probability 0 (e.g. p > 0 and q = 0).

    Notes
    -----
    A term whose weight is 0 contributes exactly 0, whatever its logarithm (p = q = 0 gives 0). Both
    terms are non-negative and each is computed to a few rounding errors, ln(1 − q) as log1p(−q):
    the result is within a relative 1e-12 of the exact value for the floats given, however small p
    and q are (tested down to 1e-300). Forming 1 − q first would lose that for small q.

    Examples
    --------
    >>> binary_cross_entropy(0.5, 0.5)
    np.float64(1.0)
    >>> round(float(binary_cross_entropy(0.3, 0.65)), 4)
    1.2466
    >>> binary_cross_entropy(1, 0)
    np.float64(inf)
    >>> binary_cross_entropy([[0.0], [1.0]], [0.0, 0.5, 1.0]).tolist()
    [[0.0, 1.0, inf], [inf, 1.0, 0.0]]
    """
    p = _checks.probabilities(p, "p")
    q = _checks.probabilities(q, "q")
    try:
        np.broadcast_shapes(p.shape, q.shape)
    except ValueError:
        raise ValueError(f"p and q have shapes {p.shape} and {q.shape}, which do not broadcast") from None
    nats = _cross_terms(p, q)
    nats += _cross_terms(1.0 - p, q, complement=True)  # 1 − p is only a weight: its rounding is relative
    return _to_result(nats, base)


def binary_entropy(p: npt.ArrayLike, base: float = 2) -> np.float64 | FloatArray:
    """Binary entropy p·log(1/p) + (1−p)·log(1/(1−p)), elementwise.

    Parameters
    ----------
    p : array_like
        Probabilities of outcome 1, in [0, 1].
    base : float, default 2
        Logarithm base, a finite real number above 1: 2 gives bits, ``e`` nats, 10 hartleys.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        H(p) of the distribution (p, 1−p): 0 at p = 0 or 1, the maximum log 2 at p = 1/2.

    Notes
    -----
    0·log 0 = 0 exactly. Both terms are non-negative and each is computed to a few rounding errors,
    ln(1 − p) as log1p(−p): the result is within a relative 1e-12 of the exact value however small
    p is (tested down to 1e-300), where H(p) ≈ p·log(e/p); forming 1 − p first would lose it.

    Examples
    --------
    >>> binary_entropy(0.5)
    np.float64(1.0)
    >>> binary_entropy([0.0, 1.0]).tolist()
    [0.0, 0.0]
    >>> round(float(binary_entropy(0.9)), 6)
    0.468996
    >>> float(binary_entropy(1e-17))  # about 1e-17·log2(e·1e17); correctly rounded
    5.791547265397413e-16
    """
    p = _checks.probabilities(p, "p")
    nats = _cross_terms(p, p)
    nats += _cross_terms(1.0 - p, p, complement=True)
    return _to_result(nats, base)


def perplexity(h: npt.ArrayLike, base: float = 2) -> np.float64 | FloatArray:
    """Perplexity ``base ** h`` of an entropy or cross-entropy ``h`` measured in ``base``, elementwise.

    It is the number of equally likely outcomes that would surprise as much on average: 2^H for H
    in bits, e^H in nats, 10^H in hartleys, so the same number whatever the unit. A language model's
    loss is often reported this way.

    Parameters
    ----------
    h : array_like
        Entropies or cross-entropies: real numbers ≥ 0, or ∞.
    base : float, default 2
        The base ``h`` was measured in: a finite real number above 1.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        ``base ** h``: at least 1, and ∞ where ``h`` is ∞ or the power overflows.

    Raises
    ------
    ValueError
        Naming ``h`` if it holds a negative number, NaN or no real number; naming ``base`` if it is
        not a finite real number above 1.

    Examples
    --------
    >>> float(perplexity(2.0)), round(float(perplexity(np.log(3), np.e)), 12)  # 4 outcomes; 3
    (4.0, 3.0)
    >>> float(perplexity(float("inf"))), float(perplexity(2000.0))
    (inf, inf)
    """
    b = _checks.log_base(base)  # ln(base)
    values = np.asarray(_checks.real_array(h, "h"), dtype=np.float64)
    if not (values >= 0).all():  # NaN too
        bad = values[~(values >= 0)].flat[0]
        raise ValueError(f"h must be ≥ 0 (an entropy or a cross-entropy) or ∞, got {bad!r}")
    with np.errstate(over="ignore"):  # beyond the largest float: ∞
        result = np.exp(values * b)
    return result[()] if result.ndim == 0 else result

"""Softmax and the classification losses, with PyTorch's exact conventions, in nats.

``cross_entropy_loss`` and ``binary_cross_entropy_with_logits`` reproduce
``torch.nn.functional.cross_entropy`` and ``torch.nn.functional.binary_cross_entropy_with_logits``
(weights, ignored targets, label smoothing, reductions) without importing torch.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import numpy.typing as npt

from core import _checks
from core._checks import FloatArray

__all__ = [
    "binary_cross_entropy_with_logits",
    "cross_entropy_loss",
    "log_softmax",
    "softmax",
]

_REDUCTIONS = ("mean", "sum", "none")


def log_softmax(logits: npt.ArrayLike, axis: int = -1) -> FloatArray:
    """Logarithm of the softmax, computed without forming the softmax (stable for any finite logits).

    Parameters
    ----------
    logits : array_like
        Finite real scores.
    axis : int, default -1
        The axis over the classes.

    Returns
    -------
    numpy.ndarray
        z_i − log Σ_j exp(z_j) along ``axis``.

    Examples
    --------
    >>> log_softmax([0.0, 0.0]).round(6).tolist()
    [-0.693147, -0.693147]
    >>> log_softmax([1000.0, 0.0]).tolist()
    [0.0, -1000.0]
    """
    z = _checks.finite(logits, "logits")
    if z.ndim == 0:
        raise ValueError("logits must have at least one axis (the classes)")
    shifted = z - z.max(axis=axis, keepdims=True)
    return cast(FloatArray, shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True)))


def softmax(logits: npt.ArrayLike, axis: int = -1) -> FloatArray:
    """Softmax exp(z_i) / Σ_j exp(z_j): turns real scores into a probability distribution.

    Parameters
    ----------
    logits : array_like
        Finite real scores.
    axis : int, default -1
        The axis over the classes.

    Returns
    -------
    numpy.ndarray
        Probabilities along ``axis``, each in [0, 1], summing to 1.

    Notes
    -----
    The largest logit is subtracted first, so no exp overflows: ``softmax([1000, 0, -1000])`` is
    finite. Adding a constant to every logit leaves the result unchanged.

    Examples
    --------
    >>> softmax([0.0, 0.0]).tolist()
    [0.5, 0.5]
    >>> softmax([1000.0, 0.0, -1000.0]).tolist()
    [1.0, 0.0, 0.0]
    >>> softmax([2.0, 1.0, 0.1]).round(4).tolist()
    [0.659, 0.2424, 0.0986]
    """
    z = _checks.finite(logits, "logits")
    if z.ndim == 0:
        raise ValueError("logits must have at least one axis (the classes)")
    return _softmax(z, axis)


def _softmax(z: FloatArray, axis: int = -1) -> FloatArray:
    """softmax of logits already checked: for loops that call it thousands of times."""
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return cast(FloatArray, e / e.sum(axis=axis, keepdims=True))


def _check_reduction(reduction: str) -> None:
    if reduction not in _REDUCTIONS:
        raise ValueError(f"reduction must be one of {', '.join(map(repr, _REDUCTIONS))}; got {reduction!r}")


def _reduce(losses: FloatArray, reduction: str, denominator: float) -> np.float64 | FloatArray:
    if reduction == "none":
        return losses
    total: np.float64 = losses.sum()
    return total if reduction == "sum" else total / denominator


def cross_entropy_loss(
    logits: npt.ArrayLike,
    target: npt.ArrayLike,
    *,
    weight: npt.ArrayLike | None = None,
    ignore_index: int = -100,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> np.float64 | FloatArray:
    """Cross-entropy loss from raw logits, as ``torch.nn.functional.cross_entropy`` computes it.

    Parameters
    ----------
    logits : array_like, shape (N, C) or (C,)
        Unnormalised scores for C classes, one row per sample.
    target : array_like, shape (N,) or () of int, or (N, C) or (C,) of float
        Class indices in [0, C) (or ``ignore_index``), or a probability distribution per sample.
    weight : array_like, shape (C,), optional
        A non-negative weight per class.
    ignore_index : int, default -100
        With class-index targets, samples whose target equals this value add nothing to the loss
        nor to the mean's denominator.
    reduction : {"mean", "sum", "none"}, default "mean"
        "none" gives one loss per sample.
    label_smoothing : float in [0, 1], default 0
        Mixes the target with the uniform distribution: (1 − ε)·target + ε/C.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The loss in nats.

    Notes
    -----
    With class indices and ``reduction="mean"``, the mean is weighted: Σ w_{y_n}·ℓ_n / Σ w_{y_n}
    over the samples not ignored, and the label-smoothing term is divided by the same sum. With
    probability targets the mean divides by N whatever the weights. These are PyTorch's documented
    conventions. Where every sample is ignored PyTorch returns NaN (0/0); this raises instead.

    Examples
    --------
    Two classes with equal scores cost ln 2 nats whatever the true class:

    >>> round(float(cross_entropy_loss([[0.0, 0.0]], [1])), 6)
    0.693147
    >>> round(float(cross_entropy_loss([[2.0, 0.5, -1.0]], [0], label_smoothing=0.1)), 6)
    0.391311
    >>> cross_entropy_loss([[2.0, 0.0], [0.0, 2.0]], [0, 1], reduction="none").round(6).tolist()
    [0.126928, 0.126928]
    """
    _check_reduction(reduction)
    if not 0.0 <= label_smoothing <= 1.0:
        raise ValueError(f"label_smoothing must lie in [0, 1], got {label_smoothing!r}")
    z = _checks.finite(logits, "logits")
    if z.ndim not in (1, 2) or z.shape[-1] == 0:
        raise ValueError(f"logits must have shape (N, C) or (C,) with C ≥ 1, got {z.shape}")
    unbatched = z.ndim == 1
    z = np.atleast_2d(z)
    n_samples, n_classes = z.shape
    w = None
    if weight is not None:
        w = _checks.finite(weight, "weight")
        if w.shape != (n_classes,):
            raise ValueError(f"weight must have shape ({n_classes},), one per class, got {w.shape}")
        if (w < 0).any():
            raise ValueError("weight must be non-negative")
    log_q = log_softmax(z, axis=1)

    t = np.asarray(target)
    if t.ndim == z.ndim - unbatched:  # same rank as logits: a distribution per sample
        p = _checks.distribution(np.atleast_2d(t), "target")
        if p.shape != z.shape:
            raise ValueError(f"probability targets must have the shape of logits {z.shape}, got {p.shape}")
        p = p * (1.0 - label_smoothing) + label_smoothing / n_classes
        weighted = p if w is None else p * w
        losses = -(weighted * log_q).sum(axis=1)  # log_q is finite: log_softmax never underflows to -inf
        result = _reduce(losses, reduction, n_samples)
        return losses[0] if unbatched and reduction == "none" else result

    labels = _class_indices(t, n_samples, n_classes, ignore_index, unbatched)
    kept = labels != ignore_index
    safe = np.where(kept, labels, 0)
    w_all = np.ones(n_classes) if w is None else w
    w_label = np.where(kept, w_all[safe], 0.0)
    nll = -w_label * log_q[np.arange(n_samples), safe]
    smooth = np.where(kept, -(log_q * w_all).sum(axis=1), 0.0)
    denominator = w_label.sum()
    if reduction == "mean" and denominator == 0:
        # PyTorch returns 0/0 = NaN here; a learner is better served by the reason.
        raise ValueError(
            "no sample counts toward the mean (every target is ignore_index or has weight 0), so it is undefined"
        )
    nll = np.where(kept, nll, 0.0)
    nll_part = _reduce(nll, reduction, denominator)
    smooth_part = _reduce(smooth, reduction, denominator)
    result = (1.0 - label_smoothing) * nll_part + smooth_part * (label_smoothing / n_classes)
    # Typed Any (n_classes comes from an untyped shape); one value or one per sample, as _reduce returns.
    return cast("np.float64 | FloatArray", result[0] if unbatched and reduction == "none" else result)


def _class_indices(
    t: npt.NDArray[Any], n_samples: int, n_classes: int, ignore_index: int, unbatched: bool
) -> npt.NDArray[np.int64]:
    expected = () if unbatched else (n_samples,)
    if t.shape != expected:
        raise ValueError(f"class-index target must have shape {expected}, got {t.shape}")
    if t.dtype.kind not in "iu" and not (t.dtype.kind == "f" and np.array_equal(t, np.round(t))):
        raise ValueError(f"class-index target must hold integers, got dtype {t.dtype}")
    labels = np.atleast_1d(t).astype(np.int64)
    bad = (labels != ignore_index) & ((labels < 0) | (labels >= n_classes))
    if bad.any():
        raise ValueError(f"target holds class {labels[bad][0]}, outside [0, {n_classes}) and not ignore_index")
    return labels


def binary_cross_entropy_with_logits(
    logits: npt.ArrayLike, target: npt.ArrayLike, *, pos_weight: npt.ArrayLike | None = None, reduction: str = "mean"
) -> np.float64 | FloatArray:
    """Binary cross-entropy from a raw logit, as ``torch.nn.functional.binary_cross_entropy_with_logits``.

    Parameters
    ----------
    logits : array_like
        Real scores x; the predicted probability is sigmoid(x) = 1 / (1 + e^(−x)).
    target : array_like
        True probabilities t of outcome 1, in [0, 1], the shape of ``logits``.
    pos_weight : array_like, optional
        Weight of the positive term, broadcast against ``logits`` (per class in multi-label use).
    reduction : {"mean", "sum", "none"}, default "mean"

    Returns
    -------
    numpy.float64 or numpy.ndarray
        −[pw·t·log σ(x) + (1 − t)·log(1 − σ(x))] in nats, reduced.

    Notes
    -----
    Computed as (1 − t)·x − (1 + (pw − 1)·t)·log σ(x), with log σ(x) = min(x, 0) − log1p(e^(−|x|)),
    PyTorch's formulation: no exp overflows and no probability rounds to 0 or 1, so logits of ±300
    give exact, finite losses.

    Examples
    --------
    >>> round(float(binary_cross_entropy_with_logits([0.0], [1.0])), 6)
    0.693147
    >>> binary_cross_entropy_with_logits([-300.0, 300.0], [1.0, 0.0], reduction="none").tolist()
    [300.0, 300.0]
    """
    _check_reduction(reduction)
    x = _checks.finite(logits, "logits")
    t = _checks.probabilities(target, "target")
    if t.shape != x.shape:
        raise ValueError(f"target must have the shape of logits {x.shape}, got {t.shape}")
    log_sigmoid = np.minimum(x, 0.0) - np.log1p(np.exp(-np.abs(x)))
    if pos_weight is not None:
        pw = _checks.finite(pos_weight, "pos_weight")
        if (pw < 0).any():
            raise ValueError("pos_weight must be non-negative")
        try:
            np.broadcast_shapes(pw.shape, x.shape)
        except ValueError:
            raise ValueError(f"pos_weight of shape {pw.shape} does not broadcast with logits {x.shape}") from None
        log_sigmoid = log_sigmoid * ((pw - 1.0) * t + 1.0)
    losses = (1.0 - t) * x - log_sigmoid
    return _reduce(losses, reduction, losses.size)

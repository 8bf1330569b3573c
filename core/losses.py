"""Softmax and the classification losses, with PyTorch's exact conventions, in nats.

``cross_entropy_loss`` and ``binary_cross_entropy_with_logits`` reproduce
``torch.nn.functional.cross_entropy`` and ``torch.nn.functional.binary_cross_entropy_with_logits``
(weights, ignored targets, label smoothing, reductions) without importing torch.
"""

from __future__ import annotations

from numbers import Real
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


def _finite_reals(x: npt.ArrayLike, name: str) -> FloatArray:
    """``x`` as float64 after checking it holds finite real numbers."""
    return _checks.finite(_checks.real_array(x, name), name)


def _is_integer(value: object) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)


def _is_real(value: object) -> bool:
    return isinstance(value, Real | np.floating | np.integer) and not isinstance(value, bool | np.bool_)


def _check_axis(axis: object, z: FloatArray) -> int:
    if not _is_integer(axis):
        raise ValueError(f"axis must be an integer, got {axis!r}")
    axis = int(cast(int, axis))
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} is out of range for logits of shape {z.shape}")
    if z.shape[axis] == 0:
        raise ValueError(f"logits must hold at least one class along axis {axis}, got shape {z.shape}")
    return axis


def _check_label_smoothing(label_smoothing: object) -> float:
    """Return ``label_smoothing`` as a float after checking it is a real number in [0, 1]."""
    if not _is_real(label_smoothing) or not 0.0 <= float(cast(float, label_smoothing)) <= 1.0:
        raise ValueError(f"label_smoothing must lie in [0, 1] (a real number), got {label_smoothing!r}")
    return float(cast(float, label_smoothing))


def _logits(logits: npt.ArrayLike, axis: object) -> tuple[FloatArray, int]:
    z = _finite_reals(logits, "logits")
    if z.ndim == 0:
        raise ValueError("logits must have at least one axis (the classes)")
    return z, _check_axis(axis, z)


def log_softmax(logits: npt.ArrayLike, axis: int = -1) -> FloatArray:
    """Logarithm of the softmax, computed without forming the softmax (stable for any finite logits).

    Parameters
    ----------
    logits : array_like
        Finite real scores (integers or floats), with at least one class along ``axis``.
    axis : int, default -1
        The axis over the classes.

    Returns
    -------
    numpy.ndarray
        z_i − log Σ_j exp(z_j) along ``axis``: finite, except −∞ where z_i lies more than the
        largest float (about 1.8e308) below the largest logit, the correctly rounded value.

    Raises
    ------
    ValueError
        Naming ``logits`` if it is empty along ``axis``, has no axis, or holds NaN, ±∞, booleans,
        complex numbers or strings; naming ``axis`` if it is not an integer axis of ``logits``.

    Examples
    --------
    >>> log_softmax([0.0, 0.0]).round(6).tolist()
    [-0.693147, -0.693147]
    >>> log_softmax([1000.0, 0.0]).tolist()
    [0.0, -1000.0]
    """
    z, axis = _logits(logits, axis)
    with np.errstate(over="ignore"):  # z − max below −1.8e308 rounds to −∞, its correct value
        shifted = z - z.max(axis=axis, keepdims=True)
    return cast(FloatArray, shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True)))


def softmax(logits: npt.ArrayLike, axis: int = -1) -> FloatArray:
    """Softmax exp(z_i) / Σ_j exp(z_j): turns real scores into a probability distribution.

    Parameters
    ----------
    logits : array_like
        Finite real scores (integers or floats), with at least one class along ``axis``.
    axis : int, default -1
        The axis over the classes.

    Returns
    -------
    numpy.ndarray
        Probabilities along ``axis``, each in [0, 1], summing to 1.

    Raises
    ------
    ValueError
        Naming ``logits`` if it is empty along ``axis``, has no axis, or holds NaN, ±∞, booleans,
        complex numbers or strings; naming ``axis`` if it is not an integer axis of ``logits``.

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
    z, axis = _logits(logits, axis)
    with np.errstate(over="ignore"):  # z − max below −1.8e308 rounds to −∞, whose exp is the right 0
        return _softmax(z, axis)


def _softmax(z: FloatArray, axis: int = -1) -> FloatArray:
    """softmax of logits already checked: for loops that call it thousands of times (the caller
    silences the overflow of z − max where the logits span more than 1.8e308, if they can)."""
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return cast(FloatArray, e / e.sum(axis=axis, keepdims=True))


def _check_reduction(reduction: object) -> None:
    if not isinstance(reduction, str) or reduction not in _REDUCTIONS:
        raise ValueError(f"reduction must be one of {', '.join(map(repr, _REDUCTIONS))}; got {reduction!r}")


_EMPTY_MEAN = (
    "reduction='mean' over an empty batch (N = 0) is undefined (PyTorch returns NaN, 0/0); "
    "use reduction='sum' or 'none'"
)


def _reduce(losses: FloatArray, reduction: str, denominator: float) -> np.float64 | FloatArray:
    if reduction == "none":
        return losses
    with np.errstate(over="ignore"):  # a sum beyond the largest float is ∞, as in PyTorch
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
        Unnormalised finite real scores (integers or floats; not booleans, complex numbers or
        strings) for C ≥ 1 classes, one row per sample; N may be 0.
    target : array_like
        As in PyTorch, a target of the shape of ``logits`` holds probabilities, anything else class
        indices. Probabilities: floats (an integer one-hot target is refused, as PyTorch refuses
        it), each row a distribution summing to 1. Class indices: integers of shape (N,), or ()
        for logits of shape (C,), each in [0, C) or equal to ``ignore_index`` (a float target such
        as ``[1.0]`` is refused, as PyTorch refuses it; an empty one may be of any real dtype).
    weight : array_like, shape (C,), optional
        A finite non-negative weight per class.
    ignore_index : int, default -100
        With class-index targets, samples whose target equals this value add nothing to the loss
        nor to the mean's denominator. With probability targets it must be negative, as in
        PyTorch, which does not support it there.
    reduction : {"mean", "sum", "none"}, default "mean"
        "none" gives one loss per sample.
    label_smoothing : float in [0, 1], default 0
        Mixes the target with the uniform distribution: (1 − ε)·target + ε/C. A real number:
        not a string, a boolean or None.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        The loss in nats.

    Raises
    ------
    ValueError
        Naming the argument at fault, for anything outside the above; and where
        ``reduction="mean"`` has nothing to average: N = 0, or every class-index target ignored or
        of weight 0 (PyTorch returns NaN, 0/0, in both cases).

    Notes
    -----
    With class indices and ``reduction="mean"``, the mean is weighted: Σ w_{y_n}·ℓ_n / Σ w_{y_n}
    over the samples not ignored, and the label-smoothing term is divided by the same sum. With
    probability targets the mean divides by N whatever the weights. These are PyTorch's documented
    conventions.

    A term whose coefficient is 0 is 0, never 0·∞ = NaN: with ``label_smoothing=0`` the smoothing
    term is not computed (as in PyTorch, so logits such as ``[1e308, 0, 0]`` give 0, not NaN), and
    with ``label_smoothing=1`` the class-index term is not. An ignored sample adds 0, as in
    PyTorch, and so does a class of weight 0 or of target probability 0 even where its
    log-probability rounds to −∞ (a logit more than 1.8e308 below the largest), where PyTorch
    gives NaN. The arithmetic otherwise follows PyTorch's, so where a sum exceeds the largest
    float (about 1.8e308) the loss is ∞, as in PyTorch.

    Examples
    --------
    Two classes with equal scores cost ln 2 nats whatever the true class:

    >>> round(float(cross_entropy_loss([[0.0, 0.0]], [1])), 6)
    0.693147
    >>> round(float(cross_entropy_loss([[2.0, 0.5, -1.0]], [0], label_smoothing=0.1)), 6)
    0.391311
    >>> cross_entropy_loss([[2.0, 0.0], [0.0, 2.0]], [0, 1], reduction="none").round(6).tolist()
    [0.126928, 0.126928]
    >>> float(cross_entropy_loss([[1e308, 0.0, 0.0]], [0]))
    0.0
    """
    _check_reduction(reduction)
    smoothing = _check_label_smoothing(label_smoothing)
    if not _is_integer(ignore_index):
        raise ValueError(f"ignore_index must be an integer, got {ignore_index!r}")
    z = _finite_reals(logits, "logits")
    if z.ndim not in (1, 2) or z.shape[-1] == 0:
        raise ValueError(f"logits must have shape (N, C) or (C,) with C ≥ 1, got {z.shape}")
    logits_shape = z.shape
    unbatched = z.ndim == 1
    z = np.atleast_2d(z)
    n_samples, n_classes = z.shape
    w = None
    if weight is not None:
        w = _finite_reals(weight, "weight")
        if w.shape != (n_classes,):
            raise ValueError(f"weight must have shape ({n_classes},), one per class, got {w.shape}")
        if (w < 0).any():
            raise ValueError("weight must be non-negative")
    log_q = log_softmax(z, axis=1)
    t = _checks.real_array(target, "target")

    with np.errstate(over="ignore"):  # a loss beyond the largest float is ∞, as in PyTorch
        if t.ndim == len(logits_shape):  # PyTorch: a target of the logits' shape holds probabilities
            losses = _probability_target_losses(t, logits_shape, log_q, w, int(ignore_index), smoothing)
            if reduction == "mean" and n_samples == 0:
                raise ValueError(_EMPTY_MEAN)
            result = _reduce(losses, reduction, n_samples)
            return losses[0] if unbatched and reduction == "none" else result

        labels = _class_indices(t, logits_shape, n_classes, int(ignore_index))
        kept = labels != ignore_index
        safe = np.where(kept, labels, 0)
        w_all = np.ones(n_classes) if w is None else w
        w_label = np.where(kept, w_all[safe], 0.0)
        denominator = w_label.sum()
        if reduction == "mean" and denominator == 0:
            # PyTorch returns 0/0 = NaN here; a learner is better served by the reason.
            raise ValueError(
                _EMPTY_MEAN
                if n_samples == 0
                else "no sample counts toward the mean (every target is ignore_index or has weight 0), "
                "so it is undefined"
            )
        # −w_y·log q_y; 0 for a sample ignored or of weight 0, even where its log q_y rounded to −∞
        nll = np.zeros(n_samples)
        np.multiply(-w_label, log_q[np.arange(n_samples), safe], out=nll, where=w_label > 0)
        nll_part = _reduce(nll, reduction, denominator)
        if smoothing == 0.0:  # PyTorch's own branch: the smoothing term is not computed (it may be ∞)
            result = nll_part
        else:
            terms = np.zeros_like(log_q)
            np.multiply(log_q, w_all, out=terms, where=w_all > 0)
            smooth = np.where(kept, -terms.sum(axis=1), 0.0)
            # ε times the sum first: ε/C can underflow to 0 where ε does not, and ∞·0 is NaN.
            smooth_part = _reduce(smooth, reduction, denominator) * smoothing / n_classes
            result = smooth_part if smoothing == 1.0 else (1.0 - smoothing) * nll_part + smooth_part
    return cast(FloatArray, result)[0] if unbatched and reduction == "none" else result


def _probability_target_losses(
    t: npt.NDArray[Any],
    logits_shape: tuple[int, ...],
    log_q: FloatArray,
    w: FloatArray | None,
    ignore_index: int,
    smoothing: float,
) -> FloatArray:
    """−Σ_c log q_c·p_c·w_c per sample, p the (smoothed) probability target."""
    if t.shape != logits_shape:
        raise ValueError(f"probability targets must have the shape of logits {logits_shape}, got {t.shape}")
    index_shape = logits_shape[:-1]
    if t.dtype.kind != "f":
        raise ValueError(
            f"target has the shape of logits {logits_shape}, so it holds probabilities, which must be floats "
            f"(as in PyTorch), got dtype {t.dtype}; class indices have shape {index_shape}"
        )
    if ignore_index >= 0:
        raise ValueError(
            f"ignore_index is not supported for floating point (probability) targets, as in PyTorch; "
            f"got ignore_index={ignore_index}, leave it at its default (-100)"
        )
    p = _checks.distribution(np.atleast_2d(t), "target")
    if smoothing > 0.0:
        p = p * (1.0 - smoothing) + smoothing / log_q.shape[1]
    counted = p > 0 if w is None else (p > 0) & (w > 0)
    terms = np.zeros_like(log_q)  # a term of probability or weight 0 is 0, even against a log q of −∞
    np.multiply(log_q, p, out=terms, where=counted)
    if w is not None:
        np.multiply(terms, w, out=terms, where=counted)
    return cast(FloatArray, -terms.sum(axis=1))


def _class_indices(
    t: npt.NDArray[Any], logits_shape: tuple[int, ...], n_classes: int, ignore_index: int
) -> npt.NDArray[np.int64]:
    expected = logits_shape[:-1]
    if t.shape != expected:
        raise ValueError(
            f"class-index target must have shape {expected}, got {t.shape} "
            f"(probability targets have the shape of logits, {logits_shape})"
        )
    if t.dtype.kind not in "iu" and t.size:
        raise ValueError(
            f"class-index target must hold integers, as in PyTorch, got dtype {t.dtype} "
            f"(probability targets have the shape of logits, {logits_shape})"
        )
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
        Finite real scores x; the predicted probability is sigmoid(x) = 1 / (1 + e^(−x)).
    target : array_like
        True probabilities t of outcome 1, real numbers in [0, 1], the shape of ``logits``.
    pos_weight : array_like, optional
        Finite non-negative weight of the positive term, broadcast against ``logits`` (per class in
        multi-label use). It must broadcast to the shape of ``logits``, not to a larger one.
    reduction : {"mean", "sum", "none"}, default "mean"

    Returns
    -------
    numpy.float64 or numpy.ndarray
        −[pw·t·log σ(x) + (1 − t)·log(1 − σ(x))] in nats, reduced.

    Raises
    ------
    ValueError
        Naming the argument at fault, for anything outside the above (PyTorch raises too where
        ``pos_weight`` would broadcast the result beyond the shape of ``logits``); and for
        ``reduction="mean"`` of no logits (PyTorch returns NaN, 0/0).

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
    x = _finite_reals(logits, "logits")
    t = _checks.probabilities(_checks.real_array(target, "target"), "target")
    if t.shape != x.shape:
        raise ValueError(f"target must have the shape of logits {x.shape}, got {t.shape}")
    if reduction == "mean" and x.size == 0:
        raise ValueError(_EMPTY_MEAN)
    log_sigmoid = np.minimum(x, 0.0) - np.log1p(np.exp(-np.abs(x)))
    with np.errstate(over="ignore"):  # a loss beyond the largest float is ∞, as in PyTorch
        if pos_weight is not None:
            pw = _finite_reals(pos_weight, "pos_weight")
            if (pw < 0).any():
                raise ValueError("pos_weight must be non-negative")
            try:
                shape: tuple[int, ...] | None = np.broadcast_shapes(pw.shape, x.shape)
            except ValueError:
                shape = None
            if shape != x.shape:
                raise ValueError(
                    f"pos_weight of shape {pw.shape} must broadcast to the shape of logits {x.shape}, as in PyTorch"
                )
            log_sigmoid = log_sigmoid * ((pw - 1.0) * t + 1.0)
        losses = (1.0 - t) * x - log_sigmoid
    return _reduce(losses, reduction, losses.size)

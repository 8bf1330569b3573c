"""Gradient descent on the logits of one prediction: the loss falls toward its floor H(p) as q moves to p.

Losses are in nats, the unit PyTorch reports; ``Unit.from_nats`` converts them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import cast

import numpy as np
import numpy.typing as npt

from core import _checks
from core._checks import FloatArray
from core.losses import _softmax, log_softmax, softmax
from core.measures import entropy
from core.memo import kept

__all__ = ["Descent", "gradient_descent", "smoothed_target"]


def smoothed_target(target: npt.ArrayLike, n_classes: int, label_smoothing: float = 0.0) -> FloatArray:
    """The distribution a classifier is trained toward: (1 − ε)·target + ε/C.

    Parameters
    ----------
    target : int or array_like
        A class index in [0, C), or a probability distribution over the C classes.
    n_classes : int
    label_smoothing : float in [0, 1]

    Examples
    --------
    >>> smoothed_target(0, 3, 0.3).round(4).tolist()
    [0.8, 0.1, 0.1]
    >>> smoothed_target([0.5, 0.5, 0.0], 3).tolist()
    [0.5, 0.5, 0.0]
    """
    if not 0.0 <= label_smoothing <= 1.0:
        raise ValueError(f"label_smoothing must lie in [0, 1], got {label_smoothing!r}")
    if np.ndim(target) == 0:
        index = cast(float, target)  # a number, or a 0-d array: float() and int() read either
        if not (float(index).is_integer() and 0 <= int(index) < n_classes):
            raise ValueError(f"target must be a class index in [0, {n_classes}), got {target!r}")
        p: FloatArray = np.eye(n_classes)[int(index)]
    else:
        p = _checks.distribution(target, "target")
        if p.shape != (n_classes,):
            raise ValueError(f"target must have {n_classes} probabilities, got shape {p.shape}")
    return (1.0 - label_smoothing) * p + label_smoothing / n_classes


@dataclass(frozen=True)
class Descent:
    """A run of gradient descent on the logits of one sample.

    Attributes
    ----------
    logits : ndarray, shape (steps + 1, C)
    q : ndarray, shape (steps + 1, C)
        softmax of each step's logits.
    loss : ndarray, shape (steps + 1,)
        H(p, q) in nats at each step.
    floor : float
        The infimum of the loss, H(p) in nats: 0 for a one-hot target.
    target : ndarray, shape (C,)
        The target distribution p the descent heads for.
    """

    logits: FloatArray
    q: FloatArray
    loss: FloatArray
    floor: float
    target: FloatArray


@kept(64)  # the /loss page asks again for every move of its step and its later sections
def gradient_descent(logits: npt.ArrayLike, target: npt.ArrayLike, *, learning_rate: float, steps: int) -> Descent:
    """Minimise H(p, softmax(z)) over the logits z by plain gradient descent: z ← z − lr·(q − p).

    Parameters
    ----------
    logits : array_like, shape (C,)
        The starting logits.
    target : array_like, shape (C,)
        The target distribution p (already smoothed if it should be).
    learning_rate : float > 0
    steps : int ≥ 0

    Returns
    -------
    Descent
        The path of the logits, of q and of the loss, and the floor H(p) the loss approaches.

    Notes
    -----
    The gradient of H(p, softmax(z)) with respect to z is q − p: it vanishes exactly when q = p,
    which is why the loss's minimum over q is the entropy H(p).

    Examples
    --------
    >>> run = gradient_descent([0.0, 0.0, 0.0], [0.7, 0.2, 0.1], learning_rate=1.0, steps=200)
    >>> run.q[-1].round(3).tolist(), round(float(run.loss[-1] - run.floor), 6)
    ([0.7, 0.2, 0.1], 0.0)
    """
    z = _checks.finite(logits, "logits")
    p = _checks.distribution(target, "target")
    if z.ndim != 1 or p.shape != z.shape:
        raise ValueError(f"logits and target must be vectors of the same length, got {z.shape} and {p.shape}")
    if not (math.isfinite(learning_rate) and learning_rate > 0):
        raise ValueError(f"learning_rate must be a positive number, got {learning_rate!r}")
    if int(steps) != steps or steps < 0:
        raise ValueError(f"steps must be a whole number ≥ 0, got {steps!r}")
    path = np.empty((int(steps) + 1, z.size))
    path[0] = z
    for step in range(int(steps)):  # each step needs the last: the loop is the algorithm
        path[step + 1] = path[step] - learning_rate * (_softmax(path[step]) - p)
    q = softmax(path, axis=1)
    loss = -(p * log_softmax(path, axis=1)).sum(axis=1)
    return Descent(logits=path, q=q, loss=loss, floor=float(entropy(p, math.e)), target=p)

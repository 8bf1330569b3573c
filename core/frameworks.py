"""What libraries report for a binary cross-entropy that the mathematics calls infinite.

Libraries that take probabilities rather than logits choose to clamp them, each bending the maths near
q = 0 and q = 1 in its own documented way. Losses are in nats.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core import _checks

__all__ = ["Reported", "framework_losses"]

#: The float64 machine epsilon, scikit-learn's clipping bound.
EPSILON = float(np.finfo(np.float64).eps)


@dataclass(frozen=True)
class Reported:
    """A binary cross-entropy as one library reports it."""

    #: Who computes it: ``"exact"`` for the mathematics itself.
    library: str
    #: What the library does near q = 0 and q = 1, as its documentation says; or why it rejects the target.
    convention: str
    #: The loss in nats, or ``None`` where the library rejects the target.
    loss: float | None


def framework_losses(p: float, q: float) -> tuple[Reported, ...]:
    """Binary cross-entropy of the prediction q for the target p, exact and as libraries report it.

    Parameters
    ----------
    p : float
        Target probability of outcome 1 (a label of 0 or 1, or a soft label, which scikit-learn's
        ``log_loss`` rejects: it takes labels only).
    q : float
        Predicted probability of outcome 1, 0 and 1 included.

    Returns
    -------
    tuple of Reported
        In this order: the exact loss (∞ where the maths says so); PyTorch's ``BCELoss`` (each log
        clamped at −100, as ``torch.nn.BCELoss`` documents); scikit-learn's ``log_loss`` (q clipped
        to [ε, 1 − ε] with ε the float64 machine epsilon, and no loss for a soft target, which it
        rejects); Keras (q clipped to [1e-7, 1 − 1e-7], Keras's ``epsilon()``).

    Examples
    --------
    >>> [(r.library, round(r.loss, 4)) for r in framework_losses(1.0, 0.0)]
    [('exact', inf), ('PyTorch BCELoss', 100.0), ('scikit-learn log_loss', 36.0437), ('Keras', 16.1181)]
    >>> framework_losses(0.3, 0.5)[2]
    Reported(library='scikit-learn log_loss', convention='rejects a soft target: y_true must be 0 or 1', loss=None)
    """
    p = float(_checks.probabilities(p, "p"))
    q = float(_checks.probabilities(q, "q"))

    def clipped(low: float) -> float:
        c = min(max(q, low), 1.0 - low)
        return -(p * math.log(c) + (1.0 - p) * math.log1p(-c))

    with np.errstate(divide="ignore"):  # log 0 = -inf is what the clamp acts on
        log_q, log_1mq = np.log(q), np.log1p(-q)
    exact = -(_term(p, log_q) + _term(1.0 - p, log_1mq))
    torch = -(p * max(float(log_q), -100.0) + (1.0 - p) * max(float(log_1mq), -100.0))
    if p in (0.0, 1.0):
        sklearn = Reported("scikit-learn log_loss", "q clipped to [ε, 1 − ε], ε = 2.2e-16", clipped(EPSILON))
    else:  # its y_true holds labels: a value other than 0 and 1 is a ValueError
        sklearn = Reported("scikit-learn log_loss", "rejects a soft target: y_true must be 0 or 1", None)
    return (
        Reported("exact", "the mathematics", exact),
        Reported("PyTorch BCELoss", "each log clamped at −100", torch),
        sklearn,
        Reported("Keras", "q clipped to [1e-7, 1 − 1e-7]", clipped(1e-7)),
    )


def _term(weight: float, log_value: float) -> float:
    """weight·log_value with 0·(−∞) = 0: an outcome that never happens costs nothing."""
    return 0.0 if weight == 0 else weight * float(log_value)

"""Two classes: a sigmoid output trained by binary cross-entropy, against squared error.

Losses are in nats, the unit PyTorch reports; ``Unit.from_nats`` converts them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from core import _checks
from core._checks import FloatArray

__all__ = ["BinaryLossCurves", "binary_loss_curves"]


@dataclass(frozen=True)
class BinaryLossCurves:
    """Two losses of a sigmoid output q = σ(z) against the target p, over logits z, in nats.

    Attributes
    ----------
    p : float
    z, q : ndarray
        The logits and the predictions σ(z).
    cross_entropy, cross_entropy_gradient : ndarray
        p·log(1/q) + (1 − p)·log(1/(1 − q)) and its derivative in z, q − p.
    squared_error, squared_error_gradient : ndarray
        (q − p)² and its derivative in z, 2(q − p)·q(1 − q).
    """

    p: float
    z: FloatArray
    q: FloatArray
    cross_entropy: FloatArray
    cross_entropy_gradient: FloatArray
    squared_error: FloatArray
    squared_error_gradient: FloatArray

    def at(self, z: float) -> int:
        """The index of the grid point nearest to the logit ``z``."""
        return int(np.argmin(np.abs(self.z - z)))


def binary_loss_curves(p: float, z: npt.ArrayLike) -> BinaryLossCurves:
    """Cross-entropy and squared error of a sigmoid output against the target p, with their gradients.

    For a logit z the prediction is q = σ(z). Cross-entropy −[p log q + (1 − p) log(1 − q)] has
    gradient q − p with respect to z; squared error (q − p)² has gradient 2(q − p)·q(1 − q), which
    vanishes as q approaches 0 or 1 even when the prediction is confidently wrong.

    Examples
    --------
    >>> curves = binary_loss_curves(1.0, [-8.0, 0.0])
    >>> curves.cross_entropy_gradient.round(4).tolist(), curves.squared_error_gradient.round(4).tolist()
    ([-0.9997, -0.5], [-0.0007, -0.25])
    """
    p = float(_checks.probabilities(p, "p"))
    z = _checks.finite(z, "z")
    q = 1.0 / (1.0 + np.exp(-z))
    softplus_neg = np.logaddexp(0.0, -z)  # −log σ(z), exact for large |z|
    softplus_pos = np.logaddexp(0.0, z)  # −log(1 − σ(z))
    return BinaryLossCurves(
        p=p,
        z=z,
        q=q,
        cross_entropy=p * softplus_neg + (1.0 - p) * softplus_pos,
        cross_entropy_gradient=q - p,
        squared_error=(q - p) ** 2,
        squared_error_gradient=2.0 * (q - p) * q * (1.0 - q),
    )

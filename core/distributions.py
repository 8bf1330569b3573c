"""Distributions as the pages edit them: a whole-number weight per outcome, and named presets."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from core._checks import FloatArray

__all__ = ["MAX_OUTCOMES", "MAX_WEIGHT", "PRESETS", "from_weights", "preset_weights"]

MAX_OUTCOMES = 8
MAX_WEIGHT = 10

#: Preset name → what it is, for the button's tooltip.
PRESETS = {
    "Uniform": "every outcome equally likely: the most uncertain distribution over n outcomes",
    "Fair coin": "two outcomes, half and half: exactly one bit",
    "Loaded die": "six faces, the six comes up half the time",
    "Certain": "outcome 1 always happens: no uncertainty at all",
}


def preset_weights(name: str, n: int) -> list[int]:
    """The weights of a preset; ``n`` is the current number of outcomes, kept where the preset allows.

    Examples
    --------
    >>> preset_weights("Uniform", 3), preset_weights("Fair coin", 5), preset_weights("Certain", 3)
    ([1, 1, 1], [1, 1], [1, 0, 0])
    >>> preset_weights("Loaded die", 2)
    [1, 1, 1, 1, 1, 5]
    """
    if name == "Uniform":
        return [1] * n
    if name == "Fair coin":
        return [1, 1]
    if name == "Loaded die":
        return [1, 1, 1, 1, 1, 5]
    if name == "Certain":
        return [1] + [0] * (n - 1)
    raise ValueError(f"preset must be one of {', '.join(PRESETS)}; got {name!r}")


def from_weights(weights: npt.ArrayLike) -> FloatArray:
    """The distribution p_i = w_i / Σ w_j of non-negative weights.

    Examples
    --------
    >>> from_weights([4, 2, 1, 1]).tolist()
    [0.5, 0.25, 0.125, 0.125]
    """
    w = np.asarray(weights, dtype=float)
    if w.ndim != 1 or w.size == 0:
        raise ValueError(f"weights must be a non-empty list, got shape {w.shape}")
    if not np.isfinite(w).all() or (w < 0).any():
        raise ValueError("weights must be finite and non-negative")
    total: np.float64 = w.sum()
    if total == 0:
        raise ValueError("weights are all 0: at least one outcome must be possible")
    return w / total

"""Input checks shared by the core modules: each names the argument and what is wrong with it."""

from __future__ import annotations

import math
from numbers import Real
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

__all__: list[str] = []

#: The arrays core computes and returns: float64 throughout.
FloatArray: TypeAlias = npt.NDArray[np.float64]

# Distributions must sum to 1 within this relative tolerance; they are never rescaled.
SUM_RTOL = 1e-9


def _as_float_array(x: npt.ArrayLike, name: str) -> FloatArray:
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numeric, got {x!r}") from None
    if arr.size and np.isnan(arr).any():
        raise ValueError(f"{name} contains NaN")
    return arr


def probabilities(x: npt.ArrayLike, name: str) -> FloatArray:
    """Return ``x`` as a float array after checking every entry lies in [0, 1]."""
    arr = _as_float_array(x, name)
    if (arr < 0).any():
        raise ValueError(f"{name} has a negative entry ({arr[arr < 0].flat[0]!r}); probabilities lie in [0, 1]")
    if (arr > 1).any():
        raise ValueError(f"{name} has an entry above 1 ({arr[arr > 1].flat[0]!r}); probabilities lie in [0, 1]")
    return arr + 0.0  # -0.0 is a valid 0, but 1/-0.0 = -inf would turn its terms into NaN


def distribution(x: npt.ArrayLike, name: str) -> FloatArray:
    """Return ``x`` as a float array of distributions along its last axis, checked, never rescaled."""
    arr = probabilities(x, name)
    if arr.ndim == 0 or arr.shape[-1] == 0:
        raise ValueError(f"{name} must hold at least one probability along its last axis, got shape {arr.shape}")
    totals = arr.sum(axis=-1)
    bad = ~np.isclose(totals, 1.0, rtol=SUM_RTOL, atol=0.0)
    if bad.any():
        total = float(np.asarray(totals)[bad].flat[0])
        raise ValueError(f"{name} must sum to 1 along its last axis, but sums to {total!r}; it is not rescaled")
    return arr


def same_outcomes(p: FloatArray, q: FloatArray) -> None:
    """Check that ``p`` and ``q`` are distributions over the same outcomes with broadcastable batches."""
    if p.shape[-1] != q.shape[-1]:
        raise ValueError(
            f"p and q must have the same number of outcomes, got {p.shape[-1]} and {q.shape[-1]} "
            f"(shapes {p.shape} and {q.shape})"
        )
    try:
        np.broadcast_shapes(p.shape, q.shape)
    except ValueError:
        raise ValueError(f"p and q have shapes {p.shape} and {q.shape}, which do not broadcast") from None


def finite(x: npt.ArrayLike, name: str) -> FloatArray:
    """Return ``x`` as a float array after checking every entry is finite."""
    arr = _as_float_array(x, name)
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite, got an infinite entry")
    return arr


def log_base(base: object) -> float:
    """Return ln(base) for a valid logarithm base: a positive real number other than 1."""
    if isinstance(base, bool) or not isinstance(base, Real | np.floating | np.integer):
        raise ValueError(f"base must be a positive number other than 1, got {base!r}")
    b = float(base)
    if not math.isfinite(b) or b <= 0 or b == 1:
        raise ValueError(f"base must be a positive number other than 1, got {base!r}")
    return math.log(b)

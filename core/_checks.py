"""Input checks shared by the core modules: each names the argument and what is wrong with it."""

from __future__ import annotations

import math
import reprlib
from numbers import Real
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

__all__: list[str] = []

#: The arrays core computes and returns: float64 throughout.
FloatArray: TypeAlias = npt.NDArray[np.float64]

# Distributions must sum to 1 within this relative tolerance; they are never rescaled.
SUM_RTOL = 1e-9


def _is_bad_leaf(v: object) -> bool:
    """A Python value NumPy would quietly turn into a float but that is no real number: a boolean,
    a complex number (imaginary part dropped), a string or bytes (parsed), or None (NaN)."""
    return isinstance(v, bool | np.bool_ | complex | np.complexfloating | str | bytes) or v is None


_find_bad_leaves = np.frompyfunc(_is_bad_leaf, 1, 1)


def real_array(x: npt.ArrayLike, name: str) -> npt.NDArray[np.integer | np.floating]:
    """Return ``x`` as an array of real numbers, integers kept as integers (a class index is one).

    NumPy would read ``True`` as 1, ``"0.5"`` as 0.5 and ``0.5+1j`` as 0.5 (with a warning); each is
    refused with a ValueError naming the argument, as is anything else that is no number. The value
    is shown in the message only when there is one: an array's repr costs more than the check.
    """
    try:
        raw = np.asarray(x)
    except (TypeError, ValueError):  # a ragged nesting of lists
        raise ValueError(f"{name} must be numeric, got {reprlib.repr(x)}") from None
    kind = raw.dtype.kind
    if kind == "b":
        raise ValueError(
            f"{name} must be real numbers, got booleans {reprlib.repr(x)}; True and False are not probabilities"
        )
    if kind == "c":
        raise ValueError(
            f"{name} must be real numbers, got complex {reprlib.repr(x)}; the imaginary part is not dropped"
        )
    if kind not in "iuf" or not isinstance(x, np.ndarray | np.generic):
        # Python sequences are read leaf by leaf: in [0.5, True] NumPy would make the True a 1.0.
        leaves = np.atleast_1d(raw if kind == "O" else np.asarray(x, dtype=object)).ravel()
        bad = np.asarray(_find_bad_leaves(leaves), dtype=bool)
        if bad.any():
            leaf = leaves[bad][0]
            raise ValueError(f"{name} must be real numbers, got {type(leaf).__name__} {leaf!r} in {reprlib.repr(x)}")
    if kind in "iuf":
        return raw
    try:
        return np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numeric, got {reprlib.repr(x)}") from None


def _as_float_array(x: npt.ArrayLike, name: str) -> FloatArray:
    """Return ``x`` as a float64 array of real numbers (``real_array``), refusing NaN."""
    arr = np.asarray(real_array(x, name), dtype=np.float64)
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
    """Return ln(base) for a valid logarithm base: a finite real number above 1.

    A base in (0, 1) would make information negative and 1 makes it undefined: no unit of
    information has such a base, so each is refused, as are booleans, strings, ∞ and NaN.
    """
    message = f"base must be a finite real number above 1 (2 for bits, e for nats, 10 for hartleys), got {base!r}"
    if isinstance(base, bool | np.bool_) or not isinstance(base, Real | np.floating | np.integer):
        raise ValueError(message)
    b = float(base)
    if not math.isfinite(b) or b <= 1:
        raise ValueError(message)
    return math.log(b)

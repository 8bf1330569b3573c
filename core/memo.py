"""Results of pure functions kept for the next caller who asks with the same values.

A class opens one link and moves the same sliders through the same steps, so the server is asked
for the same figures again and again, by many sessions. ``kept`` keeps a function's latest results
by the *values* of its arguments, NumPy arrays and frozen dataclasses of them included, which
``functools.lru_cache`` cannot hash.

What is kept is shared by every caller: it is read, never edited (a ``core.figures`` figure is
built once and sent; a ``Descent`` is a frozen record). An array passed in is made read-only, since
what is kept may hold it: editing it afterwards would change another caller's result, and now raises
instead.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, NamedTuple, ParamSpec, TypeVar

import numpy as np

__all__ = ["CacheInfo", "clear_all", "kept", "value_key"]

P = ParamSpec("P")
R = TypeVar("R")


class CacheInfo(NamedTuple):
    hits: int
    misses: int
    maxsize: int
    currsize: int


def value_key(value: object) -> Hashable:
    """A hashable key equal for equal values, of the types the app's pure functions take.

    Floats are keyed by their exact bits (so 0.0 and -0.0 differ, as their logarithms do) and
    arrays by their dtype, shape and bytes.

    >>> value_key(np.array([0.5, 0.25])) == value_key(np.array([0.5, 0.25]))
    True
    >>> value_key(0.0) == value_key(-0.0), value_key(1) == value_key(1.0)
    (False, False)
    >>> value_key({1, 2})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    TypeError: cannot key a value of type set: only numbers, strings, arrays, lists, tuples, dicts ...
    """
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            raise TypeError("cannot key an array of Python objects")
        value.flags.writeable = False  # what is kept may hold it (see the module's docstring)
        return ("ndarray", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, float | np.floating):
        return (float, float(value).hex())
    if value is None or isinstance(value, bool | int | str | np.integer | np.bool_):
        return (type(value), value)
    if isinstance(value, tuple | list):
        return (type(value), *(value_key(item) for item in value))
    if isinstance(value, dict):
        return (dict, *((value_key(key), value_key(item)) for key, item in value.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and _frozen(type(value)):
        return (type(value), *(value_key(getattr(value, f.name)) for f in dataclasses.fields(value)))
    raise TypeError(
        f"cannot key a value of type {type(value).__name__}: "
        "only numbers, strings, arrays, lists, tuples, dicts and frozen dataclasses"
    )


def _frozen(kind: type) -> bool:
    return bool(kind.__dataclass_params__.frozen)  # type: ignore[attr-defined]


#: Every function ``kept`` wraps, for ``clear_all``.
_KEPT: list[Any] = []


def clear_all() -> None:
    """Forget every kept result: for tests that edit what a function returned."""
    for wrapper in _KEPT:
        wrapper.cache_clear()


def kept(maxsize: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Keep the ``maxsize`` latest distinct results of a pure function, by its arguments' values.

    The wrapper has ``cache_info()`` and ``cache_clear()``, as ``functools.lru_cache``'s has, and
    ``__wrapped__``, the function itself. Callers in several threads may compute the same result at
    once; each gets a correct one, and one of them is kept.
    """
    if maxsize < 1:
        raise ValueError(f"maxsize must be at least 1, got {maxsize!r}")

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        results: OrderedDict[Hashable, Any] = OrderedDict()
        lock = threading.Lock()
        counts = {"hits": 0, "misses": 0}

        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            key = (value_key(args), value_key(tuple(sorted(kwargs.items()))))
            with lock:
                if key in results:
                    results.move_to_end(key)
                    counts["hits"] += 1
                    return results[key]  # type: ignore[no-any-return]
                counts["misses"] += 1
            result = function(*args, **kwargs)
            with lock:
                results[key] = result
                while len(results) > maxsize:
                    results.popitem(last=False)
            return result

        def cache_info() -> CacheInfo:
            with lock:
                return CacheInfo(counts["hits"], counts["misses"], maxsize, len(results))

        def cache_clear() -> None:
            with lock:
                results.clear()
                counts.update(hits=0, misses=0)

        wrapper.cache_info = cache_info  # type: ignore[attr-defined]
        wrapper.cache_clear = cache_clear  # type: ignore[attr-defined]
        _KEPT.append(wrapper)
        return wrapper

    return decorate

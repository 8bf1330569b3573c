"""The one place that touches Plotly's private API: building a figure without Plotly's validation, and
sending it without Plotly's deep copy.

``_plotly_utils`` is Plotly's own helper package, not a public API: requirements.txt pins Plotly to
the minor version the tests cover (tests/core/figures compare this module's output with Plotly's).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

import numpy as np
import plotly.graph_objects as go
from _plotly_utils.utils import is_skipped_key, to_typed_array_spec

__all__ = ["Figure"]

T = TypeVar("T")


# Plotly ships no type information, so go.Figure is Any to mypy; subclassing it is the point here.
class Figure(go.Figure):  # type: ignore[misc]
    """A ``go.Figure`` that is built once from plain data, sent, and never edited.

    Plotly's ``to_dict`` deep-copies the whole figure, so that whoever asks may edit the copy, and
    Streamlit asks once per chart on every rerun, only to serialise the answer. With a 101-step
    scrubber that copy took a third of the server's time on a page (py-spy under bench/load.py).
    Here ``to_dict`` gives the same dict, typed arrays and all (a test compares the two for every
    builder), from a single walk that shares what it does not change: strings and numbers.
    """

    @classmethod
    def unvalidated(
        cls, data: list[dict[str, Any]], layout: dict[str, Any], frames: list[dict[str, Any]] | None
    ) -> Figure:
        """The figure of plain dicts, without Plotly's property-by-property validation: the tests
        validate every builder's output instead.

        Plotly's own objects (``fig.data``, ``fig.layout``, ``update_layout`` …) are made on first
        use (``__getattr__``), with ``_validate=False``, Plotly's own private switch. A page never
        uses them: it reads the plain dicts (``plain``, ``to_dict``), and making them, with Plotly's
        deep copy of every trace, was a tenth of the server's time on a rerun of /loss (py-spy under
        load), for objects no one read.
        """
        figure = cls.__new__(cls)
        figure.__dict__["_plain"] = {"data": data, "layout": layout, "frames": frames or []}
        return figure

    def __getattr__(self, name: str) -> Any:
        """Reached only for what is not there: Plotly's objects, made now, at their first use."""
        plain = self.__dict__.pop("_plain", None)
        if plain is None:
            raise AttributeError(name)
        go.Figure.__init__(self, **plain, _validate=False)
        return getattr(self, name)

    def to_dict(self) -> dict[str, Any]:
        spec = self.plain()
        result: dict[str, Any] = {"data": _sendable(spec["data"]), "layout": _sendable(spec["layout"])}
        if spec["frames"]:
            result["frames"] = _sendable(spec["frames"])
        return result

    def kept(self, key: Hashable, make: Callable[[], T]) -> T:
        """What ``make`` derives from this figure, made at the first call with ``key`` and kept with
        the figure for the next: a figure is never edited. ``ui.charts`` keeps here what it sends."""
        derived: dict[Hashable, Any] = self.__dict__.setdefault("_derived", {})
        if key not in derived:
            derived[key] = make()
        return cast(T, derived[key])

    def plain(self) -> dict[str, Any]:
        """The data, the layout and the frames as they were built, plain dicts and NumPy arrays: to
        read, not to edit."""
        plain: dict[str, Any] | None = self.__dict__.get("_plain")
        if plain is not None:
            return plain
        return {"data": self._data, "layout": self._layout, "frames": [frame._props for frame in self._frame_objs]}


_LEAF = (str, int, float, bool, type(None))


def _sendable(value: object) -> object:
    """``value`` with new containers and NumPy arrays as Plotly's typed-array specs, as Plotly sends."""
    if isinstance(value, dict):
        return {
            key: item if isinstance(item, _LEAF) or is_skipped_key(key) else _sendable(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        # Plotly converts an array only as the value of a key: one inside a list is sent as a plain list.
        return [item if isinstance(item, (*_LEAF, np.ndarray)) else _sendable(item) for item in value]
    if isinstance(value, np.ndarray):
        return to_typed_array_spec(value)
    return value

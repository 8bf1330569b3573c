"""A figure in words: the text alternative of a chart, for readers who do not see it.

``describe`` reads any figure from this package and returns what a screen reader needs: a name, a
sentence with the values marked at the moment (the learner's point, a minimum), and the data as
tables. It reads the figure rather than the builders' inputs, so a chart and its text cannot
disagree. Tables keep the figure's own points: a long curve is thinned to points at even steps of
its x, never interpolated, and a map to an even grid of its cells.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import plotly.graph_objects as go

__all__ = ["Description", "Table", "describe", "number"]

#: At most this many rows of a curve, or rows and columns of a map, in a table.
MAX_ROWS = 21
MAX_MAP = 11


@dataclass(frozen=True)
class Table:
    """A table of text cells: a caption, a header and rows."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Description:
    """A chart's name, a sentence on what it shows now, and its data as tables."""

    name: str
    summary: str
    tables: tuple[Table, ...] = field(default=())


def number(value: float | None) -> str:
    """A number as a table shows it: up to four decimals, ∞ for infinity and a true minus sign.

    The builders draw ∞ as a gap, None in a curve and NaN in a map (``_common.finite_or_none``): a
    gap reads ∞.

    >>> number(-0.96138), number(float("inf")), number(2.0), number(200.0), number(None)
    ('−0.9614', '∞', '2', '200', '∞')
    """
    if value is None or math.isnan(value):
        return "∞"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    text = f"{value + 0.0:.4f}".rstrip("0").rstrip(".")
    return text.replace("-", "−") if text not in ("-0", "") else "0"


def _title(axis: go.layout.XAxis | go.layout.YAxis) -> str:
    return (axis.title.text or "") if axis.visible is not False else ""


def _values(array: object) -> np.ndarray:
    return np.asarray(array if array is not None else [], dtype=object)


def _text(value: object) -> str:
    if isinstance(value, str | bool | np.bool_):
        return str(value)
    return number(None if value is None else float(value))  # type: ignore[arg-type]


def _is_point(trace: go.Scatter) -> bool:
    return trace.type == "scatter" and "markers" in (trace.mode or "") and len(_values(trace.x)) == 1


def _named(trace: go.Scatter | go.Bar | go.Heatmap) -> bool:
    return bool(trace.name) and trace.visible is not False


def _decoration(trace: go.Scatter | go.Bar | go.Heatmap) -> bool:
    """A shape drawn for the eye that holds no data of its own: a band, an outline, a guide line."""
    return trace.type == "scatter" and trace.hoverinfo == "skip" and not _is_point(trace)


def _thinned(x: np.ndarray, rows: int = MAX_ROWS) -> np.ndarray:
    """Indices of at most ``rows`` of the points, the nearest to even steps of x."""
    if len(x) <= rows:
        return np.arange(len(x))
    numeric = x.astype(float)
    targets = np.linspace(numeric.min(), numeric.max(), rows)
    return np.unique(np.abs(numeric[None, :] - targets[:, None]).argmin(axis=1))


def _across(trace: go.Scatter | go.Bar) -> object:
    """The values a trace runs across: its y for a horizontal bar, else its x."""
    return trace.y if trace.type == "bar" and trace.orientation == "h" else trace.x


def _along(trace: go.Scatter | go.Bar) -> object:
    return trace.x if trace.type == "bar" and trace.orientation == "h" else trace.y


def _series_tables(traces: Sequence[go.Scatter | go.Bar], x_title: str, y_title: str) -> list[Table]:
    """Bars and curves that share their x: one table, a column per trace."""
    groups: dict[tuple[object, ...], list[go.Scatter | go.Bar]] = {}
    for trace in traces:
        groups.setdefault(tuple(_values(_across(trace)).tolist()), []).append(trace)
    tables = []
    for x_key, members in groups.items():
        x = np.asarray(x_key, dtype=object)
        rows = _thinned(x) if all(isinstance(v, int | float) for v in x_key) else np.arange(len(x))
        header = (x_title or "bar", *(trace.name for trace in members))
        caption = f"{y_title} by {x_title}" if y_title and x_title else ", ".join(header[1:])
        cells = tuple((_text(x[i]), *(_text(_values(_along(trace))[i]) for trace in members)) for i in rows.tolist())
        thinned = len(rows) < len(x)
        tables.append(Table(caption + (f" ({len(rows)} of {len(x)} points)" if thinned else ""), header, cells))
    return tables


def _map_table(trace: go.Heatmap, x_title: str, y_title: str) -> Table:
    """A map's values on an even grid of its cells: a row per y, a column per x."""
    z = np.asarray(trace.z, dtype=float)
    x, y = _values(trace.x), _values(trace.y)
    columns, rows = _thinned(x, MAX_MAP), _thinned(y, MAX_MAP)
    header = (f"{y_title} ↓, {x_title} →", *(_text(x[j]) for j in columns.tolist()))
    cells = tuple((_text(y[i]), *(number(z[i, j]) for j in columns.tolist())) for i in rows.tolist()[::-1])
    caption = f"{trace.name} at {len(rows)} × {len(columns)} of its {z.shape[0]} × {z.shape[1]} cells"
    return Table(caption, header, cells)


def _titles(layout: go.Layout, trace: go.Scatter | go.Bar | go.Heatmap) -> tuple[str, str]:
    """The titles of the axes a trace is drawn on (a second y axis has its own)."""
    x_axis = layout[f"xaxis{(trace.xaxis or 'x')[1:]}"]
    y_axis = layout[f"yaxis{(trace.yaxis or 'y')[1:]}"]
    return _title(x_axis), _title(y_axis)


def _point(trace: go.Scatter, x_title: str, y_title: str) -> str:
    x, y = _values(trace.x)[0], _values(trace.y)[0]
    if not (x_title and y_title):  # a point on a map without axes (the triangle): its own words
        return f"{trace.name}: {_hover_text(trace)}" if _hover_text(trace) else trace.name
    return f"{trace.name} at {x_title} = {_text(x)}, {y_title} = {_text(y)}"


def _hover_text(trace: go.Scatter) -> str:
    """A point's hover text when it holds no template fields: the builder's own words for it."""
    template = trace.hovertemplate or ""
    if "%{" in template:
        return ""
    return template.split("<extra>")[0].replace("<br>", ", ")


def describe(figure: go.Figure, name: str | None = None) -> Description:
    """The text alternative of ``figure``: its name, a sentence with its marked points, its data.

    ``name`` defaults to the figure's axes ("y against x") or its traces' names.

    >>> fig = go.Figure(go.Bar(x=[1, 2], y=[0.25, 0.75], name="p"))
    >>> fig.update_layout(xaxis_title="outcome", yaxis_title="probability")  # doctest: +ELLIPSIS
    Figure(...)
    >>> described = describe(fig)
    >>> described.name, described.tables[0].rows
    ('Chart of probability against outcome', (('1', '0.25'), ('2', '0.75')))
    """
    layout = figure.layout
    x_title, y_title = _title(layout.xaxis), _title(layout.yaxis)
    traces = [trace for trace in figure.data if _named(trace) and not _decoration(trace)]
    if name is None:
        names = ", ".join(trace.name for trace in traces)
        name = f"Chart of {y_title} against {x_title}" if x_title and y_title else f"Chart: {names}"
    points = [trace for trace in traces if _is_point(trace)]
    sentences = [name + "."]
    if points:
        sentences.append("Marked: " + "; ".join(_point(trace, *_titles(layout, trace)) for trace in points) + ".")
    series = [trace for trace in traces if trace.type == "bar" or (trace.type == "scatter" and len(trace.x) > 2)]
    # A level drawn across the plot (an entropy, a floor), as a trace or as a named line: its value.
    levels = [
        (trace.name, _values(trace.y)[0])
        for trace in traces
        if trace.type == "scatter" and len(trace.y) == 2 and len(set(_values(trace.y).tolist())) == 1
    ]
    levels += [
        (shape.name, shape.y0)
        for shape in layout.shapes
        if shape.type == "line" and shape.name and shape.visible is not False and shape.y0 == shape.y1
    ]
    sentences += [name + ("" if "=" in name else f" = {_text(y)}") + "." for name, y in levels]
    horizontal = any(trace.type == "bar" and trace.orientation == "h" for trace in series)
    tables = _series_tables(series, *((y_title, x_title) if horizontal else (x_title, y_title))) if series else []
    maps = [trace for trace in traces if trace.type == "heatmap" and x_title and y_title]
    tables += [_map_table(trace, x_title, y_title) for trace in maps]
    return Description(name, " ".join(sentences), tuple(tables))

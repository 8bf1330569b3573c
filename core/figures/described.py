"""A figure in words: the text alternative of a chart, for readers who do not see it.

``describe`` reads any figure from this package and returns what a screen reader needs: a name, a
sentence with the values marked at the moment (the learner's point, a minimum), and the data as
tables. It reads the figure rather than the builders' inputs, so a chart and its text cannot
disagree. Tables keep the figure's own points: a long curve is thinned to points at even steps of
its x, never interpolated, and a map to an even grid of its cells.
"""

from __future__ import annotations

import base64
import csv
import io
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import plotly.graph_objects as go

from core.figures._sending import Figure

__all__ = ["Description", "Table", "data_csv", "describe", "number"]

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

    The builders draw ∞ as a gap, NaN (``_common.gaps_for_infinity``), and a gap reads ∞.

    >>> number(-0.96138), number(float("inf")), number(2.0), number(200.0), number(None)
    ('−0.9614', '∞', '2', '200', '∞')
    """
    if value is None or math.isnan(value):
        return "∞"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    text = f"{value + 0.0:.4f}".rstrip("0").rstrip(".")
    return text.replace("-", "−") if text not in ("-0", "") else "0"


Trace = Mapping[str, Any]


def _title(axis: Mapping[str, Any]) -> str:
    if axis.get("visible") is False:
        return ""
    title = axis.get("title") or {}
    return str(title.get("text") or "") if isinstance(title, Mapping) else str(title)


def _values(array: object) -> np.ndarray:
    """An array of a figure as built, or as sent (Plotly's typed-array spec: base64 of its bytes)."""
    if isinstance(array, Mapping) and "bdata" in array:
        decoded = np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
        shape = array.get("shape")
        array = decoded.reshape([int(n) for n in str(shape).split(",")]) if shape is not None else decoded
    if isinstance(array, np.ndarray) and array.dtype.kind in "biuf":
        return array  # numbers already: a copy as Python objects, one per point, is what took the time
    return np.asarray(array if array is not None else [], dtype=object)


def _length(array: object) -> int:
    """How many values an array of a figure holds, without reading them."""
    if array is None:
        return 0
    if isinstance(array, Mapping) and "bdata" in array:
        return len(base64.b64decode(array["bdata"])) // np.dtype(array["dtype"]).itemsize
    return len(array)  # type: ignore[arg-type]


def _text(value: object) -> str:
    if isinstance(value, str | bool | np.bool_):
        return str(value)
    return number(None if value is None else float(value))  # type: ignore[arg-type]


def _kind(trace: Trace) -> str:
    return str(trace.get("type", "scatter"))


def _is_point(trace: Trace) -> bool:
    return _kind(trace) == "scatter" and "markers" in (trace.get("mode") or "") and _length(trace.get("x")) == 1


def _named(trace: Trace) -> bool:
    return bool(trace.get("name")) and trace.get("visible") is not False


def _decoration(trace: Trace) -> bool:
    """A shape drawn for the eye that holds no data of its own: a band, an outline, a guide line."""
    return _kind(trace) == "scatter" and trace.get("hoverinfo") == "skip" and not _is_point(trace)


def _thinned(x: np.ndarray, rows: int | None = MAX_ROWS, *, log: bool = False) -> np.ndarray:
    """Indices of at most ``rows`` of the points, the nearest to even steps of x (all if None), or of
    log x for a log axis (positive x), where even steps of x would skip all but the end of it."""
    if rows is None or len(x) <= rows:
        return np.arange(len(x))
    numeric = np.log10(x.astype(float)) if log else x.astype(float)
    targets = np.linspace(numeric.min(), numeric.max(), rows)
    return np.unique(np.abs(numeric[None, :] - targets[:, None]).argmin(axis=1))


def _horizontal(trace: Trace) -> bool:
    return _kind(trace) == "bar" and trace.get("orientation") == "h"


def _across(trace: Trace) -> np.ndarray:
    """The values a trace runs across: its y for a horizontal bar, else its x."""
    return _values(trace.get("y") if _horizontal(trace) else trace.get("x"))


def _along(trace: Trace) -> np.ndarray:
    return _values(trace.get("x") if _horizontal(trace) else trace.get("y"))


def _series_tables(
    traces: Sequence[Trace],
    x_title: str,
    y_title: str,
    text: Callable[[object], str] = _text,
    rows: int | None = MAX_ROWS,
    log_x: bool = False,
) -> list[Table]:
    """Bars and curves that share their x: one table, a column per trace, of at most ``rows`` rows
    (thinned evenly in log x if ``log_x``)."""
    groups: dict[tuple[object, ...], list[Trace]] = {}
    for trace in traces:
        groups.setdefault(tuple(_across(trace).tolist()), []).append(trace)
    tables = []
    for x_key, members in groups.items():
        x = np.asarray(x_key, dtype=object)
        kept = _thinned(x, rows, log=log_x) if all(isinstance(v, int | float) for v in x_key) else np.arange(len(x))
        header = (x_title or "bar", *(str(trace["name"]) for trace in members))
        caption = f"{y_title} by {x_title}" if y_title and x_title else ", ".join(header[1:])
        columns = [_along(trace) for trace in members]
        cells = tuple((text(x[i]), *(text(column[i]) for column in columns)) for i in kept.tolist())
        thinned = len(kept) < len(x)
        tables.append(Table(caption + (f" ({len(kept)} of {len(x)} points)" if thinned else ""), header, cells))
    return tables


def _map_table(trace: Trace, x_title: str, y_title: str, text: Callable[[object], str], size: int | None) -> Table:
    """A map's values on an even grid of at most ``size`` × ``size`` of its cells: a row per y, a column per x."""
    z = _values(trace["z"]).astype(float)
    x, y = _values(trace.get("x")), _values(trace.get("y"))
    columns, rows = _thinned(x, size), _thinned(y, size)
    header = (f"{y_title} ↓, {x_title} →", *(text(x[j]) for j in columns.tolist()))
    cells = tuple((text(y[i]), *(text(z[i, j]) for j in columns.tolist())) for i in rows.tolist()[::-1])
    caption = f"{trace['name']} at {len(rows)} × {len(columns)} of its {z.shape[0]} × {z.shape[1]} cells"
    return Table(caption, header, cells)


def _titles(layout: Mapping[str, Any], trace: Trace) -> tuple[str, str]:
    """The titles of the axes a trace is drawn on (a second y axis has its own)."""
    x_axis = layout.get(f"xaxis{(trace.get('xaxis') or 'x')[1:]}") or {}
    y_axis = layout.get(f"yaxis{(trace.get('yaxis') or 'y')[1:]}") or {}
    return _title(x_axis), _title(y_axis)


def _point(trace: Trace, x_title: str, y_title: str, y_top: object = None) -> str:
    """A marked point in words; one drawn as a triangle at ``y_top``, the top of its axis, is ∞
    (the builders' way to draw ∞: ``_common.point_state``)."""
    name, x, y = trace["name"], _values(trace.get("x"))[0], _values(trace.get("y"))[0]
    if not (x_title and y_title):  # a point on a map without axes (the triangle): its own words
        return f"{name}: {_hover_text(trace)}" if _hover_text(trace) else str(name)
    infinite = (trace.get("marker") or {}).get("symbol") == "triangle-up" and y_top is not None and y == y_top
    return f"{name} at {x_title} = {_text(x)}, {y_title} = {'∞' if infinite else _text(y)}"


def _hover_text(trace: Trace) -> str:
    """A point's hover text when it holds no template fields: the builder's own words for it."""
    template = str(trace.get("hovertemplate") or "")
    if "%{" in template:
        return ""
    return template.split("<extra>")[0].replace("<br>", ", ")


def _level(values: object) -> bool:
    y = _values(values)
    return len(y) == 2 and y[0] == y[1]


def _read(figure: go.Figure | Mapping[str, Any]) -> tuple[Mapping[str, Any], list[Trace], str, str]:
    """A figure's layout, the traces that hold data, and the titles of its axes."""
    spec: Mapping[str, Any]
    if isinstance(figure, Figure):
        spec = figure.plain()  # no copy, no encoding: what ui.charts reads at every rerun
    else:
        spec = figure.to_dict() if isinstance(figure, go.Figure) else figure
    layout: Mapping[str, Any] = spec.get("layout", {})
    traces = [trace for trace in spec.get("data", ()) if _named(trace) and not _decoration(trace)]
    return layout, traces, _title(layout.get("xaxis") or {}), _title(layout.get("yaxis") or {})


def _tables(
    traces: Sequence[Trace],
    x_title: str,
    y_title: str,
    text: Callable[[object], str],
    rows: int | None,
    size: int | None,
    *,
    log_x: bool = False,
) -> list[Table]:
    """The data of the traces: bars and curves that share their x as one table each, then each map."""
    series = [
        trace
        for trace in traces
        if _kind(trace) == "bar" or (_kind(trace) == "scatter" and _length(trace.get("x")) > 2)
    ]
    titles = (y_title, x_title) if any(_horizontal(trace) for trace in series) else (x_title, y_title)
    tables = _series_tables(series, *titles, text, rows, log_x) if series else []
    maps = [trace for trace in traces if _kind(trace) == "heatmap" and x_title and y_title]
    return tables + [_map_table(trace, x_title, y_title, text, size) for trace in maps]


def describe(figure: go.Figure | Mapping[str, Any], name: str | None = None) -> Description:
    """The text alternative of ``figure`` (a figure, or its ``to_dict()``): its name, a sentence with
    its marked points, its data, thinned to tables a screen reader can go through.

    ``name`` defaults to the figure's axes ("y against x") or its traces' names.

    >>> fig = go.Figure(go.Bar(x=[1, 2], y=[0.25, 0.75], name="p"))
    >>> fig.update_layout(xaxis_title="outcome", yaxis_title="probability")  # doctest: +ELLIPSIS
    Figure(...)
    >>> described = describe(fig)
    >>> described.name, described.tables[0].rows
    ('Chart of probability against outcome', (('1', '0.25'), ('2', '0.75')))
    """
    layout, traces, x_title, y_title = _read(figure)
    if name is None:
        names = ", ".join(str(trace["name"]) for trace in traces)
        name = f"Chart of {y_title} against {x_title}" if x_title and y_title else f"Chart: {names}"
    points = [trace for trace in traces if _is_point(trace)]
    sentences = [name + "."]
    if points:
        y_top = ((layout.get("yaxis") or {}).get("range") or [None, None])[1]
        marked = [_point(trace, *_titles(layout, trace), y_top) for trace in points]
        sentences.append("Marked: " + "; ".join(marked) + ".")
    # A level drawn across the plot (an entropy, a floor), as a trace or as a named line: its value.
    levels = [
        (str(trace["name"]), _values(trace.get("y"))[0])
        for trace in traces
        if _kind(trace) == "scatter" and _level(trace.get("y"))
    ]
    levels += [
        (str(shape["name"]), shape.get("y0"))
        for shape in layout.get("shapes", ())
        if shape.get("type") == "line"
        and shape.get("name")
        and shape.get("visible") is not False
        and shape.get("y0") == shape.get("y1")
    ]
    sentences += [level + ("" if "=" in level else f" = {_text(y)}") + "." for level, y in levels]
    log_x = (layout.get("xaxis") or {}).get("type") == "log"
    tables = _tables(traces, x_title, y_title, _text, MAX_ROWS, MAX_MAP, log_x=log_x)
    return Description(name, " ".join(sentences), tuple(tables))


def _exact(value: object) -> str:
    """A cell as a CSV file holds it: a number to the last digit (``repr``), ``inf`` for ∞."""
    if isinstance(value, str | bool | np.bool_ | int | np.integer):
        return str(value)
    x = math.nan if value is None else float(value)  # type: ignore[arg-type]
    return "inf" if math.isnan(x) else repr(x)


def data_csv(figure: go.Figure | Mapping[str, Any]) -> str:
    """The data of ``figure`` as CSV: every point of its curves and bars, every cell of its maps, to
    the last digit; ∞ (drawn as a gap) is ``inf``. Several tables follow each other, each after a
    line with its caption and before an empty line.

    >>> fig = go.Figure(go.Bar(x=[1, 2], y=[0.25, 0.75], name="p"))
    >>> print(data_csv(fig.update_layout(xaxis_title="outcome", yaxis_title="probability")), end="")
    probability by outcome
    outcome,p
    1,0.25
    2,0.75
    """
    _, traces, x_title, y_title = _read(figure)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for i, table in enumerate(_tables(traces, x_title, y_title, _exact, None, None)):
        if i:
            out.write("\n")
        writer.writerow([table.caption])
        writer.writerow(table.header)
        writer.writerows(table.rows)
    return out.getvalue()

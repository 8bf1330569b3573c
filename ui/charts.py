"""How every page shows a chart: an element that stays on the page and is updated in place.

``st.plotly_chart`` folds the figure into its element's identity, so a rerun that changes a figure
replaces the element and Plotly draws it from scratch. Here a Streamlit component with a stable key
keeps its element, and ``static/live_chart.js`` updates it with ``Plotly.react``, themed as Streamlit
themes its own Plotly charts, with the plotly.js bundle the app serves (``static/plotly/``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

import plotly.graph_objects as go
import streamlit as st

from core.figures._sending import Figure
from core.figures.described import Description, Table, data_csv, describe
from ui.controls import CONTROLS, hidden, locked

__all__ = ["OwnControl", "chart"]

_STATIC = Path(__file__).parents[1] / "static"
_MODULE = _STATIC / "live_chart.js"
_VERSION = (_STATIC / "plotly" / "VERSION").read_text().strip()
#: Where the browser finds them, relative to the app's address; the module's hash busts caches.
MODULE_URL = f"app/static/live_chart.js?v={hashlib.sha256(_MODULE.read_bytes()).hexdigest()[:12]}"
BUNDLE_URL = f"app/static/plotly/plotly-cartesian-{_VERSION}.min.js"

# Travels with every rerun, so it only loads the module, once per page, and starts loading plotly.js
# beside it (one script element for every chart on the page): a cold page waits for neither in turn.
_LOADER = """
export default function (component) {
  const data = JSON.parse(new TextDecoder().decode(component.data));
  const url = (path) => new URL(path, document.baseURI).href;
  window.liveChartPlotly ??= new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement("script"), { src: url(data.bundle) });
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => reject(new Error(`plotly.js did not load from ${script.src}`));
    document.head.appendChild(script);
  });
  return import(url(data.module)).then((live) => live.render({ ...component, data }));
}
"""
_live_chart = st.components.v2.component("live_chart", js=_LOADER, isolate_styles=False)


#: Session State's record of each live chart: the revision and the figure the browser was last sent,
#: as ``_pieces``.
_SENT = "live_chart_sent"

#: A changed piece of JSON up to this long is read back and compared within, so that only what changed
#: in it is sent; a longer one (a curve, a list of states) is sent whole, as it is, without reading it.
_COMPARED = 2048


class _Raw(str):
    """JSON text, sent as it is within the message (``_json``)."""

    __slots__ = ()


def _dump(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


def _json(value: object) -> str:
    """``value`` as compact JSON, with ``_Raw`` text in it as it is."""
    if isinstance(value, _Raw):
        return value
    if isinstance(value, dict):
        return "{" + ",".join(f"{_dump(key)}:{_json(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_json(item) for item in value) + "]"
    return _dump(value)


def _pieces(value: object, depth: int = 5) -> object:
    """A figure as JSON text in pieces: its dicts and its lists of containers are split, ``depth``
    levels deep, into a piece of text for each value (each key of each trace, each key of the layout
    and of each slider and sweep in it, each key of each own control).

    Session State keeps a chart's last figure in this form, a few hundred strings rather than tens
    of thousands of objects (a class's figures, kept as objects, came to a million, which every full
    garbage collection walked, pausing every session). A figure's pieces are made once and kept with
    it (``Figure.kept``), so sessions shown the same figure share them, and a rerun compares pieces
    by identity first, then by text.
    """
    if depth and isinstance(value, dict):
        return {key: _pieces(item, depth - 1) for key, item in value.items()}
    if depth and isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        return [_pieces(item, depth - 1) for item in value]
    return _Raw(_dump(value))


def _whole(pieces: object) -> _Raw:
    """Pieces as one JSON text, without reading them back."""
    return _Raw(_json(pieces))


def _changes_since(before: object, after: object, path: list | None = None, changes: dict | None = None) -> dict:
    """What changed from a figure kept as ``_pieces`` to the same chart's next one, to send instead of
    the whole figure: ``set`` lists [path, value] pairs and ``unset`` the paths of removed keys; a path
    walks dict keys and list indices from the figure's root.

    Pieces are compared by text, as the browser reads them. A changed piece that is short is read
    back and compared within (``_compare``); a long one is sent whole, as its text. Containers of
    pieces that no longer match (a list of another length) are sent whole.
    """
    path = [] if path is None else path
    changes = {"set": [], "unset": []} if changes is None else changes
    if before is after:
        return changes
    if isinstance(after, dict) and isinstance(before, dict):
        for key, now in after.items():
            if key not in before:
                changes["set"].append([[*path, key], _whole(now)])
            else:
                _changes_since(before[key], now, [*path, key], changes)
        changes["unset"].extend([*path, key] for key in before if key not in after)
    elif isinstance(after, list) and isinstance(before, list) and len(after) == len(before):
        changed = [
            index for index, (was, now) in enumerate(zip(before, after, strict=True)) if was is not now and was != now
        ]
        if len(changed) > 8 and len(changed) > len(after) / 2:  # a new list of states, say: sent whole
            changes["set"].append([path, _whole(after)])
            return changes
        for index in changed:
            _changes_since(before[index], after[index], [*path, index], changes)
    elif isinstance(after, str) and isinstance(before, str):
        if before != after:
            if len(before) <= _COMPARED and len(after) <= _COMPARED:
                _compare(json.loads(before), json.loads(after), path, changes)
            else:
                changes["set"].append([path, after])
    else:
        changes["set"].append([path, _whole(after)])
    return changes


def _compare(old: object, new: object, path: list, changes: dict[str, list]) -> None:
    """Add what changed from ``old`` to ``new``, read from JSON and found at ``path``, to ``changes``.

    Lists of containers of the same length are compared element by element; any other list that
    changed is sent whole.
    """
    if isinstance(old, dict) and isinstance(new, dict):
        for key, value in new.items():
            if key not in old:
                changes["set"].append([[*path, key], value])
            elif old[key] != value:
                _compare(old[key], value, [*path, key], changes)
        changes["unset"].extend([*path, key] for key in old if key not in new)
    elif (
        isinstance(old, list)
        and isinstance(new, list)
        and len(old) == len(new)
        and any(isinstance(item, dict | list) for item in new)
    ):
        for index, (was, now) in enumerate(zip(old, new, strict=True)):
            if was != now:
                _compare(was, now, [*path, index], changes)
    else:
        changes["set"].append([path, new])


def _resync(key: str) -> None:
    """The browser missed a patch: send this chart whole at this run."""
    sent = st.session_state.get(_SENT, {})
    if key in sent:
        sent[key] = (sent[key][0], None)


@dataclass(frozen=True)
class OwnControl:
    """A page control that a chart moves itself, at display speed in the browser.

    ``key`` is the page control's key, and the name of the figure's slider (``scrubber``) or sweep
    (``layout.meta["sweeps"]``) that moves it. ``drag`` lets the pointer on the plot move it (its
    values are then x coordinates). ``play`` adds a ▶ button: ``"once"`` runs it to its end,
    ``"sweep"`` to and fro between its ends until paused; either way the value is handed to the
    page where it stops.
    """

    key: str
    drag: bool = False
    play: Literal["once", "sweep"] | None = None


def _own_control(spec: dict, own: OwnControl) -> dict:
    """The figure's slider or sweep named ``own.key``, taken out of it, as the chart's own control of
    the page's control of that key.

    The browser draws it as a native range input (with ▶ and dragging as ``own`` says): each position
    moves the chart at once, from the states a slider lists or from the mixture a sweep describes
    (``core.figures.curves._p_sweep``), and the value goes to Python, which sets the page's control.
    """
    layout = spec["layout"]
    sliders = [slider for slider in layout.get("sliders", ()) if slider.get("name") == own.key]
    sweeps = [sweep for sweep in layout.get("meta", {}).get("sweeps", ()) if sweep["name"] == own.key]
    (found,) = sliders + sweeps  # one of either, by the name of the page's control
    if sliders:
        layout["sliders"].remove(found)
        labels = [step["label"] for step in found["steps"]]
        moves, prefix = {"states": [step["args"] for step in found["steps"]]}, found["currentvalue"]["prefix"]
    else:
        layout["meta"]["sweeps"].remove(found)
        labels, moves, prefix = found["labels"], {"sweep": found}, found["prefix"]
    for container, name in ((layout, "sliders"), (layout.get("meta", {}), "sweeps")):
        if name in container and not container[name]:
            del container[name]  # Plotly's own slider is gone from the figure
    if "meta" in layout and not layout["meta"]:
        del layout["meta"]
    control = CONTROLS[own.key]
    number = int if isinstance(control.step, int) else float
    return {
        "key": own.key,
        "label": control.label,
        "prefix": prefix,
        "labels": labels,
        "values": [number(label) for label in labels],
        **moves,
        "active": found["active"],
        "drag": own.drag,
        "play": own.play,
    }


#: Session State's record of the last move of each chart's own controls that Python has taken.
_ANSWERED = "live_chart_answered"


def _moved(key: str, values: dict[str, list]) -> None:
    """One of the chart's own controls moved: the page's control takes its value before it is drawn.

    ``values`` are the values each own control offers, by the page control's key. The browser
    numbers the moves of each control; the chart is told the number of the last one taken, so that
    it knows a figure that shows another value is not an answer still on its way.
    """
    move = st.session_state[key].get("value")
    if not isinstance(move, dict) or move.get("control") not in values:
        return
    control = move["control"]
    if locked(control) or hidden(control):
        return  # the link keeps this control where it is
    if move.get("value") not in values[control] or not isinstance(move.get("seq"), int):
        return  # only the values the chart offered, the page's control's own steps
    st.session_state[control] = move["value"]
    st.session_state.setdefault(_ANSWERED, {}).setdefault(key, {})[control] = move["seq"]


@dataclass(frozen=True)
class _Prepared:
    """What every session shown a figure is sent, made once per figure and kept with it."""

    #: The figure as ``_pieces``, its own controls taken out of it and under ``controls``, without
    #: what each session sets itself (``answered``, ``disabled``).
    pieces: dict
    #: The values each own control offers, by the page control's key.
    values: dict[str, list]
    description: Description


def _prepare(figure: go.Figure, label: str | None, controls: tuple[OwnControl, ...]) -> _Prepared:
    spec = figure.to_dict()
    own = [_own_control(spec, control) for control in controls]
    pieces = cast(dict, _pieces(spec))
    if own:
        pieces["controls"] = [_pieces(control, 2) for control in own]
    return _Prepared(pieces, {control["key"]: control["values"] for control in own}, describe(figure, label))


def _markdown_table(table: Table) -> str:
    lines = [table.header, ("---",) * len(table.header), *table.rows]
    rows = "\n".join("| " + " | ".join(cell.replace("|", "\\|") for cell in line) + " |" for line in lines)
    return f"**{table.caption}**\n\n{rows}"


def chart(
    figure: go.Figure,
    *,
    key: str,
    label: str | None = None,
    container=None,
    controls: Sequence[OwnControl] = (),
) -> None:
    """Show a figure from ``core.figures``, across its container's width, under a stable ``key``.

    ``label`` names the chart for screen readers; by default its axes do ("y against x"). Its text
    alternative (``core.figures.described``) goes with it: a sentence of what it shows now, which
    screen readers read as the chart's description, and its data as tables in an expander under it.
    ``container`` is where it goes (a column, say); by default, the page's current place. After the
    first run, a rerun sends the browser only what changed in the figure.

    ``controls`` are the page's controls that the figure's own sliders and sweeps mirror (see
    ``OwnControl``): each becomes a control of the chart, under it, which moves the chart at once in
    the browser and the page's control with it.

    What a figure is sent as, and its text alternative, are made once per figure and kept with it
    (``Figure.kept``): the builders keep their latest figures (``core.memo.kept``), so the sessions
    of a class moving the same sliders share them, and a rerun that asks for a figure already made
    only compares it with the last one sent.
    """
    own = tuple(controls)
    make = functools.partial(_prepare, figure, label, own)
    prepared = figure.kept(("sent", label, own), make) if isinstance(figure, Figure) else make()
    key = f"chart-{key}"
    callbacks = {"on_resync_change": lambda: _resync(key)}
    pieces = prepared.pieces
    if own:
        answered = st.session_state.get(_ANSWERED, {}).get(key, {})
        pieces = pieces | {
            "controls": [
                static
                | {
                    "answered": _Raw(_dump(answered.get(control.key, 0))),
                    # A link that locks or hides the page's control locks the chart's own control too.
                    "disabled": _Raw(_dump(locked(control.key) or hidden(control.key))),
                }
                for static, control in zip(pieces["controls"], own, strict=True)
            ]
        }
        callbacks["on_value_change"] = lambda: _moved(key, prepared.values)
    sent = st.session_state.setdefault(_SENT, {})
    revision, before = sent.get(key, (0, None))
    if before is None:
        update = {"figure": _whole(pieces)}
    else:
        update = {"base": revision, "changes": _changes_since(before, pieces)}
    sent[key] = (revision + 1, pieces)
    data = {
        "revision": revision + 1,
        **update,
        "module": MODULE_URL,
        "bundle": BUNDLE_URL,
        "label": prepared.description.name,
        "summary": prepared.description.summary,
        "name": key.removeprefix("chart-"),  # a saved image's file name
    }
    with container if container is not None else contextlib.nullcontext():
        # As JSON bytes, which Streamlit passes on as they are: a dict would be searched for data
        # frames, which imports pandas (80 MB a process) for nothing.
        _live_chart(data=_json(data).encode(), key=key, **callbacks)
        _data_tables(prepared.description, figure, key)


def _data_tables(description: Description, figure: go.Figure, key: str) -> None:
    """The chart's data, for readers who do not see it: its tables, as Markdown, in an expander, and
    every point of it as a CSV file, written only when it is asked for.

    The expander's content is sent only while it is open (opening it reruns the page): closed, as it
    nearly always is, it costs a run one element instead of one per table and a download button.
    """
    if not description.tables:
        return
    label = description.name.replace("Chart of ", "Data: ").replace("Chart: ", "Data: ")
    tables = st.expander(label, key=f"{key}-data", on_change="rerun")
    if not tables.open:
        return
    with tables:
        for table in description.tables:
            st.markdown(_markdown_table(table))
        st.download_button(
            "Download all its data (CSV)",
            lambda: data_csv(figure),
            file_name=f"{key.removeprefix('chart-')}.csv",
            mime="text/csv",
            on_click="ignore",
            key=f"{key}-csv",
            icon=":material/download:",
        )

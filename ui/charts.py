"""How every page shows a chart: an element that stays on the page and is updated in place.

``st.plotly_chart`` folds the figure into its element's identity, so a rerun that changes a figure
replaces the element and Plotly draws it from scratch. Here a Streamlit component with a stable key
keeps its element, and ``static/live_chart.js`` updates it with ``Plotly.react``, themed as Streamlit
themes its own Plotly charts, with the plotly.js bundle the app serves (``static/plotly/``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import plotly.graph_objects as go
import streamlit as st

from core.figures.described import Description, data_csv, describe
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
#: in ``_pieces``.
_SENT = "live_chart_sent"


def _compare(old: object, new: object, path: list, changes: dict[str, list]) -> None:
    """Add what changed from ``old`` to ``new``, found at ``path``, to ``changes``.

    ``set`` lists [path, value] pairs and ``unset`` the paths of removed keys; a path walks dict keys
    and list indices from the figure's root. Lists of containers (traces, steps) of the same length
    are compared element by element; any other list that changed is sent whole.
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


def _dump(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


def _pieces(figure: dict) -> dict:
    """A figure as JSON text, in pieces: each trace, each key of the layout, each own control.

    Session State keeps a chart's last figure in this form, a few strings rather than thousands of
    objects (a class's figures, kept as objects, came to a million, which every full garbage
    collection walked, pausing every session), and a rerun parses only the pieces whose text changed.
    """
    return {
        top: [_dump(item) for item in value]
        if isinstance(value, list)
        else {key: _dump(item) for key, item in value.items()}
        if isinstance(value, dict)
        else _dump(value)
        for top, value in figure.items()
    }


def _whole(piece: list | dict | str) -> object:
    """A piece of ``_pieces``, read back."""
    if isinstance(piece, list):
        return [json.loads(item) for item in piece]
    if isinstance(piece, dict):
        return {key: json.loads(item) for key, item in piece.items()}
    return json.loads(piece)


def _changes_since(before: dict, after: dict) -> dict:
    """What changed from a figure kept as ``_pieces`` to the same chart's next figure, to send instead
    of the whole figure (see ``_compare``). Both sides are compared as JSON reads them back, as the
    browser does, and only the pieces whose text changed are read.
    """
    changes: dict[str, list] = {"set": [], "unset": []}
    for top, new in after.items():
        old = before.get(top)
        if isinstance(new, list) and isinstance(old, list) and len(old) == len(new):
            for index, (was, now) in enumerate(zip(old, new, strict=True)):
                if was != now:
                    _compare(json.loads(was), json.loads(now), [top, index], changes)
        elif isinstance(new, dict) and isinstance(old, dict):
            for key, now in new.items():
                if key not in old:
                    changes["set"].append([[top, key], json.loads(now)])
                elif old[key] != now:
                    _compare(json.loads(old[key]), json.loads(now), [top, key], changes)
            changes["unset"].extend([top, key] for key in old if key not in new)
        elif old != new:  # new, or no longer comparable piece by piece: sent whole
            changes["set"].append([[top], _whole(new)])
    changes["unset"].extend([top] for top in before if top not in after)
    return changes


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
        # A link that locks or hides the page's control locks the chart's own control too.
        "disabled": locked(own.key) or hidden(own.key),
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
    """
    spec = figure.to_dict()
    description = describe(figure, label)
    key = f"chart-{key}"
    callbacks = {"on_resync_change": lambda: _resync(key)}
    if controls:
        answered = st.session_state.get(_ANSWERED, {}).get(key, {})
        spec["controls"] = [_own_control(spec, own) | {"answered": answered.get(own.key, 0)} for own in controls]
        values = {control["key"]: control["values"] for control in spec["controls"]}
        callbacks["on_value_change"] = lambda: _moved(key, values)
    sent = st.session_state.setdefault(_SENT, {})
    revision, before = sent.get(key, (0, None))
    pieces = _pieces(spec)
    update = {"figure": spec} if before is None else {"base": revision, "changes": _changes_since(before, pieces)}
    sent[key] = (revision + 1, pieces)
    data = {
        "revision": revision + 1,
        **update,
        "module": MODULE_URL,
        "bundle": BUNDLE_URL,
        "label": description.name,
        "summary": description.summary,
        "name": key.removeprefix("chart-"),  # a saved image's file name
    }
    with container if container is not None else contextlib.nullcontext():
        # As JSON bytes, which Streamlit passes on as they are: a dict would be searched for data
        # frames, which imports pandas (80 MB a process) for nothing.
        _live_chart(data=_dump(data).encode(), key=key, **callbacks)
        _data_tables(description, figure, key)


def _data_tables(description: Description, figure: go.Figure, key: str) -> None:
    """The chart's data, for readers who do not see it: its tables, as Markdown, in an expander, and
    every point of it as a CSV file, written only when it is asked for."""
    if not description.tables:
        return
    with st.expander(description.name.replace("Chart of ", "Data: ").replace("Chart: ", "Data: ")):
        for table in description.tables:
            lines = [table.header, ("---",) * len(table.header), *table.rows]
            rows = "\n".join("| " + " | ".join(cell.replace("|", "\\|") for cell in line) + " |" for line in lines)
            st.markdown(f"**{table.caption}**\n\n{rows}")
        st.download_button(
            "Download all its data (CSV)",
            lambda: data_csv(figure),
            file_name=f"{key.removeprefix('chart-')}.csv",
            mime="text/csv",
            on_click="ignore",
            key=f"{key}-csv",
            icon=":material/download:",
        )

"""Every control that lives in the link: one key, one meaning, one range, on every page that has it.

A widget's key is its URL parameter, and Streamlit carries a parameter from page to page when both
have a control of that key; so a key is defined once, here, and the pages only choose its default.
The README's table of link keys lists the same rows (a test compares them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import streamlit as st

from core import UNITS, Unit, unit_named
from core.distributions import MAX_OUTCOMES, MAX_WEIGHT
from core.links import control_keys, link_value
from core.sampling import MAX_DRAWS

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

__all__ = [
    "CONTROLS",
    "LEARNING_RATES",
    "Control",
    "choice",
    "current_unit",
    "entry_point_ran",
    "hidden",
    "hidden_values",
    "locked",
    "page_controls",
    "slider",
    "slider_steps",
    "start_run",
    "unit_control",
    "value_of",
]

#: The learning rates offered wherever a learning rate is chosen.
LEARNING_RATES = (0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 3.0, 5.0)


@dataclass(frozen=True)
class Control:
    """A control that lives in the link: its key (the URL parameter), what it means, its values."""

    key: str
    label: str
    meaning: str
    #: A slider's range and step, or the options of a choice.
    low: float = 0.0
    high: float = 1.0
    step: float = 0.01
    options: tuple = field(default=())
    help: str | None = None


def _weights(distribution: str, name: str) -> list[Control]:
    return [
        Control(
            f"{distribution}_weight{i}",
            f"Outcome {i} in {distribution}",
            f"weight of outcome {i} in {name} (its probability is the weight over their sum)",
            0,
            MAX_WEIGHT,
            1,
        )
        for i in range(1, MAX_OUTCOMES + 1)
    ]


_ALL = [
    Control(
        "unit",
        "Unit",
        "the unit of every number: bits, nats or hartleys",
        options=tuple(UNITS),
        help="Logarithm base 2 measures information in bits, base e in nats (what PyTorch reports), "
        "base 10 in hartleys.",
    ),
    Control("p", "True probability p of outcome 1", "the true probability of outcome 1, for two outcomes"),
    Control("q", "Predicted probability q of outcome 1", "the predicted probability of outcome 1, for two outcomes"),
    Control("y", "Probability y of the outcome", "the probability of one outcome"),
    Control("n", "Number of outcomes n", "the number of outcomes", 2, MAX_OUTCOMES, 1),
    *_weights("p", "the true distribution p"),
    *_weights("q", "the estimate q"),
    Control("length", "Symbols in the message", "the number of symbols in the message drawn from p", 10, 1000, 10),
    Control("draws", "Draws from p", "the number of outcomes drawn from p and averaged over", 10, MAX_DRAWS, 10),
    Control(
        "seed",
        "Seed of the random draws",
        "the seed of the random draws from p: the same seed draws the same outcomes, on every page",
        0,
        100,
        1,
        help="The same seed and the same p draw the same outcomes, in the same order; another seed draws others.",
    ),
    *(Control(f"logit{i}", f"Logit z{i} of class {i}", f"the logit of class {i}", -5.0, 5.0, 0.1) for i in (1, 2, 3)),
    Control("label", "True class", "the true class: 1, 2 or 3, or soft", options=("1", "2", "3", "soft")),
    Control(
        "smoothing",
        "Label smoothing ε",
        "label smoothing ε",
        0.0,
        0.5,
        0.01,
        help="Mixes the target with the uniform distribution: (1 − ε)·target + ε/C over the C classes.",
    ),
    Control("steps", "Steps of gradient descent", "the number of gradient descent steps", 0, 200, 1),
    Control("lr", "Learning rate", "the learning rate", options=LEARNING_RATES),
    Control("target", "Target probability p of class 1", "the target probability of class 1, for two classes"),
    Control("logit", "Logit z", "the logit of class 1, for two classes", -8.0, 8.0, 0.1),
    Control("pred", "Predicted probability q of class 1", "the predicted probability in the frameworks' table"),
    Control("epochs", "Epochs of training", "the number of training epochs", 1, 500, 1),
]

#: Key → control, for every key a link can carry.
CONTROLS: dict[str, Control] = {control.key: control for control in _ALL}


# A teacher's link: ``lock=p,q`` shows those controls disabled, ``hide=unit`` leaves them out. A hidden
# control keeps the link's value (read here as its widget would take it), and the page reads it
# through ``value_of``; Session State has no entry for it, as it has no widget.
#: Session State's record of this run: the controls drawn (or hidden) and the hidden ones' values.
_RUN = "link_controls"


def start_run() -> None:
    """Forget the previous run's controls: call once at the start of every run, before any control.

    It also marks the run as begun by the entry point, for ``pages.begin`` (``entry_point_ran``).
    """
    st.session_state[_RUN] = {"keys": [], "hidden": {}, "entry_point": True}


def entry_point_ran() -> bool:
    """Whether this run began with the entry point's ``start_run``; a page asks once, at its start.

    The mark is taken as it is read, so a later run that does not begin with the entry point (a page
    run alone, as a new server's first visit or AppTest's rerun of a page are) finds none.
    """
    return bool(st.session_state.get(_RUN, {}).pop("entry_point", False))


def _teacher_keys(parameter: str) -> tuple[str, ...]:
    return control_keys(st.query_params.get_all(parameter), CONTROLS)[0]


def locked(key: str) -> bool:
    """Whether the link locks the control of ``key`` (``lock=``): shown, but not to be moved."""
    return key in _teacher_keys("lock")


def hidden(key: str) -> bool:
    """Whether the link hides the control of ``key`` (``hide=``): not shown, its value the link's."""
    return key in _teacher_keys("hide")


def _record(key: str) -> dict:
    run = st.session_state.setdefault(_RUN, {"keys": [], "hidden": {}})
    if key not in run["keys"]:
        run["keys"].append(key)
    return run


def _hidden_value(key: str, default):
    c = CONTROLS[key]
    value = link_value(st.query_params.get_all(key) or None, default, low=c.low, high=c.high, options=c.options)
    _record(key)["hidden"][key] = value
    return value


def page_controls() -> list[str]:
    """The keys of the controls this run has drawn or hidden so far, in order."""
    return list(st.session_state.get(_RUN, {}).get("keys", []))


def hidden_values() -> dict:
    """The values of the controls this run has hidden, by key."""
    return dict(st.session_state.get(_RUN, {}).get("hidden", {}))


def value_of(key: str):
    """The value of the control of ``key`` at this run, drawn or hidden."""
    run = st.session_state.get(_RUN, {})
    return run.get("hidden", {}).get(key, st.session_state.get(key))


def slider(key: str, default: float, *, container=st, on_change=None):
    """The slider of ``key``, bound to the link, starting at ``default``; returns its value.

    ``on_change`` is called when it is moved, before the rerun."""
    c = CONTROLS[key]
    if isinstance(c.step, int) and isinstance(c.low, int):
        low, high, step, value = int(c.low), int(c.high), int(c.step), int(default)
    else:
        low, high, step, value = float(c.low), float(c.high), float(c.step), float(default)
    if hidden(key):
        return _hidden_value(key, value)
    _record(key)
    return container.slider(
        c.label,
        low,
        high,
        value,
        step,
        key=key,
        bind="query-params",
        help=c.help,
        disabled=locked(key),
        on_change=on_change,
    )


def choice(key: str, default, *, container=st, style: str = "select_slider"):
    """The choice of ``key`` among its options, bound to the link: a select slider or segmented buttons."""
    c = CONTROLS[key]
    if hidden(key):
        return _hidden_value(key, default)
    _record(key)
    if style == "segmented":
        chosen = container.segmented_control(
            c.label,
            list(c.options),
            default=default,
            key=key,
            bind="query-params",
            required=True,
            help=c.help,
            disabled=locked(key),
        )
        return default if chosen is None else chosen  # a link's empty value clears even a required control
    return container.select_slider(
        c.label, list(c.options), default, key=key, bind="query-params", help=c.help, disabled=locked(key)
    )


def unit_control() -> DeltaGenerator:
    """The app-wide unit, at the top right of the page and in the link: in sight on a phone too,
    where the sidebar starts closed. Returns the row it is in, for the share link at the run's end."""
    c = CONTROLS["unit"]
    corner = st.container(horizontal=True, horizontal_alignment="right", vertical_alignment="center")
    if hidden(c.key):
        _hidden_value(c.key, c.options[0])
        return corner
    _record(c.key)
    corner.markdown(c.label, help=c.help, width="content")  # beside the choices: one line, even on a phone
    options = list(c.options)
    corner.radio(
        c.label,
        options,
        key=c.key,
        bind="query-params",
        horizontal=True,
        label_visibility="collapsed",
        disabled=locked(c.key),
    )
    return corner


def current_unit() -> Unit:
    """The unit chosen at the top of the page."""
    return unit_named(value_of("unit"))


def slider_steps(key: str) -> np.ndarray:
    """Every value the slider of ``key`` can take, as the slider rounds them.

    Examples
    --------
    >>> slider_steps("logit")[:3].tolist(), slider_steps("logit").size
    ([-8.0, -7.9, -7.8], 161)
    """
    c = CONTROLS[key]
    count = round((c.high - c.low) / c.step) + 1
    decimals = max(0, -int(np.floor(np.log10(c.step))))
    return np.round(np.linspace(c.low, c.high, count), decimals)

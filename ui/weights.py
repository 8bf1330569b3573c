"""The editor of a distribution: a whole-number weight per outcome, presets, and the all-zero fallback."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

import numpy as np
import streamlit as st

from core.distributions import MAX_OUTCOMES, PRESETS, from_weights, preset_weights
from ui.controls import hidden, locked, slider, value_of

__all__ = ["true_and_estimate", "weights_editor"]

_WRITTEN_BY_PRESETS = re.compile(r"[pq]_weight\d+|n")


class _PresetWrites(logging.Filter):
    """Drops the one log line Streamlit writes when a preset sets a weight slider that has a default.

    Setting a widget through Session State is how Streamlit lets a button move a slider; its warning
    that the widget also has a default value is meant for code that does so by accident. Only the
    keys the presets write are exempt: anywhere else the warning still shows.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        duplicated = isinstance(record.msg, str) and record.msg.startswith("The widget with key")
        return not (duplicated and bool(record.args) and _WRITTEN_BY_PRESETS.fullmatch(str(record.args[0])))


_policies_log = logging.getLogger("streamlit.elements.lib.policies")
if not any(isinstance(f, _PresetWrites) for f in _policies_log.filters):
    _policies_log.addFilter(_PresetWrites())


def _apply_preset(name: str, copy_of: str | None) -> None:
    chosen = st.session_state[f"{name}_preset"]
    st.session_state[f"{name}_preset"] = None  # a preset is an action, not a lasting choice
    if chosen is None:
        return
    n = st.session_state.n
    if copy_of is not None and chosen == f"{name} = {copy_of}":
        weights = [value_of(f"{copy_of}_weight{i}") for i in range(1, n + 1)]
    else:
        weights = preset_weights(chosen, n)
    st.session_state.n = len(weights)
    for i, weight in enumerate(weights, start=1):
        st.session_state[f"{name}_weight{i}"] = weight


def weights_editor(
    name: str, n: int, defaults: Sequence[int], *, per_row: int, presets: bool = True, copy_of: str | None = None
) -> np.ndarray:
    """Sliders for the weights of distribution ``name`` over ``n`` outcomes; the distribution they give.

    Parameters
    ----------
    name : {"p", "q"}
        The distribution: its sliders are the link's ``{name}_weight1`` … ``{name}_weight{n}``.
    n : int
        The number of outcomes (the page's ``n`` control, which presets may change).
    defaults : sequence of int
        The starting weights, at least ``n`` of them.
    per_row : int
        Sliders per row: rows keep their order when a phone stacks the columns.
    presets : bool
        Offer the named presets (they set ``n`` too).
    copy_of : str, optional
        Also offer "``name`` = ``copy_of``": the weights of that distribution.

    Returns
    -------
    ndarray
        The weights over their sum; the uniform distribution, with a note, when every weight is 0.
    """
    # A preset sets n and every weight of ``name``: offered only when the link hides none of them,
    # and disabled when it locks any.
    written = ["n", *(f"{name}_weight{i}" for i in range(1, MAX_OUTCOMES + 1))]
    if presets and not any(hidden(key) for key in written):
        options = [*PRESETS, *([f"{name} = {copy_of}"] if copy_of else [])]
        # A menu rather than a row of buttons: the options fit a phone's width, whatever their number.
        st.selectbox(
            f"Start {name} from a preset, then adjust its weights",
            options,
            index=None,
            key=f"{name}_preset",
            placeholder="Choose a preset…",
            on_change=_apply_preset,
            args=(name, copy_of),
            disabled=any(locked(key) for key in written),
            help=" · ".join(f"{preset}: {text}" for preset, text in PRESETS.items()),
        )
    st.caption(f"The weight of each outcome in {name}: its probability is its weight over the sum of the weights.")
    weights = []
    for first in range(0, n, per_row):
        for column, i in zip(st.columns(per_row), range(first + 1, min(first + per_row, n) + 1), strict=False):
            weights.append(slider(f"{name}_weight{i}", defaults[i - 1], container=column))
    try:
        return from_weights(weights)
    except ValueError:
        st.warning(f"Every weight of {name} is 0, so there is no distribution: showing the uniform one instead.")
        return from_weights([1] * n)


def true_and_estimate(n: int) -> tuple[np.ndarray, np.ndarray]:
    """The true p and the estimate q over ``n`` outcomes, side by side, each with its presets (q's
    can copy p): the controls of every page that judges a p by a q."""
    truth, estimate = st.columns(2, gap="large")
    with truth:
        st.header("True p")
        p = weights_editor("p", n, [5, 3, 2, 1, 1, 1, 1, 1], per_row=2)  # with n = 3: p = (0.5, 0.3, 0.2)
    with estimate:
        st.header("Estimate q")
        q = weights_editor("q", n, [2, 5, 3, 1, 1, 1, 1, 1], per_row=2, copy_of="p")
    return p, q

"""A slider that the server plays: ▶ moves it on step by step, in a fragment that reruns on a timer.

The page puts the slider, and what it drives, in a fragment that reruns every ``pace(key)`` seconds
while the slider plays (``@st.fragment(run_every=pace(key))``): each rerun of the fragment moves the
slider on and redraws only what the fragment holds, its live chart patched in place. The slider
stays bound to the link, so the link follows the count as it grows and keeps it on a pause.

▶, ⏸ and a move by hand of any control in the fragment (``rerun_page``) rerun the whole page, not the
fragment alone: the timer starts or stops with a page run, and the share links, built at the end of
one, then hold the value.
"""

from __future__ import annotations

import streamlit as st

from ui.controls import CONTROLS, hidden, locked, slider

__all__ = ["pace", "played_slider", "playing", "rerun_page", "stop_on_leaving"]

#: Seconds between two moves of a playing slider: each redraw can be seen, and a class of sessions
#: playing at once asks the server for a few small reruns a second each.
PACE = 0.4
#: Session State's record of the sliders playing, by key.
_PLAYING = "playing_sliders"


#: Session State's record of the page of the last whole run.
_PAGE = "playing_page"


def stop_on_leaving(url_path: str) -> None:
    """At every whole run, before the page: a page other than the last one stops what was playing,
    so that a slider left playing does not start again when the learner comes back to its page."""
    if st.session_state.get(_PAGE) != url_path:
        st.session_state[_PLAYING] = set()
    st.session_state[_PAGE] = url_path


def playing(key: str) -> bool:
    """Whether the slider of ``key`` is playing."""
    return key in st.session_state.get(_PLAYING, set())


def pace(key: str) -> float | None:
    """The fragment's ``run_every`` for the slider of ``key``: ``PACE`` while it plays, else None."""
    return PACE if playing(key) else None


def _set_playing(key: str, on: bool) -> None:
    keys = st.session_state.setdefault(_PLAYING, set())
    (keys.add if on else keys.discard)(key)


def _next(value: int, low: int, high: int, step: int) -> int:
    """The next value of a played slider: a quarter more, in whole steps, so that each doubling of
    the value takes as many moves (on a log axis the curve grows at an even pace) and a low value
    still moves by at least one step.

    >>> [_next(v, 10, 100, 10) for v in (10, 40, 80, 100)]
    [20, 50, 100, 100]
    """
    grown = low + round((value * 1.25 - low) / step) * step
    return min(high, max(value + step, grown))


def _toggle(key: str) -> None:
    """▶ or ⏸ was pressed: start or stop, and rerun the whole page, which starts or stops the timer.

    ▶ at the end of the slider starts it again from its start.
    """
    c = CONTROLS[key]
    starting = not playing(key)
    if starting and st.session_state.get(key) == c.high:
        st.session_state[key] = int(c.low)
    _set_playing(key, starting)
    st.rerun()


def rerun_page() -> None:
    """The ``on_change`` of every control in the fragment: its move reruns the whole page, not the
    fragment alone, as the share links are built at the end of the page's run."""
    st.rerun()


def played_slider(key: str, default: int, *, container=st, button=st) -> int:
    """The slider of ``key`` (whole steps), and a ▶/⏸ button in ``button`` that plays it; returns its
    value. Call it inside the fragment that reruns every ``pace(key)`` seconds.

    While playing, each run moves the slider on (``_next``) before drawing it; at its end it stops,
    with a run of the whole page. A link that locks or hides the slider disables the button.
    """
    c = CONTROLS[key]
    low, high, step = int(c.low), int(c.high), int(c.step)
    movable = not (locked(key) or hidden(key))
    if playing(key):
        if not movable:
            _set_playing(key, False)
        else:
            value = _next(int(st.session_state.get(key, default)), low, high, step)
            st.session_state[key] = value
            if value == high:
                _set_playing(key, False)
                st.rerun()  # the whole page: it stops the timer, and the links take the last value
    value = slider(key, default, container=container, on_change=rerun_page)
    on = playing(key)
    button.button(
        "Pause" if on else "Play",
        key=f"{key}-play",
        icon=":material/pause:" if on else ":material/play_arrow:",
        on_click=_toggle,
        args=(key,),
        disabled=not movable,
        help=f"{'Stop' if on else 'Keep'} moving “{c.label}” on, a step at a time, to {high}.",
    )
    return int(value)

"""A fair share of the server for every session: each may start only so many runs a second.

Any client can ask for reruns as fast as it can send them, and Streamlit starts every one: with
``runner.fastReruns`` (its default) each request stops the session's current run and starts a new
thread, and a client that asks again as soon as each run finishes keeps a share of the core busy.
Streamlit has no limit of its own, so the app checks one at the start of each run: a token bucket
per session (``RunBudget``), generous enough that a learner never meets it, tight enough that ten
greedy clients together cannot take the whole core.

A session over its budget waits rather than failing: its run sleeps (releasing the GIL) until its
next token, and a newer request of the same session wakes the sleeper and ends it, so a greedy
client gets one run per token, never a queue of them. Waiting rather than refusing also means a
learner who does meet the limit sees the latest value, a moment late, not an error.

The budgets live in this module, not in Session State, which a client can empty for its session at
will (a ``clear_cache`` message) and with it a spent budget.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st
from streamlit import config
from streamlit.runtime.scriptrunner import get_script_run_ctx

__all__ = ["FRAGMENT_BUDGET", "PAGE_BUDGET", "RunBudget", "wait_for_fragment_turn", "wait_for_turn"]

#: Whole runs of the page: (burst, runs a second). A learner sends at most about 5 a second, holding
#: an arrow key on a slider (Chromium repeats it 30 times a second; Streamlit's front end then sends
#: 14 reruns in 3 s on the home page, 7 on the loss page): sweeping the home page's q from 0 to 1 that
#: way, 16 reruns in 3.3 s, never waits. A greedy client gets one run a second once its burst is
#: spent: ten of them, on the costliest page (/loss, 35 ms a run), take a third of a core.
PAGE_BUDGET = (15.0, 1.0)
#: Runs of a fragment alone (``ui.play``: a played slider's timer asks for one every 0.4 s, 2.5 a
#: second), each cheaper than a page: (burst, runs a second).
FRAGMENT_BUDGET = (5.0, 3.0)


@dataclass
class RunBudget:
    """A token bucket: ``burst`` runs at once, then ``rate`` runs a second; ``clock`` gives seconds.

    >>> now = [0.0]
    >>> budget = RunBudget(burst=2, rate=1, clock=lambda: now[0])
    >>> budget.take(), budget.take(), budget.take()
    (0.0, 0.0, 1.0)
    >>> now[0] = 0.5
    >>> budget.take()
    0.5
    >>> now[0] = 1.0
    >>> budget.take(), budget.full()
    (0.0, False)
    """

    burst: float
    rate: float
    clock: Callable[[], float] = time.monotonic
    tokens: float = field(init=False)
    updated: float = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = self.burst
        self.updated = self.clock()

    def _refill(self) -> None:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def take(self) -> float:
        """Take a token if there is one and return 0; else take none and return the seconds until one."""
        self._refill()
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate

    def full(self) -> bool:
        """Whether it has refilled to its burst: it then holds nothing that a new budget would not."""
        self._refill()
        return self.tokens >= self.burst


@dataclass
class _Session:
    page: RunBudget
    fragment: RunBudget
    #: Set to wake the run waiting for its turn, if one is: a newer run of the session has begun.
    superseded: threading.Event = field(default_factory=threading.Event)
    waiting: bool = False


_SESSIONS: dict[str, _Session] = {}
_LOCK = threading.Lock()


def _session(session_id: str) -> _Session:
    """The session's budgets; made on its first run. Budgets back at their burst are dropped as a new
    session arrives, so the record holds only sessions that ran in the last half minute or so."""
    found = _SESSIONS.get(session_id)
    if found is None:
        for stale in [key for key, s in _SESSIONS.items() if not s.waiting and s.page.full() and s.fragment.full()]:
            del _SESSIONS[stale]
        found = _SESSIONS[session_id] = _Session(RunBudget(*PAGE_BUDGET), RunBudget(*FRAGMENT_BUDGET))
    return found


def _wait(fragment: bool) -> None:
    ctx = get_script_run_ctx()
    if ctx is None or config.get_option("global.appTest"):  # AppTest runs scripts in-process, for tests
        return
    with _LOCK:
        session = _session(ctx.session_id)
        if session.waiting:
            session.superseded.set()  # the older run's request was replaced by this one: end its wait
        superseded = session.superseded = threading.Event()
        session.waiting = True
    try:
        while True:
            with _LOCK:
                pause = (session.fragment if fragment else session.page).take()
            if pause == 0 or superseded.wait(pause):
                break
    finally:
        with _LOCK:
            if session.superseded is superseded:
                session.waiting = False
    if superseded.is_set():
        st.stop()  # this run has already been replaced by a newer one: Streamlit is stopping it


def wait_for_turn() -> None:
    """At the start of every run of the page, before anything costly: wait while the session is
    over its budget of runs (``PAGE_BUDGET``)."""
    _wait(fragment=False)


def wait_for_fragment_turn() -> None:
    """At the start of a fragment that reruns alone: when it does, wait while the session is over
    its budget of fragment runs (``FRAGMENT_BUDGET``). In a run of the whole page it does nothing:
    ``wait_for_turn`` has counted that run."""
    ctx = get_script_run_ctx()
    if ctx is not None and ctx.fragment_ids_this_run:
        _wait(fragment=True)

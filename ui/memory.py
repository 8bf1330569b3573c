"""The server process's long-lived objects, set aside from Python's garbage collector once.

After its first run a server holds some 140,000 objects that live as long as the process: Streamlit,
NumPy and Plotly, the app's modules and tables. Python's full collection walks every one of them,
and under load it ran every 1.6 s and held every session for 80–145 ms each time (a ``gc`` callback
in a server under bench/load.py, 100 sessions on /loss): with a hundred learners, those pauses were
what made changes queue. ``gc.freeze`` moves the objects alive at that moment to a permanent
generation that collections skip; the sessions' own objects are collected as before, and objects
frozen are still freed when nothing refers to them.

Each page imports modules of its own, so the objects are frozen at the end of each page's first
run in the process. The sessions alive at those moments have their objects frozen too; any that
form cycles outlive their session: a few hundred objects, at most once per page in a process's life.
"""

from __future__ import annotations

import gc
import threading

__all__ = ["freeze_once"]

_lock = threading.Lock()
_frozen: set[str] = set()


def freeze_once(page: str) -> None:
    """At the end of the first run of ``page`` (its URL path) in the process: collect, then freeze
    what is left. Later calls for the same page do nothing."""
    if page in _frozen:
        return
    with _lock:
        if page not in _frozen:
            gc.collect()
            gc.freeze()
            _frozen.add(page)

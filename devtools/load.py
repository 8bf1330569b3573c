"""Load generator: concurrent Streamlit sessions at the protocol level, without a browser.

Each session opens the websocket ``/_stcore/stream`` as the browser does, asks for a page, waits for
the run to finish, then moves the page's exercise slider (``PageEntry.exercise`` in ``pages``) again
and again at a human pace, each time sending the widget state in Streamlit's own protobuf ``BackMsg``
and timing the rerun until its ``script_finished``. ``run`` reports interaction latency percentiles,
errors, and the server's resident memory before, at the peak of and after the sessions.
``python -m bench.load`` is its command line.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import statistics
import threading
import time
import urllib.request
from collections.abc import AsyncIterator, Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection
from websockets.typing import Origin, Subprotocol

from pages import PAGES
from ui.controls import CONTROLS, slider_steps

__all__ = [
    "SCENARIOS",
    "Results",
    "connect",
    "every_page",
    "every_step",
    "flood",
    "resident_mb",
    "run",
    "run_in_own_loop",
    "session",
]

T = TypeVar("T")

#: (page's URL path, the slider it moves, the values to move it through), one per page of the registry.
SCENARIOS: list[tuple[str, str, Sequence[float]]] = [(page.url_path, *page.exercise) for page in PAGES]


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    #: (page, seconds since the load began when the change was sent, latency in seconds)
    records: list[tuple[str, float, float]] = field(default_factory=list)
    began: float = field(default_factory=time.perf_counter)
    errors: list[str] = field(default_factory=list)
    #: Seconds from opening the websocket to the first run's end, per session: a page's first load.
    loads: list[float] = field(default_factory=list)


def _rerun(page: str, widget_id: str | None = None, value: float | None = None) -> bytes:
    message = BackMsg()
    state = message.rerun_script
    state.query_string = ""
    state.page_name = page
    if widget_id is not None:
        widget = state.widget_states.widgets.add()
        widget.id = widget_id
        widget.double_array_value.data.append(value)
    return message.SerializeToString()


async def _until_finished(socket, sliders: dict[str, str]) -> None:
    """Read messages until the run finishes; note slider ids by key; raise on an error on the page."""
    while True:
        message = ForwardMsg()
        message.ParseFromString(await socket.recv())
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            if element.WhichOneof("type") == "exception":
                raise RuntimeError(f"exception on the page: {element.exception.message[:200]}")
            if element.WhichOneof("type") == "slider":
                sliders[element.slider.id.rsplit("-", 1)[-1]] = element.slider.id
        elif kind == "script_finished":
            if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise RuntimeError("the script failed to compile")
            if message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return


@contextlib.asynccontextmanager
async def connect(url: str, page: str = "") -> AsyncIterator[ClientConnection]:
    """A session's websocket, opened as a browser opens it: load the page, then open
    ``/_stcore/stream`` with the cookies the page set (behind a load balancer, one of them pins the
    session to a replica)."""
    cookies = await asyncio.to_thread(_page_cookies, f"{url}/{page}")
    async with websockets.connect(
        url.replace("http", "ws", 1) + "/_stcore/stream",
        subprotocols=[Subprotocol("streamlit")],
        origin=Origin(url),
        additional_headers={"Cookie": cookies} if cookies else None,
        max_size=None,
        open_timeout=60,
        proxy=None,
    ) as socket:
        yield socket


def every_step(key: str, seed: int) -> list[float]:
    """Every value of the slider ``key`` in an order of its own for each ``seed``: a learner who moves
    the slider anywhere in its range, rather than through the scenario's values as every session does."""
    values = [float(value) if isinstance(CONTROLS[key].step, float) else int(value) for value in slider_steps(key)]
    random.Random(seed).shuffle(values)
    return values


async def session(
    url: str,
    scenario,
    changes: int,
    pace: tuple[float, float],
    results: Results,
    seed: int,
    arrive: float = 0.0,
    *,
    anywhere: bool = False,
) -> None:
    """One learner: arrive within ``arrive`` seconds, open ``scenario``'s page, then move its slider
    ``changes`` times, ``pace`` seconds apart: through the scenario's values, or with ``anywhere``
    through every step of the slider, in an order of its own (``every_step``)."""
    page, key, values = scenario
    if anywhere:
        values = every_step(key, seed)
    rng = random.Random(seed)
    await asyncio.sleep(rng.uniform(0.0, arrive))
    try:
        opened = time.perf_counter()
        async with connect(url, page) as socket:
            sliders: dict[str, str] = {}
            await socket.send(_rerun(page))
            await asyncio.wait_for(_until_finished(socket, sliders), 60)
            results.loads.append(time.perf_counter() - opened)
            if key not in sliders:
                raise RuntimeError(f"no slider {key!r} on /{page}")
            for change in range(changes):
                await asyncio.sleep(rng.uniform(*pace))
                start = time.perf_counter()
                await socket.send(_rerun(page, sliders[key], values[change % len(values)]))
                await asyncio.wait_for(_until_finished(socket, sliders), 60)
                results.latencies.append(time.perf_counter() - start)
                results.records.append((page, start - results.began, results.latencies[-1]))
    except Exception as error:  # every failure is a finding: count it, say what it was
        results.errors.append(f"/{page}: {type(error).__name__}: {error}")


async def flood(
    url: str, page: str, every: float, seconds: float, *, wait: bool = False, start: asyncio.Barrier | None = None
) -> int:
    """A greedy client: asks for a run of ``page`` every ``every`` seconds for ``seconds``, as a
    script can; returns how many runs the server gave it, counted as the runs that sent it anything
    to draw. Without ``wait`` it never waits for a run to finish, so each request replaces the last;
    with it, it asks again ``every`` seconds after each run finishes. Each request moves the page's
    exercise slider, so no two ask for the same run. With ``start``, it begins once every party has
    loaded its page."""
    _, key, values = next(scenario for scenario in SCENARIOS if scenario[0] == page)
    runs: set[str] = set()
    finished = asyncio.Event()
    async with connect(url, page) as socket:
        sliders: dict[str, str] = {}
        await socket.send(_rerun(page))
        await asyncio.wait_for(_until_finished(socket, sliders), 60)

        async def count() -> None:
            # A run's new_session names it; Streamlit forwards only the session's current run, so
            # what follows, until the next one, is that run's.
            current = ""
            async for frame in socket:
                message = ForwardMsg.FromString(frame)
                kind = message.WhichOneof("type")
                if kind == "new_session":
                    current = message.metadata.run.script_run_id
                elif kind == "delta":
                    runs.add(current)
                elif kind == "script_finished" and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    finished.set()

        if start is not None:
            await start.wait()
        counting = asyncio.create_task(count())
        end = time.perf_counter() + seconds
        change = 0
        while time.perf_counter() < end:
            finished.clear()
            await socket.send(_rerun(page, sliders[key], values[change % len(values)]))
            change += 1
            if wait:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(finished.wait(), end - time.perf_counter())
            await asyncio.sleep(every)
        await asyncio.sleep(1.0)  # what the last runs let through still send
        counting.cancel()
    return len(runs)


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no proxy from the environment


def _page_cookies(url: str) -> str:
    """Open the page over HTTP as a browser would; the cookies it sets, as a Cookie header."""
    with _DIRECT.open(url, timeout=60) as response:
        response.read()
        return "; ".join(value.split(";", 1)[0] for value in response.headers.get_all("Set-Cookie") or [])


def run_in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run the sessions on an event loop of their own, in a thread of their own, and return what
    they return: the caller's thread may already run a loop (Playwright's sync API keeps one running
    in a test process)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def every_page(url: str, changes: int = 0, pace: tuple[float, float] = (0.0, 0.1)) -> Results:
    """One session on each page of the registry at once, each moving its slider ``changes`` times."""
    results = Results()

    async def all_at_once() -> None:
        await asyncio.gather(*(session(url, scenario, changes, pace, results, seed=0) for scenario in SCENARIOS))

    run_in_own_loop(all_at_once())
    return results


def resident_mb(pids: int | list[int]) -> float:
    """Resident memory of a server process, or the sum over several (replicas), in MB."""
    total = 0.0
    for pid in [pids] if isinstance(pids, int) else pids:
        status = Path(f"/proc/{pid}/status").read_text()
        total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")) / 1024
    return total


def run(
    url: str,
    pid: int | list[int],
    sessions: int,
    changes: int,
    pace: tuple[float, float],
    settle: float = 5.0,
    *,
    pages: Sequence[str] | None = None,
    arrive: float = 0.0,
    anywhere: bool = False,
) -> dict:
    """Load the server and return the figures: latency percentiles (ms), errors, memory (MB).

    ``pid`` is the server's process (``Server.pid``), or the replicas' (``Replicas.pids``), for memory.
    The sessions take the pages in turn, or only ``pages`` (URL paths, "" for home), and arrive
    spread over ``arrive`` seconds (all at once by default); ``load_p95_ms`` is the first load of
    their page, websocket to the end of its first run. With ``anywhere``, each session moves its
    slider through every step of its range in an order of its own, rather than through the
    scenario's values as every session does (see ``session``).
    """
    scenarios = [s for s in SCENARIOS if pages is None or s[0] in pages]
    if not scenarios:
        raise ValueError(f"pages: none of {pages!r} is a page of the registry")
    fresh = resident_mb(pid)
    # Idle, as a server is once it has served every page: modules imported, caches filled.
    warm_up = every_page(url)
    if warm_up.errors:
        raise RuntimeError(f"the pages did not load: {warm_up.errors}")
    time.sleep(settle)
    results = Results()
    before = resident_mb(pid)
    peak = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.25):
            peak[0] = max(peak[0], resident_mb(pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()

    async def everyone() -> None:
        await asyncio.gather(
            *(
                session(
                    url, scenarios[i % len(scenarios)], changes, pace, results, seed=i, arrive=arrive, anywhere=anywhere
                )
                for i in range(sessions)
            )
        )

    start = time.perf_counter()
    run_in_own_loop(everyone())
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    time.sleep(settle)  # let the server notice the closed sessions and free them
    latencies = sorted(results.latencies)

    def percentile(fraction: float, values: list[float] = latencies) -> float:
        return values[min(len(values) - 1, int(fraction * len(values)))] * 1e3 if values else float("nan")

    by_page: dict[str, list[float]] = {}
    for page, _, latency in results.records:
        by_page.setdefault(page, []).append(latency)
    return {
        "sessions": sessions,
        "interactions": len(latencies),
        "errors": results.errors,
        "p50_ms": percentile(0.50),
        "p95_ms": percentile(0.95),
        "p99_ms": percentile(0.99),
        "mean_ms": statistics.fmean(latencies) * 1e3 if latencies else float("nan"),
        "load_p95_ms": percentile(0.95, sorted(results.loads)),
        "p95_ms_by_page": {f"/{page}": round(percentile(0.95, sorted(v))) for page, v in sorted(by_page.items())},
        "rss_fresh_mb": fresh,
        "rss_idle_mb": before,
        "rss_peak_mb": peak[0],
        "rss_after_mb": resident_mb(pid),
        "seconds": elapsed,
    }

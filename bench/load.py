"""Load generator: N concurrent Streamlit sessions at the protocol level, without a browser.

Each session opens the websocket `/_stcore/stream` as the browser does, asks for a page, waits for
the run to finish, then moves one of the page's sliders again and again at a human pace, each time
sending the widget state in Streamlit's own protobuf `BackMsg` and timing the rerun until its
`script_finished`. It reports interaction latency percentiles, errors, and the server's resident
memory before, at the peak of and after the sessions.

    python bench/load.py --sessions 100 --changes 20            # starts `streamlit run app.py` itself
    python bench/load.py --replicas 2   # two servers behind nginx, as deploy/nginx.conf sets them up
    python bench/load.py --url http://127.0.0.1:8501 --pid 1234  # or loads a running server
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).parents[1]
#: (page's URL path, the slider it moves, the values to move it through)
SCENARIOS = [
    ("", "q", [round(0.05 + 0.03 * i, 2) for i in range(30)]),
    ("surprisal", "y", [round(0.05 + 0.03 * i, 2) for i in range(30)]),
    ("entropy", "p1", [i % 11 for i in range(1, 31)]),
    ("cross-entropy", "q1", [i % 11 for i in range(1, 31)]),
    ("loss", "z1", [round(-5 + 0.3 * i, 1) for i in range(30)]),
    ("in-practice", "epochs", [100 + 7 * i for i in range(30)]),
]


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    #: (page, seconds since the load began when the change was sent, latency in seconds)
    records: list[tuple[str, float, float]] = field(default_factory=list)
    began: float = field(default_factory=time.perf_counter)
    errors: list[str] = field(default_factory=list)


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


async def session(url: str, scenario, changes: int, pace: tuple[float, float], results: Results, seed: int) -> None:
    page, key, values = scenario
    rng = random.Random(seed)
    ws_url = url.replace("http", "ws", 1) + "/_stcore/stream"
    try:
        # As a browser does: load the page, then open the websocket with the cookies it was given
        # (behind a load balancer, one of them pins the session to a replica).
        cookies = await asyncio.to_thread(_page_cookies, f"{url}/{page}")
        async with websockets.connect(
            ws_url,
            subprotocols=["streamlit"],
            origin=url,
            additional_headers={"Cookie": cookies} if cookies else None,
            max_size=None,
            open_timeout=60,
            proxy=None,
        ) as socket:
            sliders: dict[str, str] = {}
            await socket.send(_rerun(page))
            await asyncio.wait_for(_until_finished(socket, sliders), 60)
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


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no proxy from the environment


def _page_cookies(url: str) -> str:
    """Open the page over HTTP as a browser would; the cookies it sets, as a Cookie header."""
    with _DIRECT.open(url, timeout=60) as response:
        response.read()
        return "; ".join(value.split(";", 1)[0] for value in response.headers.get_all("Set-Cookie") or [])


def resident_mb(pids: int | list[int]) -> float:
    """Resident memory of a server process, or the sum over several (replicas), in MB."""
    total = 0.0
    for pid in [pids] if isinstance(pids, int) else pids:
        status = Path(f"/proc/{pid}/status").read_text()
        total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")) / 1024
    return total


def run(
    url: str, pid: int | list[int], sessions: int, changes: int, pace: tuple[float, float], settle: float = 5.0
) -> dict:
    """Load the server and return the figures: latency percentiles (ms), errors, memory (MB)."""
    fresh = resident_mb(pid)
    # Idle, as a server is once it has served every page: modules imported, caches filled.
    warm_up = Results()

    async def every_page_once() -> None:
        await asyncio.gather(*(session(url, scenario, 0, pace, warm_up, seed=0) for scenario in SCENARIOS))

    asyncio.run(every_page_once())
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
            *(session(url, SCENARIOS[i % len(SCENARIOS)], changes, pace, results, seed=i) for i in range(sessions))
        )

    start = time.perf_counter()
    asyncio.run(everyone())
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
        "p95_ms_by_page": {f"/{page}": round(percentile(0.95, sorted(v))) for page, v in sorted(by_page.items())},
        "rss_fresh_mb": fresh,
        "rss_idle_mb": before,
        "rss_peak_mb": peak[0],
        "rss_after_mb": resident_mb(pid),
        "seconds": elapsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--changes", type=int, default=20, help="slider moves per session")
    parser.add_argument("--pace", type=float, nargs=2, default=(1.0, 3.0), help="seconds between moves")
    parser.add_argument("--url", help="a running server; without it one is started")
    parser.add_argument("--replicas", type=int, default=1, help="servers started behind nginx (deploy/nginx.conf)")
    parser.add_argument("--pid", type=int, help="the running server's process, for its memory")
    args = parser.parse_args()
    if args.url:
        report = run(args.url.rstrip("/"), args.pid, args.sessions, args.changes, tuple(args.pace))
    else:
        sys.path.insert(0, str(ROOT))
        from tests.browser.conftest import running_app
        from tests.load.conftest import replicas_behind_nginx

        if args.replicas > 1:
            with replicas_behind_nginx(args.replicas) as (url, pids, _):
                report = run(url, pids, args.sessions, args.changes, tuple(args.pace))
        else:
            with running_app("load-server") as url:
                report = run(url, _server_pid(url), args.sessions, args.changes, tuple(args.pace))
    errors = report.pop("errors")
    for name, number in report.items():
        print(f"{name}: {number:.1f}" if isinstance(number, float) else f"{name}: {number}")
    print(f"errors: {len(errors)}")
    for error in errors[:10]:
        print(f"  {error}")


def _server_pid(url: str) -> int:
    port = url.rsplit(":", 1)[-1]
    out = subprocess.run(["pgrep", "-f", f"streamlit run app.py --server.port {port}"], capture_output=True, text=True)
    return int(out.stdout.split()[0])


if __name__ == "__main__":
    main()

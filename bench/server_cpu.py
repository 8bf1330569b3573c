"""The server's CPU time per rerun, page by page: what each slider move costs the process.

For each page, a dozen sessions open it, then each moves the page's exercise slider a dozen times in
turn (within the fair share's burst), and the server's CPU time (user + system, from /proc) over
those moves is divided by their number: the script, Streamlit's handling of every element it sends,
and the event loop. Run it from the repository root:

    python -m bench.server_cpu                  # every page, the scenario's values (as bench.load moves them)
    python -m bench.server_cpu --page loss      # only this page ('' for home); repeatable
    python -m bench.server_cpu --anywhere       # values never asked before: no kept figure helps

With ``--anywhere`` each move goes to a step of the slider that no session has asked for since the
server started, so every figure is built anew: the cost for a class spread over a slider's range.
Prints the median and range of ``--repeats`` measurements per page.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics

from devtools.load import SCENARIOS, _rerun, _until_finished, connect, every_step
from devtools.servers import running_app


def _cpu_seconds(pid: int) -> float:
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()  # noqa: SIM115
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _measure(url: str, pid: int, page: str, key: str, values: list, sessions: int, moves: int) -> float:
    """Milliseconds of server CPU per rerun, over ``sessions`` × ``moves`` moves of ``key``."""
    async with contextlib.AsyncExitStack() as stack:
        opened = []
        for _ in range(sessions):
            socket = await stack.enter_async_context(connect(url, page))
            sliders: dict[str, str] = {}
            await socket.send(_rerun(page))
            await _until_finished(socket, sliders)
            opened.append((socket, sliders))
        await asyncio.sleep(0.5)
        start = _cpu_seconds(pid)
        for socket, sliders in opened:
            for _ in range(moves):
                await socket.send(_rerun(page, sliders[key], values.pop()))
                await _until_finished(socket, sliders)
        return (_cpu_seconds(pid) - start) / (sessions * moves) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", action="append", help="only this page's URL path ('' for home); repeatable")
    parser.add_argument("--sessions", type=int, default=12)
    parser.add_argument("--moves", type=int, default=12, help="moves per session (the fair share allows 15 at once)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--anywhere", action="store_true", help="only values no session has asked for yet")
    args = parser.parse_args()
    needed = args.sessions * args.moves
    with running_app("server-cpu") as server:
        for page, key, scenario in SCENARIOS:
            if args.page is not None and page not in args.page:
                continue
            steps = every_step(key, seed=0)
            figures = []
            for _ in range(args.repeats):
                if args.anywhere:
                    if len(steps) < needed:
                        parser.error(f"/{page}: {key} has {len(steps)} steps left, {needed} needed")
                    values, steps = steps[:needed], steps[needed:]
                else:
                    values = [scenario[(i + 1) % len(scenario)] for i in range(needed)]
                figures.append(
                    asyncio.run(_measure(server.url, server.pid, page, key, values, args.sessions, args.moves))
                )
            median = statistics.median(figures)
            print(f"/{page}: {median:.1f} ms per rerun ({min(figures):.1f}–{max(figures):.1f})", flush=True)


if __name__ == "__main__":
    main()

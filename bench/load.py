"""Load generator: N concurrent Streamlit sessions at the protocol level, without a browser.

Each session opens the websocket `/_stcore/stream` as the browser does, asks for a page, waits for
the run to finish, then moves one of the page's sliders again and again at a human pace, timing each
rerun (the sessions themselves are `devtools.load`). It reports interaction latency percentiles,
errors, and the server's resident memory before, at the peak of and after the sessions. Run it from
the repository root:

    python -m bench.load --sessions 100 --changes 20     # starts `streamlit run app.py` itself
    python -m bench.load --page '' --page loss           # only these pages (URL paths, '' for home)
    python -m bench.load --sessions 200 --changes 5 --arrive 5   # a class arriving within 5 s
    python -m bench.load --anywhere     # each session moves its slider anywhere, in an order of its own
    python -m bench.load --replicas 2   # the classroom command: two replicas behind nginx
    python -m bench.load --url http://127.0.0.1:8501 --pid 1234  # or loads a running server
"""

from __future__ import annotations

import argparse

from devtools.load import run
from devtools.servers import replicas_behind_nginx, running_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--changes", type=int, default=20, help="slider moves per session")
    parser.add_argument("--pace", type=float, nargs=2, default=(1.0, 3.0), help="seconds between moves")
    parser.add_argument("--url", help="a running server; without it one is started")
    parser.add_argument("--replicas", type=int, default=1, help="replicas behind nginx (python -m deploy.classroom)")
    parser.add_argument("--pid", type=int, help="the running server's process, for its memory (with --url)")
    parser.add_argument("--page", action="append", help="only this page's URL path ('' for home); repeatable")
    parser.add_argument("--arrive", type=float, default=0.0, help="seconds over which the sessions arrive")
    parser.add_argument(
        "--anywhere", action="store_true", help="each session moves its slider through every step, in its own order"
    )
    args = parser.parse_args()
    load = {
        "sessions": args.sessions,
        "changes": args.changes,
        "pace": tuple(args.pace),
        "pages": args.page,
        "arrive": args.arrive,
        "anywhere": args.anywhere,
    }
    if args.url:
        if args.pid is None:
            parser.error("--url needs --pid: the server's process, whose memory is reported")
        report = run(args.url.rstrip("/"), args.pid, **load)
    elif args.replicas > 1:
        with replicas_behind_nginx(args.replicas) as replicas:
            report = run(replicas.url, replicas.pids, **load)
    else:
        with running_app("load-server") as server:
            report = run(server.url, server.pid, **load)
    errors = report.pop("errors")
    for name, number in report.items():
        print(f"{name}: {number:.1f}" if isinstance(number, float) else f"{name}: {number}")
    print(f"errors: {len(errors)}")
    for error in errors[:10]:
        print(f"  {error}")


if __name__ == "__main__":
    main()

"""Serve a classroom from one machine: replicas of the app behind nginx, kept alive.

    python -m deploy.classroom [--replicas N] [--host 0.0.0.0] [--port 8080] [--state-dir DIR]

One Streamlit server is one Python process and uses about one core, so a class at once needs one
per core. This command starts N ``streamlit run app.py`` replicas (default: one per core this process
may use) on free ports of 127.0.0.1, where only the proxy reaches them, all with one cookie secret
(``STREAMLIT_SERVER_COOKIE_SECRET`` if set, else a fresh one), so that what one signs the others
accept. Once they answer, it writes ``deploy/nginx.conf`` out for them and runs nginx in the
foreground: sticky sessions by a cookie, the proxy's limits and headers.

Then it supervises, every 2 s: a replica that exited is restarted on its port; one that does not
answer ``/_stcore/health`` within 1.5 s three times in a row hangs (stopped, or stuck) and is killed
and restarted. Killing it closes its learners' websockets at once, so their browsers show that they
reconnect, and they reconnect through nginx to a replica that answers, which restores the view from
the link (every control is in it), rather than showing stale numbers from a replica that never
answers. A hung replica is gone within about 8 s; nginx on its own skips it for new requests after
its timeouts (deploy/nginx.conf). Each event is one line on stderr; the replicas' and nginx's own
logs are in the state directory.

Ctrl-C or SIGTERM stops nginx, then the replicas, and exits. The replicas and nginx run in process
groups of their own, so that a Ctrl-C in the terminal reaches this command only, which stops them in
that order rather than seeing them die and restarting them.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import re
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["PING_SECONDS", "Classroom", "free_port", "healthy", "main", "render_nginx_config", "terminate"]

#: The repository root, where ``streamlit run app.py`` runs and reads ``.streamlit/config.toml``.
ROOT = Path(__file__).parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf")

POLL_SECONDS = 2.0
#: A healthy replica answers /_stcore/health in milliseconds, even under a classroom's load: its
#: event loop is not the script runs' thread.
HEALTH_TIMEOUT = 1.5
#: Missed health checks in a row that mean a replica hangs: one miss may be a hiccup of a busy machine.
MISSES = 3
#: How long a (re)started replica may take to answer at all before it counts as stuck.
STARTUP_SECONDS = 60.0
#: Each replica pings its websockets this often; deploy/nginx.conf closes a tunnel silent for 12 s.
PING_SECONDS = 5
#: How long a replica has to exit after SIGTERM before it is killed.
STOP_SECONDS = 10.0

log = logging.getLogger("classroom")
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no proxy from the environment


def render_nginx_config(listen: str, replicas: list[str]) -> str:
    """``deploy/nginx.conf`` for nginx on ``listen`` (host:port) in front of ``replicas`` (host:port each).

    The template's ``{{listen}}`` becomes ``listen``, and its line holding ``{{replica}}`` is repeated,
    once per replica. Raises ``ValueError`` if the template does not hold each placeholder once, or
    holds another.
    """
    text = TEMPLATE.read_text()
    placeholders = re.findall(r"\{\{(\w+)\}\}", text)
    if sorted(placeholders) != ["listen", "replica"]:
        raise ValueError(f"{TEMPLATE} must hold {{{{listen}}}} and {{{{replica}}}} once each, not {placeholders}")
    lines = []
    for line in text.splitlines(keepends=True):
        if "{{replica}}" in line:
            lines.extend(line.replace("{{replica}}", replica) for replica in replicas)
        else:
            lines.append(line.replace("{{listen}}", listen))
    return "".join(lines)


def _listen_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def healthy(url: str, timeout: float = HEALTH_TIMEOUT) -> bool:
    """Whether the server at ``url`` answers its health check within ``timeout`` seconds."""
    try:
        with _DIRECT.open(f"{url}/_stcore/health", timeout=timeout) as response:
            return response.read() == b"ok"
    except OSError:
        return False


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on at the moment."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def terminate(processes: list[subprocess.Popen[bytes]], seconds: float = STOP_SECONDS) -> None:
    """SIGTERM to each, then SIGKILL to any still running after ``seconds``; reaps them all."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + seconds
    for process in processes:
        try:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Replica:
    """One ``streamlit run app.py`` on a fixed port of 127.0.0.1: nginx's configuration names the port,
    so a restarted replica takes the same one."""

    number: int
    port: int
    secret: str
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    ready: bool = False
    misses: int = 0

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.address}"

    def start(self) -> None:
        command = [sys.executable, "-m", "streamlit", "run", "app.py"]
        command += ["--server.address", "127.0.0.1", "--server.port", str(self.port)]
        command += ["--server.websocketPingInterval", str(PING_SECONDS)]
        with self.log_path.open("ab") as output:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env={**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": self.secret},
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                process_group=0,
            )
        self.started, self.ready, self.misses = time.monotonic(), False, 0
        log.info("replica %d started: pid %d on %s", self.number, self.process.pid, self.address)

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait()


@dataclass
class Classroom:
    """The replicas and nginx of one ``python -m deploy.classroom``, with its state directory."""

    count: int
    host: str
    port: int
    state_dir: Path
    #: The stop signals received so far (``_stop_signals``): a start waiting for its processes gives up.
    signals: list[int] = field(default_factory=list)
    replicas: list[Replica] = field(default_factory=list)
    nginx: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Where this machine reaches nginx."""
        local = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(self.host, self.host)
        return f"http://{_listen_address(local, self.port)}"

    def start(self) -> None:
        """Start the replicas, wait until each answers, then start nginx in front of them.

        Raises ``RuntimeError`` if a replica or nginx cannot start; the caller stops what did.
        """
        self._nginx_command()  # nginx is there, before anything starts
        secret = os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_hex(32)
        self.replicas = [
            Replica(number, free_port(), secret, self.state_dir / f"replica-{number}.log")
            for number in range(1, self.count + 1)
        ]
        for replica in self.replicas:
            replica.start()
        deadline = time.monotonic() + STARTUP_SECONDS
        for replica in self.replicas:
            assert replica.process is not None
            while not healthy(replica.url):
                if replica.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"replica {replica.number} did not start; see {replica.log_path}")
                self._pause()
            replica.ready = True
        log.info("replicas ready: %s", ", ".join(replica.address for replica in self.replicas))
        config = self.state_dir / "nginx.conf"
        config.write_text(
            render_nginx_config(_listen_address(self.host, self.port), [replica.address for replica in self.replicas])
        )
        self._start_nginx()

    def _pause(self) -> None:
        if self.signals:
            raise RuntimeError(f"stopped on {signal.Signals(self.signals[0]).name} while starting")
        time.sleep(0.2)

    def _nginx_command(self) -> list[str]:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"  # Debian's is not on a user's PATH
        if not Path(nginx).exists():
            raise RuntimeError("nginx not found: install it (Debian: apt install nginx)")
        return [nginx, "-p", str(self.state_dir), "-e", str(self.state_dir / "error.log"), "-c", "nginx.conf"]

    def _start_nginx(self) -> None:
        command = self._nginx_command()
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
        if checked.returncode != 0:
            raise RuntimeError(f"nginx rejected its configuration: {checked.stderr.strip()}")
        self.nginx = subprocess.Popen(command, stdin=subprocess.DEVNULL, process_group=0)
        deadline = time.monotonic() + 30
        while not healthy(self.url):
            if self.nginx.poll() is not None or time.monotonic() > deadline:
                error_log = self.state_dir / "error.log"
                error = error_log.read_text().strip().splitlines()[-1:] if error_log.exists() else []
                raise RuntimeError(f"nginx did not start: {' '.join(error) or 'no error logged'}")
            self._pause()
        log.info("nginx started: pid %d, serving %s", self.nginx.pid, _listen_address(self.host, self.port))

    def supervise_once(self, pool: ThreadPoolExecutor) -> None:
        """One round: restart what exited, count each replica's missed health checks, restart a hung one."""
        assert self.nginx is not None
        if (code := self.nginx.poll()) is not None:
            log.warning("nginx exited with code %s; restarting it", code)
            self._start_nginx()
        answers = list(pool.map(lambda replica: healthy(replica.url), self.replicas))
        now = time.monotonic()
        for replica, answered in zip(self.replicas, answers, strict=True):
            assert replica.process is not None
            pid = replica.process.pid
            if (code := replica.process.poll()) is not None:
                log.warning("replica %d (pid %d) exited with code %s; restarting it", replica.number, pid, code)
                replica.start()
            elif answered:
                if not replica.ready:
                    log.info("replica %d ready after %.1f s", replica.number, now - replica.started)
                replica.ready, replica.misses = True, 0
            elif replica.ready:
                replica.misses += 1
                if replica.misses < MISSES:
                    log.warning(
                        "replica %d (pid %d) missed a health check (%d of %d)",
                        replica.number,
                        pid,
                        replica.misses,
                        MISSES,
                    )
                else:
                    log.warning(
                        "replica %d (pid %d) missed %d health checks in a row: it hangs; killing "
                        "(SIGKILL) and restarting it",
                        replica.number,
                        pid,
                        MISSES,
                    )
                    replica.kill()
                    replica.start()
            elif now - replica.started > STARTUP_SECONDS:
                log.warning(
                    "replica %d (pid %d) did not answer within %.0f s of its start; killing and restarting it",
                    replica.number,
                    pid,
                    STARTUP_SECONDS,
                )
                replica.kill()
                replica.start()

    def stop(self) -> None:
        """nginx first, so that no request reaches a replica on its way out, then the replicas."""
        if self.nginx is not None:
            terminate([self.nginx])
        terminate([replica.process for replica in self.replicas if replica.process is not None])
        log.info("stopped")


@contextlib.contextmanager
def _state_dir(path: str | None) -> Iterator[Path]:
    if path is not None:
        Path(path).mkdir(parents=True, exist_ok=True)
        yield Path(path).resolve()
    else:
        with tempfile.TemporaryDirectory(prefix="classroom-") as directory:
            yield Path(directory)


def _stop_signals() -> tuple[list[int], int]:
    """Route SIGINT and SIGTERM to a list and a pipe: the supervision loop waits on the pipe, so a
    signal wakes it at once, and it stops between rounds, never in the middle of starting a process."""
    received: list[int] = []
    wake, wakeup = os.pipe()
    os.set_blocking(wakeup, False)
    signal.set_wakeup_fd(wakeup)
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda signum, _frame: received.append(signum))
    return received, wake


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.classroom", description=__doc__.split("\n\n")[0])
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    parser.add_argument(
        "--replicas", type=int, default=cores, help=f"servers of the app (default: {cores}, a core each)"
    )
    parser.add_argument("--host", default="0.0.0.0", help="the address nginx serves on (default: every interface)")
    parser.add_argument("--port", type=int, default=8080, help="the port nginx serves on (default: 8080)")
    parser.add_argument("--state-dir", help="for nginx's configuration and every log (default: a temporary one)")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be 1 or more")
    logging.basicConfig(format="%(asctime)s classroom: %(message)s", level=logging.INFO, stream=sys.stderr)
    received, wake = _stop_signals()

    with _state_dir(args.state_dir) as state_dir:
        classroom = Classroom(args.replicas, args.host, args.port, state_dir, received)
        log.info("state directory: %s", state_dir)
        try:
            classroom.start()
            share = f"http://{socket.gethostname()}:{args.port}" if args.host in {"0.0.0.0", "::"} else classroom.url
            log.info("share %s with the class; Ctrl-C stops", share)
            with ThreadPoolExecutor(max_workers=args.replicas) as pool:
                tick = time.monotonic()
                while not received:
                    tick = max(tick + POLL_SECONDS, time.monotonic())
                    select.select([wake], [], [], max(0.0, tick - time.monotonic()))
                    if not received:
                        classroom.supervise_once(pool)
            log.info("stopping on %s", signal.Signals(received[0]).name)
        except RuntimeError as error:
            log.error("%s", error)
            return 1
        finally:
            classroom.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

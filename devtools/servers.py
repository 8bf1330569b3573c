"""Servers for the tests and the benchmarks: ``streamlit run`` on a free port, and the classroom command
(``deploy.classroom``: replicas behind nginx) as a teacher runs it."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from deploy.classroom import free_port, healthy, terminate

__all__ = [
    "ARTIFACTS",
    "ROOT",
    "Replicas",
    "Server",
    "free_port",
    "replicas_behind_nginx",
    "running_app",
]

#: The repository root: where ``streamlit run app.py`` runs.
ROOT = Path(__file__).parents[1]
#: Servers' logs and the browser tests' screenshots.
ARTIFACTS = ROOT / "test-artifacts"


@dataclass(frozen=True)
class Server:
    """A running ``streamlit run``: its base URL (no trailing slash) and its process id."""

    url: str
    pid: int

    def __str__(self) -> str:
        return self.url


@dataclass(frozen=True)
class Replicas:
    """A running ``python -m deploy.classroom``: nginx's URL, the command's process id, its log (the
    supervisor's events, on its stderr) and its state directory (nginx's access log and the replicas')."""

    url: str
    pid: int
    log: Path
    state_dir: Path

    @property
    def access_log(self) -> Path:
        return self.state_dir / "access.log"

    @property
    def processes(self) -> dict[str, int]:
        """Each replica's address (127.0.0.1:port) and its process id now (a restarted replica has a new
        one), in the order of their ports."""
        by_port = {}
        for children in Path(f"/proc/{self.pid}/task").glob("*/children"):
            for child in children.read_text().split():
                with contextlib.suppress(FileNotFoundError):
                    arguments = Path(f"/proc/{child}/cmdline").read_bytes().decode().split("\0")
                    if "streamlit" in arguments:
                        by_port[int(arguments[arguments.index("--server.port") + 1])] = int(child)
        return {f"127.0.0.1:{port}": by_port[port] for port in sorted(by_port)}

    @property
    def pids(self) -> list[int]:
        """The replicas' process ids now, in the order of their ports."""
        return list(self.processes.values())


@contextlib.contextmanager
def running_app(
    log_name: str = "streamlit", script: str = "app.py", env: dict[str, str] | None = None, cwd: Path = ROOT
) -> Iterator[Server]:
    """``streamlit run app.py`` on a free port, as everyone starts it; yields it once it is healthy.

    ``script`` is run from ``cwd``, whose ``.streamlit/config.toml`` the server reads; ``env`` adds to
    its environment (e.g. ``STREAMLIT_SERVER_COOKIE_SECRET``). Its output goes to
    ``test-artifacts/<log_name>.log``. Raises ``RuntimeError`` if it is not healthy within 60 s.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    with (ARTIFACTS / f"{log_name}.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)],
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while not healthy(url, timeout=2):
                if process.poll() is not None:
                    raise RuntimeError(
                        f"streamlit run {script} exited with code {process.returncode} before it became "
                        f"healthy; see {log.name}"
                    )
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit run {script} did not become healthy within 60 s; see {log.name}")
                time.sleep(0.2)
            yield Server(url, process.pid)
        finally:
            terminate([process])


@contextlib.contextmanager
def replicas_behind_nginx(count: int = 2, log_name: str = "classroom") -> Iterator[Replicas]:
    """``python -m deploy.classroom --replicas count``, as a teacher starts it, on a free port of 127.0.0.1;
    yields it once nginx answers, and stops it with SIGTERM, as Ctrl-C would.

    The command's stderr goes to ``test-artifacts/<log_name>.log``. Raises ``RuntimeError`` if it
    exits, or is not serving within 90 s.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    with (
        tempfile.TemporaryDirectory(prefix="classroom-") as directory,
        (ARTIFACTS / f"{log_name}.log").open("w") as log,
    ):
        command = [sys.executable, "-m", "deploy.classroom", "--replicas", str(count)]
        command += ["--host", "127.0.0.1", "--port", str(port), "--state-dir", directory]
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 90
            while not healthy(url, timeout=2):
                if process.poll() is not None:
                    raise RuntimeError(f"deploy.classroom exited with code {process.returncode}; see {log.name}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"deploy.classroom was not serving within 90 s; see {log.name}")
                time.sleep(0.2)
            yield Replicas(url, process.pid, Path(log.name), Path(directory))
        finally:
            terminate([process], seconds=30)  # it stops nginx, then gives each replica 10 s

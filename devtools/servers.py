"""Servers for the tests and the benchmarks: ``streamlit run`` on a free port, and nginx in front of replicas."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "ARTIFACTS",
    "ROOT",
    "Replicas",
    "Server",
    "behind_nginx",
    "free_port",
    "nginx_config",
    "replicas_behind_nginx",
    "running_app",
]

#: The repository root: where ``streamlit run app.py`` runs.
ROOT = Path(__file__).parents[1]
#: Servers' logs and the browser tests' screenshots.
ARTIFACTS = ROOT / "test-artifacts"
NGINX_CONF = ROOT / "deploy" / "nginx.conf"

_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no proxy from the environment


@dataclass(frozen=True)
class Server:
    """A running ``streamlit run``: its base URL (no trailing slash) and its process id."""

    url: str
    pid: int

    def __str__(self) -> str:
        return self.url


class Replicas(NamedTuple):
    """Replicas of the app behind nginx: nginx's URL, the replicas' process ids and nginx's access log."""

    url: str
    pids: list[int]
    access_log: Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on at the moment."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with _DIRECT.open(f"{url}/_stcore/health", timeout=2) as response:
            return response.read() == b"ok"
    except OSError:
        return False


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


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
            while not _healthy(url):
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
            _stop(process)


def nginx_config(listen: int, upstreams: list[str], prefix: Path) -> str:
    """deploy/nginx.conf as it is, but for these replicas and this port, with its files under ``prefix``."""
    text = NGINX_CONF.read_text()
    text, examples = re.subn(r"\n        server 127\.0\.0\.1:\d+;", "", text)
    text, upstream = re.subn(
        r"(hash \$replica_key consistent;)",
        r"\1" + "".join(f"\n        server {address};" for address in upstreams),
        text,
    )
    text, port = re.subn(r"listen \d+;", f"listen 127.0.0.1:{listen};", text)
    kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    files = f"access_log {prefix / 'access.log'} replicas; " + " ".join(f"{k}_temp_path {prefix / k};" for k in kinds)
    text, http = re.subn(r"(\n    log_format replicas .*;)", rf"\1\n    {files}", text)
    if (examples, upstream, port, http) != (2, 1, 1, 1):
        raise RuntimeError(f"{NGINX_CONF} changed shape: nginx_config no longer knows where to put the replicas")
    return text


@contextlib.contextmanager
def behind_nginx(upstreams: list[str]) -> Iterator[tuple[str, Path]]:
    """nginx in front of ``upstreams`` (host:port); yields its URL and the path of its access log."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise RuntimeError("nginx not found: install Debian's nginx package (scripts/test.sh does)")
    with tempfile.TemporaryDirectory() as directory:
        prefix = Path(directory)
        port = free_port()
        config = prefix / "nginx.conf"
        config.write_text(nginx_config(port, upstreams, prefix))
        command = [nginx, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(config)]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
        if checked.returncode != 0:
            raise RuntimeError(f"nginx rejected its configuration: {checked.stderr.strip()}")
        process = subprocess.Popen([*command, "-g", f"daemon off; pid {prefix / 'nginx.pid'};"])
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while not _healthy(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not come up: {(prefix / 'error.log').read_text()}")
                time.sleep(0.2)
            yield url, prefix / "access.log"
        finally:
            _stop(process)


@contextlib.contextmanager
def replicas_behind_nginx(count: int = 2) -> Iterator[Replicas]:
    """``count`` replicas of the app sharing one cookie secret, behind nginx, as the README deploys them."""
    secret = secrets.token_hex(16)
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(running_app(f"replica-{i}", env={"STREAMLIT_SERVER_COOKIE_SECRET": secret}))
            for i in range(1, count + 1)
        ]
        url, log = stack.enter_context(behind_nginx([server.url.removeprefix("http://") for server in servers]))
        yield Replicas(url, [server.pid for server in servers], log)

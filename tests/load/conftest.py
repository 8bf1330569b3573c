"""Replicas of the app behind Debian's nginx, configured by deploy/nginx.conf."""

import contextlib
import re
import secrets
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from bench.load import _server_pid
from tests.browser.conftest import ROOT, _free_port, running_app

NGINX_CONF = ROOT / "deploy" / "nginx.conf"


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
    assert (examples, upstream, port, http) == (2, 1, 1, 1), "deploy/nginx.conf changed shape"
    return text


@contextlib.contextmanager
def behind_nginx(upstreams: list[str]):
    """nginx in front of ``upstreams`` (host:port); yields its URL and the path of its access log."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail("nginx not found: install Debian's nginx package (the README's test command does)")
    with tempfile.TemporaryDirectory() as directory:
        prefix = Path(directory)
        port = _free_port()
        config = prefix / "nginx.conf"
        config.write_text(nginx_config(port, upstreams, prefix))
        command = [nginx, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(config)]
        subprocess.run([*command, "-t"], check=True, capture_output=True)
        process = subprocess.Popen([*command, "-g", f"daemon off; pid {prefix / 'nginx.pid'};"])
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                        if response.read() == b"ok":
                            break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"nginx did not come up: {(prefix / 'error.log').read_text()}")
                    time.sleep(0.2)
            yield url, prefix / "access.log"
        finally:
            process.terminate()
            process.wait(timeout=10)


@contextlib.contextmanager
def replicas_behind_nginx(count: int = 2):
    """``count`` replicas of the app sharing one cookie secret, behind nginx: its URL, their pids, the log."""
    secret = secrets.token_hex(16)
    with contextlib.ExitStack() as stack:
        urls = [
            stack.enter_context(running_app(f"replica-{i}", env={"STREAMLIT_SERVER_COOKIE_SECRET": secret}))
            for i in range(1, count + 1)
        ]
        url, log = stack.enter_context(behind_nginx([u.removeprefix("http://") for u in urls]))
        yield url, [_server_pid(u) for u in urls], log

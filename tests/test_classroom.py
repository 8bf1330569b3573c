"""``python -m deploy.classroom``, as a teacher runs it (through ``devtools.servers.replicas_behind_nginx``):
every page through nginx, replicas reachable only on 127.0.0.1, the proxy's limits and headers, and
the faults it survives: a hung replica and a dead one, each noticed within 15 s, their learners and
new ones served by a replica that answers; SIGTERM leaves no process behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import os
import re
import signal
import time
import urllib.request
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import websockets

from deploy.classroom import PING_SECONDS, TEMPLATE, render_nginx_config
from devtools.load import SCENARIOS, _rerun, _until_finished, every_page, resident_mb, run_in_own_loop
from devtools.servers import ROOT, Replicas, replicas_behind_nginx

#: The issue's target: a hung or dead replica is noticed by nginx and by the learner within this.
NOTICED_WITHIN = 15.0

_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture(scope="module")
def classroom():
    try:
        with replicas_behind_nginx(2, "classroom") as replicas:
            yield replicas
    except RuntimeError as error:
        pytest.fail(str(error))


def _request(url: str, method: str = "GET", body: bytes | None = None, key: str | None = None):
    """One request straight to ``url`` (no proxy from the environment); the response, whatever its status."""
    request = urllib.request.Request(url, data=body, method=method)
    if key is not None:
        request.add_header("Cookie", f"replica={key}")
    try:
        response = _DIRECT.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        response.read()
    return response


def _upstream_of(replicas: Replicas, key: str) -> str:
    """The replica (host:port) that nginx chooses for the cookie ``replica=key``, from its access log."""
    _request(f"{replicas.url}/_stcore/health", key=key)
    for _ in range(50):  # nginx writes the line just after the response
        found = re.findall(rf"replica={key} upstream=(\S+)", replicas.access_log.read_text())
        if found:
            return found[-1]
        time.sleep(0.02)
    raise AssertionError(f"no access log line for replica={key}")


def _key_on(replicas: Replicas, address: str, taken: tuple[str, ...] = ()) -> str:
    """A fresh replica key that nginx's consistent hash sends to the replica at ``address``."""
    for number in range(200):
        key = f"{address.replace(':', '-')}-{number}"
        if key not in taken and _upstream_of(replicas, key) == address:
            return key
    raise AssertionError(f"no key of 200 goes to {address}")


@contextlib.asynccontextmanager
async def _learner(url: str, key: str) -> AsyncIterator[websockets.ClientConnection]:
    """A learner whose browser holds the cookie ``replica=key``: loads the home page, opens the session's
    websocket as the browser does, and waits for the page's run to finish (20 s at most)."""
    response = await asyncio.to_thread(_request, f"{url}/", key=key)
    cookies = [f"replica={key}"] + [value.split(";", 1)[0] for value in response.headers.get_all("Set-Cookie") or []]
    async with websockets.connect(
        url.replace("http", "ws", 1) + "/_stcore/stream",
        subprotocols=["streamlit"],
        origin=url,
        additional_headers={"Cookie": "; ".join(cookies)},
        max_size=None,
        open_timeout=20,
        proxy=None,
    ) as socket:
        await socket.send(_rerun(""))
        await asyncio.wait_for(_until_finished(socket, {}), 20)
        yield socket


async def _seconds_to_run(url: str, key: str) -> float:
    """How long a new learner with ``replica=key`` waits for a finished run of the home page."""
    start = time.monotonic()
    async with _learner(url, key):
        return time.monotonic() - start


async def _seconds_until_closed(socket: websockets.ClientConnection, start: float) -> float:
    """How long after ``start`` the server side closes ``socket`` (a learner's browser would show it)."""
    with contextlib.suppress(websockets.ConnectionClosed):
        while True:
            await socket.recv()
    return time.monotonic() - start


def _answers(url: str) -> bool:
    try:
        return _request(f"{url}/_stcore/health").status == 200
    except OSError:
        return False


def _descendants(pid: int) -> set[int]:
    children = {
        int(child) for path in Path(f"/proc/{pid}/task").glob("*/children") for child in path.read_text().split()
    }
    return children.union(*(_descendants(child) for child in children))


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs, a zombie not counted."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _listening(table: str) -> set[tuple[str, int]]:
    """The (address in /proc's hex, port) of every listening TCP socket in /proc/net/``table``."""
    rows = [line.split() for line in Path(f"/proc/net/{table}").read_text().splitlines()[1:]]
    return {(row[1].split(":")[0], int(row[1].split(":")[1], 16)) for row in rows if row[3] == "0A"}


def test_the_template_is_written_out_with_one_server_line_per_replica():
    config = render_nginx_config("0.0.0.0:8080", ["127.0.0.1:9001", "127.0.0.1:9002", "127.0.0.1:9003"])
    assert "{{" not in config
    assert re.findall(r"^\s*listen (\S+);", config, re.MULTILINE) == ["0.0.0.0:8080"]
    servers = re.findall(r"^\s*server (127\.0\.0\.1:\d+) max_fails=1 fail_timeout=5s;$", config, re.MULTILINE)
    assert servers == ["127.0.0.1:9001", "127.0.0.1:9002", "127.0.0.1:9003"]


def test_nginx_waits_for_two_missed_pings_before_it_closes_a_silent_websocket():
    """An idle tab on a healthy replica hears a ping every PING_SECONDS: the websocket's read timeout
    must outlast two of them, and stay within the 15 s in which a learner should notice a hung one."""
    stream = TEMPLATE.read_text().split("location = /_stcore/stream {", 1)[1].split("}", 1)[0]
    (timeout,) = re.findall(r"proxy_read_timeout (\d+)s;", stream)
    assert 2 * PING_SECONDS < int(timeout) <= NOTICED_WITHIN


def test_every_page_loads_and_runs_through_nginx(classroom):
    results = every_page(classroom.url, changes=1)
    assert results.errors == []
    assert len(results.latencies) == len(SCENARIOS)
    # The static files Streamlit and the app serve come through too: the vendored plotly.js bundle.
    (bundle,) = (ROOT / "static" / "plotly").glob("plotly-*.min.js")
    assert _request(f"{classroom.url}/app/static/plotly/{bundle.name}").status == 200


def test_the_replicas_listen_on_127_0_0_1_only(classroom):
    ports = {int(address.rsplit(":", 1)[1]) for address in classroom.processes}
    assert len(ports) == 2
    on_ipv4 = {(address, port) for address, port in _listening("tcp") if port in ports}
    assert on_ipv4 == {("0100007F", port) for port in ports}  # 127.0.0.1, in /proc's byte order
    assert not {port for _, port in _listening("tcp6")} & ports


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/loss?steps=3", 200),
        ("GET", "/_stcore/health", 200),
        ("GET", "/_stcore/metrics", 404),
        ("PUT", "/_stcore/upload_file/session/file", 403),
        ("POST", "/_stcore/agent/interact", 403),
    ],
)
def test_every_response_has_the_security_headers_and_no_version(classroom, method, path, status):
    response = _request(classroom.url + path, method, body=b"{}" if method != "GET" else None)
    assert response.status == status
    headers = response.headers
    assert headers["Server"] == "nginx"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"


def test_uploads_are_refused_at_the_proxy_without_reaching_a_replica(classroom):
    every_page(classroom.url)  # the replicas idle, as after a first visit
    before = resident_mb(classroom.pids)
    host, port = classroom.url.removeprefix("http://").split(":")
    megabyte = os.urandom(1 << 20)
    statuses = []
    for number in range(50):
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            connection.request("PUT", f"/_stcore/upload_file/session/{number}", body=megabyte)
            statuses.append(connection.getresponse().status)
        except (BrokenPipeError, ConnectionResetError):  # refused before the body was all sent
            statuses.append(None)
        finally:
            connection.close()
    assert set(statuses) <= {413, None} and 413 in statuses
    lines = [line for line in classroom.access_log.read_text().splitlines() if '"PUT ' in line]
    assert lines and all(line.endswith("upstream=-") for line in lines)  # none reached a replica
    assert resident_mb(classroom.pids) < before + 20


def test_a_hung_replica_is_killed_and_its_learners_go_on_with_a_replica_that_answers():
    with replicas_behind_nginx(2, "classroom-hung") as replicas:
        (address, pid), _ = replicas.processes.items()
        key = _key_on(replicas, address)
        newcomer = _key_on(replicas, address, taken=(key,))

        async def scenario() -> tuple[float, float, float]:
            async with _learner(replicas.url, key) as socket:
                os.kill(pid, signal.SIGSTOP)
                hung = time.monotonic()
                # A learner on it sees the connection drop (not stale numbers), while a newcomer sent to it
                # by the hash gets the page from a replica that answers.
                closed, newcomer_waited = await asyncio.gather(
                    _seconds_until_closed(socket, hung), _seconds_to_run(replicas.url, newcomer)
                )
            # The browser reconnects with the same cookie, and the view comes back from the link.
            return closed, newcomer_waited, await _seconds_to_run(replicas.url, key)

        closed, newcomer_waited, reconnected = run_in_own_loop(scenario())
        assert closed <= NOTICED_WITHIN
        assert newcomer_waited <= NOTICED_WITHIN
        assert reconnected <= 10
        assert not _alive(pid)
        log = replicas.log.read_text()
        assert re.search(rf"replica \d \(pid {pid}\) missed 3 health checks in a row: it hangs; killing", log)
        assert replicas.processes[address] != pid


def test_a_dead_replica_is_restarted_and_sigterm_leaves_no_process_behind():
    with replicas_behind_nginx(2, "classroom-dead") as replicas:
        (address, pid), _ = replicas.processes.items()
        key = _key_on(replicas, address)
        os.kill(pid, signal.SIGKILL)
        died = time.monotonic()
        # Meanwhile, a learner sent to it by the hash is served by the other replica.
        assert run_in_own_loop(_seconds_to_run(replicas.url, key)) <= 10
        while replicas.processes.get(address, pid) == pid:
            assert time.monotonic() - died <= NOTICED_WITHIN, "the dead replica was not restarted"
            time.sleep(0.2)
        assert re.search(rf"replica \d \(pid {pid}\) exited with code -9; restarting it", replicas.log.read_text())
        restarted = replicas.processes[address]
        while not _answers(f"http://{address}"):
            assert time.monotonic() - died <= 60, "the restarted replica does not answer"
            time.sleep(0.2)
        results = every_page(replicas.url)
        assert results.errors == []
        processes = _descendants(replicas.pid)
        assert restarted in processes and len(processes) >= 4  # two replicas, nginx and its worker
    assert not any(_alive(process) for process in processes)
    assert "stopping on SIGTERM" in replicas.log.read_text()

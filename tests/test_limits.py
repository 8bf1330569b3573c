"""What a visitor who is not a learner can send is refused by the server itself (``streamlit run
app.py``, no proxy), as ``.streamlit/config.toml`` sets it: uploads, oversized websocket frames, and a
``clear_cache`` message; the server's memory stays put and a learner on it is not affected.
"""

from __future__ import annotations

import asyncio
import base64
import http.client
import os
import socket
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from devtools.load import SCENARIOS, Results, connect, every_page, resident_mb, run_in_own_loop, session
from devtools.servers import ARTIFACTS, Server, running_app

MB = 1024 * 1024


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_app("limits") as app:
        assert every_page(app.url).errors == []  # warm: every module imported, every cache filled
        yield app


def _xsrf_cookie(url: str) -> str:
    """The XSRF cookie, as any visitor gets it: from the health check."""
    host, port = urlsplit(url).hostname, urlsplit(url).port
    connection = http.client.HTTPConnection(host, port, timeout=30)
    connection.request("GET", "/_stcore/health")
    response = connection.getresponse()
    response.read()
    return response.getheader("Set-Cookie").split(";", 1)[0]


def _put(url: str, path: str, cookie: str, data: bytes, *, chunked: bool) -> int:
    """PUT one file as Streamlit's file uploader does (multipart, XSRF header); the response's status."""
    boundary = "limits"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {
        "Cookie": cookie,
        "X-Xsrftoken": cookie.split("=", 1)[1],
        "Content-Type": f"multipart/form-data; boundary={boundary}",
    }
    connection = http.client.HTTPConnection(urlsplit(url).hostname, urlsplit(url).port, timeout=30)
    try:
        if chunked:  # no Content-Length: the server learns the size only as it reads
            connection.putrequest("PUT", path)
            for name, value in {**headers, "Transfer-Encoding": "chunked"}.items():
                connection.putheader(name, value)
            connection.endheaders()
            for start in range(0, len(body), 64 * 1024):
                piece = body[start : start + 64 * 1024]
                connection.send(b"%x\r\n%s\r\n" % (len(piece), piece))
            connection.send(b"0\r\n\r\n")
        else:
            connection.request("PUT", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    except (BrokenPipeError, ConnectionResetError):
        return 413  # refused before the whole body was sent: the server closed the connection
    finally:
        connection.close()


def test_no_file_is_accepted_and_memory_stays_put(server):
    cookie = _xsrf_cookie(server.url)
    statuses: list[int] = []

    async def upload() -> None:
        async with connect(server.url) as socket_:
            rerun = BackMsg()
            rerun.rerun_script.page_name = ""
            await socket_.send(rerun.SerializeToString())
            while True:  # the session's id, as the browser learns it
                message = ForwardMsg.FromString(await socket_.recv())
                if message.WhichOneof("type") == "new_session":
                    session_id = message.new_session.initialize.session_id
                    break
            for i in range(50):
                path = f"/_stcore/upload_file/{session_id}/file-{i}"
                data = os.urandom(MB)
                statuses.append(await asyncio.to_thread(_put, server.url, path, cookie, data, chunked=i % 2 == 1))

    before = resident_mb(server.pid)
    run_in_own_loop(upload())
    after = resident_mb(server.pid)
    print(f"uploads: statuses {sorted(set(statuses))}, memory {before:.1f} → {after:.1f} MB")
    assert len(statuses) == 50 and all(400 <= status < 500 for status in statuses), statuses
    assert after - before <= 20, (before, after)
    assert every_page(server.url, changes=1).errors == []


def _oversized_frame(url: str, cookie: str, size: int) -> int:
    """Open the websocket by hand and send one binary frame of ``size`` bytes, a piece at a time, as
    long as the server takes it; how many bytes of it were sent before the server closed."""
    parts = urlsplit(url)
    raw = socket.create_connection((parts.hostname, parts.port), timeout=30)
    key = base64.b64encode(os.urandom(16)).decode()
    raw.sendall(
        (
            f"GET /_stcore/stream HTTP/1.1\r\nHost: {parts.netloc}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Sec-WebSocket-Protocol: streamlit\r\nOrigin: {url}\r\nCookie: {cookie}\r\n\r\n"
        ).encode()
    )
    assert raw.recv(4096).startswith(b"HTTP/1.1 101")
    # FIN and binary; masked (as a client must) with the key 0, which leaves the payload as it is.
    raw.sendall(bytes([0x82, 0x80 | 127]) + size.to_bytes(8, "big") + bytes(4))
    piece, sent = bytes(MB), 0
    try:
        while sent < size:
            sent += raw.send(piece)
    except OSError:  # reset or broken pipe: the server closed the connection
        pass
    finally:
        raw.close()
    return sent


def test_an_oversized_frame_is_refused_before_it_is_read_and_a_learner_is_not_affected(server):
    learner = Results()
    home = next(scenario for scenario in SCENARIOS if scenario[0] == "")
    learning = threading.Thread(
        target=run_in_own_loop, args=(session(server.url, home, 10, (0.1, 0.3), learner, seed=0),)
    )
    before = resident_mb(server.pid)
    learning.start()
    sent = [_oversized_frame(server.url, _xsrf_cookie(server.url), 150 * MB) for _ in range(4)]
    learning.join()
    after = resident_mb(server.pid)
    print(
        f"150 MB frames: {[round(n / MB, 1) for n in sent]} MB sent before the close, "
        f"memory {before:.1f} → {after:.1f} MB"
    )
    # What the operating system's buffers took before the server's close arrived, not the frame.
    assert max(sent) <= 16 * MB, sent
    assert after - before <= 20, (before, after)
    assert learner.errors == [] and len(learner.latencies) == 10


def test_clear_cache_from_a_client_raises_nothing_and_its_session_goes_on(server):
    """Streamlit empties its own caches for everyone on ``clear_cache``; the app keeps none there
    (``tests/pages/test_in_practice.py`` checks its training cache stays warm), so the message clears
    only the sender's Session State."""

    async def clear_then_rerun() -> list[str]:
        async with connect(server.url, "in-practice") as socket_:
            kinds = []
            for message in ("clear_cache", "rerun_script"):
                back = BackMsg()
                if message == "clear_cache":
                    back.clear_cache = True
                else:
                    back.rerun_script.page_name = "in-practice"
                await socket_.send(back.SerializeToString())
            while True:
                forward = ForwardMsg.FromString(await socket_.recv())
                kinds.append(forward.WhichOneof("type"))
                if forward.WhichOneof("type") == "delta":
                    assert forward.delta.new_element.WhichOneof("type") != "exception"
                if forward.WhichOneof("type") == "script_finished":
                    return kinds

    kinds = run_in_own_loop(clear_then_rerun())
    assert "script_finished" in kinds
    log = (ARTIFACTS / "limits.log").read_text()
    assert "Error processing back message" not in log and "Traceback" not in log, log

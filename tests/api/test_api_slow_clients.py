"""Slow and oversized requests against the real server (`rootcause serve`) on loopback, with raw
sockets: a stalled body gets 408 and the connection closed, dribbled or missing headers get the
connection closed, oversized headers get 431; a normal client is not disturbed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from api_fakes import save_model

from api.middleware import BodyLimitMiddleware

HEADER_TIMEOUT = 1.0
BODY_TIMEOUT = 1.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("slow")
    port = _free_port()
    paths = [str(Path(__file__).parent), *sys.path]  # the fake model unpickles from api_fakes
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "ROOTCAUSE_DATA_DIR": str(tmp / "data"),
           "ROOTCAUSE_HEADER_TIMEOUT": str(HEADER_TIMEOUT), "ROOTCAUSE_BODY_TIMEOUT": str(BODY_TIMEOUT),
           "ROOTCAUSE_MAX_HEADER_BYTES": "4096", "ROOTCAUSE_KEEP_ALIVE_TIMEOUT": "1", "ROOTCAUSE_ACCESS_LOG": "off"}
    cmd = [sys.executable, "-m", "rootcause.cli", "serve", "--port", str(port), "--model", str(save_model(tmp / "model")),
           "--database-url", f"sqlite:///{tmp / 'rootcause.db'}"]
    proc = subprocess.Popen(cmd, cwd=tmp, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(600):
            assert proc.poll() is None, proc.communicate()[1].decode()[-2000:]
            try:
                if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield port
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)


def _connect(port: int) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    return s


def _read_until_closed(s: socket.socket, within: float) -> tuple[bytes, float]:
    """All the server sends until it closes the connection, and when it closed (s after the call)."""
    t0 = time.monotonic()
    s.settimeout(within)
    got = b""
    while True:
        chunk = s.recv(65536)  # raises TimeoutError when the server holds the connection open
        if not chunk:
            return got, time.monotonic() - t0
        got += chunk


@pytest.mark.timeout(120)
def test_a_stalled_body_is_answered_408_and_the_connection_closed(server):
    s = _connect(server)
    # a key (even a wrong one) lets the body be read: without one it is a 401 at once (KeyFirstMiddleware)
    s.sendall(b"POST /v1/contacts/batch HTTP/1.1\r\nHost: x\r\nauthorization: Bearer x\r\ncontent-type: application/json\r\n"
              b"content-length: 1000\r\n\r\n{\"contacts\": [")  # then nothing more
    got, after = _read_until_closed(s, within=BODY_TIMEOUT + 5)
    assert got.startswith(b"HTTP/1.1 408 "), got[:200]
    assert b"ROOTCAUSE_BODY_TIMEOUT" in got
    assert after < BODY_TIMEOUT + 3


@pytest.mark.timeout(120)
def test_a_dribbled_body_is_cut_at_the_deadline_not_at_each_chunk(server):
    s = _connect(server)
    s.sendall(b"POST /v1/contacts/batch HTTP/1.1\r\nHost: x\r\nauthorization: Bearer x\r\ncontent-length: 1000\r\n\r\n")
    t0 = time.monotonic()
    got = b""
    s.settimeout(0.2)
    while time.monotonic() - t0 < BODY_TIMEOUT + 5:
        try:
            s.sendall(b" ")  # one byte every 0.2 s: each read is quick, the whole is late
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
        except TimeoutError:
            continue
        except OSError:  # closed by the server while we wrote
            break
    assert got.startswith(b"HTTP/1.1 408 "), got[:200]
    assert time.monotonic() - t0 < BODY_TIMEOUT + 3


@pytest.mark.timeout(120)
def test_dribbled_headers_get_the_connection_closed(server):
    s = _connect(server)
    t0 = time.monotonic()
    s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n")
    closed = False
    for i in range(40):  # one header line every 0.2 s, never the blank line that ends them
        try:
            s.sendall(b"x-slow-%d: y\r\n" % i)
        except OSError:
            closed = True
            break
        s.settimeout(0.2)
        try:
            got = s.recv(65536)
        except TimeoutError:
            continue
        assert got == b"" or got.startswith(b"HTTP/1.1 408 "), got[:200]
        closed = True
        break
    assert closed
    assert time.monotonic() - t0 < HEADER_TIMEOUT + 3


@pytest.mark.timeout(120)
def test_a_connection_that_sends_nothing_is_closed(server):
    s = _connect(server)
    got, after = _read_until_closed(s, within=HEADER_TIMEOUT + 5)
    assert got == b"" and after < HEADER_TIMEOUT + 3


@pytest.mark.timeout(120)
def test_oversized_headers_are_431(server):
    s = _connect(server)
    s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n" + b"x-big: " + b"a" * 8000 + b"\r\n")
    got, _ = _read_until_closed(s, within=5)
    assert got.startswith(b"HTTP/1.1 431 "), got[:200]


def _response(s: socket.socket) -> bytes:
    """One whole response (headers and a content-length body) from a kept-alive connection."""
    s.settimeout(5)
    got = b""
    while b"\r\n\r\n" not in got:
        got += s.recv(65536)
    head, body = got.split(b"\r\n\r\n", 1)
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))
    while len(body) < length:
        body += s.recv(65536)
    return head + b"\r\n\r\n" + body


@pytest.mark.timeout(120)
def test_a_prompt_client_is_served_on_a_kept_alive_connection(server):
    s = _connect(server)
    for _ in range(3):
        s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert _response(s).startswith(b"HTTP/1.1 200 ")
        time.sleep(0.6 * HEADER_TIMEOUT)  # the headers' deadline restarts after each answer
    # a full body, sent promptly, reaches the route (401: no key), not the timeout
    body = b'{"contacts": []}'
    s.sendall(b"POST /v1/contacts/batch HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s"
              % (len(body), body))
    assert _response(s).startswith(b"HTTP/1.1 401 ")
    got, after = _read_until_closed(s, within=5)  # then idle: closed after the keep-alive timeout
    assert got == b"" and after < 3


def test_the_body_deadline_in_process():
    """The same deadline through the ASGI app alone: a receive() that never returns gets 408."""
    import asyncio

    sent = []

    async def app(scope, receive, send):  # pragma: no cover - never reached
        raise AssertionError("the app ran without a body")

    async def stalled():
        await asyncio.sleep(3600)

    async def send(msg):
        sent.append(msg)

    scope = {"type": "http", "method": "POST", "headers": []}
    asyncio.run(BodyLimitMiddleware(app, max_bytes=100, timeout=0.05)(scope, stalled, send))
    assert sent[0]["status"] == 408 and (b"connection", b"close") in sent[0]["headers"]


def _parsers():
    from uvicorn.protocols.http.h11_impl import H11Protocol

    from api.server import HeaderLimits, HeaderLimitsProtocol

    return {"auto": HeaderLimitsProtocol, "h11": type("H11HeaderLimits", (HeaderLimits, H11Protocol), {})}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("parser", ["auto", "h11"])
def test_header_limits_hold_with_either_parser(parser, monkeypatch):
    """httptools (what uvicorn picks when installed) and h11 (its fallback) under the same limits."""
    import threading

    import uvicorn

    from rootcause.settings import get_settings

    monkeypatch.setenv("ROOTCAUSE_HEADER_TIMEOUT", "0.5")
    monkeypatch.setenv("ROOTCAUSE_MAX_HEADER_BYTES", "4096")
    get_settings.cache_clear()

    async def app(scope, receive, send):
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
            await send({"type": "http.response.body", "body": b"ok"})

    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, http=_parsers()[parser], log_level="critical",
                            h11_max_incomplete_event_size=4096, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        s = _connect(port)
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # half the headers, then nothing
        got, after = _read_until_closed(s, within=5)
        assert got.startswith(b"HTTP/1.1 408 ") and after < 2.5
        got, after = _read_until_closed(_connect(port), within=5)
        assert got == b"" and after < 2.5
        s = _connect(port)
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nx-big: " + b"a" * 8000 + b"\r\n")
        got, _ = _read_until_closed(s, within=5)
        assert got.startswith(b"HTTP/1.1 431 " if parser == "auto" else b"HTTP/1.1 400 "), got[:100]  # h11's own bound
        s = _connect(port)
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert _response(s).startswith(b"HTTP/1.1 200 ")
    finally:
        server.should_exit = True
        thread.join(timeout=10)

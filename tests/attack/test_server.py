"""Hostile clients against a real `screener serve`, over raw sockets: oversized and
trickled bodies, huge heads, garbage. The server answers or drops each, and goes on
serving everyone else meanwhile."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import httpx2 as httpx
import pytest

from tests.conftest import Server, serve

pytestmark = pytest.mark.slow

LIMIT = 65_536
TIMEOUT = 1.0


@pytest.fixture(scope="module")
def tight(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with a small body limit and a one-second body timeout."""
    log = tmp_path_factory.mktemp("tight") / "server.log"
    limits = {"SCREENER_MAX_BODY_BYTES": str(LIMIT), "SCREENER_BODY_TIMEOUT": str(TIMEOUT)}
    with serve(log, limits) as running:
        yield running


def _connect(server: Server) -> socket.socket:
    host, port = server.url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    return sock


def _head(path: str, extra: str = "", length: int | None = None) -> bytes:
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n" + extra + "\r\n").encode()


def _response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    want = int(headers.get("content-length", "0"))
    while len(body) < want:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return status, headers, body


def _error(body: bytes, status: int) -> dict[str, object]:
    err = json.loads(body)["error"]
    assert err["status"] == status
    return dict(err)


def test_a_declared_10_mb_body_is_refused_before_it_is_sent(tight: Server) -> None:
    with _connect(tight) as sock:
        sock.sendall(_head("/v1/check", length=10 * 1024 * 1024) + b'{"text": "')
        t0 = time.monotonic()
        status, headers, body = _response(sock)
        assert time.monotonic() - t0 < 2  # answered at once, not after reading 10 MB
    assert status == 413
    assert _error(body, 413)["code"] == "payload_too_large"
    assert headers["x-content-type-options"] == "nosniff"


def test_a_chunked_body_is_cut_off_at_the_limit(tight: Server) -> None:
    with _connect(tight) as sock:
        sock.sendall(_head("/v1/check", extra="Transfer-Encoding: chunked\r\n"))
        chunk = b"a" * 16_384
        status = 0
        try:
            for _ in range(64):  # 1 MiB offered; the limit is 64 KiB
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:
            pass  # the server answered and closed: what we want
        status, _, body = _response(sock)
    assert status == 413
    _error(body, 413)


def test_a_trickled_body_times_out_while_others_are_served(tight: Server) -> None:
    result: dict[str, object] = {}

    def slow_client() -> None:
        with _connect(tight) as sock:
            sock.sendall(_head("/v1/check", length=200) + b'{"text": ')
            t0 = time.monotonic()
            try:
                for _ in range(40):  # one byte every 0.1 s: would take 4 s
                    sock.sendall(b" ")
                    time.sleep(0.1)
            except OSError:
                pass
            result["status"], _, result["body"] = _response(sock)
            result["seconds"] = time.monotonic() - t0

    thread = threading.Thread(target=slow_client)
    thread.start()
    time.sleep(0.2)
    # meanwhile the server answers other clients, checks included, promptly
    for _ in range(3):
        t0 = time.monotonic()
        resp = httpx.post(f"{tight.url}/v1/check", json={"text": "My client Maria Lopez"})
        assert resp.status_code == 200
        assert time.monotonic() - t0 < 1.5
    thread.join(timeout=15)
    assert result["status"] == 408
    assert TIMEOUT <= float(result["seconds"]) < TIMEOUT + 3  # type: ignore[arg-type]
    assert _error(result["body"], 408)["code"] == "request_timeout"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "raw",
    [
        b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n",  # big, but whole
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 64,  # TLS to a plain port
        b"NONSENSE\r\n\r\n",
        b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n",
    ],
)
def test_garbage_is_refused_or_dropped_and_the_server_lives_on(tight: Server, raw: bytes) -> None:
    with _connect(tight) as sock:
        try:
            sock.sendall(raw)
            data = sock.recv(4096)
        except OSError:
            data = b""
    if data:  # an answer, or h11's own for what it cannot parse: never a 5xx
        status = int(data.split(b" ", 2)[1])
        assert status < 500
    assert httpx.get(f"{tight.url}/readyz").status_code == 200


def test_a_header_that_never_ends_is_cut_off(tight: Server) -> None:
    with _connect(tight) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Endless: ")
        status = 0
        try:
            for _ in range(64):  # 4 MiB offered, 64 KiB at a time
                sock.sendall(b"a" * 65_536)
                time.sleep(0.01)
        except OSError:
            pass  # refused and closed
        try:
            data = sock.recv(4096)
            status = int(data.split(b" ", 2)[1]) if data else 0
        except OSError:
            status = 0
    assert status == 0 or 400 <= status < 500
    assert httpx.get(f"{tight.url}/readyz").status_code == 200


def test_hostile_json_over_http_is_400_in_our_shape(tight: Server) -> None:
    for body in [b"[" * 50_000, b'{"text": "a", "text": "b"}', b'{"text": "\xff"}']:
        resp = httpx.post(
            f"{tight.url}/v1/check", content=body, headers={"content-type": "application/json"}
        )
        assert resp.status_code == 400
        assert resp.json()["error"]["code"] == "malformed_json"


def test_nothing_above_went_wrong_inside(tight: Server) -> None:
    # runs last in this module: no request above made the server log an error
    log = tight.log.read_text(errors="replace")
    assert "unexpected error" not in log
    assert "Traceback" not in log

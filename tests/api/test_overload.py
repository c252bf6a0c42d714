"""Load shedding in the whole app: where it sits among the middleware, and what a client
of a real `screener serve` gets past SCREENER_MAX_IN_FLIGHT (app.overload)."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from limits import parse
from starlette.types import Message

from app.api.auth import Gate
from app.config import Settings
from app.keys import KeyRing
from app.main import create_app
from app.overload import PROBES
from app.security import API_CSP
from tests.conftest import serve
from tests.test_overload import Answer, run_in_own_loop, scope

SECURITY = {
    "content-security-policy": API_CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}


def _app(max_in_flight: int) -> Any:
    # No model: nothing here reaches a check. Keys off on loopback: the gate admits all.
    return create_app(
        settings=Settings(max_in_flight=max_in_flight, audit=False),
        gate=Gate(KeyRing.of([]), parse("600/minute")),
    )


def _layers(app: Any) -> list[str]:
    names = []
    layer = app.build_middleware_stack()
    while layer is not None and len(names) < 20:
        names.append(type(layer).__name__)
        layer = getattr(layer, "app", None)
    return names


def test_the_limit_sits_inside_the_headers_and_the_log_and_outside_the_gate() -> None:
    names = _layers(_app(4))
    order = ["SecurityHeaders", "ServerErrorMiddleware", "_AccessLog", "InFlightLimit"]
    order += ["GateMiddleware", "BodyLimits"]
    assert [n for n in names if n in order] == order


def test_a_refusal_by_the_whole_app_has_the_security_headers_and_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = _app(1)

    async def main() -> None:
        body_arrives = asyncio.Event()

        async def slow_body() -> Message:
            await body_arrives.wait()
            return {"type": "http.disconnect"}

        async def no_body() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        held_scope = scope(headers=[("content-type", "application/json"), ("content-length", "9")])
        held = asyncio.create_task(app(held_scope, slow_body, Answer()))
        await asyncio.sleep(0.05)  # it is past the gate, waiting for its body

        refused = Answer()
        await app(scope("/v1/rules", method="GET"), slow_body, refused)
        assert refused.status == 503
        assert refused.json()["error"]["code"] == "overloaded"
        assert refused.headers["retry-after"] == "1"
        for name, value in SECURITY.items():
            assert refused.headers[name] == value, name

        probe = Answer()
        await app(scope("/healthz", method="GET"), no_body, probe)
        assert probe.status == 200

        body_arrives.set()
        await held
        after = Answer()
        await app(scope("/v1/nothing", method="GET"), no_body, after)
        assert after.json()["error"]["code"] == "not_found"  # admitted: the place was freed

    with caplog.at_level(logging.INFO, logger="screener"):
        run_in_own_loop(main)
    assert any(r.getMessage().startswith("GET <unmatched> 503 ") for r in caplog.records)


@pytest.mark.slow
def test_a_real_server_past_its_limit_answers_503_in_the_error_shape(tmp_path: Path) -> None:
    """One request held in flight (its body trickles) fills SCREENER_MAX_IN_FLIGHT=1: the
    next gets our 503, not uvicorn's plain text; the probes still answer; once the held
    client goes away, requests pass again."""
    log = tmp_path / "server.log"
    env = {"SCREENER_MAX_IN_FLIGHT": "1", "SCREENER_BODY_TIMEOUT": "30"}
    with serve(log, env) as running:
        host, port = running.url.removeprefix("http://").split(":")
        held = socket.create_connection((host, int(port)))
        try:
            held.sendall(
                b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b'Content-Length: 40\r\n\r\n{"text": '
            )
            deadline = time.monotonic() + 10
            check = f"{running.url}/v1/check"
            while (refused := httpx.post(check, json={"text": "hi"})).status_code != 503:
                assert time.monotonic() < deadline, "the held request never filled the limit"
                time.sleep(0.05)
            assert refused.headers["content-type"] == "application/json"
            assert refused.headers["retry-after"] == "1"
            assert refused.headers["connection"] == "close"  # its body was never read
            for name, value in SECURITY.items():
                assert refused.headers[name] == value, name
            body = refused.json()
            assert set(body) == {"error"}
            assert set(body["error"]) == {"status", "code", "message", "fields"}
            assert (body["error"]["status"], body["error"]["code"]) == (503, "overloaded")
            assert httpx.get(f"{running.url}/v1/rules").status_code == 503
            assert httpx.get(f"{running.url}/healthz").status_code == 200
            assert httpx.get(f"{running.url}/readyz").status_code == 200
        finally:
            held.close()
        deadline = time.monotonic() + 10
        while (after := httpx.get(f"{running.url}/v1/rules")).status_code == 503:
            assert time.monotonic() < deadline, "the place was never freed"
            time.sleep(0.05)
        assert after.status_code == 200
        text = log.read_text(errors="replace")
        assert "overloaded: 1 requests in flight" in text
        assert "Exceeded concurrency limit" not in text  # uvicorn's own 503 never answered


def test_every_operation_but_the_probes_declares_the_overload_503() -> None:
    schema = _app(4).openapi()
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            declared = op["responses"].get("503")
            if path in PROBES:
                assert declared is None or "Retry-After" not in declared.get("headers", {})
                continue
            assert declared is not None, (method, path)
            assert "overloaded" in declared["description"], (method, path)
            assert declared["headers"]["Retry-After"]["required"] is False, (method, path)

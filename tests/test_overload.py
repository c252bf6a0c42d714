"""Load shedding (app.overload) around a tiny ASGI app whose requests wait on an event, so
a test decides how many are in flight; driven with plain ASGI messages, no server."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from starlette.types import Message, Receive, Scope, Send

from app.overload import InFlightLimit


def run_in_own_loop(main: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """asyncio.run in a thread of its own: the session's Playwright driver (browser
    tests) keeps an event loop running in the main thread."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, main()).result()


class Held:
    """Answers 200 once ``release`` is set; the probes at once. Counts its calls."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.calls = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls += 1
        if not scope["path"].endswith(("/healthz", "/readyz")):
            await self.release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})


class Answer:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def __call__(self, message: Message) -> None:
        self.messages.append(message)

    @property
    def status(self) -> int:
        status: int = self.messages[0]["status"]
        return status

    @property
    def headers(self) -> dict[str, str]:
        return {k.decode().lower(): v.decode() for k, v in self.messages[0]["headers"]}

    def json(self) -> Any:
        return json.loads(b"".join(m.get("body", b"") for m in self.messages[1:]))


async def unread(*_: Any) -> Message:
    raise AssertionError("the request body was read")


def scope(
    path: str = "/v1/check",
    headers: Iterable[tuple[str, str]] = (),
    root_path: str = "",
    method: str = "POST",
) -> Scope:
    return {
        "type": "http",
        "method": method,
        "path": root_path + path,
        "raw_path": (root_path + path).encode(),
        "root_path": root_path,
        "query_string": b"",
        "headers": [(k.encode(), v.encode()) for k, v in headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "scheme": "http",
        "http_version": "1.1",
    }


async def call(app: InFlightLimit, s: Scope | None = None, receive: Receive = unread) -> Answer:
    answer = Answer()
    await app(s or scope(), receive, answer)
    return answer


async def fill(app: InFlightLimit, n: int) -> list[asyncio.Task[Answer]]:
    """Start ``n`` requests and return once all of them are in flight."""
    tasks = [asyncio.create_task(call(app)) for _ in range(n)]
    for _ in range(100):
        if app.in_flight == n:
            return tasks
        await asyncio.sleep(0)
    raise AssertionError(f"{app.in_flight} in flight, not {n}")


def test_past_the_limit_a_request_gets_503_in_the_error_shape_at_once() -> None:
    async def main() -> None:
        inner = Held()
        app = InFlightLimit(inner, max_in_flight=3)
        held = await fill(app, 3)

        refused = await call(app)  # unread: answered without reading its body
        assert refused.status == 503
        assert refused.headers["content-type"] == "application/json"
        assert refused.headers["retry-after"] == "1"
        assert "connection" not in refused.headers  # no body: the connection stays open
        err = refused.json()["error"]
        assert set(err) == {"status", "code", "message", "fields"}
        assert (err["status"], err["code"], err["fields"]) == (503, "overloaded", [])
        assert err["message"]
        assert inner.calls == 3, "the app never saw the refused request"
        assert app.in_flight == 3

        inner.release.set()
        assert [(await t).status for t in held] == [200, 200, 200]
        assert app.in_flight == 0
        assert (await call(app)).status == 200  # room again

    run_in_own_loop(main)


def test_the_limit_is_exact() -> None:
    async def main() -> None:
        inner = Held()
        app = InFlightLimit(inner, max_in_flight=2)
        held = await fill(app, 1)
        second = asyncio.create_task(call(app))
        await asyncio.sleep(0)
        assert app.in_flight == 2  # the second is admitted, the third is not
        assert (await call(app)).status == 503
        inner.release.set()
        assert [(await t).status for t in [*held, second]] == [200, 200]

    run_in_own_loop(main)


@pytest.mark.parametrize("root_path", ["", "/screener"])
@pytest.mark.parametrize("probe", ["/healthz", "/readyz"])
def test_health_probes_are_answered_under_overload_and_not_counted(
    probe: str, root_path: str
) -> None:
    async def main() -> None:
        inner = Held()
        app = InFlightLimit(inner, max_in_flight=1)
        held = await fill(app, 1)
        assert (await call(app, scope(probe, root_path=root_path))).status == 200
        assert app.in_flight == 1
        assert (await call(app, scope("/v1/rules", root_path=root_path))).status == 503
        inner.release.set()
        await asyncio.gather(*held)

    run_in_own_loop(main)


@pytest.mark.parametrize(
    ("headers", "closes"),
    [
        ([("content-length", "17")], True),
        ([("transfer-encoding", "chunked")], True),
        ([("content-length", "0")], False),
        ([], False),
    ],
)
def test_a_refusal_closes_the_connection_when_a_body_may_follow(
    headers: list[tuple[str, str]], closes: bool
) -> None:
    async def main() -> None:
        inner = Held()
        app = InFlightLimit(inner, max_in_flight=1)
        held = await fill(app, 1)
        refused = await call(app, scope(headers=headers))
        assert refused.status == 503
        assert (refused.headers.get("connection") == "close") is closes
        inner.release.set()
        await asyncio.gather(*held)

    run_in_own_loop(main)


def test_the_check_form_gets_plain_words() -> None:
    async def main() -> None:
        inner = Held()
        app = InFlightLimit(inner, max_in_flight=1)
        held = await fill(app, 1)
        refused = await call(app, scope("/"))
        assert refused.status == 503
        assert refused.headers["content-type"].startswith("text/plain")
        assert refused.headers["retry-after"] == "1"
        assert b"busy" in refused.messages[1]["body"]
        inner.release.set()
        await asyncio.gather(*held)

    run_in_own_loop(main)


def test_the_count_goes_down_when_the_app_fails() -> None:
    async def failing(scope: Scope, receive: Receive, send: Send) -> None:
        raise RuntimeError("boom")

    async def main() -> None:
        app = InFlightLimit(failing, max_in_flight=1)
        for _ in range(3):
            with pytest.raises(RuntimeError):
                await call(app)
            assert app.in_flight == 0

    run_in_own_loop(main)


def test_the_count_goes_down_when_the_client_goes_away() -> None:
    """A client that disconnects: the app hears http.disconnect and returns, or its send
    fails, or the server cancels its task. Each frees the place."""

    async def hears_disconnect(scope: Scope, receive: Receive, send: Send) -> None:
        assert (await receive())["type"] == "http.disconnect"

    async def gone(message: Message) -> None:
        raise OSError("the client went away")

    async def disconnect() -> Message:
        return {"type": "http.disconnect"}

    async def main() -> None:
        app = InFlightLimit(hears_disconnect, max_in_flight=1)
        await app(scope(), disconnect, Answer())
        assert app.in_flight == 0

        app = InFlightLimit(Held(), max_in_flight=1)
        held = await fill(app, 1)
        held[0].cancel()
        with pytest.raises(asyncio.CancelledError):
            await held[0]
        assert app.in_flight == 0

        inner = Held()
        inner.release.set()
        app = InFlightLimit(inner, max_in_flight=1)
        with pytest.raises(OSError):
            await app(scope(), unread, gone)
        assert app.in_flight == 0
        assert (await call(app)).status == 200

    run_in_own_loop(main)


def test_other_scopes_pass_through_uncounted() -> None:
    seen: list[str] = []

    async def inner(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(scope["type"])

    async def main() -> None:
        app = InFlightLimit(inner, max_in_flight=1)
        app.in_flight = 1  # full
        await app({"type": "lifespan"}, unread, Answer())
        await app({"type": "websocket", "path": "/ws"}, unread, Answer())
        assert app.in_flight == 1

    run_in_own_loop(main)
    assert seen == ["lifespan", "websocket"]


def test_refusals_are_logged_as_a_count_never_the_request(caplog: pytest.LogCaptureFixture) -> None:
    canary = "Zqxwv"

    async def main() -> None:
        inner = Held()
        app = InFlightLimit(inner, max_in_flight=1)
        held = await fill(app, 1)
        s = scope(f"/v1/check/{canary}", headers=[("x-note", canary)])
        s["query_string"] = canary.encode()
        for _ in range(5):
            assert (await call(app, s)).status == 503
        inner.release.set()
        await asyncio.gather(*held)

    with caplog.at_level(logging.DEBUG, logger="screener"):
        run_in_own_loop(main)
    lines = [r.getMessage() for r in caplog.records if "overloaded" in r.getMessage()]
    assert len(lines) == 1, "one line per interval, not one per refusal"
    assert "1 requests in flight" in lines[0]
    assert canary not in caplog.text

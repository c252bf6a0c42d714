"""Load shedding: a worker with ``max_in_flight`` requests in progress refuses the next
at once, with a 503 in our error shape (code ``overloaded``) and ``Retry-After``.

Why not uvicorn's ``limit_concurrency`` alone: its 503 is plain text, outside our error
shape and security headers, and it counts open connections, idle kept-alive ones
included, so 100 kept-alive clients at a limit of 100 got 96% 503s while the worker
was far from busy. It stays, set higher (``SCREENER_LIMIT_CONCURRENCY``), as a backstop
on connections; this counts requests.

What counts: an HTTP request from the moment its head reaches the app until its
response is sent, the client goes away or it fails, so one still sending its body,
waiting at the gate or queued for the batcher counts. One check runs at a time per
worker (spaCy holds the GIL): past the limit a request would only wait longer, holding
its body (up to ``SCREENER_MAX_BODY_BYTES``) in memory meanwhile.

The health probes (``/healthz``, ``/readyz``) neither count nor are refused: an
orchestrator must see a busy worker as alive and ready, not restart it. A refusal
reads no body, calls no route and logs nothing of the request; it is outside the gate,
so an overloaded worker spends no key check or rate-limit count on it. When a body may
still be coming it also closes the connection, so the unread rest is not drained, or
trickled, on a kept-alive connection.
"""

from __future__ import annotations

import logging
import math
import time

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from app.api.auth import FORM_PATH, refusal, route_path
from app.errors import Overloaded

log = logging.getLogger("screener")

PROBES = frozenset({"/healthz", "/readyz"})
# A refusal costs microseconds and a check tens of milliseconds: a second lets the queue
# drain by dozens of checks, and a client that backs off on repeated 503s waits longer.
RETRY_AFTER = 1
# Under overload every request is refused: one warning line per this many seconds.
_LOG_EVERY = 10.0


class InFlightLimit:
    """Counts this worker's HTTP requests in progress; refuses past ``max_in_flight``.
    One event loop per worker: the count changes only between awaits, so needs no lock."""

    def __init__(self, app: ASGIApp, max_in_flight: int, retry_after: int = RETRY_AFTER) -> None:
        self.app = app
        self.max_in_flight = max_in_flight
        self.retry_after = retry_after
        self.in_flight = 0
        self._refused = 0
        self._logged_at = -math.inf

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = route_path(scope)
        if path in PROBES:
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.max_in_flight:
            await self._refuse(scope, path, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1

    async def _refuse(self, scope: Scope, path: str, receive: Receive, send: Send) -> None:
        self._note_refusal()
        err = Overloaded(
            "The screener is busy with other checks. Try again in a moment.",
            retry_after=self.retry_after,
        )
        response = refusal(err, form=path == FORM_PATH)
        if _body_may_follow(Headers(scope=scope)):
            response.headers["Connection"] = "close"
        await response(scope, receive, send)

    def _note_refusal(self) -> None:
        self._refused += 1
        now = time.monotonic()
        if now - self._logged_at >= _LOG_EVERY:
            log.warning(
                "overloaded: %d requests in flight (SCREENER_MAX_IN_FLIGHT); "
                "%d refused with 503 since the last such line",
                self.in_flight,
                self._refused,
            )
            self._logged_at = now
            self._refused = 0


def _body_may_follow(headers: Headers) -> bool:
    length = headers.get("content-length", "0").strip()
    return "transfer-encoding" in headers or length not in ("", "0")

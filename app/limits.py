"""Limits on what a request may send, checked before any route sees it.

One plain-ASGI middleware reads the whole body first, then hands it on:

- **size**: a ``Content-Length`` over ``max_body_bytes`` is a 413 before a byte of the
  body is read; a body sent without a length (chunked) is a 413 as soon as it passes
  the limit, and the rest is never read;
- **time**: a body not complete within ``body_timeout`` seconds of the request (a client
  that sends headers, then trickles the body) is a 408, and the connection is closed.
  Only that request's coroutine waited: the event loop served other requests meanwhile;
- **JSON**: a body sent as JSON must be UTF-8 and parse, with no key twice in one
  object (a proxy and we could read different values), no number with thousands of
  digits, no ``NaN`` and no nesting past the parser's recursion limit: each a 400 in our
  error shape, where the framework would answer some with a bare 400 of its own.

Starlette's own ``max_body_size`` answers with plain text outside our error shape and
has no time limit, hence this. Every answer here is one of :mod:`app.errors`.
"""

from __future__ import annotations

import json
from typing import Any

import anyio
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import BadRequest, PayloadTooLarge, RequestTimeout, ScreenerError


class _Invalid(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Invalid("The request body has the same key twice in one object.")
    return out


def _no_constant(name: str) -> Any:
    raise _Invalid(f"The request body is not valid JSON: {name} is not a JSON number.")


def check_json(body: bytes) -> None:
    """Raise :class:`~app.errors.BadRequest` unless ``body`` is JSON we will read."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("The request body is not valid UTF-8.") from None
    try:
        json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except _Invalid as exc:
        raise BadRequest(str(exc)) from None
    except json.JSONDecodeError:
        raise BadRequest("The request body is not valid JSON.") from None
    except RecursionError:  # "[[[[..." nested past Python's recursion limit (~1,000)
        raise BadRequest("The request body nests too deeply.") from None
    except ValueError:  # an integer of more than 4,300 digits
        raise BadRequest("The request body has a number too large to read.") from None


def _is_json(headers: Headers) -> bool:
    media = headers.get("content-type", "").split(";")[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


class BodyLimits:
    def __init__(self, app: ASGIApp, max_body_bytes: int, body_timeout: float) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.body_timeout = body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        try:
            body = await self._read(headers, receive)
            if body and _is_json(headers):
                check_json(body)
        except ScreenerError as err:
            close = err.status in (408, 413)  # the rest of the body is never read
            extra = {"Connection": "close"} if close else None
            await JSONResponse(err.body(), status_code=err.status, headers=extra)(
                scope, receive, send
            )
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: wait for the disconnect

        await self.app(scope, replay, send)

    async def _read(self, headers: Headers, receive: Receive) -> bytes:
        limit = self.max_body_bytes
        length = headers.get("content-length")
        if length is not None and not length.isdigit():
            raise BadRequest("Content-Length is not a number of bytes.")
        if length is not None and int(length) > limit:
            raise _too_large(limit)
        chunks: list[bytes] = []
        size = 0
        with anyio.move_on_after(self.body_timeout) as timer:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    break
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > limit:
                    raise _too_large(limit)
                chunks.append(chunk)
                if not message.get("more_body", False):
                    break
        if timer.cancelled_caught:
            raise RequestTimeout(
                f"The request body did not arrive within {self.body_timeout:g} seconds."
            )
        return b"".join(chunks)


def _too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"The request body is over the limit of {limit:,} bytes.",
        fields=[{"field": "body", "problem": f"more than {limit} bytes"}],
    )

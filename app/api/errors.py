"""Every error leaves the API in one shape (app.errors.ScreenerError.body).

Nothing here logs or echoes the request body: validation messages name fields, never
values.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.api.schemas import ErrorResponse
from app.errors import (
    BadRequest,
    MethodNotAllowed,
    NotFound,
    ScreenerError,
    ValidationFailed,
)

log = logging.getLogger("screener.api")


def error_response(err: ScreenerError) -> JSONResponse:
    return JSONResponse(err.body(), status_code=err.status, headers=err.headers())


async def _screener_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ScreenerError)
    return error_response(exc)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(BadRequest("The request body is not valid JSON."))
    return error_response(validation_failed("request", errors))


def validation_failed(
    what: str, errors: Sequence[Any], prefix: tuple[str | int, ...] = ()
) -> ValidationFailed:
    """A 422 naming the fields pydantic refused and why: never their values."""
    fields = [
        {
            "field": ".".join(str(p) for p in (*prefix, *e.get("loc", ())) if p != "body"),
            "problem": str(e.get("msg", "invalid")),
        }
        for e in errors
    ]
    names = ", ".join(f["field"] or "body" for f in fields)
    return ValidationFailed(f"Invalid {what}: check {names}.", fields=fields)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    err: ScreenerError
    if exc.status_code == 404:
        err = NotFound("No such endpoint. See /docs.")
    elif exc.status_code == 405:
        err = MethodNotAllowed("Method not allowed on this endpoint. See /docs.")
    else:
        err = ScreenerError(str(exc.detail))
        err.status = exc.status_code
        err.code = "http_error"
    return JSONResponse(err.body(), status_code=err.status, headers=exc.headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The exception's message could quote its input; log only its type.
    log.error("unexpected error type=%s path=%s", type(exc).__name__, request.url.path)
    err = ScreenerError("Internal error. Nothing was stored.")
    err.status = 500
    err.code = "internal_error"
    return error_response(err)


def install(app: FastAPI) -> None:
    app.add_exception_handler(ScreenerError, _screener_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI declarations for the error statuses a route can return."""
    text = {
        400: "Malformed JSON.",
        401: "No API key, or one that is not configured.",
        403: "A policy or endpoint the API key is not bound to.",
        404: "Unknown policy.",
        413: "Text or batch over its configured limit.",
        415: "Body is not application/json.",
        422: "A field is missing, empty or of the wrong type.",
        429: "Over the API key's rate limit.",
        503: "Models or rules still loading (`not_ready`), or the worker has its limit of "
        "requests in flight (`overloaded`, with Retry-After; app.overload).",
    }
    headers: dict[int, dict[str, Any]] = {
        401: {
            "WWW-Authenticate": {
                "description": "The scheme to authenticate with.",
                "schema": {"type": "string"},
                "required": True,
            }
        },
        429: {
            "Retry-After": {
                "description": "Seconds to wait before retrying.",
                "schema": {"type": "integer", "minimum": 1},
                "required": True,
            }
        },
        503: {
            "Retry-After": {
                "description": "Seconds to wait before retrying (`overloaded` only).",
                "schema": {"type": "integer", "minimum": 1},
                "required": False,
            }
        },
    }
    declared: dict[int | str, dict[str, Any]] = {}
    for s in statuses:
        declared[s] = {"model": ErrorResponse, "description": text[s]}
        if s in headers:
            declared[s]["headers"] = headers[s]
    return declared


# The gate answers these on every route behind it, before the route runs.
GATE = (401, 429)
# A route that needs no model still gets app.overload's 503 (every route but the probes).
SHED = (503,)

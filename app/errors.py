"""Errors the screener raises on purpose, and the one JSON shape they take.

    ScreenerError                 every error of ours; carries status and code
    ├── BadRequest                400  malformed JSON (or not UTF-8, a key twice, ...)
    ├── Unauthorized              401  no API key, or one not configured
    ├── Forbidden                 403  a policy or endpoint the key is not bound to
    ├── NotFound                  404  unknown policy, unknown path
    ├── MethodNotAllowed          405
    ├── RequestTimeout            408  the body did not arrive in time
    ├── PayloadTooLarge           413  text, batch or body over its limit
    ├── UnsupportedMediaType      415  body is not application/json
    ├── ValidationFailed          422  fields missing or of the wrong type
    ├── InvalidConfig             422  a reload found a configuration file wrong (old one stays)
    ├── DataError                 command line only: an input file is unreadable (exit 65)
    ├── TooManyRequests           429  over the key's rate limit; carries retry_after
    ├── NotReady                  503  models, rules or keys still loading
    ├── Overloaded                503  the worker has its limit of requests in flight; carries
    │                                  retry_after
    └── ConfigError               a rule pack, policy, keys or model file is malformed: stops
                                  start-up; a reload answers it as 422 invalid_config

Every HTTP error body is ``{"error": {"status", "code", "message", "fields"}}``. Messages
never quote the submitted text.
"""

from __future__ import annotations

from typing import Any


class ScreenerError(Exception):
    status: int = 400
    code: str = "bad_request"

    def __init__(self, message: str, *, fields: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or []

    def headers(self) -> dict[str, str]:
        """HTTP headers the error's response carries (a challenge, a retry time)."""
        return {}

    def body(self) -> dict[str, Any]:
        return {
            "error": {
                "status": self.status,
                "code": self.code,
                "message": self.message,
                "fields": self.fields,
            }
        }


class BadRequest(ScreenerError):
    status = 400
    code = "malformed_json"


class Unauthorized(ScreenerError):
    status = 401
    code = "unauthorized"

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": 'Bearer realm="screener"'}


class Forbidden(ScreenerError):
    status = 403
    code = "forbidden"


class NotFound(ScreenerError):
    status = 404
    code = "not_found"


class MethodNotAllowed(ScreenerError):
    status = 405
    code = "method_not_allowed"


class RequestTimeout(ScreenerError):
    status = 408
    code = "request_timeout"


class PayloadTooLarge(ScreenerError):
    status = 413
    code = "payload_too_large"


class UnsupportedMediaType(ScreenerError):
    status = 415
    code = "unsupported_media_type"


class ValidationFailed(ScreenerError):
    status = 422
    code = "validation_failed"


class InvalidConfig(ScreenerError):
    status = 422
    code = "invalid_config"


class _RetryLater(ScreenerError):
    """An error the client may retry after ``retry_after`` seconds (``Retry-After``)."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


class TooManyRequests(_RetryLater):
    status = 429
    code = "rate_limited"


class NotReady(ScreenerError):
    status = 503
    code = "not_ready"


class Overloaded(_RetryLater):
    """Answered by app.overload before the app sees the request: nothing was read."""

    status = 503
    code = "overloaded"


class DataError(ScreenerError):
    """A file given to a command (``screener scan``, ``screener roster import``) cannot
    be read as what it should be: not UTF-8, no text column, a malformed line."""

    status = 422
    code = "data_error"


class ConfigError(ScreenerError):
    """A configuration file is wrong. Raised at start-up or on a reload, never because of
    what a request sent."""

    status = 500
    code = "config_error"

    def __init__(
        self, file: str, message: str, *, rule_id: str | None = None, field: str | None = None
    ) -> None:
        where = file
        if rule_id:
            where += f", rule {rule_id}"
        if field:
            where += f", field {field}"
        super().__init__(f"{where}: {message}")
        self.file = file
        self.rule_id = rule_id
        self.field = field

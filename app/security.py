"""Security headers on every response, from one plain-ASGI middleware.

Every response, error, 404 and 500 included, carries ``X-Content-Type-Options:
nosniff``, ``Referrer-Policy: no-referrer``, ``X-Frame-Options: DENY`` and a
Content-Security-Policy with ``frame-ancestors 'none'``; which policy depends on what
the path serves:

- the API (JSON): ``default-src 'none'``, nothing may load;
- the check form (``/`` and ``/static/``): this origin only (:data:`FORM_CSP`);
- the API docs (``/docs``, ``/redoc``): FastAPI's pages load Swagger UI and ReDoc from
  their CDN and start them with an inline script, so those are allowed there, and only
  there.

Responses other than static files are also ``Cache-Control: no-store`` unless they set
their own: a check response holds the draft, an error can hold a field name. The
middleware is installed outermost (:func:`install`), so even the 500 that Starlette's
error middleware sends itself has them.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
FORM_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
_CDN = "https://cdn.jsdelivr.net"
DOCS_CSP = (
    f"default-src 'none'; script-src {_CDN} 'unsafe-inline'; style-src {_CDN} "
    f"'unsafe-inline' https://fonts.googleapis.com; font-src https://fonts.gstatic.com; "
    "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
    "connect-src 'self'; worker-src blob:; frame-ancestors 'none'; base-uri 'none'"
)
_COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
_DOCS = ("/docs", "/redoc")


def csp_for(path: str) -> str:
    if path == "/" or path.startswith("/static/"):
        return FORM_CSP
    if path.startswith(_DOCS):
        return DOCS_CSP
    return API_CSP


def headers_for(path: str) -> list[tuple[bytes, bytes]]:
    """Every header this middleware adds to a response to ``path``."""
    headers = [(b"content-security-policy", csp_for(path).encode()), *_COMMON]
    if not path.startswith("/static/"):
        headers.append((b"cache-control", b"no-store"))
    return headers


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        ours = headers_for(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in ours if h[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install(app: FastAPI) -> None:
    """Make :class:`SecurityHeaders` the outermost layer of ``app``: outside Starlette's
    ServerErrorMiddleware too, which sends its 500 past every middleware added the
    usual way."""
    build: Callable[[], ASGIApp] = app.build_middleware_stack

    def build_with_headers() -> ASGIApp:
        return SecurityHeaders(build())

    app.build_middleware_stack = build_with_headers  # type: ignore[method-assign]

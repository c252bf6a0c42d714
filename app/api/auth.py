"""Who is calling: API keys and rate limits, checked before a request body is read.

The gate guards the API (``/v1/...``) and the check form (``/``); health, readiness,
the OpenAPI schema and static files stay open. With keys configured a request must
carry one, in ``X-API-Key``, ``Authorization: Bearer`` or, for the form in a browser,
``Authorization: Basic`` with the key as the password. With none configured the server
is loopback-only (``screener serve`` refuses anything else unless
``SCREENER_ALLOW_UNAUTHENTICATED``) and every caller is anonymous; an anonymous caller is
rate-limited per client address only when that setting opened the server up.

It is plain ASGI so that it answers 401 and 429 before FastAPI parses a body: an
unauthenticated client learns nothing from how its JSON is judged. Routes receive the
:class:`Caller` through :data:`CallerDep`, which also declares the schemes in OpenAPI.
"""

from __future__ import annotations

import binascii
from base64 import b64decode
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.responses import PlainTextResponse, Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from limits import RateLimitItem
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from app.api.errors import error_response
from app.errors import Forbidden, NotReady, ScreenerError, Unauthorized
from app.keys import KeyRing
from app.ratelimits import RateLimits, refuse_if_never_fits

FORM_PATH = "/"
_BASIC_CHALLENGE = 'Basic realm="screener", charset="UTF-8"'


@dataclass(frozen=True, slots=True)
class Caller:
    key_id: str | None = None  # None: no keys are configured
    policy: str | None = None  # the key's policy; None: any policy
    admin: bool = False

    def policy_for(self, requested: str | None) -> str | None:
        """The policy to check under: the key's own. Naming another is 403, whether it
        exists or not, so a key cannot learn which other organisations are served."""
        if self.policy is None:
            return requested
        if requested is not None and requested != self.policy:
            raise Forbidden(
                f"This key checks under policy {self.policy!r} only.",
                fields=[{"field": "policy", "problem": "not the key's policy"}],
            )
        return self.policy

    def may_use(self, policy_id: str) -> bool:
        return self.policy is None or policy_id == self.policy

    def sees(self, policy_id: str) -> bool:
        """Whether GET /v1/policies lists it: an organisation sees its own policy only."""
        return self.admin or self.may_use(policy_id)

    def require_admin(self) -> None:
        if not self.admin:
            raise Forbidden("This endpoint needs an API key with admin: true.")


class Gate:
    """The keys in force (swapped whole by a reload) and the rate-limit counts.
    ``keys_file`` is where a reload reads keys from; None keeps ``keys`` as given."""

    def __init__(
        self,
        keys: KeyRing,
        default_limit: RateLimitItem,
        limit_anonymous: bool = False,
        keys_file: Path | None = None,
    ) -> None:
        self.keys = keys
        self.keys_file = keys_file
        self.default_limit = default_limit
        self.limit_anonymous = limit_anonymous
        self.limits = RateLimits()

    async def admit(self, headers: Headers, client: str) -> Caller:
        """The caller, with one check counted; Unauthorized or TooManyRequests if not."""
        keys = self.keys  # one ring for the whole request, even across a reload
        if not keys.enabled:
            if self.limit_anonymous:
                await self.limits.spend(f"client:{client}", self.default_limit)
            return Caller()
        presented = _presented_key(headers)
        if presented is None:
            raise Unauthorized("Send an API key in X-API-Key or Authorization: Bearer.")
        key = keys.find(presented)
        if key is None:
            raise Unauthorized("Unknown API key.")
        await self.limits.spend(f"key:{key.id}", keys.limit(key.id, self.default_limit))
        return Caller(key_id=key.id, policy=key.policy, admin=key.admin)

    async def admit_batch(self, caller: Caller, items: int, client: str) -> None:
        """Count the rest of a batch: admit() counted its first item."""
        if caller.key_id is not None:
            limit = self.keys.limit(caller.key_id, self.default_limit)
            who = f"key:{caller.key_id}"
        elif self.limit_anonymous:
            limit, who = self.default_limit, f"client:{client}"
        else:
            return
        refuse_if_never_fits(items, limit)
        await self.limits.spend(who, limit, items - 1)


def _presented_key(headers: Headers) -> str | None:
    api_key = headers.get("x-api-key", "").strip() or None
    scheme, _, value = headers.get("authorization", "").partition(" ")
    other = None
    if scheme.lower() == "bearer":
        other = value.strip() or None
    elif scheme.lower() == "basic":
        other = _basic_password(value.strip())
    if api_key and other and api_key != other:
        raise Unauthorized("X-API-Key and Authorization carry different keys; send one.")
    return api_key or other


def _basic_password(value: str) -> str | None:
    # A browser's sign-in prompt for the form: any user name, the API key as password.
    try:
        decoded = b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return decoded.partition(":")[2] or None


def _protected(path: str) -> bool:
    return path == FORM_PATH or path.startswith("/v1/")


def route_path(scope: Scope) -> str:
    # What the router matches: behind a proxy prefix (--root-path) "path" carries it.
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class GateMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = route_path(scope) if scope["type"] == "http" else ""
        if not _protected(path):
            await self.app(scope, receive, send)
            return
        gate: Gate | None = getattr(scope["app"].state, "gate", None)
        try:
            if gate is None:
                raise NotReady("API keys are still loading.")
            caller = await gate.admit(Headers(scope=scope), client_address(scope))
        except ScreenerError as err:
            await refusal(err, path == FORM_PATH)(scope, receive, send)
            return
        scope.setdefault("state", {})["caller"] = caller
        await self.app(scope, receive, send)


def refusal(err: ScreenerError, form: bool) -> Response:
    """The response refusing a request with ``err``: the error shape, or for the form
    (``form``) plain words a browser shows."""
    if not form:
        return error_response(err)
    # A person in a browser: words, not JSON, and the browser's sign-in prompt.
    headers, message = err.headers(), err.message
    if isinstance(err, Unauthorized):
        headers["WWW-Authenticate"] = _BASIC_CHALLENGE
        message = "Sign in with your organisation's API key as the password (any user name)."
    return PlainTextResponse(message, status_code=err.status, headers=headers)


_KEY_HEADER = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="An API key: `screener keys new`."
)
_BEARER = HTTPBearer(auto_error=False, description="The same API key, as a bearer token.")


async def get_caller(
    request: Request,
    _key: Annotated[str | None, Security(_KEY_HEADER)],
    _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_BEARER)],
) -> Caller:
    """The caller the gate admitted. The two unused parameters declare the schemes."""
    return caller_of(request)


def caller_of(request: Request) -> Caller:
    caller = request.scope.get("state", {}).get("caller")
    if not isinstance(caller, Caller):  # a route outside the gate's paths: refuse
        raise Unauthorized("This endpoint is not behind the API key check.")
    return caller


CallerDep = Annotated[Caller, Depends(get_caller)]


def gate_of(request: Request) -> Gate:
    gate: Gate = request.app.state.gate  # set whenever the gate admitted the request
    return gate

"""The ASGI application: ``uvicorn app.main:app`` or ``screener serve``."""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from limits import parse
from sqlalchemy import make_url
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import __version__, security, web
from app.api import admin, errors
from app.api.auth import Gate, GateMiddleware
from app.api.routes import router
from app.audit import AuditLog
from app.config import Settings, get_settings
from app.errors import ConfigError
from app.keys import load_keys
from app.limits import BodyLimits
from app.logs import configure
from app.overload import InFlightLimit
from app.screener import Screener

log = logging.getLogger("screener")


def create_app(
    settings: Settings | None = None,
    screener: Screener | None = None,
    gate: Gate | None = None,
    audit: AuditLog | None = None,
) -> FastAPI:
    """Build the app. Tests pass a loaded ``screener`` to share one, and a ``gate`` (API
    keys) or an ``audit`` log of their own; the lifespan loads whatever is not given."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        s = settings or get_settings()
        # Each `serve --workers N` worker is a new (spawned) process: the parent's logging
        # set-up does not reach it. Configure here too (a no-op where logging already is),
        # so a worker's lines are written and Presidio's debug lines are never.
        configure(s.log_level)
        if screener is None:
            t0 = time.perf_counter()
            app.state.screener = Screener(s)
            log.info("ready in %.1fs", time.perf_counter() - t0)
        if gate is None:
            ring = load_keys(s.keys_file, app.state.screener.policies)
            app.state.gate = Gate(ring, parse(s.rate_limit), s.allow_unauthenticated, s.keys_file)
        if audit is None and s.audit:
            app.state.audit = AuditLog.open(s)
        _announce(s, app.state.gate, app.state.audit)
        unhook = _reload_on_sighup(app)
        try:
            yield
        finally:
            unhook()
            if audit is None and app.state.audit is not None:
                app.state.audit.close()

    app = FastAPI(
        title="The screener",
        version=__version__,
        description="Checks a draft social-media post for client-privacy and policy "
        "problems before it is published. Nothing sent is stored or logged.",
        lifespan=lifespan,
    )
    app.state.screener = screener  # None until the lifespan has loaded one
    app.state.gate = gate  # likewise; the gate answers 503 until then
    app.state.audit = audit
    errors.install(app)
    app.include_router(router)
    app.include_router(admin.router)
    # the body is read (and limited) only for a caller the gate let in
    limits = settings or get_settings()
    app.add_middleware(
        BodyLimits, max_body_bytes=limits.max_body_bytes, body_timeout=limits.body_timeout
    )
    app.add_middleware(GateMiddleware)  # inside the security headers and the log
    web.install(app)  # the check form at /
    # outside the gate and the body limits, so a refusal reads and counts nothing; inside
    # the log and the security headers, so it is logged and has them like any answer
    app.add_middleware(InFlightLimit, max_in_flight=limits.max_in_flight)
    app.add_middleware(_AccessLog)
    security.install(app)  # outermost: headers on every response, a 500 included
    return app


def _announce(settings: Settings, gate: Gate, audit: AuditLog | None) -> None:
    if gate.keys.enabled:
        policies = sorted({k.policy for k in gate.keys.keys})
        log.info("API keys: %d, for policies %s", len(gate.keys.keys), ",".join(policies))
    else:
        log.warning(
            "no API keys (SCREENER_KEYS_FILE unset): unauthenticated, %s",
            "open to any address (SCREENER_ALLOW_UNAUTHENTICATED)"
            if settings.allow_unauthenticated
            else "serving this machine only (loopback)",
        )
    if audit is None:
        log.info("audit log: off")
    else:
        url = make_url(settings.audit_database_url).render_as_string(hide_password=True)
        days = settings.audit_retention_days
        log.info("audit log: %s, kept %s", url, f"{days} days" if days else "for ever")


def _reload_on_sighup(app: FastAPI) -> Callable[[], None]:
    """SIGHUP reloads rules, policies, rosters and keys, as POST /v1/admin/reload does. Only a
    process's main thread may take signals (not so under a test client): then nothing."""
    loop = asyncio.get_running_loop()
    tasks: set[asyncio.Task[None]] = set()

    async def reload() -> None:
        try:
            await admin.reload_config(app)
        except ConfigError as exc:
            log.error("SIGHUP reload refused, the rules in force stay: %s", exc.message)

    def on_signal() -> None:
        task = loop.create_task(reload())
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    try:
        loop.add_signal_handler(signal.SIGHUP, on_signal)
    except (ValueError, RuntimeError, NotImplementedError):
        return lambda: None

    def unhook() -> None:
        loop.remove_signal_handler(signal.SIGHUP)

    return unhook


class _AccessLog:
    """Method, route template, status and time of each request: never the body, the
    query string or a raw path (a client could put anything in a path). Plain ASGI,
    so it adds no task or body copy to a request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = scope.get("route")
            log.info(
                "%s %s %d %.1fms",
                scope["method"],
                getattr(route, "path", "<unmatched>"),
                status,
                (time.perf_counter() - t0) * 1000,
            )


app = create_app()

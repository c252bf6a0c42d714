"""The ASGI application: ``uvicorn app.main:app`` or ``screener serve``."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import __version__, security, web
from app.api import errors
from app.api.routes import router
from app.config import Settings, get_settings
from app.limits import BodyLimits
from app.screener import Screener

log = logging.getLogger("screener")


def create_app(settings: Settings | None = None, screener: Screener | None = None) -> FastAPI:
    """Build the app. ``screener`` lets tests share one loaded screener."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if screener is None:
            t0 = time.perf_counter()
            app.state.screener = Screener(settings or get_settings())
            log.info("ready in %.1fs", time.perf_counter() - t0)
        yield

    app = FastAPI(
        title="The screener",
        version=__version__,
        description="Checks a draft social-media post for client-privacy and policy "
        "problems before it is published. Nothing sent is stored or logged.",
        lifespan=lifespan,
    )
    app.state.screener = screener  # None until the lifespan has loaded one
    errors.install(app)
    app.include_router(router)
    web.install(app)  # the check form at /

    limits = settings or get_settings()
    app.add_middleware(
        BodyLimits, max_body_bytes=limits.max_body_bytes, body_timeout=limits.body_timeout
    )
    app.add_middleware(_AccessLog)
    security.install(app)  # outermost: headers on every response, a 500 included
    return app


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

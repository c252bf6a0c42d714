"""The ASGI application: ``uvicorn app.main:app`` or ``screener serve``."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response

from app import __version__
from app.api import errors
from app.api.routes import router
from app.config import Settings, get_settings
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

    @app.middleware("http")
    async def access_log(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # Method, route template, status and time only: never the body, the query
        # string or a raw path (a client could put anything in a path).
        t0 = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        log.info(
            "%s %s %d %.1fms",
            request.method,
            getattr(route, "path", "<unmatched>"),
            response.status_code,
            (time.perf_counter() - t0) * 1000,
        )
        return response

    return app


app = create_app()

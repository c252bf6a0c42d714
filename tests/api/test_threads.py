"""What a check costs in the server's threads beyond the check itself."""

from __future__ import annotations

import contextvars
import inspect

import pytest
import thinc.backends
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from app.api.routes import router
from app.screener import Screener

pytestmark = pytest.mark.slow


def test_a_parse_in_a_fresh_context_does_not_look_thincs_backend_up_again(
    screener: Screener, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check in the server runs in a worker thread, in a copy of the event loop's
    context, where thinc's backend was never set: thinc then looked it up through the
    installed packages' entry points (~0.9 ms) on every parse."""

    def no_lookup(*_: object, **__: object) -> None:
        raise AssertionError("thinc looked its backend up again")

    monkeypatch.setattr(thinc.backends, "get_ops", no_lookup)
    for texts in (["Met with Maria Lopez today"], ["Met with Maria Lopez today", "two"]):
        parsed = contextvars.Context().run(screener.adapter.parse, texts)
        assert [p.text for p in parsed] == texts
        assert [e.text for e in parsed[0].doc.ents] == ["Maria Lopez"]


def _sync_dependencies(dependant: Dependant) -> list[str]:
    found = []
    for dep in dependant.dependencies:
        call = dep.call
        if call is not None and not (
            inspect.iscoroutinefunction(call)
            or inspect.iscoroutinefunction(type(call).__call__)  # APIKeyHeader, HTTPBearer
        ):
            found.append(getattr(call, "__name__", repr(call)))
        found += _sync_dependencies(dep)
    return found


@pytest.mark.parametrize("path", ["/v1/check", "/v1/check/batch"])
def test_the_check_routes_make_no_trip_to_the_thread_pool_but_the_check(path: str) -> None:
    """FastAPI runs a plain ``def`` dependency in its thread pool: each is a trip to a
    thread and back, under load a wait for the GIL, before the check has begun."""
    (route,) = [r for r in router.routes if isinstance(r, APIRoute) and r.path == path]
    assert inspect.iscoroutinefunction(route.endpoint)
    assert _sync_dependencies(route.dependant) == []

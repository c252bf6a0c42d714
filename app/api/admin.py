"""Admin endpoints (an API key with ``admin: true``): reload rules, policies, rosters and keys
without a restart, and export the audit log as CSV.

A reload reads and validates everything first and swaps it in only if all of it is
right; a wrong file leaves what is in force untouched and is answered 422 naming the
file and the field. SIGHUP does the same (app.main).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import anyio.to_thread
from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, BeforeValidator

from app.api.auth import CallerDep
from app.api.errors import GATE, SHED, responses
from app.api.routes import ScreenerDep, limiter_of
from app.audit import store
from app.errors import ConfigError, InvalidConfig, NotFound
from app.keys import load_keys

log = logging.getLogger("screener.admin")
router = APIRouter(prefix="/v1/admin", tags=["admin"])


class ReloadResponse(BaseModel):
    status: Literal["reloaded"]
    rules: int
    policies: list[str]
    keys: int
    rosters: list[str]  # the policies that have a client roster


class CsvResponse(StreamingResponse):
    media_type = "text/csv"


async def reload_config(app: FastAPI) -> ReloadResponse:
    """Re-read rules/, rules/policies/, the client rosters and the keys file; swap them in
    together, or raise ConfigError and change nothing. Runs in the check limiter's turn, so it never
    builds matchers on the shared spaCy vocabulary while a check uses it."""
    screener, gate = app.state.screener, app.state.gate

    def build() -> Any:
        book = screener.compile()
        keys = gate.keys if gate.keys_file is None else load_keys(gate.keys_file, book.policies)
        return book, keys

    book, keys = await anyio.to_thread.run_sync(build, limiter=limiter_of(app.state))
    screener.rulebook, gate.keys = book, keys
    result = ReloadResponse(
        status="reloaded",
        rules=len(book.ruleset.rules()),
        policies=list(book.policies),
        keys=len(keys.keys),
        rosters=sorted(book.rosters),
    )
    log.info(
        "reloaded: %d rules, policies %s, %d keys",
        result.rules,
        ",".join(result.policies),
        result.keys,
    )
    return result


@router.post(
    "/reload",
    response_model=ReloadResponse,
    responses=responses(403, 422, 503, *GATE),
    summary="Reload rules, policies and API keys",
)
async def reload(request: Request, caller: CallerDep, _: ScreenerDep) -> ReloadResponse:
    caller.require_admin()
    try:
        return await reload_config(request.app)
    except ConfigError as exc:
        log.error("reload refused, the rules in force stay: %s", exc.message)
        raise InvalidConfig(
            f"Nothing was reloaded: {exc.message}",
            fields=[{"field": exc.field or "", "problem": exc.message}],
        ) from exc


def _as_json(declared: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    # FastAPI files a response "model" under the route's media type, text/csv here;
    # errors are JSON whatever the route sends on success.
    ref = {"$ref": "#/components/schemas/ErrorResponse"}
    return {
        status: {
            **{k: v for k, v in d.items() if k != "model"},
            "content": {"application/json": {"schema": ref}},
        }
        for status, d in declared.items()
    }


_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def _rfc3339(value: object) -> object:
    # What the schema's format: date-time promises, and no more: pydantic alone would
    # also take a number as a Unix time, or a time with no zone.
    if isinstance(value, str) and not _RFC3339.fullmatch(value):
        raise ValueError("not an RFC 3339 time, e.g. 2026-11-01T00:00:00Z")
    return value


Rfc3339 = Annotated[datetime, BeforeValidator(_rfc3339)]


@router.get(
    "/audit.csv",
    response_class=CsvResponse,
    responses={
        200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV."},
        **_as_json(responses(403, 404, 422, *SHED, *GATE)),
    },
    summary="Export the audit log as CSV",
)
async def audit_csv(
    request: Request,
    caller: CallerDep,
    since: Annotated[Rfc3339 | None, Query(description="From this time on.")] = None,
    until: Annotated[Rfc3339 | None, Query(description="Before this time.")] = None,
    policy: Annotated[str | None, Query(description="One policy's rows only.")] = None,
) -> CsvResponse:
    caller.require_admin()
    audit_log = getattr(request.app.state, "audit", None)
    if audit_log is None:
        raise NotFound("The audit log is off (SCREENER_AUDIT=false).")
    await anyio.to_thread.run_sync(audit_log.flush)  # include the checks just made

    def lines() -> Iterator[str]:
        yield from store.csv_lines(store.read(audit_log.engine, since, until, policy))

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return CsvResponse(
        lines(),
        headers={"Content-Disposition": f'attachment; filename="audit-{stamp}.csv"'},
    )

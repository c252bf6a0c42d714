"""Schemathesis fuzzes every operation of the OpenAPI schema, in process and with API
keys on: no 5xx, every status, header and body as declared, and auth enforced (its
`ignored_auth` check sends each request again without the key and with a wrong one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from limits import parse

from app.api.auth import Gate
from app.audit import AuditLog
from app.config import Settings
from app.keys import ApiKey, KeyRing, hash_key
from app.main import create_app
from app.screener import Screener

# The schema is static; reading it needs no model. Calls go to an app holding the real one.
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())

KEY = "scr_contract-fuzzing-key"
# An admin key, so the admin endpoints are fuzzed too, with a limit the fuzzing never reaches.
RING = KeyRing.of(
    [
        ApiKey(
            id="fuzz",
            policy="default",
            hash=hash_key(KEY),
            rate_limit="1000000/minute",
            admin=True,
        )
    ]
)


@pytest.fixture(scope="module")
def loaded_app(screener: Screener, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    data: Path = tmp_path_factory.mktemp("contract")
    audit = AuditLog.open(Settings(data_dir=data))
    yield create_app(screener=screener, gate=Gate(RING, parse("600/minute")), audit=audit)
    audit.close()


# A reload re-reads every rule file and rebuilds the engine (seconds, not milliseconds):
# fuzzed like the rest, its generated cases made this the slowest test of the suite (340
# of CI's seconds on 2026-11-27). Its request has no body and no parameter, only the key,
# so the two cases that can differ (with the key, without it) cover its schema.
RELOAD = "/v1/admin/reload"


@pytest.mark.slow
@schema.exclude(path=RELOAD).parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case: schemathesis.Case, loaded_app: FastAPI) -> None:
    case.call_and_validate(app=loaded_app, headers={"X-API-Key": KEY})


@pytest.mark.slow
@pytest.mark.parametrize("headers", [{"X-API-Key": KEY}, {}], ids=["admin key", "no key"])
def test_reload_conforms_to_its_schema(headers: dict[str, str], loaded_app: FastAPI) -> None:
    schema[RELOAD]["POST"].Case().call_and_validate(app=loaded_app, headers=headers)

"""Schemathesis fuzzes every operation of the OpenAPI schema, in process: no 5xx, every
status, header and body as declared."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings

from app.main import create_app
from app.screener import Screener

# The schema is static; reading it needs no model. Calls go to an app holding the real one.
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())


@pytest.fixture(scope="module")
def loaded_app(screener: Screener) -> FastAPI:
    return create_app(screener=screener)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case: schemathesis.Case, loaded_app: FastAPI) -> None:
    case.call_and_validate(app=loaded_app)

"""Security headers on every response: API, errors, 404s, docs, the form, static files,
the limits' own answers and even a 500."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.screener import Screener
from app.security import API_CSP, DOCS_CSP, FORM_CSP

pytestmark = pytest.mark.slow

COMMON = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}

REQUESTS: list[tuple[str, str, dict[str, Any], str]] = [
    ("POST", "/v1/check", {"json": {"text": "My client Maria Lopez"}}, API_CSP),
    ("POST", "/v1/check/batch", {"json": {"items": [{"id": "1", "text": "hi"}]}}, API_CSP),
    ("GET", "/v1/rules", {}, API_CSP),
    ("GET", "/v1/policies", {}, API_CSP),
    ("GET", "/healthz", {}, API_CSP),
    ("GET", "/readyz", {}, API_CSP),
    ("GET", "/openapi.json", {}, API_CSP),
    ("POST", "/v1/check", {"json": {"text": ""}}, API_CSP),  # 422
    (
        "POST",
        "/v1/check",
        {"content": b"{", "headers": {"content-type": "application/json"}},
        API_CSP,
    ),
    ("POST", "/v1/check", {"content": b"x", "headers": {"content-type": "text/plain"}}, API_CSP),
    ("GET", "/v1/check", {}, API_CSP),  # 405
    ("GET", "/nowhere", {}, API_CSP),  # 404
    ("GET", "/docs", {}, DOCS_CSP),
    ("GET", "/redoc", {}, DOCS_CSP),
    ("GET", "/", {}, FORM_CSP),
    ("POST", "/", {"data": {"text": "My client Maria Lopez"}}, FORM_CSP),
    ("GET", "/static/app.js", {}, FORM_CSP),
    ("GET", "/static/nothing.js", {}, FORM_CSP),  # 404 under /static
    (
        "POST",
        "/v1/check",
        {"content": b"{}" * 600_000, "headers": {"content-type": "application/json"}},
        API_CSP,
    ),  # 413
]


@pytest.mark.parametrize(("method", "path", "kwargs", "csp"), REQUESTS)
def test_every_response_carries_the_security_headers(
    client: TestClient, method: str, path: str, kwargs: dict[str, Any], csp: str
) -> None:
    resp = client.request(method, path, **kwargs)
    assert resp.headers["content-security-policy"] == csp
    assert "frame-ancestors 'none'" in csp
    for name, value in COMMON.items():
        assert resp.headers[name] == value, name
    # once each: the middleware adds only what a response has not set itself
    assert resp.headers.get_list("content-security-policy") == [csp]
    if not path.startswith("/static/"):
        assert resp.headers["cache-control"] == "no-store"


def test_a_check_response_is_never_cached(client: TestClient) -> None:
    resp = client.post("/v1/check", json={"text": "My client Maria Lopez"})
    assert resp.status_code == 200
    assert resp.headers["cache-control"] == "no-store"


@pytest.fixture
def failing_client(screener: Screener) -> Iterator[TestClient]:
    app = create_app(screener=screener)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_even_a_500_carries_them(failing_client: TestClient) -> None:
    resp = failing_client.get("/boom")
    assert resp.status_code == 500
    assert resp.json()["error"]["code"] == "internal_error"
    assert resp.headers["content-security-policy"] == API_CSP
    for name, value in COMMON.items():
        assert resp.headers[name] == value

"""One error shape everywhere (datasette-style): every bad request, every endpoint."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow

TOO_LONG = "a" * 20_001


def _assert_error(resp: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "fields"}
    assert body["error"]["status"] == status
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return dict(body["error"])


@pytest.mark.parametrize("path", ["/v1/check", "/v1/check/batch"])
def test_malformed_json_is_400(client: TestClient, path: str) -> None:
    resp = client.post(
        path, content=b'{"text": "unterminated', headers={"content-type": "application/json"}
    )
    _assert_error(resp, 400, "malformed_json")


@pytest.mark.parametrize("path", ["/v1/check", "/v1/check/batch"])
@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded", None])
def test_wrong_content_type_is_415(client: TestClient, path: str, ctype: str | None) -> None:
    headers = {"content-type": ctype} if ctype else {}
    resp = client.post(path, content=b'{"text": "hello"}', headers=headers)
    _assert_error(resp, 415, "unsupported_media_type")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": ""},
        {"text": 12},
        {"text": None},
        {"text": ["a"]},
        {"text": "a", "policy": 3},
        {"text": "a", "offsets": "bytes"},
        [],
        "text",
    ],
)
def test_missing_empty_or_non_string_text_is_422(client: TestClient, body: Any) -> None:
    err = _assert_error(client.post("/v1/check", json=body), 422, "validation_failed")
    assert err["fields"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        [],
        {"items": []},
        {"items": "a"},
        {"items": {"id": "1", "text": "a"}},
        {"items": [{"id": "1", "text": "a"}], "policy": 3},
        {"items": [{"id": "1", "text": "a"}], "offsets": "bytes"},
    ],
)
def test_bad_batch_is_422(client: TestClient, body: Any) -> None:
    """What is wrong with the request as a whole; a bad item is not (tests/api/test_batch.py)."""
    _assert_error(client.post("/v1/check/batch", json=body), 422, "validation_failed")


def test_text_over_the_limit_is_413(client: TestClient) -> None:
    err = _assert_error(client.post("/v1/check", json={"text": TOO_LONG}), 413, "payload_too_large")
    assert "20000" in err["message"]


def test_batch_over_the_item_limit_is_413(client: TestClient) -> None:
    items = [{"id": str(n), "text": "hi"} for n in range(501)]
    _assert_error(client.post("/v1/check/batch", json={"items": items}), 413)


@pytest.mark.parametrize("path", ["/v1/check", "/v1/check/batch"])
def test_unknown_policy_is_404(client: TestClient, path: str) -> None:
    body = (
        {"text": "hi", "policy": "nope"}
        if path == "/v1/check"
        else {"items": [{"id": "1", "text": "hi"}], "policy": "nope"}
    )
    err = _assert_error(client.post(path, json=body), 404, "not_found")
    assert "nope" in err["message"]


def test_unknown_path_and_wrong_method(client: TestClient) -> None:
    _assert_error(client.get("/v1/nothing"), 404, "not_found")
    _assert_error(client.get("/v1/check"), 405, "method_not_allowed")
    _assert_error(client.delete("/v1/rules"), 405, "method_not_allowed")


def test_every_declared_error_status_uses_the_error_schema(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            for status, resp in op["responses"].items():
                if status.startswith(("4", "5")):
                    ref = resp["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorResponse"), (path, method, status)


@pytest.mark.parametrize(
    ("path", "statuses"),
    [
        ("/v1/check", {"200", "400", "404", "413", "415", "422", "503"}),
        ("/v1/check/batch", {"200", "400", "404", "413", "415", "422", "503"}),
        ("/v1/rules", {"200", "503"}),
        ("/v1/policies", {"200", "503"}),
        ("/healthz", {"200"}),
        ("/readyz", {"200", "503"}),
    ],
)
def test_openapi_declares_every_status(client: TestClient, path: str, statuses: set[str]) -> None:
    ops = client.get("/openapi.json").json()["paths"][path]
    declared = set(next(iter(ops.values()))["responses"])
    assert statuses <= declared


def test_lone_surrogates_are_422_not_500(client: TestClient) -> None:
    body = b'{"text": "\\ud800 my client Maria Lopez"}'
    resp = client.post("/v1/check", content=body, headers={"content-type": "application/json"})
    _assert_error(resp, 422, "validation_failed")

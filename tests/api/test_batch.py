"""POST /v1/check/batch: one bad item gets its own error in `results`; the batch goes on.

The same mixed batch is sent in process and to a real `screener serve`.
"""

from __future__ import annotations

from typing import Any

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from tests.conftest import Server

pytestmark = pytest.mark.slow

TOO_LONG = "a" * 20_001
# (item, expected id in results, expected verdict or (status, code, field) of its error)
MIXED: list[tuple[Any, str | None, Any]] = [
    ({"id": "ok", "text": "Join us Saturday for our annual fundraiser!"}, "ok", "pass"),
    ({"id": "name", "text": "So proud of my client Maria Lopez!"}, "name", "block"),
    ({"id": "empty", "text": ""}, "empty", (422, "validation_failed", "items.2.text")),
    ({"id": "long", "text": TOO_LONG}, "long", (413, "payload_too_large", "items.3.text")),
    ({"id": "num", "text": 42}, "num", (422, "validation_failed", "items.4.text")),
    ({"text": "Our office is open today."}, None, (422, "validation_failed", "items.5.id")),
    ({"id": 7, "text": "Our office is open."}, None, (422, "validation_failed", "items.6.id")),
    ("just a string", None, (422, "validation_failed", "items.7")),
    (None, None, (422, "validation_failed", "items.8")),
    ({"id": "ok", "text": "A repeated id."}, "ok", (422, "validation_failed", "items.9.id")),
    ({"id": "phone", "text": "Call our front desk at 555-201-3344."}, "phone", "warn"),
]


def _assert_mixed(body: dict[str, Any]) -> None:
    results = body["results"]
    assert len(results) == len(MIXED)
    for result, (_, expected_id, expected) in zip(results, MIXED, strict=True):
        assert result["id"] == expected_id
        if isinstance(expected, str):
            assert "error" not in result
            assert result["verdict"] == expected
            assert result["policy"]["id"] == "default"
        else:
            status, code, field = expected
            assert set(result) == {"id", "error"}
            err = result["error"]
            assert set(err) == {"status", "code", "message", "fields"}
            assert (err["status"], err["code"]) == (status, code)
            assert field in [f["field"] for f in err["fields"]], err
            assert "Maria" not in err["message"]


def test_mixed_batch_in_process(client: TestClient) -> None:
    resp = client.post("/v1/check/batch", json={"items": [item for item, _, _ in MIXED]})
    assert resp.status_code == 200, resp.text
    _assert_mixed(resp.json())


def test_mixed_batch_on_a_real_server(server: Server) -> None:
    items = [item for item, _, _ in MIXED]
    resp = httpx.post(f"{server.url}/v1/check/batch", json={"items": items}, timeout=30)
    assert resp.status_code == 200, resp.text
    _assert_mixed(resp.json())
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert "errors=8" in log
    assert "Maria" not in log


def test_a_batch_of_only_bad_items_is_still_answered(client: TestClient) -> None:
    resp = client.post("/v1/check/batch", json={"items": [{"id": "a"}, {"id": "b", "text": ""}]})
    assert resp.status_code == 200
    assert [r["error"]["status"] for r in resp.json()["results"]] == [422, 422]


def test_item_errors_do_not_shift_offsets_or_results(client: TestClient) -> None:
    text = "🎉 my client Maria Lopez got her GED"
    items = [{"id": "bad"}, {"id": "good", "text": text}]
    body = client.post("/v1/check/batch", json={"items": items, "offsets": "utf16"}).json()
    v = next(v for v in body["results"][1]["violations"] if v["text"] == "Maria Lopez")
    assert v["start"] == text.index("Maria") + 1


def test_lone_surrogate_in_an_item_is_that_items_error(client: TestClient) -> None:
    body = b'{"items": [{"id": "1", "text": "\\ud83d"}, {"id": "2", "text": "Hello"}]}'
    resp = client.post(
        "/v1/check/batch", content=body, headers={"content-type": "application/json"}
    )
    assert resp.status_code == 200, resp.text
    first, second = resp.json()["results"]
    assert first["error"]["fields"][0]["field"] == "items.0.text"
    assert second["verdict"] == "pass"


def test_unknown_policy_still_fails_the_whole_batch(client: TestClient) -> None:
    body = {"items": [{"id": "a"}], "policy": "nope"}
    assert client.post("/v1/check/batch", json=body).status_code == 404


def test_openapi_documents_both_kinds_of_result(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    results = schema["components"]["schemas"]["BatchResponse"]["properties"]["results"]
    refs = {s["$ref"].rsplit("/", 1)[-1] for s in results["items"]["anyOf"]}
    assert refs == {"BatchResult", "BatchItemError"}

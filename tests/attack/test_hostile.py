"""Bad and hostile bodies, to the app in-process: each a 4xx in the one error shape."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.limits import BodyLimits
from app.main import create_app
from app.screener import Screener
from tests.api.test_errors import _assert_error as assert_error  # the one error shape

pytestmark = pytest.mark.slow

JSON = {"content-type": "application/json"}
MIB = 1024 * 1024


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b'{"text": "\xff\xfe my client"}', "UTF-8"),  # invalid UTF-8
        (b'{"text": "\xed\xa0\x80"}', "UTF-8"),  # an encoded surrogate
        (b"[" * 100_000, "nests"),
        (b'{"text": ' + b"[" * 5_000 + b"]" * 5_000 + b"}", "nests"),
        (b'{"text": 1' + b"9" * 5_000 + b"}", "number"),
        (b'{"text": "hi", "text": "my client Maria Lopez"}', "twice"),
        (b'{"items": [{"id": "1", "text": "a", "id": "2"}]}', "twice"),
        (b'{"text": NaN}', "NaN"),
        (b'{"text": -Infinity}', "Infinity"),
        (b'{"text": "my client\x00Maria"}', "JSON"),  # a raw NUL is not valid JSON
        (b"\x00\x00\x00", "JSON"),
        (b'{"text": "unterminated', "JSON"),
    ],
)
@pytest.mark.parametrize("path", ["/v1/check", "/v1/check/batch"])
def test_malformed_bodies_are_400(client: TestClient, path: str, body: bytes, words: str) -> None:
    err = assert_error(client.post(path, content=body, headers=JSON), 400, "malformed_json")
    assert words in err["message"]


@pytest.mark.parametrize("text", ["my client Maria\u0000 Lopez", "\u0000", "a\u001b[31mred"])
def test_control_characters_in_a_draft_are_422(client: TestClient, text: str) -> None:
    err = assert_error(client.post("/v1/check", json={"text": text}), 422, "validation_failed")
    assert err["fields"][0]["field"] == "text"
    assert "control character" in err["fields"][0]["problem"]
    # in a batch, the bad item gets its own error in its place
    batch = client.post("/v1/check/batch", json={"items": [{"id": "1", "text": text}]})
    assert batch.status_code == 200
    assert batch.json()["results"][0]["error"]["code"] == "validation_failed"


def test_tab_and_line_breaks_are_fine(client: TestClient) -> None:
    resp = client.post("/v1/check", json={"text": "Call\tme\r\nat 555-201-\u000b3344"})
    assert resp.status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"text": 1e308},
        {"text": 10**30},
        {"text": {"text": "a"}},
        {"text": [[[[["a"]]]]]},
        {"text": "a", "policy": ["default"]},
        {"items": [[[{"id": "1", "text": "a"}]]]},
    ],
)
def test_wrong_types_even_odd_ones_are_422(client: TestClient, body: Any) -> None:
    if "items" not in body:
        assert_error(client.post("/v1/check", json=body), 422, "validation_failed")
        return
    resp = client.post("/v1/check/batch", json=body)  # the odd item is its own error
    assert resp.status_code == 200
    assert resp.json()["results"][0]["error"]["status"] == 422


def test_a_10_mb_body_is_413(client: TestClient) -> None:
    body = b'{"text": "' + b"a" * (10 * MIB) + b'"}'
    err = assert_error(client.post("/v1/check", content=body, headers=JSON), 413)
    assert "bytes" in err["message"]


def test_a_chunked_body_over_the_limit_is_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(20):
            yield b"a" * 100_000
        yield b'"}'

    resp = client.post("/v1/check", content=chunks(), headers=JSON)  # no Content-Length
    assert_error(resp, 413, "payload_too_large")


def test_a_body_under_the_limit_but_many_brackets_inside_a_string_is_fine(
    client: TestClient,
) -> None:
    resp = client.post("/v1/check", json={"text": "[" * 10_000})
    assert resp.status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("PUT", "/v1/check", 405),
        ("DELETE", "/v1/check/batch", 405),
        ("PATCH", "/v1/rules", 405),
        ("POST", "/healthz", 405),
        ("DELETE", "/", 405),
        ("GET", "/v1/check/", 405),  # the trailing slash is dropped, then the method is wrong
        ("GET", "/%00", 404),
        ("GET", "/v1/" + "a" * 5_000, 404),
    ],
)
def test_wrong_methods_and_paths(client: TestClient, method: str, path: str, status: int) -> None:
    assert_error(client.request(method, path), status)


@pytest.mark.parametrize(
    "ctype",
    ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json-seq"],
)
def test_wrong_content_types_are_415(client: TestClient, ctype: str) -> None:
    resp = client.post("/v1/check", content=b'{"text": "hi"}', headers={"content-type": ctype})
    assert_error(resp, 415, "unsupported_media_type")


def test_a_content_length_that_is_not_a_number_is_400() -> None:
    reached: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        reached.append(scope["path"])

    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/v1/check",
        "headers": [(b"content-type", b"application/json"), (b"content-length", b"-1")],
    }
    anyio.run(BodyLimits(app, max_body_bytes=1024, body_timeout=1.0), scope, receive, send)
    assert sent[0]["status"] == 400 and not reached


def test_limits_come_from_settings(screener: Screener) -> None:
    app = create_app(Settings(max_body_bytes=2048), screener=screener)
    with TestClient(app, raise_server_exceptions=False) as small:
        assert_error(small.post("/v1/check", json={"text": "a" * 3000}), 413)
        assert small.post("/v1/check", json={"text": "a" * 1000}).status_code == 200

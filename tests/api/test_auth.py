"""API keys and rate limits in process, with the real screener: who gets in, under which
policy, how often; the form included."""

from __future__ import annotations

from base64 import b64encode
from typing import Any

import pytest
from fastapi.testclient import TestClient
from limits import parse

from app.api.auth import Gate
from app.keys import ApiKey, KeyRing, hash_key
from app.main import create_app
from app.screener import Screener
from tests.api.test_errors import _assert_error

pytestmark = pytest.mark.slow

COMMS, OPS, TINY = "scr_comms-test-key", "scr_ops-test-key", "scr_tiny-test-key"
RING = KeyRing.of(
    [
        ApiKey(id="comms", policy="example-agency", hash=hash_key(COMMS)),
        ApiKey(id="ops", policy="default", hash=hash_key(OPS), admin=True),
        ApiKey(id="tiny", policy="default", hash=hash_key(TINY), rate_limit="5/minute"),
    ]
)
DRAFT = "So proud of my client Maria Lopez!"


def _client(screener: Screener, gate: Gate) -> TestClient:
    return TestClient(create_app(screener=screener, gate=gate), raise_server_exceptions=False)


@pytest.fixture
def api(screener: Screener) -> TestClient:
    """Keys on, a fresh rate-limit count per test."""
    return _client(screener, Gate(RING, parse("1000/minute")))


def _key(key: str) -> dict[str, str]:
    return {"X-API-Key": key}


def _basic(key: str, user: str = "caseworker") -> dict[str, str]:
    return {"Authorization": "Basic " + b64encode(f"{user}:{key}".encode()).decode()}


def _check(api: TestClient, headers: dict[str, str], **body: Any) -> Any:
    return api.post("/v1/check", json={"text": DRAFT, **body}, headers=headers)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/v1/check"),
        ("POST", "/v1/check/batch"),
        ("GET", "/v1/rules"),
        ("GET", "/v1/policies"),
        ("POST", "/v1/admin/reload"),
        ("GET", "/v1/admin/audit.csv"),
        ("GET", "/v1/no-such-thing"),
    ],
)
@pytest.mark.parametrize("headers", [{}, _key("scr_wrong"), {"Authorization": "Bearer x"}])
def test_no_key_or_a_wrong_one_is_401(
    api: TestClient, method: str, path: str, headers: dict[str, str]
) -> None:
    resp = api.request(method, path, json={"text": DRAFT}, headers=headers)
    _assert_error(resp, 401, "unauthorized")
    assert resp.headers["www-authenticate"] == 'Bearer realm="screener"'


def test_the_key_is_checked_before_the_body_is_read(api: TestClient) -> None:
    resp = api.post("/v1/check", content=b"{not json", headers={"content-type": "text/plain"})
    _assert_error(resp, 401, "unauthorized")


@pytest.mark.parametrize(
    "path", ["/healthz", "/readyz", "/openapi.json", "/docs", "/static/app.css"]
)
def test_health_schema_and_static_files_stay_open(api: TestClient, path: str) -> None:
    assert api.get(path).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        _key(COMMS),
        {"Authorization": f"Bearer {COMMS}"},
        {"authorization": f"bearer {COMMS}"},
        _basic(COMMS),
    ],
)
def test_a_key_is_accepted_in_each_header(api: TestClient, headers: dict[str, str]) -> None:
    resp = _check(api, headers)
    assert resp.status_code == 200, resp.text
    assert resp.json()["policy"]["id"] == "example-agency"  # the key's, not the default


def test_two_different_keys_in_one_request_are_refused(api: TestClient) -> None:
    resp = _check(api, {**_key(COMMS), "Authorization": f"Bearer {OPS}"})
    _assert_error(resp, 401, "unauthorized")
    assert _check(api, {**_key(COMMS), "Authorization": f"Bearer {COMMS}"}).status_code == 200


@pytest.mark.parametrize("policy", ["default", "nonexistent"])
def test_a_key_checks_under_its_own_policy_only(api: TestClient, policy: str) -> None:
    err = _assert_error(_check(api, _key(COMMS), policy=policy), 403, "forbidden")
    assert err["fields"] == [{"field": "policy", "problem": "not the key's policy"}]
    batch = {"items": [{"id": "1", "text": DRAFT}], "policy": policy}
    _assert_error(api.post("/v1/check/batch", json=batch, headers=_key(COMMS)), 403, "forbidden")
    assert _check(api, _key(COMMS), policy="example-agency").status_code == 200


def test_a_key_sees_its_own_policy_and_an_admin_key_all(api: TestClient) -> None:
    own = api.get("/v1/policies", headers=_key(COMMS)).json()["policies"]
    assert [p["id"] for p in own] == ["example-agency"]
    every = api.get("/v1/policies", headers=_key(OPS)).json()["policies"]
    assert {"default", "example-agency", "strict"} <= {p["id"] for p in every}
    assert api.get("/v1/rules", headers=_key(COMMS)).json()["rules"]


@pytest.mark.parametrize(
    ("method", "path"), [("POST", "/v1/admin/reload"), ("GET", "/v1/admin/audit.csv")]
)
def test_admin_endpoints_need_an_admin_key(api: TestClient, method: str, path: str) -> None:
    _assert_error(api.request(method, path, headers=_key(COMMS)), 403, "forbidden")


def test_past_the_rate_limit_is_429_with_retry_after(api: TestClient) -> None:
    for _ in range(5):
        assert api.get("/v1/rules", headers=_key(TINY)).status_code == 200
    resp = _check(api, _key(TINY))
    err = _assert_error(resp, 429, "rate_limited")
    assert "5 per 1 minute" in err["message"]
    assert 1 <= int(resp.headers["retry-after"]) <= 60
    assert _check(api, _key(COMMS)).status_code == 200  # another key is not held back


def test_a_batch_counts_one_check_per_item(api: TestClient) -> None:
    four = {"items": [{"id": str(n), "text": "Hello"} for n in range(4)]}
    assert api.post("/v1/check/batch", json=four, headers=_key(TINY)).status_code == 200
    assert _check(api, _key(TINY)).status_code == 200  # the fifth
    resp = api.post("/v1/check/batch", json={"items": four["items"][:1]}, headers=_key(TINY))
    _assert_error(resp, 429, "rate_limited")


def test_a_batch_over_the_whole_limit_is_413(api: TestClient) -> None:
    six = {"items": [{"id": str(n), "text": "Hello"} for n in range(6)]}
    resp = api.post("/v1/check/batch", json=six, headers=_key(TINY))
    err = _assert_error(resp, 413, "payload_too_large")
    assert "Split the batch" in err["message"]


def test_without_keys_everyone_is_in_and_unlimited_on_loopback(screener: Screener) -> None:
    api = _client(screener, Gate(KeyRing(), parse("2/minute")))
    for _ in range(4):
        assert _check(api, {}).json()["policy"]["id"] == "default"
    assert _check(api, {}, policy="example-agency").status_code == 200
    _assert_error(api.post("/v1/admin/reload"), 403, "forbidden")  # needs an admin key


def test_opened_up_without_keys_the_limit_is_per_client_address(screener: Screener) -> None:
    api = _client(screener, Gate(KeyRing(), parse("2/minute"), limit_anonymous=True))
    assert api.get("/v1/rules").status_code == 200
    assert api.get("/v1/rules").status_code == 200
    _assert_error(api.get("/v1/rules"), 429, "rate_limited")


def test_the_form_asks_a_browser_for_the_key(api: TestClient) -> None:
    resp = api.get("/")
    assert resp.status_code == 401
    assert resp.headers["www-authenticate"] == 'Basic realm="screener", charset="UTF-8"'
    assert resp.headers["content-type"].startswith("text/plain")
    assert "API key as the password" in resp.text
    assert "content-security-policy" in resp.headers
    assert api.post("/", data={"text": DRAFT}).status_code == 401


def test_the_form_checks_under_the_key_s_policy_only(api: TestClient) -> None:
    page = api.get("/", headers=_basic(COMMS))
    assert page.status_code == 200
    assert '<select id="policy"' not in page.text  # one policy: nothing to choose
    assert 'name="policy" value="example-agency"' in page.text
    ok = api.post("/", data={"text": DRAFT}, headers=_basic(COMMS))
    assert ok.status_code == 200 and "example-agency" in ok.text
    other = api.post("/", data={"text": DRAFT, "policy": "default"}, headers=_basic(COMMS))
    assert other.status_code == 422
    assert api.get("/", headers=_basic("scr_wrong")).status_code == 401


def test_behind_a_proxy_prefix_the_gate_still_guards(screener: Screener) -> None:
    # with --root-path, "path" carries the prefix; the router matches without it
    app = create_app(screener=screener, gate=Gate(RING, parse("1000/minute")))
    api = TestClient(app, root_path="/screener", raise_server_exceptions=False)
    _assert_error(api.post("/screener/v1/check", json={"text": DRAFT}), 401, "unauthorized")
    assert (
        api.post("/screener/v1/check", json={"text": DRAFT}, headers=_key(COMMS)).status_code == 200
    )

"""API v1 against a real `screener serve` process on loopback."""

from __future__ import annotations

import httpx2 as httpx
import pytest

from tests.conftest import Server

pytestmark = pytest.mark.slow

CANARY = "Zqxwv Canarysson"  # a name that appears nowhere else


def test_health_and_ready(server: Server) -> None:
    assert httpx.get(f"{server.url}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{server.url}/readyz").json()
    assert ready["status"] == "ready"
    assert ready["rules"] >= 24


def test_check_contract(server: Server) -> None:
    text = "So proud of my client Maria Lopez (DOB 03/14/2009) who finally got her GED!"
    body = httpx.post(f"{server.url}/v1/check", json={"text": text}).json()
    assert body["verdict"] == "block"
    assert body["policy"]["id"] == "default" and body["policy"]["version"]
    assert "[NAME]" in body["redacted_text"]
    v = next(v for v in body["violations"] if v["text"] == "Maria Lopez")
    assert set(v) == {
        "rule_id",
        "category",
        "entity_type",
        "severity",
        "start",
        "end",
        "text",
        "message",
        "policy_ref",
        "score",
        "suggestion",
        "placeholder",
    }
    assert text[v["start"] : v["end"]] == "Maria Lopez"
    assert (v["category"], v["entity_type"], v["severity"]) == (
        "client_identifier",
        "PERSON",
        "block",
    )


def test_utf16_offsets_after_emoji(server: Server) -> None:
    text = "🎉🎉 my client Maria Lopez got her GED"
    for unit, expected in (("codepoint", text.index("Maria")), ("utf16", text.index("Maria") + 2)):
        body = httpx.post(f"{server.url}/v1/check", json={"text": text, "offsets": unit}).json()
        v = next(v for v in body["violations"] if v["text"] == "Maria Lopez")
        assert (v["start"], v["end"]) == (expected, expected + len("Maria Lopez"))


def test_batch_keeps_ids_and_order(server: Server) -> None:
    items = [
        {"id": "b", "text": "My client Maria Lopez relapsed."},
        {"id": "a", "text": "Join us Saturday for our annual fundraiser!"},
    ]
    body = httpx.post(f"{server.url}/v1/check/batch", json={"items": items}).json()
    assert [(r["id"], r["verdict"]) for r in body["results"]] == [("b", "block"), ("a", "pass")]


def test_rules_and_policies_are_listed(server: Server) -> None:
    rules = httpx.get(f"{server.url}/v1/rules").json()["rules"]
    ids = {r["id"] for r in rules}
    assert "client_identifiers.name_with_client_role" in ids
    assert all(r["message"] and r["policy_ref"] for r in rules)
    policies = httpx.get(f"{server.url}/v1/policies").json()["policies"]
    assert any(p["id"] == "default" and p["default"] for p in policies)


def test_no_post_text_reaches_the_logs(server: Server) -> None:
    """A canary through every endpoint, good and bad requests; the debug log holds none."""
    url = server.url
    text = f"My client {CANARY} lives at 1420 Elm Street. {CANARY}@example.org"
    sent = [
        httpx.post(f"{url}/v1/check", json={"text": text}),
        httpx.post(f"{url}/v1/check", json={"text": text, "policy": CANARY}),
        httpx.post(f"{url}/v1/check", json={"text": text, "offsets": CANARY}),
        httpx.post(f"{url}/v1/check", json={"text": text * 400}),
        httpx.post(
            f"{url}/v1/check", content=text.encode(), headers={"content-type": "application/json"}
        ),
        httpx.post(
            f"{url}/v1/check", content=text.encode(), headers={"content-type": "text/plain"}
        ),
        httpx.post(f"{url}/v1/check/batch", json={"items": [{"id": CANARY, "text": text}]}),
        httpx.post(f"{url}/v1/check/batch", json={"items": [{"id": "1", "text": text}] * 501}),
        httpx.post(f"{url}/v1/check/batch", json={"items": [{"id": "1", "txt": text}]}),
        httpx.get(f"{url}/v1/rules", params={"q": CANARY}),
        httpx.get(f"{url}/v1/policies", params={"q": CANARY}),
        httpx.get(f"{url}/healthz", params={"q": CANARY}),
        httpx.get(f"{url}/readyz", params={"q": CANARY}),
        httpx.get(f"{url}/v1/{CANARY.replace(' ', '%20')}"),
    ]
    assert [r.status_code for r in sent] == [
        200,
        404,
        422,
        413,
        400,
        415,
        200,
        413,
        200,  # the bad item gets its own error in results
        200,
        200,
        200,
        200,
        404,
    ]
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert "POST /v1/check 200" in log, "the server logs requests at all"
    for needle in (CANARY, "Canarysson", "Zqxwv", "1420 Elm"):
        assert needle not in log

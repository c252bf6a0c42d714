"""API v1 against a real `screener serve` process on loopback."""

from __future__ import annotations

import re
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.conftest import Server, serve

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
    default = next(p for p in policies if p["id"] == "default")
    assert default["second_reader"] == {
        "escalate_at": 0.4,
        "flag_at": 0.85,
        "severity": "warn",
        "block_at": 0.85,
        "soften_below": 0.2,
    }


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


CONCURRENT = [
    "So proud of my client Maria Lopez, she moved into 1420 Elm Street!",
    "Join us Saturday for our annual fundraiser, all welcome.",
    "Call our office at (217) 555-0100 for intake hours.",
    "Text Jamal at 217-555-0148 about the youth group.",
    "Our newest Suboxone graduate, Dee, is 90 days sober!",
    "Naloxone training Thursday, open to all.",
]


def test_concurrent_requests_are_batched_and_each_gets_its_own_answer(server: Server) -> None:
    """Requests that queue behind a running check are checked together (the micro-batch
    line in the debug log says how many), and each answer is the one it gets alone."""
    alone = {t: httpx.post(f"{server.url}/v1/check", json={"text": t}).json() for t in CONCURRENT}
    texts = CONCURRENT * 4
    seen_batch = False
    with httpx.Client(timeout=30) as client, ThreadPoolExecutor(len(texts)) as pool:
        for _ in range(5):  # the requests race: repeat until some arrived together
            mark = len(server.log.read_bytes())
            answers = list(
                pool.map(lambda t: client.post(f"{server.url}/v1/check", json={"text": t}), texts)
            )
            assert [a.status_code for a in answers] == [200] * len(texts)
            assert [a.json() for a in answers] == [alone[t] for t in texts]
            log = server.log.read_bytes()[mark:].decode("utf-8", "replace")
            sizes = [int(m) for m in re.findall(r"batch requests=(\d+)", log)]
            assert sum(sizes) == len(texts)
            if max(sizes) > 1:
                seen_batch = True
                break
    assert seen_batch


def test_two_workers_start_and_both_answer(tmp_path: Path) -> None:
    """`serve` with SCREENER_WORKERS=2: each spawned worker loads the models (uvicorn's
    supervisor used to kill it for not answering its ping meanwhile), writes its own log
    lines, and checks."""
    log = tmp_path / "server.log"
    with serve(log, {"SCREENER_WORKERS": "2"}) as running:
        deadline = time.monotonic() + 60
        while log.read_text(errors="replace").count("ready in ") < 2:
            assert time.monotonic() < deadline, log.read_text(errors="replace")[-2000:]
            time.sleep(0.2)
        texts = CONCURRENT * 4
        with httpx.Client(timeout=30) as client, ThreadPoolExecutor(8) as pool:
            answers = list(
                pool.map(lambda t: client.post(f"{running.url}/v1/check", json={"text": t}), texts)
            )
        assert [a.status_code for a in answers] == [200] * len(texts)
        by_text = {t: a.json() for t, a in zip(texts, answers, strict=True)}
        assert by_text[CONCURRENT[0]]["verdict"] == "block"
        assert by_text[CONCURRENT[1]]["verdict"] == "pass"
        text = log.read_text(errors="replace")
        assert "died" not in text
        assert text.count("Application startup complete") == 2


def test_a_hundred_open_connections_do_not_turn_requests_away(server: Server) -> None:
    """uvicorn answers 503 once a worker holds SCREENER_LIMIT_CONCURRENCY connections, idle
    ones included; a limit of 100 turned away most requests of 100 kept-alive clients.
    Idle connections are no requests in flight: app.overload does not count them either."""
    host, port = server.url.removeprefix("http://").split(":")
    idle = [socket.create_connection((host, int(port))) for _ in range(120)]
    try:
        time.sleep(0.2)  # the server has accepted them all
        response = httpx.post(f"{server.url}/v1/check", json={"text": CONCURRENT[1]})
        assert response.status_code == 200
    finally:
        for s in idle:
            s.close()

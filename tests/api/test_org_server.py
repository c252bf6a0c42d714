"""Two organisations on one real `screener serve` process: keys, their policies, a burst
past a rate limit, reloads (SIGHUP and the endpoint), and the audit log inspected on
disk (SQLite) and in PostgreSQL for any trace of the posts' text."""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from base64 import b64encode
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
import yaml
from sqlalchemy import create_engine, text

from app.keys import hash_key
from app.roster.importer import import_roster
from app.roster.matcher import RULE_ID
from tests.conftest import Server, serve
from tests.pg import drop_database, new_database
from tests.roster.test_store import ROSTER

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
KEYS = {
    "comms": ("example-agency", "scr_e2e-comms", {}),
    "youth": ("harbor-youth", "scr_e2e-youth", {}),
    "ops": ("default", "scr_e2e-ops", {"admin": True}),
    "burst": ("example-agency", "scr_e2e-burst", {"rate_limit": "3/minute"}),
}
# A second organisation: fewer packs (no location details), its own deny-list.
HARBOR_YOUTH = {
    "id": "harbor-youth",
    "version": "2026.11.0",
    "description": "Harbor Youth Services: client identifiers and contact details only.",
    "packs": ["client_identifiers", "contact_identifiers"],
    "allow_list": ["Harbor Youth Services"],
    "deny_list": [{"term": "Beacon Loft", "message": "Beacon Loft is our youth shelter."}],
}
ROSTER_SECRET = "org-test-roster-secret-0123456789"
CANARY = "Zqxwv Canarysson"
CANARY_DRAFT = f"My client {CANARY} moved into 1420 Elm Street after rehab. Call 555-201-3344."


@dataclass
class Org:
    server: Server
    rules: Path
    env: dict[str, str]
    data: Path

    def post(self, path: str, key: str | None, **body: Any) -> httpx.Response:
        headers = {"X-API-Key": KEYS[key][1]} if key else {}
        return httpx.post(f"{self.server.url}{path}", json=body, headers=headers, timeout=30)

    def check(self, key: str, text: str) -> dict[str, Any]:
        resp = self.post("/v1/check", key, text=text)
        assert resp.status_code == 200, resp.text
        body: dict[str, Any] = resp.json()
        return body


def _setup(tmp: Path) -> tuple[Path, dict[str, str]]:
    rules = tmp / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "policies" / "harbor-youth.yaml").write_text(yaml.safe_dump(HARBOR_YOUTH))
    entries = [
        {"id": name, "policy": policy, "hash": hash_key(key), **extra}
        for name, (policy, key, extra) in KEYS.items()
    ]
    keys = tmp / "keys.yaml"
    keys.write_text(yaml.safe_dump({"keys": entries}))
    env = {
        "SCREENER_RULES_DIR": str(rules),
        "SCREENER_KEYS_FILE": str(keys),
        "SCREENER_DATA_DIR": str(tmp / "var"),
        "SCREENER_ROSTER_SECRET": ROSTER_SECRET,
    }
    return rules, env


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Org]:
    tmp = tmp_path_factory.mktemp("org")
    rules, env = _setup(tmp)
    with serve(tmp / "server.log", env) as server:
        yield Org(server, rules, env, tmp / "var")


def test_start_up_names_the_keys_and_the_audit_log(org: Org) -> None:
    log = org.server.log.read_text()
    assert "API keys: 4, for policies default,example-agency,harbor-youth" in log
    assert "audit log: sqlite:///" in log


def test_without_keys_the_server_says_it_serves_loopback_only(server: Server) -> None:
    assert "serving this machine only (loopback)" in server.log.read_text()


@pytest.mark.parametrize("key", [None, "scr_not-a-key", KEYS["comms"][1] + "x"])
def test_missing_and_wrong_keys_are_401(org: Org, key: str | None) -> None:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    resp = httpx.post(f"{org.server.url}/v1/check", json={"text": "hi"}, headers=headers)
    assert resp.status_code == 401
    assert resp.headers["www-authenticate"].startswith("Bearer")
    assert resp.json()["error"]["code"] == "unauthorized"


def test_each_organisation_gets_its_own_policy(org: Org) -> None:
    shelter = "Volunteers needed at Harbor House and Beacon Loft this weekend."
    comms, youth = org.check("comms", shelter), org.check("youth", shelter)
    assert comms["policy"]["id"] == "example-agency"
    assert [v["text"] for v in comms["violations"]] == ["Harbor House"]
    assert youth["policy"]["id"] == "harbor-youth"
    assert [v["text"] for v in youth["violations"]] == ["Beacon Loft"]
    # harbor-youth selects no location pack: a client's street is not its rule's business
    home = "My client moved into 1420 Elm Street."
    comms_rules = {v["rule_id"].split(".")[0] for v in org.check("comms", home)["violations"]}
    youth_rules = {v["rule_id"].split(".")[0] for v in org.check("youth", home)["violations"]}
    assert "location_details" in comms_rules and "location_details" not in youth_rules
    assert org.post("/v1/check", "youth", text="hi", policy="example-agency").status_code == 403


def test_a_burst_past_the_rate_limit_is_429_with_retry_after(org: Org) -> None:
    statuses = [org.post("/v1/check", "burst", text="Hello").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    resp = org.post("/v1/check", "burst", text="Hello")
    assert resp.status_code == 429
    assert 1 <= int(resp.headers["retry-after"]) <= 60
    assert resp.json()["error"]["code"] == "rate_limited"
    assert org.post("/v1/check", "comms", text="Hello").status_code == 200


def _until(predicate: Any, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_sighup_and_the_endpoint_reload_without_a_restart(org: Org) -> None:
    draft = "Pick-up is at Quill Annex on Friday."
    assert org.check("youth", draft)["verdict"] == "pass"
    path = org.rules / "policies" / "harbor-youth.yaml"
    policy = {**HARBOR_YOUTH, "deny_list": [*HARBOR_YOUTH["deny_list"], {"term": "Quill Annex"}]}  # type: ignore[list-item]
    path.write_text(yaml.safe_dump(policy))
    os.kill(org.server.pid, signal.SIGHUP)
    assert _until(lambda: org.check("youth", draft)["verdict"] == "block")
    path.write_text(yaml.safe_dump(HARBOR_YOUTH))
    assert org.post("/v1/admin/reload", "comms").status_code == 403
    resp = org.post("/v1/admin/reload", "ops")
    assert resp.status_code == 200, resp.text
    assert "harbor-youth" in resp.json()["policies"]
    assert org.check("youth", draft)["verdict"] == "pass"
    assert "reloaded:" in org.server.log.read_text()


def test_a_roster_imported_while_serving_is_in_force_after_a_reload(org: Org) -> None:
    draft = "so proud of maria lopez today!"  # lower case: no model would call it a name
    before = org.check("comms", draft)
    assert RULE_ID not in {v["rule_id"] for v in before["violations"]}
    import_roster(str(ROSTER), "example-agency", org.data, ROSTER_SECRET)
    resp = org.post("/v1/admin/reload", "ops")
    assert resp.status_code == 200, resp.text
    assert resp.json()["rosters"] == ["example-agency"]
    after = org.check("comms", draft)
    assert after["verdict"] == "block"
    assert "maria lopez" in [v["text"] for v in after["violations"]]
    youth = org.check("youth", draft)  # another organisation: not its roster
    assert RULE_ID not in {v["rule_id"] for v in youth["violations"]}
    stored = b"".join(f.read_bytes() for f in (org.data / "rosters").iterdir())
    for needle in (b"maria", b"Mar\xc3\xada", b"lopez", b"L\xc3\xb3pez", b"CL-20931"):
        assert needle not in stored


def _export(org: Org) -> list[dict[str, str]]:
    resp = httpx.get(
        f"{org.server.url}/v1/admin/audit.csv", headers={"X-API-Key": KEYS["ops"][1]}, timeout=30
    )
    assert resp.status_code == 200
    return list(csv.DictReader(io.StringIO(resp.text)))


def _send_canary(org: Org) -> None:
    """The canary through every way in: a check, a batch, and the form in a browser."""
    assert org.post("/v1/check", "comms", text=CANARY_DRAFT).status_code == 200
    items = [{"id": "mon", "text": CANARY_DRAFT}, {"id": "tue", "text": "Happy Tuesday!"}]
    assert org.post("/v1/check/batch", "youth", items=items).status_code == 200
    basic = "Basic " + b64encode(f"x:{KEYS['comms'][1]}".encode()).decode()
    form = httpx.post(
        f"{org.server.url}/", data={"text": CANARY_DRAFT}, headers={"Authorization": basic}
    )
    assert form.status_code == 200


def test_the_audit_log_records_every_check_and_holds_no_text(org: Org) -> None:
    _send_canary(org)
    rows = [r for r in _export(org) if r["text_length"] == str(len(CANARY_DRAFT))]
    assert [(r["key_id"], r["policy_id"], r["endpoint"], r["verdict"]) for r in rows] == [
        ("comms", "example-agency", "check", "block"),
        ("youth", "harbor-youth", "batch", "block"),
        ("comms", "example-agency", "form", "block"),
    ]
    assert len({r["text_hash"] for r in rows}) == 1  # the same draft, the same keyed hash
    # The database's files, the CLI's export and the server log: no trace of the text.
    files = sorted(f for f in org.data.iterdir() if f.is_file())
    assert {"screener.db", "audit.secret"} <= {f.name for f in files}
    cli = subprocess.run(
        [sys.executable, "-m", "app.cli", "audit", "export"],
        env={**os.environ, **org.env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert len(list(csv.DictReader(io.StringIO(cli.stdout)))) == len(_export(org))
    blobs = [f.read_bytes().decode("latin-1") for f in files]
    blobs += [cli.stdout, org.server.log.read_text(errors="replace")]
    for blob in blobs:
        for needle in (CANARY, "Canarysson", "Zqxwv", "1420 Elm", "after rehab", "201-3344"):
            assert needle not in blob


def test_the_audit_log_in_postgresql(postgres: str, tmp_path: Path) -> None:
    url = new_database(postgres)
    _, env = _setup(tmp_path)
    env["SCREENER_DATABASE_URL"] = url
    try:
        with serve(tmp_path / "server.log", env) as server:
            org = Org(server, tmp_path / "rules", env, tmp_path / "var")
            _send_canary(org)
            assert len(_export(org)) == 4  # flushed before the export
            log = server.log.read_text(errors="replace")
        assert "postgresql+psycopg://screener:***@127.0.0.1" in log  # the password hidden
        assert postgres.split(":")[2].split("@")[0] not in log
        engine = create_engine(url)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT * FROM audit_events ORDER BY id")).all()
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        engine.dispose()
        assert version == "0001"
        assert [r.endpoint for r in rows] == ["check", "batch", "batch", "form"]
        for needle in (CANARY, "Canarysson", "1420 Elm", "after rehab"):
            assert needle not in repr(rows) and needle not in log
    finally:
        drop_database(url)

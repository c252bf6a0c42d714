"""Admin endpoints in process, on a copy of rules/ and a keys file the tests edit: reload
without restart (all or nothing), and the audit log's CSV export."""

from __future__ import annotations

import csv
import io
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from app.config import Settings
from app.keys import hash_key
from app.main import create_app
from app.screener import Screener
from tests.api.test_errors import _assert_error

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
COMMS, OPS = "scr_admin-test-comms", "scr_admin-test-ops"
SHELTER = "Lantern Cottage"  # not in any policy until a test adds it
DRAFT = f"Drop-off for the holiday drive is at {SHELTER} on Friday."


@dataclass
class Org:
    client: TestClient
    rules: Path
    keys: Path

    def check(self, key: str, text: str = DRAFT) -> dict[str, object]:
        resp = self.client.post("/v1/check", json={"text": text}, headers={"X-API-Key": key})
        assert resp.status_code == 200, resp.text
        body: dict[str, object] = resp.json()
        return body

    def reload(self, key: str = OPS) -> Any:
        return self.client.post("/v1/admin/reload", headers={"X-API-Key": key})


def _keys(path: Path, *entries: tuple[str, str, str, bool]) -> None:
    keys = [
        {"id": i, "policy": p, "hash": hash_key(k), "admin": a, "rate_limit": "10000/minute"}
        for i, p, k, a in entries
    ]
    path.write_text(yaml.safe_dump({"keys": keys}), encoding="utf-8")


BASE_KEYS = (("comms", "example-agency", COMMS, False), ("ops", "default", OPS, True))


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Org]:
    tmp = tmp_path_factory.mktemp("admin")
    rules = tmp / "rules"
    shutil.copytree(ROOT / "rules", rules)
    keys = tmp / "keys.yaml"
    _keys(keys, *BASE_KEYS)
    settings = Settings(rules_dir=rules, keys_file=keys, data_dir=tmp / "var")
    with TestClient(create_app(settings=settings, screener=Screener(settings))) as client:
        yield Org(client, rules, keys)


@pytest.fixture
def restore(org: Org) -> Iterator[None]:
    """Put rules/ and the keys file back, and reload, after a test that edits them."""
    policy = org.rules / "policies" / "example-agency.yaml"
    saved = policy.read_text(encoding="utf-8")
    yield
    policy.write_text(saved, encoding="utf-8")
    _keys(org.keys, *BASE_KEYS)
    assert org.reload().status_code == 200


def _deny(org: Org, term: str) -> None:
    policy = org.rules / "policies" / "example-agency.yaml"
    data = yaml.safe_load(policy.read_text(encoding="utf-8"))
    data["deny_list"].append({"term": term, "message": f"{term} is confidential."})
    policy.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_a_reload_puts_a_new_deny_list_term_in_force(org: Org, restore: None) -> None:
    assert org.check(COMMS)["verdict"] == "pass"
    _deny(org, SHELTER)
    assert org.check(COMMS)["verdict"] == "pass"  # not before the reload
    resp = org.reload()
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["status"] == "reloaded" and body["keys"] == 2
    assert {"default", "example-agency"} <= set(body["policies"])
    after = org.check(COMMS)
    assert after["verdict"] == "block"
    assert [v["rule_id"] for v in after["violations"]] == ["policy.deny_list"]
    assert org.check(OPS)["verdict"] == "pass"  # another organisation's policy: untouched


def test_a_wrong_file_reloads_nothing_and_names_file_and_field(org: Org, restore: None) -> None:
    _deny(org, SHELTER)
    assert org.reload().status_code == 200
    policy = org.rules / "policies" / "example-agency.yaml"
    data = yaml.safe_load(policy.read_text(encoding="utf-8"))
    data["deny_list"] = []  # would lift the term, but the same file also has an error
    data["severity_overrides"] = {"location_details.street_address": "sometimes"}
    policy.write_text(yaml.safe_dump(data), encoding="utf-8")
    err = _assert_error(org.reload(), 422, "invalid_config")
    assert "example-agency.yaml" in err["message"]
    assert "severity_overrides" in err["message"]
    assert org.check(COMMS)["verdict"] == "block"  # the old policy is still in force


def test_a_reload_reads_the_keys_file_again(org: Org, restore: None) -> None:
    _keys(org.keys, BASE_KEYS[1], ("comms2", "example-agency", "scr_new-key", False))
    assert org.reload().status_code == 200
    assert org.check("scr_new-key")["verdict"] == "pass"
    resp = org.client.post("/v1/check", json={"text": "hi"}, headers={"X-API-Key": COMMS})
    _assert_error(resp, 401, "unauthorized")  # removed from the file: out


def test_a_key_bound_to_a_vanished_policy_stops_the_reload(org: Org, restore: None) -> None:
    _keys(org.keys, *BASE_KEYS, ("lost", "gone-agency", "scr_lost", False))
    err = _assert_error(org.reload(), 422, "invalid_config")
    assert "keys.lost.policy" in err["message"]
    assert org.check(COMMS)["verdict"] == "pass"  # the old keys still work


def test_checks_run_on_through_reloads(org: Org) -> None:
    statuses: list[int] = []

    def checks() -> None:
        for _ in range(15):
            resp = org.client.post(
                "/v1/check", json={"text": "My client Maria Lopez"}, headers={"X-API-Key": OPS}
            )
            statuses.append(resp.status_code)

    threads = [threading.Thread(target=checks) for _ in range(3)]
    for t in threads:
        t.start()
    for _ in range(3):
        assert org.reload().status_code == 200
    for t in threads:
        t.join()
    assert statuses == [200] * 45


def test_the_audit_export_lists_checks_and_never_their_text(org: Org) -> None:
    secret_text = "My client Zqxwv Canarysson relapsed at 1420 Elm Street."
    org.check(COMMS, secret_text)
    org.check(OPS, secret_text)
    resp = org.client.get("/v1/admin/audit.csv", headers={"X-API-Key": OPS})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/csv")
    assert "attachment" in resp.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    mine = [r for r in rows if r["text_length"] == str(len(secret_text))]
    assert [(r["key_id"], r["policy_id"], r["verdict"]) for r in mine] == [
        ("comms", "example-agency", "block"),
        ("ops", "default", "block"),
    ]
    assert mine[0]["text_hash"] == mine[1]["text_hash"]
    assert "client_identifiers.name_with_client_role" in mine[0]["rule_ids"].split(",")
    for needle in ("Canarysson", "Zqxwv", "1420 Elm", "relapsed at"):
        assert needle not in resp.text
    one = org.client.get(
        "/v1/admin/audit.csv", params={"policy": "example-agency"}, headers={"X-API-Key": OPS}
    )
    assert {r["policy_id"] for r in csv.DictReader(io.StringIO(one.text))} == {"example-agency"}
    later = org.client.get(
        "/v1/admin/audit.csv", params={"since": "2999-01-01T00:00:00Z"}, headers={"X-API-Key": OPS}
    )
    assert later.text.strip().count("\n") == 0  # the header alone
    bad = org.client.get(
        "/v1/admin/audit.csv", params={"since": "yesterday"}, headers={"X-API-Key": OPS}
    )
    _assert_error(bad, 422, "validation_failed")


def test_with_the_audit_log_off_the_export_is_404(screener: Screener) -> None:
    from limits import parse

    from app.api.auth import Gate
    from app.keys import ApiKey, KeyRing

    ring = KeyRing.of([ApiKey(id="ops", policy="default", hash=hash_key(OPS), admin=True)])
    app = create_app(screener=screener, gate=Gate(ring, parse("10/minute")))
    resp = TestClient(app).get("/v1/admin/audit.csv", headers={"X-API-Key": OPS})
    err = _assert_error(resp, 404, "not_found")
    assert "SCREENER_AUDIT" in err["message"]

"""`screener keys`, `screener audit` and the serve guard, as an operator runs them."""

from __future__ import annotations

import csv
import io
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from app.audit import store, text_hash
from app.config import Settings
from app.keys import hash_key, load_keys
from app.manage import prepare_to_serve, refuse_open_bind
from tests.test_cli import run_cli as _run


def test_keys_new_prints_the_key_once_and_an_entry_holding_its_hash() -> None:
    done = _run("keys", "new", "--name", "comms", "--policy", "example-agency")
    assert done.returncode == 0, done.stderr
    key = next(line for line in done.stdout.splitlines() if line.startswith("scr_"))
    entry = yaml.safe_load(done.stdout.split("under keys:\n", 1)[1])
    assert entry == [{"id": "comms", "policy": "example-agency", "hash": hash_key(key)}]
    assert done.stdout.count(key) == 1


def test_keys_new_appends_to_a_keys_file_keeping_its_comments(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    first = _run(
        "keys", "new", "--name", "ops", "--policy", "default", "--admin", "--append", str(path)
    )
    assert first.returncode == 0, first.stderr
    path.write_text(path.read_text() + "# rotated every spring\n", encoding="utf-8")
    second = _run(
        "keys", "new", "--name", "comms", "--policy", "example-agency",
        "--rate-limit", "60/minute", "--append", str(path),
    )  # fmt: skip
    assert second.returncode == 0, second.stderr
    ops_key, comms_key = first.stdout.strip(), second.stdout.strip()
    text = path.read_text()
    assert "# rotated every spring" in text and "# API keys of the screener" in text
    assert ops_key not in text and comms_key not in text
    ring = load_keys(path, {"default", "example-agency"})
    ops, comms = ring.find(ops_key), ring.find(comms_key)
    assert ops is not None and ops.admin and ops.policy == "default"
    assert comms is not None and comms.rate_limit == "60/minute" and not comms.admin


def test_keys_new_refuses_a_used_name_or_an_unknown_policy(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    assert (
        _run("keys", "new", "--name", "a", "--policy", "default", "--append", str(path)).returncode
        == 0
    )
    before = path.read_text()
    again = _run("keys", "new", "--name", "a", "--policy", "default", "--append", str(path))
    assert again.returncode == 64 and "already has a key 'a'" in again.stderr
    unknown = _run("keys", "new", "--name", "b", "--policy", "nope", "--append", str(path))
    assert unknown.returncode == 64 and "unknown policy 'nope'" in unknown.stderr
    bad_limit = _run(
        "keys",
        "new",
        "--name",
        "c",
        "--policy",
        "default",
        "--rate-limit",
        "x",
        "--append",
        str(path),
    )
    assert bad_limit.returncode != 0
    assert path.read_text() == before


def test_serve_refuses_a_public_address_without_keys() -> None:
    done = _run("serve", "--host", "0.0.0.0", env={"SCREENER_KEYS_FILE": ""})
    assert done.returncode == 78
    assert "without API keys" in done.stderr and "SCREENER_ALLOW_UNAUTHENTICATED" in done.stderr


@pytest.mark.parametrize(
    ("host", "settings", "refused"),
    [
        ("127.0.0.1", {}, False),
        ("::1", {}, False),
        ("localhost", {}, False),
        ("0.0.0.0", {}, True),
        ("192.0.2.7", {}, True),
        ("screener.internal", {}, True),
        ("0.0.0.0", {"allow_unauthenticated": True}, False),
        ("0.0.0.0", {"keys_file": Path("keys.yaml")}, False),
    ],
)
def test_which_addresses_need_keys(host: str, settings: dict[str, object], refused: bool) -> None:
    assert (refuse_open_bind(Settings(**settings), host) is not None) is refused  # type: ignore[arg-type]


def test_audit_export_and_hash(tmp_path: Path) -> None:
    data = tmp_path / "var"
    settings = Settings(data_dir=data)
    engine = store.open_database(settings.audit_database_url)
    secret = b"0123456789abcdef0123"
    (data / "audit.secret").write_bytes(secret + b"\n")
    draft = "Our office at 12 Main St is hiring."
    rows = [
        {
            "at": datetime(2026, 11, day, tzinfo=UTC),
            "key_id": "comms",
            "policy_id": "example-agency",
            "policy_version": "1",
            "endpoint": "check",
            "request_id": str(day) * 32,
            "text_hash": text_hash(secret, draft),
            "text_length": len(draft),
            "verdict": "pass",
            "rule_ids": "",
        }
        for day in (1, 2, 3)
    ]
    store.write(engine, rows)
    engine.dispose()
    env = {"SCREENER_DATA_DIR": str(data)}
    done = _run("audit", "export", "--since", "2026-11-02", "--until", "2026-11-03", env=env)
    assert done.returncode == 0, done.stderr
    exported = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["request_id"][0] for r in exported] == ["2"]
    out = tmp_path / "audit.csv"
    assert _run("audit", "export", "-o", str(out), env=env).returncode == 0
    assert len(out.read_text().splitlines()) == 4
    hashed = _run("audit", "hash", stdin=draft, env=env)
    assert hashed.stdout.strip() == exported[0]["text_hash"]
    bad = _run("audit", "export", "--since", "last week", env=env)
    assert bad.returncode == 64 and "ISO 8601" in bad.stderr  # a usage error


def test_audit_hash_without_a_secret_makes_none(tmp_path: Path) -> None:
    done = _run("audit", "hash", stdin="x", env={"SCREENER_DATA_DIR": str(tmp_path)})
    assert done.returncode == 78
    assert not (tmp_path / "audit.secret").exists()


@pytest.mark.parametrize(("connections", "warns"), [(128, True), (100, True), (129, False)])
def test_serve_warns_of_a_connection_limit_not_above_the_request_limit(
    caplog: pytest.LogCaptureFixture, connections: int, warns: bool
) -> None:
    """uvicorn's limit counts connections and answers plain text: at or below
    SCREENER_MAX_IN_FLIGHT it refuses before app.overload ever does."""
    settings = Settings(limit_concurrency=connections, max_in_flight=128, audit=False)
    with caplog.at_level(logging.WARNING, logger="screener"):
        prepare_to_serve(settings)
    assert ("SCREENER_LIMIT_CONCURRENCY" in caplog.text) is warns

"""The audit log on real databases: every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, select, text

from app.audit import AuditLog, audit_secret, store, text_hash
from app.config import Settings
from app.errors import ConfigError
from app.rules.model import Policy
from app.screener import Result, Violation

DRAFT = "So proud of my client Zqxwv Canarysson, who lives at 1420 Elm Street!"
POLICY = Policy(id="org-a", version="2026.1", packs=["client_identifiers"])


def _violation(rule_id: str, start: int, end: int) -> Violation:
    return Violation(
        rule_id=rule_id,
        category="client_identifier",
        entity_type=None,
        severity="block",
        start=start,
        end=end,
        text=DRAFT[start:end],
        message="m",
        policy_ref="r",
        score=1.0,
        suggestion=None,
        placeholder="[X]",
    )


BLOCK = Result(
    verdict="block",
    violations=[
        _violation("location_details.street_address", 54, 69),
        _violation("client_identifiers.name_with_client_role", 22, 38),
        _violation("client_identifiers.name_with_client_role", 22, 38),
    ],
    redacted_text="[X]",
    policy=POLICY,
)
PASS = Result(verdict="pass", violations=[], redacted_text="hello", policy=POLICY)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = store.open_database(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def audit(engine: Engine) -> Iterator[AuditLog]:
    log = AuditLog(engine, b"s" * 32, retention_days=0)
    yield log
    log.close()


def _row(at: datetime, policy: str = "org-a", **extra: object) -> dict[str, object]:
    return {
        "at": at,
        "key_id": "comms",
        "policy_id": policy,
        "policy_version": "1",
        "endpoint": "check",
        "request_id": "r" * 32,
        "text_hash": "0" * 64,
        "text_length": 5,
        "verdict": "pass",
        "rule_ids": "",
        **extra,
    }


def test_migrations_build_the_table_the_code_uses_and_run_twice(engine: Engine) -> None:
    store.migrate(engine)  # already at head: nothing to do, no error
    columns = {c["name"] for c in inspect(engine).get_columns("audit_events")}
    assert columns == set(store.COLUMNS)
    indexes = {tuple(i["column_names"]) for i in inspect(engine).get_indexes("audit_events")}
    assert {("at",), ("policy_id",)} <= indexes
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"


def test_a_check_is_recorded_with_hash_length_verdict_and_rule_ids(audit: AuditLog) -> None:
    audit.record("comms", "batch", [DRAFT, "hello"], [BLOCK, PASS])
    assert audit.flush()
    rows = list(store.read(audit.engine))
    assert [(r.key_id, r.endpoint, r.policy_id, r.policy_version) for r in rows] == [
        ("comms", "batch", "org-a", "2026.1")
    ] * 2
    first, second = rows
    assert first.request_id == second.request_id  # one batch, one request id
    assert first.text_hash == text_hash(b"s" * 32, DRAFT) == audit.hash(DRAFT)
    assert first.text_length == len(DRAFT)
    assert first.verdict == "block" and second.verdict == "pass"
    # each rule once, sorted
    assert first.rule_ids == (
        "client_identifiers.name_with_client_role,location_details.street_address"
    )
    assert second.rule_ids == ""
    assert first.at.tzinfo is not None
    assert abs(first.at - datetime.now(UTC)) < timedelta(minutes=1)


def test_the_text_is_stored_nowhere(audit: AuditLog, database_url: str, tmp_path: Path) -> None:
    audit.record("comms", "check", [DRAFT], [BLOCK])
    assert audit.flush()
    with audit.engine.connect() as conn:
        dumped = repr(conn.execute(select(store.events)).all())
    stored = [dumped]
    if database_url.startswith("sqlite"):
        stored += [p.read_bytes().decode("latin-1") for p in (tmp_path / "data").iterdir()]
    for blob in stored:
        for needle in ("Canarysson", "Zqxwv", "1420 Elm", "So proud", "Elm Street"):
            assert needle not in blob


def test_the_hash_is_keyed() -> None:
    assert text_hash(b"a" * 32, DRAFT) != text_hash(b"b" * 32, DRAFT)
    assert text_hash(b"a" * 32, DRAFT) != text_hash(b"a" * 32, DRAFT + " ")


def test_export_filters_by_time_and_policy(engine: Engine) -> None:
    now = datetime.now(UTC)
    store.write(
        engine,
        [
            _row(now - timedelta(days=3)),
            _row(now - timedelta(days=1)),
            _row(now - timedelta(days=1), policy="org-b"),
            _row(now),
        ],
    )
    ats = [r.at for r in store.read(engine)]
    assert len(ats) == 4
    since = now - timedelta(days=2)
    assert len(list(store.read(engine, since=since))) == 3
    assert len(list(store.read(engine, since=since, until=now))) == 2
    assert len(list(store.read(engine, policy="org-b"))) == 1
    # a time in another zone means the same instant
    east = (now - timedelta(days=2)).astimezone(datetime.now().astimezone().tzinfo)
    assert len(list(store.read(engine, since=east))) == 3


def test_csv_has_a_header_and_one_line_per_row(engine: Engine) -> None:
    at = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
    store.write(engine, [_row(at, rule_ids="a.b,c.d"), _row(at, key_id=None)])
    out = "".join(store.csv_lines(store.read(engine)))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(store.COLUMNS)
    assert rows[0]["at"] == "2026-11-01T09:30:00+00:00"
    assert rows[0]["rule_ids"] == "a.b,c.d"
    assert rows[1]["key_id"] == ""


def test_retention_purges_old_rows_at_start(engine: Engine) -> None:
    now = datetime.now(UTC)
    store.write(engine, [_row(now - timedelta(days=40)), _row(now - timedelta(days=2))])
    log = AuditLog(engine, b"s" * 32, retention_days=30)  # the writer purges first thing
    try:
        assert log.flush()
        assert [r.at.date() for r in store.read(engine)] == [(now - timedelta(days=2)).date()]
    finally:
        log.close()


def test_a_failing_database_loses_rows_without_failing_the_check(audit: AuditLog) -> None:
    with audit.engine.begin() as conn:
        conn.execute(text("DROP TABLE audit_events"))
    audit.record("comms", "check", [DRAFT], [BLOCK])  # returns, whatever the database does
    assert audit.flush()
    assert audit.lost == 1


def test_open_migrates_and_makes_an_owner_only_secret(tmp_path: Path, database_url: str) -> None:
    settings = Settings(data_dir=tmp_path / "var", database_url=database_url)
    log = AuditLog.open(settings)
    log.close()
    secret = tmp_path / "var" / "audit.secret"
    assert secret.stat().st_mode & 0o777 == 0o600
    assert audit_secret(settings) == secret.read_text().strip().encode()  # reused, not remade
    engine = store.connect(database_url)
    try:
        assert inspect(engine).has_table("audit_events")
    finally:
        engine.dispose()


def test_a_set_secret_is_used_and_must_not_be_short(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, audit_secret="x" * 20)  # type: ignore[arg-type]
    assert audit_secret(settings) == b"x" * 20
    assert not (tmp_path / "audit.secret").exists()
    with pytest.raises(ConfigError, match="16"):
        audit_secret(Settings(data_dir=tmp_path, audit_secret="short"))  # type: ignore[arg-type]


def test_an_unreachable_database_is_a_config_error_without_its_password() -> None:
    url = "postgresql+psycopg://u:hunter2secret@127.0.0.1:1/none"
    with pytest.raises(ConfigError) as caught:
        store.open_database(url)
    assert "hunter2secret" not in str(caught.value)
    assert "SCREENER_DATABASE_URL" in str(caught.value)

"""The audit table, its database, and the queries on it (SQLAlchemy Core).

SQLite by default (one file in ``SCREENER_DATA_DIR``, nothing to set up); PostgreSQL, or
any database SQLAlchemy speaks, through ``SCREENER_DATABASE_URL``. Alembic migrations
in ``migrations/`` create and change the table; they run at start-up.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Dialect,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    insert,
    make_url,
    select,
    text,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.types import TypeDecorator

from app.errors import ConfigError

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any constant will do: it keeps two processes starting at once from migrating together.
_PG_MIGRATION_LOCK = 0x5C4EE7


class UtcDateTime(TypeDecorator[datetime]):
    """Stored as UTC; read back aware, whether the database keeps zones (PostgreSQL)
    or not (SQLite)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()
# Keep in step with migrations/versions/: a test compares the two.
events = Table(
    "audit_events",
    metadata,
    Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True),
    Column("at", UtcDateTime(), nullable=False, index=True),
    Column("key_id", String(64)),
    Column("policy_id", Text(), nullable=False, index=True),
    Column("policy_version", Text(), nullable=False),
    Column("endpoint", String(16), nullable=False),
    Column("request_id", String(32), nullable=False),
    Column("text_hash", String(64), nullable=False),
    Column("text_length", Integer(), nullable=False),
    Column("verdict", String(8), nullable=False),
    Column("rule_ids", Text(), nullable=False),
)
COLUMNS = tuple(c.name for c in events.columns)


def connect(url: str) -> Engine:
    """An engine for ``url``; a SQLite file's folder is made (owner-only) if missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database or "").parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    engine = create_engine(parsed, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def open_database(url: str) -> Engine:
    """Connect and migrate; ConfigError if the database cannot be reached or changed."""
    try:
        engine = connect(url)
        migrate(engine)
    except (SQLAlchemyError, OSError) as exc:
        # The driver's own first line (libpq and sqlite never quote a password), not
        # SQLAlchemy's wrapper, which appends the statement and its parameters.
        cause = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        raise ConfigError(
            "SCREENER_DATABASE_URL",
            f"cannot open the audit database: {type(exc).__name__}: {cause[0] if cause else ''}",
        ) from exc
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _: Any) -> None:
    # WAL lets the export read while a server writes; the timeout lets several worker
    # processes take turns writing instead of failing with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is there already)."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def write(engine: Engine, rows: Sequence[Mapping[str, Any]]) -> None:
    if rows:
        with engine.begin() as connection:
            connection.execute(insert(events), list(rows))


def purge(engine: Engine, before: datetime) -> int:
    with engine.begin() as connection:
        return connection.execute(delete(events).where(events.c.at < before)).rowcount


def read(
    engine: Engine,
    since: datetime | None = None,
    until: datetime | None = None,
    policy: str | None = None,
) -> Iterator[tuple[Any, ...]]:
    """Rows in order of id, ``since`` inclusive, ``until`` exclusive."""
    query = select(events).order_by(events.c.id)
    if since is not None:
        query = query.where(events.c.at >= since)
    if until is not None:
        query = query.where(events.c.at < until)
    if policy is not None:
        query = query.where(events.c.policy_id == policy)
    with engine.connect() as connection:
        yield from connection.execution_options(yield_per=1000).execute(query)


def csv_lines(rows: Iterator[tuple[Any, ...]]) -> Iterator[str]:
    """The rows as CSV, a header first; times in ISO 8601, UTC."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(v.isoformat() if isinstance(v, datetime) else v for v in row)
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()

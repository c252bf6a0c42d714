"""The audit log as the service uses it: record checks on the request path in
microseconds; a writer thread puts them in the database in batches.

A row holds when, which key and policy, the endpoint, the text's length, a keyed hash
of the text (HMAC-SHA256), the verdict and the rule ids: never the text. The hash lets a
privacy officer holding a draft show whether exactly that draft was checked
(``screener audit hash``), and is keyed so that nobody holding the database alone can
test guesses of a short post against it.

If the database cannot keep up or is down, checks go on: rows that do not fit the
queue, or that a write fails on, are counted and logged as lost, never retried
forever in memory.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import queue
import secrets
import threading
import time
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.audit import store
from app.config import Settings
from app.errors import ConfigError
from app.screener import Result

log = logging.getLogger("screener.audit")

SECRET_FILE = "audit.secret"  # noqa: S105 (a file name, not a secret)
_QUEUE_ROWS = 100_000  # rows waiting for the writer before new ones are dropped
_BATCH_ROWS = 1_000  # rows per INSERT transaction
# The writer gathers rows this long before a write: one wake-up and one transaction per
# interval instead of per check, so it takes the GIL from checks in flight less often.
_LINGER_S = 0.5
_PURGE_EVERY_S = 3600.0
_STOP = object()

_Row = Mapping[str, Any]


def audit_secret(settings: Settings, *, create: bool = True) -> bytes:
    """``SCREENER_AUDIT_SECRET``, or the secret kept in ``<data dir>/audit.secret``,
    generated (owner-only, 0600) the first time unless ``create`` is false."""
    if settings.audit_secret is not None:
        value = settings.audit_secret.get_secret_value()
        if len(value) < 16:
            raise ConfigError("SCREENER_AUDIT_SECRET", "use at least 16 characters")
        return value.encode("utf-8")
    path = settings.data_dir / SECRET_FILE
    try:
        if create:
            _create_secret(path)
        value = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read or create the audit secret: {exc}") from exc
    if len(value) < 16:
        raise ConfigError(str(path), "the audit secret is shorter than 16 characters")
    return value.encode("utf-8")


def _create_secret(path: Path) -> None:
    path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w") as out:
        out.write(secrets.token_hex(32) + "\n")
    log.info("generated the audit hash secret in %s", path)


def text_hash(secret: bytes, text: str) -> str:
    return hmac.new(secret, text.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


class AuditLog:
    def __init__(self, engine: Engine, secret: bytes, retention_days: int) -> None:
        self.engine = engine
        self._secret = secret
        self._retention = timedelta(days=retention_days) if retention_days else None
        self._queue: queue.Queue[object] = queue.Queue()
        self._queued = 0  # rows waiting, bounded by _QUEUE_ROWS
        self._queued_lock = threading.Lock()
        self.lost = 0
        self._stopping = threading.Event()  # cuts the linger short at close
        self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
        self._thread.start()

    @classmethod
    def open(cls, settings: Settings) -> AuditLog:
        """Connect, migrate, and start the writer (which purges old rows first)."""
        secret = audit_secret(settings)
        engine = store.open_database(settings.audit_database_url)
        return cls(engine, secret, settings.audit_retention_days)

    def record(
        self, key_id: str | None, endpoint: str, texts: Sequence[str], results: Sequence[Result]
    ) -> None:
        """Queue one row per text; returns at once."""
        at = datetime.now(UTC)
        request_id = uuid.uuid4().hex
        rows = [
            {
                "at": at,
                "key_id": key_id,
                "policy_id": r.policy.id,
                "policy_version": r.policy.version,
                "endpoint": endpoint,
                "request_id": request_id,
                "text_hash": text_hash(self._secret, t),
                "text_length": len(t),
                "verdict": r.verdict,
                "rule_ids": ",".join(sorted({v.rule_id for v in r.violations})),
            }
            for t, r in zip(texts, results, strict=True)
        ]
        with self._queued_lock:
            full = self._queued + len(rows) > _QUEUE_ROWS
            if not full:
                self._queued += len(rows)
        if full:
            self._lose(len(rows), "the queue is full")
            return
        self._queue.put(rows)

    def hash(self, text: str) -> str:
        return text_hash(self._secret, text)

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every row queued before this call is written (or lost); at most
        the writer's linger (half a second) more than the write itself."""
        done = threading.Event()
        self._queue.put(done)
        return done.wait(timeout)

    def close(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._queue.put(_STOP)
        self._thread.join(timeout)
        self.engine.dispose()

    def _lose(self, n: int, why: str) -> None:
        self.lost += n
        log.warning("audit: %d rows lost (%s); %d lost since start", n, why, self.lost)

    def _run(self) -> None:
        next_purge = time.monotonic()  # at start-up, then every hour
        while True:
            wait = None if self._retention is None else max(0.0, next_purge - time.monotonic())
            try:
                item = self._queue.get(timeout=wait)
            except queue.Empty:
                item = None
            if self._retention is not None and time.monotonic() >= next_purge:
                self._purge(self._retention)
                next_purge = time.monotonic() + _PURGE_EVERY_S
            if isinstance(item, list):
                self._stopping.wait(_LINGER_S)
            if item is not None and not self._drain(item):
                return

    def _drain(self, item: object) -> bool:
        """Write ``item`` and whatever else is queued; False once asked to stop."""
        rows: list[_Row] = []
        done: list[threading.Event] = []
        running = True
        while True:
            if item is _STOP:
                running = False
            elif isinstance(item, threading.Event):
                done.append(item)
            elif isinstance(item, list):
                rows.extend(item)
            if not running or len(rows) >= _BATCH_ROWS:
                break
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
        with self._queued_lock:
            self._queued -= len(rows)
        try:
            store.write(self.engine, rows)
        except SQLAlchemyError as exc:
            # The error text quotes the parameters: hashes, but still, name its kind only.
            self._lose(len(rows), f"write failed: {type(exc).__name__}")
        for event in done:
            event.set()
        return running

    def _purge(self, retention: timedelta) -> None:
        try:
            n = store.purge(self.engine, datetime.now(UTC) - retention)
        except SQLAlchemyError as exc:
            log.warning("audit: purge failed: %s", type(exc).__name__)
            return
        if n:
            log.info("audit: purged %d rows older than %d days", n, retention.days)

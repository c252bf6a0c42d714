"""What API keys, rate limits and the audit log add to a check. Figures, not a test.

    .venv/bin/python bench/gate.py [--requests 300]

In process: the gate (key lookup among 10 keys, rate-limit count) and the audit
log's request-path cost (HMAC of the text, a queued row), per call, and with the
writer's insert into SQLite. Then the real app, with and without them, on the same
280-character post and the same loaded screener, called in turn.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from texts import POST_280, ROOT

sys.path.insert(0, str(ROOT))
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""  # see bench/run.py

from limits import parse
from starlette.datastructures import Headers

from app.api.auth import Gate
from app.audit import AuditLog, store
from app.keys import ApiKey, KeyRing, generate_key, hash_key
from app.rules.model import Policy
from app.screener import Result

HOST = "127.0.0.1"  # the only address this script sends traffic to


def _per_call_us(fn: object, n: int) -> float:
    assert callable(fn)
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n * 1e6


def in_process(tmp: Path) -> None:
    keys = [generate_key() for _ in range(10)]
    ring = KeyRing.of(
        [ApiKey(id=f"k{n}", policy="default", hash=hash_key(k)) for n, k in enumerate(keys)]
    )
    find = _per_call_us(lambda: ring.find(keys[-1]), 20000)
    print(f"key lookup, 10 keys:            {find:6.1f} µs")
    gate = Gate(ring, parse("100000000/minute"))
    headers = Headers({"x-api-key": keys[-1]})

    async def admits(n: int) -> float:
        start = time.perf_counter()
        for _ in range(n):
            await gate.admit(headers, HOST)
        return (time.perf_counter() - start) / n * 1e6

    print(f"gate.admit (lookup + count):    {asyncio.run(admits(20000)):6.1f} µs")
    policy = Policy(id="default", version="1", packs=["x"])
    result = Result(verdict="pass", violations=[], redacted_text=POST_280, policy=policy)
    engine = store.open_database(f"sqlite:///{tmp / 'bench.db'}")
    audit = AuditLog(engine, b"s" * 32, retention_days=0)
    n = 20000
    per = _per_call_us(lambda: audit.record("k9", "check", [POST_280], [result]), n)
    audit.flush(timeout=120)
    print(f"audit.record, 280-char post:    {per:6.1f} µs on the request path")
    rows = [dict(r._mapping) for r in store.read(engine)][:1000]
    for row in rows:
        del row["id"]
    start = time.perf_counter()
    store.write(engine, rows)
    insert = (time.perf_counter() - start) / len(rows) * 1e6
    print(f"writer's insert, 1000-row batch:{insert:6.1f} µs a row (SQLite), off the request")
    audit.close()


def through_the_app(tmp: Path, requests: int) -> None:
    """The real app in this process, four instances sharing one loaded screener, called
    in turn: separate server processes differ by more than what is measured here (an
    A/A run of three identical servers gave +2.3 and +4.4 ms)."""
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.main import create_app
    from app.screener import Screener

    settings = Settings(data_dir=tmp / "var", audit=False)
    screener = Screener(settings)
    key = generate_key()
    ring = KeyRing.of(
        [ApiKey(id="bench", policy="default", hash=hash_key(key), rate_limit="10000000/minute")]
    )
    audit = AuditLog.open(Settings(data_dir=tmp / "var"))
    open_gate = Gate(KeyRing(), parse("600/minute"))
    apps = {
        "no keys, no audit": create_app(settings, screener, open_gate),
        "same again (control)": create_app(settings, screener, Gate(KeyRing(), parse("1/day"))),
        "key": create_app(settings, screener, Gate(ring, parse("600/minute"))),
        "key + audit": create_app(settings, screener, Gate(ring, parse("600/minute")), audit),
    }
    clients = {name: TestClient(app, headers={"X-API-Key": key}) for name, app in apps.items()}
    batch = {"items": [{"id": str(i), "text": POST_280} for i in range(50)]}
    for label, path, body, n in (
        ("one post", "/v1/check", {"text": POST_280}, requests),
        ("batch of 50", "/v1/check/batch", batch, max(10, requests // 25)),
    ):
        times: dict[str, list[float]] = {name: [] for name in clients}
        for i in range(n + 3):
            names = list(clients)
            for name in names[i % 4 :] + names[: i % 4]:  # the order rotates
                t0 = time.perf_counter()
                assert clients[name].post(path, json=body).status_code == 200
                if i >= 3:  # the first rounds warm up
                    times[name].append((time.perf_counter() - t0) * 1000)
        base = statistics.median(times["no keys, no audit"])
        for name, ms in times.items():
            p50 = statistics.median(ms)
            print(f"app {label}, {name:<21} p50 {p50:8.2f} ms ({p50 - base:+.2f}), n={n}")
    audit.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="screener-bench-gate-") as tmp:
        in_process(Path(tmp))
        through_the_app(Path(tmp), args.requests)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A worker's resident set under a long soak, with freed heap handed back to the OS
(SCREENER_MALLOC_TRIM_SECONDS) and without.

    .venv/bin/python bench/memory.py [--rounds 6] [--seconds 20] [--clients 100] [--trim 0,10]

For each setting a fresh one-worker `screener serve` on 127.0.0.1 takes ``--clients``
concurrent clients posting drafts never seen before (a new name, phone and case number
each, as in `bench/run.py`'s soak) for ``--rounds`` rounds; printed: the worker's RSS
after the warm-up round and after each round, requests and errors. Figures only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from run import HOST, free_port, load, server, soak_drafts, status_mb, wait_ready, worker_pids
from texts import load_drafts

from app.config import Settings


def measure(trim: str, rounds: int, seconds: float, clients: int, model: str) -> str:
    port = free_port()
    url = f"http://{HOST}:{port}"
    texts = load_drafts()
    drafts = soak_drafts(texts)
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "server.log"
        started = time.perf_counter()
        env = {"SCREENER_MALLOC_TRIM_SECONDS": trim}
        with server(port, model, log, 1, env) as proc:
            wait_ready(url, proc, started, 180, log, 1)
            (pid,) = worker_pids(proc.pid)
            load(url, drafts, clients, seconds)  # warm-up: caches fill to their bounds
            rss = [status_mb(pid, "VmRSS:") or 0.0]
            total = failed = 0
            for _ in range(rounds):
                latencies, errors, _ = load(url, drafts, clients, seconds)
                total, failed = total + len(latencies), failed + errors
                rss.append(status_mb(pid, "VmRSS:") or 0.0)
    steps = " -> ".join(f"{r:.0f}" for r in rss)
    return (
        f"SCREENER_MALLOC_TRIM_SECONDS={trim:<4} RSS MB {steps} "
        f"(growth {rss[-1] - rss[0]:+.0f}); {total} requests, {failed} errors"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--trim", default="0,10", help="settings to compare, comma-separated")
    args = parser.parse_args(argv)
    model = Settings().spacy_model  # honours SCREENER_SPACY_MODEL, as run.py and the server
    for trim in args.trim.split(","):
        print(measure(trim, args.rounds, args.seconds, args.clients, model), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

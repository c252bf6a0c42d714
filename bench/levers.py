"""What each speed lever buys: the same load against the server with each lever on and off.

    .venv/bin/python bench/levers.py [--seconds 10] [--concurrency 16]

For each configuration (micro-batching off or on, one worker or one per core) a fresh
`screener serve` on 127.0.0.1 takes `hey -c 16` posting the fixed 280-character post.
Printed per line: checks/s, p50 and p99, errors, the servers' CPU time per request (all
workers; it moves much less than the wall-clock figures when other work shares the
machine), and the mean size of the micro-batches the workers ran. Figures only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from run import HOST, free_port, parse_hey, server, wait_ready, worker_pids
from texts import POST_280

CONFIGS = [  # (label, workers, SCREENER_MICRO_BATCH_ITEMS)
    ("1 worker, each request alone", 1, 1),
    ("1 worker, micro-batching", 1, 32),
    ("2 workers, each request alone", 2, 1),
    ("2 workers, micro-batching", 2, 32),
]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a running process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def hey(url: str, concurrency: int, seconds: float) -> str:
    hey_bin = shutil.which("hey")
    if hey_bin is None:
        raise SystemExit("hey is not on PATH: apt-get install hey")
    body = json.dumps({"text": POST_280})
    cmd = [hey_bin, "-z", f"{seconds}s", "-c", str(concurrency), "-m", "POST"]
    cmd += ["-T", "application/json", "-d", body, f"{url}/v1/check"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 120, check=False)
    return done.stdout


def measure(
    model: str, label: str, workers: int, items: int, concurrency: int, seconds: float
) -> str:
    port = free_port()
    url = f"http://{HOST}:{port}"
    env = {"SCREENER_MICRO_BATCH_ITEMS": str(items), "SCREENER_LOG_LEVEL": "debug"}
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "server.log"
        with server(port, model, log, workers, env) as proc:
            wait_ready(url, proc, time.perf_counter(), 180, log, workers)
            pids = worker_pids(proc.pid)
            hey(url, concurrency, 2)  # warm-up
            mark = len(log.read_bytes())
            cpu0 = sum(map(cpu_seconds, pids))
            figures = parse_hey(hey(url, concurrency, seconds))
            cpu = sum(map(cpu_seconds, pids)) - cpu0
            tail = log.read_bytes()[mark:].decode("utf-8", "replace")
    sizes = [int(n) for n in re.findall(r"batch requests=(\d+)", tail)]
    responses = int(figures["responses"] or 0)
    cpu_ms = 1000 * cpu / responses if responses else float("nan")
    mean = sum(sizes) / len(sizes) if sizes else float("nan")
    return (
        f"{label:<32}{figures['rate'] or 0:>9.1f}{figures['p50_ms'] or 0:>9.1f}"
        f"{figures['p99_ms'] or 0:>9.1f}{figures['errors']:>8}{cpu_ms:>13.2f}{mean:>12.1f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args(argv)
    from app.config import Settings

    model = Settings().spacy_model  # honours SCREENER_SPACY_MODEL, as run.py and the server
    load = os.getloadavg()[0]
    print(
        f"hey -c {args.concurrency}, {args.seconds:g} s per line, 280-char post; "
        f"{os.cpu_count()} CPUs, 1-min load {load:.2f} before"
    )
    head = ("checks/s", "p50 ms", "p99 ms", "errors", "CPU ms/req", "mean batch")
    print(
        f"{'configuration':<32}" + "".join(f"{h:>9}" for h in head[:3]) + f"{head[3]:>8}"
        f"{head[4]:>13}{head[5]:>12}"
    )
    for label, workers, items in CONFIGS:
        print(measure(model, label, workers, items, args.concurrency, args.seconds), flush=True)
    print(f"1-min load {os.getloadavg()[0]:.2f} after")
    return 0


if __name__ == "__main__":
    sys.exit(main())

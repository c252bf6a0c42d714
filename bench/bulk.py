"""Figures for bulk screening: `screener scan` with 1 and 2 worker processes, and what a
client roster adds to a check. Printed, never asserted (see bench/README.md).

    .venv/bin/python bench/bulk.py [--repeat 10]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from texts import DRAFTS, POST_280, ROOT

sys.path.insert(0, str(ROOT))

from app.config import Settings
from app.roster import store
from app.roster.matcher import RosterMatcher
from app.screener import Screener

FIRSTS = [
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "Aaliyah",
    "Jamal",
    "Mei",
    "Priya",
]
LASTS = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Garcia",
    "Miller",
    "Lopez",
    "Nguyen",
    "Okafor",
    "Patel",
    "Begay",
    "Yazzie",
]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def scan_line(path: Path, posts: int, workers: int) -> tuple[float, float]:
    """Wall and CPU seconds of one `screener scan`, models included."""
    cpu0, t0 = _children_cpu(), time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "app.cli", "scan", str(path), "--quiet", "--workers", str(workers)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - t0, _children_cpu() - cpu0


def bench_scan(repeat: int) -> None:
    lines = DRAFTS.read_text(encoding="utf-8").splitlines()
    with tempfile.TemporaryDirectory() as tmp:
        small, big = Path(tmp) / "corpus.jsonl", Path(tmp) / f"corpus-x{repeat}.jsonl"
        small.write_text("\n".join(lines) + "\n", encoding="utf-8")
        big.write_text("\n".join(lines * repeat) + "\n", encoding="utf-8")
        print(f"{'screener scan':<34} {'posts':>6} {'wall s':>7} {'posts/s':>8} {'CPU s':>6}")
        for workers in (1, 2):
            walls = {}
            for path, n in ((small, len(lines)), (big, len(lines) * repeat)):
                wall, cpu = scan_line(path, n, workers)
                walls[n] = wall
                label = f"--workers {workers}, {path.name}"
                print(f"{label:<34} {n:>6} {wall:>7.1f} {n / wall:>8.1f} {cpu:>6.1f}")
            (n1, w1), (n2, w2) = sorted(walls.items())
            steady = (n2 - n1) / (w2 - w1) if w2 > w1 else float("nan")
            print(f"{f'--workers {workers}, models loaded':<34} {'':>6} {'':>7} {steady:>8.1f}")


def bench_roster(clients: int, reps: int) -> None:
    rng = random.Random(7)
    roster = [
        store.Client(
            names=(f"{rng.choice(FIRSTS)} {rng.choice(LASTS)}",),
            nicknames=(f"Nick{n}",),
            ids=(f"CL-{10_000 + n}",),
        )
        for n in range(clients)
    ]
    key = store.RosterKey("bench-secret-" + "x" * 20, "default")
    hashes, _ = store.hash_clients(roster, key)
    screener = Screener(Settings())
    parsed = screener.adapter.parse([POST_280])[0]
    matcher = RosterMatcher(hashes, key, screener.client_context)
    for _ in range(50):
        matcher.findings(parsed.doc, POST_280)
    # CPU time as well as wall time: on a shared machine the CPU figure moves much less
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(reps):
        matcher.findings(parsed.doc, POST_280)
    added = (time.perf_counter() - t0) / reps * 1000
    added_cpu = (time.process_time() - c0) / reps * 1000
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(reps // 10):
        screener.check(POST_280)
    check = (time.perf_counter() - t0) / (reps // 10) * 1000
    check_cpu = (time.process_time() - c0) / (reps // 10) * 1000
    print(
        f"roster of {clients} clients ({sum(hashes.counts().values())} hashes): "
        f"+{added:.2f} ms ({added_cpu:.2f} ms CPU) per 280-character check; "
        f"the check without it: {check:.1f} ms ({check_cpu:.1f} ms CPU)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10, help="copies of the corpus")
    parser.add_argument("--clients", type=int, default=500)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    bench_roster(args.clients, 2000)
    bench_scan(args.repeat)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

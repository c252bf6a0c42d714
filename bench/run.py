"""Throughput, latency, start-up and memory of the screener, in one table.

Run with ``make bench`` or ``.venv/bin/python bench/run.py [--quick] [--json PATH]``.
Every line runs on the same texts (tests/corpus/drafts.jsonl and one 280-character
post). Figures are printed, never asserted: the exit status is 0 whether or not the
targets hold, and 1 only if the benchmark itself could not run (e.g. no server).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from texts import POST_280, ROOT, load_drafts

# Stock Presidio's e-mail recognizer calls tldextract, whose module-level extractor
# reads this variable once, at import, and would otherwise try to download the public
# suffix list (hanging until a timeout on this offline machine). Empty means "use the
# bundled snapshot". It must be set before anything imports tldextract, hence here;
# the server subprocess inherits it too, though the screener itself never downloads.
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

HOST = "127.0.0.1"  # the only address this script ever sends traffic to
# The targets of the speed issue; the table says, line by line, whether each holds.
TARGET_RATIO = 5.0  # screener batch throughput / stock Presidio's, same texts, same run
TARGET_P50_MS = 10.0  # one 280-character post over HTTP, no other load
TARGET_C16_RATE = 400.0  # checks/s at 16 concurrent clients ...
TARGET_C16_P99_MS = 100.0  # ... with this p99 and no errors
TARGET_RSS_MB = 500.0  # peak RSS of each worker process
TARGET_READY_S = 10.0  # process start to every worker ready
TARGET_SOAK_GROWTH_MB = 10.0  # worker RSS growth over the soak, after the warm-up runs


@dataclass(frozen=True)
class Plan:
    """How many repetitions each line gets; --quick shrinks them for a smoke test."""

    passes: int  # passes over the corpus for per-text lines
    batch_passes: int  # check_many / nlp.pipe passes over the whole corpus
    reps: int  # repetitions of the 280-character post (in-process and over HTTP)
    hey_seconds: int
    soak_seconds: int  # 0: no soak


FULL = Plan(passes=3, batch_passes=5, reps=300, hey_seconds=10, soak_seconds=60)
QUICK = Plan(passes=1, batch_passes=1, reps=30, hey_seconds=2, soak_seconds=5)


@dataclass
class Row:
    key: str
    label: str
    rate: float | None = None  # posts (or requests) per second, wall clock
    p50_ms: float | None = None
    p99_ms: float | None = None
    # CPU time of the bench process per post. Other work on a shared machine inflates
    # wall-clock figures; this column moves much less, so a noisy run can still be read.
    cpu_ms: float | None = None
    other: str = ""
    figures: dict[str, float | int | str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Timing:
    posts: int
    wall: float  # seconds
    cpu: float | None  # seconds of this process's CPU time (all threads); None if not ours
    latencies: list[float] = field(default_factory=list)  # seconds per call, if per call


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile: always a value that was actually observed."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def timed_row(key: str, label: str, t: Timing, other: str) -> Row:
    ms = [s * 1000 for s in t.latencies]
    p50, p99 = (percentile(ms, 50), percentile(ms, 99)) if ms else (None, None)
    cpu_ms = None if t.cpu is None else 1000 * t.cpu / t.posts
    return Row(key, label, t.posts / t.wall, p50, p99, cpu_ms, other)


def time_each(fn: Callable[[str], object], texts: Sequence[str], passes: int) -> Timing:
    """``fn`` once per text, ``passes`` times over ``texts``, each call timed."""
    latencies: list[float] = []
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for _ in range(passes):
        for text in texts:
            t0 = time.perf_counter()
            fn(text)
            latencies.append(time.perf_counter() - t0)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return Timing(len(latencies), wall, cpu, latencies)


def time_batches(fn: Callable[[], object], posts: int, passes: int) -> Timing:
    """``fn`` (which handles ``posts`` posts) ``passes`` times; the median run, so one
    pass slowed by something else on the machine does not move the figure."""
    walls, cpus = [], []
    for _ in range(passes):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall0)
        cpus.append(time.process_time() - cpu0)
    return Timing(posts, statistics.median(walls), statistics.median(cpus))


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux; it is the high-water mark, so it only ever grows.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_row(key: str, label: str, mb: float | None) -> Row:
    shown = f"{mb:.0f} MB" if mb is not None else "unknown"
    return Row(key, label, other=shown, figures={"mb": None if mb is None else round(mb, 1)})


def bench_screener(texts: Sequence[str], plan: Plan) -> list[Row]:
    from app.config import Settings
    from app.screener import Screener

    screener = Screener(Settings())  # warms itself up (see Screener.__init__)
    t = time_each(screener.check, texts, plan.passes)
    rows = [timed_row("screener_check", "screener check(), per draft", t, f"{t.posts} calls")]
    t = time_batches(partial(screener.check_many, texts), len(texts), plan.batch_passes)
    other = f"median of {plan.batch_passes} x {len(texts)}"
    rows.append(timed_row("screener_batch", "screener check_many(), all drafts", t, other))
    t = time_each(screener.check, [POST_280], plan.reps)
    rows.append(
        timed_row("screener_post", "screener check(), 280-char post", t, f"{t.posts} calls")
    )
    label = "peak RSS, bench process after screener lines"
    rows.append(rss_row("rss_screener", label, peak_rss_mb()))
    return rows


def _pipe_all(nlp: Any, texts: Sequence[str]) -> None:
    list(nlp.pipe(texts, batch_size=64))  # the Settings default batch size


def bench_ner_floor(texts: Sequence[str], model: str, plan: Plan) -> list[Row]:
    """nlp.pipe with only what NER needs: what any spaCy-based screener must pay at least."""
    import spacy

    names = spacy.load(model).component_names  # every component, including disabled ones
    rows = []
    # In the small English pipelines NER has its own embedding layer and does not listen
    # to the shared tok2vec, so tok2vec+ner still does work NER never uses; the
    # "ner only" line shows what that costs.
    for key, keep in (("ner_floor", ("tok2vec", "ner")), ("ner_only", ("ner",))):
        nlp = spacy.load(model, disable=[c for c in names if c not in keep])
        list(nlp.pipe(texts[:16], batch_size=64))  # warm-up: first calls allocate
        t = time_batches(partial(_pipe_all, nlp, texts), len(texts), plan.batch_passes)
        label = f"NER floor, nlp.pipe [{'+'.join(nlp.pipe_names)}]"
        rows.append(timed_row(key, label, t, f"median of {plan.batch_passes} x {len(texts)}"))
    return rows


def bench_stock_presidio(texts: Sequence[str], model: str, plan: Plan) -> list[Row]:
    import logging

    import tldextract.tldextract as tld
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    if tld.TLD_EXTRACTOR.suffix_list_urls:  # tldextract was imported before the variable
        raise RuntimeError("tldextract would try to download the public suffix list")
    # Presidio warns for each recognizer of another language and for each unmapped spaCy
    # label it meets: noise in the table, and logging time in the figure.
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    engine = NlpEngineProvider(nlp_configuration=conf).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])

    def analyze(text: str) -> object:
        return analyzer.analyze(text=text, language="en")

    for text in (POST_280, "write to jane@example.org", *texts[:8]):  # warm-up
        analyze(text)
    t = time_each(analyze, texts, plan.passes)
    return [timed_row("presidio", "stock Presidio analyze(), per draft", t, f"{t.posts} calls")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def server(
    port: int, model: str, log: Path, workers: int, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """`screener serve --workers N` on loopback; always stopped on the way out."""
    full_env = {
        **os.environ,
        "SCREENER_PORT": str(port),
        "SCREENER_HOST": HOST,
        "SCREENER_SPACY_MODEL": model,
        "SCREENER_LOG_LEVEL": "info",  # the "ready in" line of each worker is read below
        **(env or {}),
    }
    cmd = [sys.executable, "-m", "app.cli", "serve", "--host", HOST, "--port", str(port)]
    cmd += ["--workers", str(workers)]
    # Output goes to a file, not a pipe: nobody reads a pipe while hey runs, and a full
    # pipe would block the server's logging and so the server.
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_ready(
    url: str, proc: subprocess.Popen[bytes], started: float, limit: float, log: Path, workers: int
) -> float:
    """Seconds from process start until /readyz answers 200 and every worker has logged
    that it is ready (a worker takes connections only once its models are loaded)."""
    import httpx2 as httpx

    answered = False
    while time.perf_counter() - started < limit:
        if not answered:
            try:
                status = httpx.get(f"{url}/readyz", timeout=1, trust_env=False).status_code
                answered = status == 200
            except httpx.TransportError:
                pass  # not listening yet
        if answered and log.read_text(errors="replace").count("ready in ") >= workers:
            return time.perf_counter() - started
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with status {proc.returncode}")
        time.sleep(0.05)
    raise RuntimeError(f"server not ready after {limit:.0f} s")


def worker_pids(pid: int) -> list[int]:
    """The processes `screener serve` started (uvicorn's workers); the server itself
    when it runs without them."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[1]) == pid:  # the field after the state is the parent's pid
            children.append(int(stat.parent.name))
    # uvicorn's multiprocessing may add a resource tracker; workers are the big ones
    big = [c for c in children if (status_mb(c, "VmRSS:") or 0) > 50]
    return sorted(big) or [pid]


def status_mb(pid: int, field_name: str) -> float | None:
    """A memory figure (VmRSS:, VmHWM:) of a running process, in MB."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        if line.startswith(field_name):
            return int(line.split()[1]) / 1024  # reported in kB
    return None


def http_sequential(url: str, n: int) -> Row:
    """One client, one kept-alive connection, one request at a time: latency without load."""
    import httpx2 as httpx

    body = {"text": POST_280}
    latencies: list[float] = []
    errors = 0
    # trust_env=False: no HTTP(S)_PROXY from the environment may route this off loopback.
    with httpx.Client(base_url=url, timeout=30, trust_env=False) as client:
        for _ in range(10):  # warm-up: connection set-up, first-request paths
            client.post("/v1/check", json=body)
        start = time.perf_counter()
        for _ in range(n):
            t0 = time.perf_counter()
            response = client.post("/v1/check", json=body)
            latencies.append(time.perf_counter() - t0)
            errors += response.status_code != 200
        wall = time.perf_counter() - start
    # cpu=None: this process is only the client; the work is the server's.
    t = Timing(n, wall, None, latencies)
    label = "HTTP /v1/check, sequential, 280-char post"
    row = timed_row("http_sequential", label, t, f"{n} requests, {errors} errors")
    row.figures["errors"] = errors
    return row


def parse_hey(output: str) -> dict[str, float | int | None]:
    """Requests/s, p50/p99 (ms) and errors (non-2xx plus transport errors) from hey's summary."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"50%+ in ([\d.]+) secs", output)
    p99 = re.search(r"99%+ in ([\d.]+) secs", output)
    statuses = [(int(c), int(k)) for c, k in re.findall(r"\[(\d{3})\]\s+(\d+) responses", output)]
    _, _, error_part = output.partition("Error distribution:")
    transport = sum(int(k) for k in re.findall(r"(?m)^\s*\[(\d+)\]\s", error_part))
    return {
        "rate": float(rate.group(1)) if rate else None,
        "p50_ms": float(p50.group(1)) * 1000 if p50 else None,
        "p99_ms": float(p99.group(1)) * 1000 if p99 else None,
        "responses": sum(k for _, k in statuses),
        "errors": sum(k for c, k in statuses if not 200 <= c < 300) + transport,
    }


def run_hey(hey: str, url: str, concurrency: int, seconds: int) -> Row:
    post = ["-m", "POST", "-T", "application/json", "-d", json.dumps({"text": POST_280})]
    cmd = [hey, "-z", f"{seconds}s", "-c", str(concurrency), *post, f"{url}/v1/check"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 120, check=False)
    figures = parse_hey(done.stdout)
    label = f"hey -c {concurrency}, {seconds} s, 280-char post"
    other = f"{figures['responses']} responses, {figures['errors']} errors"
    if done.returncode != 0:
        other += f", hey exited {done.returncode}"
    rate, p50, p99 = (_float(figures[k]) for k in ("rate", "p50_ms", "p99_ms"))
    row = Row(f"hey_c{concurrency}", label, rate, p50, p99, other=other)
    row.figures.update({"responses": figures["responses"], "errors": figures["errors"]})
    return row


def _float(value: float | int | None) -> float | None:
    return None if value is None else float(value)


def bench_http(model: str, plan: Plan, workers: int, texts: Sequence[str]) -> list[Row]:
    port = free_port()
    url = f"http://{HOST}:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "server.log"
        started = time.perf_counter()
        with server(port, model, log, workers) as proc:
            try:
                startup = wait_ready(url, proc, started, 180, log, workers)
            except RuntimeError:
                sys.stderr.write(log.read_text(errors="replace")[-4000:])
                raise
            rows = [
                Row(
                    "startup",
                    f"HTTP start-up, process start -> {workers} worker(s) ready",
                    other=f"{startup:.1f} s",
                    figures={"seconds": round(startup, 2)},
                )
            ]
            rows.append(http_sequential(url, plan.reps))
            rows.extend(hey_rows(url, plan))
            # Read before the context manager stops the process and /proc/<pid> goes.
            pids = worker_pids(proc.pid)
            peaks = [status_mb(p, "VmHWM:") for p in pids]
            peak = max((p for p in peaks if p is not None), default=None)
            label = f"peak RSS per worker (VmHWM, largest of {len(pids)})"
            rows.append(rss_row("rss_server", label, peak))
            if plan.soak_seconds:
                rows.append(soak(url, plan.soak_seconds, pids, texts))
    return rows


def hey_rows(url: str, plan: Plan) -> list[Row]:
    hey = shutil.which("hey")
    if hey is None:
        return [Row("hey", "hey: not on PATH, load lines skipped", other="apt-get install hey")]
    return [run_hey(hey, url, c, plan.hey_seconds) for c in (16, 100)]


def soak_drafts(texts: Sequence[str], seed: int = 1) -> Iterator[str]:
    """Drafts never seen before, endlessly: a corpus draft with a new name, phone number
    and case number, as real traffic brings new words (which a server must not keep)."""
    rnd = random.Random(seed)
    while True:
        name = "".join(rnd.choices(string.ascii_lowercase, k=8)).capitalize()
        phone = f"{rnd.randint(200, 999)}-{rnd.randint(200, 999)}-{rnd.randint(1000, 9999)}"
        case = rnd.randint(10**6, 10**7)
        yield f"{rnd.choice(texts)} Call {name} at {phone} about case #{case}."


def load(
    url: str, drafts: Iterator[str], clients: int, seconds: float
) -> tuple[list[float], int, float]:
    """``clients`` concurrent clients, each posting the next of ``drafts`` for
    ``seconds``: each request's latency (s), the errors, and the wall time."""
    import asyncio

    import httpx2 as httpx

    latencies: list[float] = []
    errors = 0

    async def client(session: httpx.AsyncClient, until: float) -> None:
        nonlocal errors
        while time.perf_counter() < until:
            t0 = time.perf_counter()
            try:
                response = await session.post("/v1/check", json={"text": next(drafts)})
                errors += response.status_code != 200
            except httpx.TransportError:
                errors += 1
            latencies.append(time.perf_counter() - t0)

    async def run() -> float:
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(
            base_url=url, timeout=60, limits=limits, trust_env=False
        ) as session:
            start = time.perf_counter()
            until = start + seconds
            await asyncio.gather(*(client(session, until) for _ in range(clients)))
            return time.perf_counter() - start

    wall = asyncio.run(run())
    return latencies, errors, wall


def soak(url: str, seconds: int, pids: Sequence[int], texts: Sequence[str]) -> Row:
    """100 concurrent clients for ``seconds``, each posting drafts never seen before;
    each worker's resident set before (after a 10 s warm-up of the same) and after."""
    drafts = soak_drafts(texts)
    load(url, drafts, 100, min(10, seconds))  # warm-up: caches fill to their bounds
    before = [status_mb(p, "VmRSS:") or 0.0 for p in pids]
    latencies, errors, wall = load(url, drafts, 100, seconds)
    after = [status_mb(p, "VmRSS:") or 0.0 for p in pids]
    ms = [s * 1000 for s in latencies]
    growth = max(a - b for a, b in zip(after, before, strict=True))
    shown = " ".join(f"{b:.0f}->{a:.0f}" for b, a in zip(before, after, strict=True))
    return Row(
        "soak",
        f"soak: 100 clients, {seconds} s, new drafts",
        len(ms) / wall,
        percentile(ms, 50) if ms else None,
        percentile(ms, 99) if ms else None,
        other=f"{len(ms)} requests, {errors} errors, RSS MB per worker {shown}",
        figures={"errors": errors, "growth_mb": round(growth, 1)},
    )


def _row(rows: Sequence[Row], key: str) -> Row | None:
    return next((r for r in rows if r.key == key), None)


def target_row(key: str, label: str, value: float | None, limit: float, unit: str) -> Row:
    """A target as a table row; ``unit`` "x" or "/s" means at least ``limit``, anything
    else at most."""
    if value is None:
        return Row(key, f"target: {label}", other="n/a", figures={"value": None, "holds": None})
    ok = value >= limit if unit in ("x", "/s") else value <= limit
    shown = f"{value:.1f}{unit}" if unit in ("x", "/s") else f"{value:.1f} {unit}"
    verdict = "holds" if ok else "MISSED"
    return Row(
        key, f"target: {label}", other=f"{verdict} ({shown})", figures={"value": value, "holds": ok}
    )


def _figure(row: Row | None, name: str) -> float | None:
    value = row.figures.get(name) if row else None
    return float(value) if isinstance(value, float | int) else None


def c16_row(c16: Row | None) -> Row:
    """The load target: the rate, the p99 and no errors, all three in the same run."""
    label = (
        f"target: >= {TARGET_C16_RATE:.0f}/s at 16 clients, p99 <= {TARGET_C16_P99_MS:.0f} ms, "
        "no errors"
    )
    errors = _figure(c16, "errors")
    if c16 is None or c16.rate is None or c16.p99_ms is None or errors is None:
        return Row("target_c16", label, other="n/a", figures={"value": None, "holds": None})
    ok = c16.rate >= TARGET_C16_RATE and c16.p99_ms <= TARGET_C16_P99_MS and errors == 0
    shown = f"{c16.rate:.0f}/s, p99 {c16.p99_ms:.0f} ms, {errors:.0f} errors"
    return Row(
        "target_c16",
        label,
        other=f"{'holds' if ok else 'MISSED'} ({shown})",
        figures={"value": c16.rate, "holds": ok},
    )


def summary_rows(rows: Sequence[Row]) -> list[Row]:
    """The throughput ratio and each target, as rows of the same table."""
    batch, stock = _row(rows, "screener_batch"), _row(rows, "presidio")
    ratio = batch.rate / stock.rate if batch and stock and batch.rate and stock.rate else None
    seq, c16 = _row(rows, "http_sequential"), _row(rows, "hey_c16")
    soaked = _row(rows, "soak")
    soak_growth = _figure(soaked, "growth_mb")
    if soaked and _figure(soaked, "errors"):
        soak_growth = math.inf  # errors fail the soak whatever the memory did
    return [
        Row(
            "ratio",
            "screener batch / stock Presidio throughput (one process each)",
            other=f"{ratio:.1f}x" if ratio else "n/a",
            figures={"value": ratio},
        ),
        target_row(
            "target_ratio", f"batch >= {TARGET_RATIO:.0f}x stock Presidio", ratio, TARGET_RATIO, "x"
        ),
        target_row(
            "target_p50",
            f"HTTP p50 <= {TARGET_P50_MS:.0f} ms, one client, 280-char post",
            seq.p50_ms if seq else None,
            TARGET_P50_MS,
            "ms",
        ),
        c16_row(c16),
        target_row(
            "target_rss",
            f"peak RSS per worker <= {TARGET_RSS_MB:.0f} MB",
            _figure(_row(rows, "rss_server"), "mb"),
            TARGET_RSS_MB,
            "MB",
        ),
        target_row(
            "target_ready",
            f"start-up to ready <= {TARGET_READY_S:.0f} s",
            _figure(_row(rows, "startup"), "seconds"),
            TARGET_READY_S,
            "s",
        ),
        target_row(
            "target_soak",
            f"soak: no errors, RSS growth <= {TARGET_SOAK_GROWTH_MB:.0f} MB per worker",
            soak_growth,
            TARGET_SOAK_GROWTH_MB,
            "MB",
        ),
    ]


def _cell(value: float | None, width: int) -> str:
    return f"{value:>{width}.1f}" if value is not None else " " * width


def render(rows: Sequence[Row], title: str) -> str:
    width = max(len(r.label) for r in rows)
    numbers = ("posts/s", "p50 ms", "p99 ms", "CPU ms/post")
    head = f"{'line':<{width}}  " + "  ".join(f"{h:>8}" for h in numbers) + "  other"
    lines = [title, head, "-" * (len(head) + 30)]
    for r in rows:
        cells = "  ".join(_cell(v, 8) for v in (r.rate, r.p50_ms, r.p99_ms))
        lines.append(f"{r.label:<{width}}  {cells}  {_cell(r.cpu_ms, 11)}  {r.other}".rstrip())
    return "\n".join(lines)


def write_json(path: Path, meta: dict[str, Any], rows: Sequence[Row]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"meta": meta, "lines": {r.key: asdict(r) for r in rows}}
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke test)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write figures as JSON")
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="server worker processes (default: one per core)",
    )
    parser.add_argument(
        "--no-soak", action="store_true", help="skip the soak at 100 clients (60 s)"
    )
    return parser.parse_args(argv)


def in_process_rows(texts: Sequence[str], model: str, plan: Plan) -> list[Row]:
    # Screener first, so the RSS checkpoint after it holds only the screener's model.
    rows = bench_screener(texts, plan)
    rows += bench_ner_floor(texts, model, plan)
    rows += bench_stock_presidio(texts, model, plan)
    label = "peak RSS, bench process at the end (4 pipelines)"
    rows.append(rss_row("rss_bench", label, peak_rss_mb()))
    return rows


def describe(
    texts: Sequence[str], model: str, quick: bool, load: Sequence[float]
) -> dict[str, Any]:
    """What the figures were measured on. Other work on the machine moves them a lot,
    so the load average before and after is part of the record."""
    return {
        "model": model,
        "drafts": len(texts),
        "mean_chars": round(statistics.mean(len(t) for t in texts)),
        "cpus": os.cpu_count(),
        "quick": quick,
        "load_before": round(load[0], 2),
        "load_after": round(load[1], 2),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # SIGTERM (a CI timeout, say) would otherwise skip the `finally` that stops the server.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    plan = QUICK if args.quick else FULL
    if args.no_soak:
        plan = replace(plan, soak_seconds=0)
    from app.config import Settings

    model = Settings().spacy_model  # honours SCREENER_SPACY_MODEL, like the server
    texts = load_drafts()
    load_before = os.getloadavg()[0]
    rows = in_process_rows(texts, model, plan)
    status = 0
    try:
        rows += bench_http(model, plan, args.workers, texts)
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        rows.append(Row("http", f"HTTP lines failed: {exc}"))
        status = 1
    rows += summary_rows(rows)
    meta = describe(texts, model, args.quick, (load_before, os.getloadavg()[0]))
    meta["plan"] = asdict(plan)
    meta["workers"] = args.workers
    title = (
        f"screener benchmark: {meta['drafts']} drafts (mean {meta['mean_chars']} chars), "
        f"model {model}, {meta['cpus']} CPUs, {args.workers} server worker(s), "
        f"1-min load {meta['load_before']} before / "
        f"{meta['load_after']} after{', QUICK' if args.quick else ''}"
    )
    print(render(rows, title))
    if args.json:
        write_json(args.json, meta, rows)
    return status


if __name__ == "__main__":
    sys.exit(main())

"""``screener scan FILE``: check every post of an exported or bulk-upload calendar.

Prints a summary and each post to change; writes reports (``--report``); exits with the
worst verdict, as ``screener check`` does: 0 pass, 1 warn, 2 block.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from app.config import get_settings
from app.rules.loader import require_policy
from app.scan.reader import read_posts
from app.scan.report import FORMATS, Scanned, Summary, report_format, write_report
from app.scan.runner import Progress, check_posts

_MARK = {"block": "✖ BLOCK", "warn": "▲ WARN ", "pass": "✔ PASS "}
_ORDER = {"pass": 0, "warn": 1, "block": 2}


def positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "scan",
        help="check every post of a scheduling CSV or JSON Lines file; exit 0 pass, 1 warn, "
        "2 block",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", help="CSV (Hootsuite, Buffer, Later, Sprout...) or .jsonl; - for stdin")
    p.add_argument("--policy", help="policy id (default SCREENER_DEFAULT_POLICY)")
    p.add_argument("--text-column", help="the column of post text: header name or number from 1")
    p.add_argument("--encoding", default="utf-8", help="the file's encoding (default utf-8)")
    p.add_argument(
        "--report",
        action="append",
        default=[],
        metavar="PATH",
        help="write a report: .csv, .jsonl or .html (self-contained); may be repeated",
    )
    p.add_argument("--format", choices=FORMATS, help="report format, whatever PATH ends in")
    p.add_argument(
        "--workers", type=positive, default=1, help="processes, each loading the models once"
    )
    p.add_argument("--quiet", action="store_true", help="print the summary line only")
    p.set_defaults(func=_scan)


def _scan(args: argparse.Namespace) -> int:
    from app.cli import EXIT

    settings = get_settings()
    policy = require_policy(settings.rules_dir, args.policy or settings.default_policy)
    reports = [(Path(r), report_format(r, args.format)) for r in args.report]
    read = read_posts(args.file, text_column=args.text_column, encoding=args.encoding)
    posts = read.posts
    progress = Progress(len(posts))
    progress.note(f"Loading the models ({args.workers} process{'es' * (args.workers > 1)})…")
    t0 = time.perf_counter()
    try:
        results = check_posts(posts, settings, policy, args.workers, progress)
    finally:
        progress.close()
    seconds = time.perf_counter() - t0
    scanned = [Scanned(p, r) for p, r in zip(posts, results, strict=True)]
    source = "standard input" if args.file == "-" else Path(args.file).name
    summary = Summary.of(source, read.layout, scanned)
    for path, fmt in reports:
        write_report(path, fmt, scanned, summary)
    _print(summary, scanned, quiet=args.quiet)
    for path, _ in reports:
        print(f"Report: {path}")
    print(
        f"Checked {len(posts)} posts in {seconds:.1f}s, models included "
        f"({len(posts) / seconds:.0f} posts/s, {args.workers} process"
        f"{'es' * (args.workers > 1)}).",
        file=sys.stderr,
    )
    worst = max((s.result.verdict for s in scanned), key=_ORDER.__getitem__)
    return EXIT[worst]


def _print(summary: Summary, scanned: list[Scanned], *, quiet: bool) -> None:
    v = summary.verdicts
    print(
        f"{summary.posts} posts in {summary.source} ({summary.layout}), policy {summary.policy}: "
        f"{v['block']} do not post, {v['warn']} review before posting, {v['pass']} look OK."
    )
    if quiet:
        return
    for s in scanned:
        if s.result.verdict == "pass":
            continue
        when = f"  {s.post.date}" if s.post.date else ""
        found = "; ".join(
            f"“{_short(x.text)}” {x.rule_id}" for x in s.result.violations if x.severity != "info"
        )
        print(f"{_MARK[s.result.verdict]} row {s.post.row}{when}: {found}")


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

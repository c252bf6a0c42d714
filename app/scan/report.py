"""Reports of a scan: CSV (one row a post, for a spreadsheet), JSON Lines (one object a
post: the API's result with where the post came from) and one self-contained HTML page
a person can read (inline CSS, no script, nothing loaded from anywhere).

A report holds the posts' text: it is written to the user's own disk, never logged.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path, PurePath
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.errors import DataError
from app.scan.reader import Post
from app.screener import Result

FORMATS = ("csv", "jsonl", "html")
_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CSV_HEADER = (
    *("row", "id", "date", "link", "verdict", "findings", "passages", "rules", "what to do"),
    *("text", "cleaned text"),
)


@dataclass(frozen=True, slots=True)
class Scanned:
    post: Post
    result: Result


@dataclass(frozen=True, slots=True)
class Summary:
    source: str
    layout: str
    policy: str
    posts: int
    verdicts: Counter[str]

    @staticmethod
    def of(source: str, layout: str, scanned: Sequence[Scanned]) -> Summary:
        policy = scanned[0].result.policy
        return Summary(
            source,
            layout,
            f"{policy.id} {policy.version}",
            len(scanned),
            Counter(s.result.verdict for s in scanned),
        )


def report_format(path: str, fmt: str | None) -> str:
    if fmt:
        return fmt
    suffix = PurePath(path).suffix.lower().lstrip(".")
    found = {"ndjson": "jsonl", "htm": "html"}.get(suffix, suffix)
    if found not in FORMATS:
        raise DataError(
            f"cannot tell the report format of {path!r}: end it in .csv, .jsonl or .html, "
            "or give --format"
        )
    return found


def write_report(path: Path, fmt: str, scanned: Sequence[Scanned], summary: Summary) -> None:
    writer = {"csv": _write_csv, "jsonl": _write_jsonl, "html": _write_html}[fmt]
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(writer(scanned, summary))


def _cell(value: str) -> str:
    # A post starting with "@name" or "=" must stay text when the report is opened in
    # a spreadsheet: the leading apostrophe is how spreadsheets mark it so.
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def _write_csv(scanned: Sequence[Scanned], summary: Summary) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_CSV_HEADER)
    for s in scanned:
        vs = s.result.violations
        writer.writerow(
            [
                s.post.row,
                _cell(s.post.id),
                _cell(s.post.date),
                _cell(s.post.link),
                s.result.verdict,
                len(vs),
                _cell(" | ".join(v.text for v in vs)),
                " ".join(dict.fromkeys(v.rule_id for v in vs)),
                _cell(" | ".join(dict.fromkeys(v.message for v in vs))),
                _cell(s.post.text),
                _cell(s.result.redacted_text),
            ]
        )
    return out.getvalue()


def record(s: Scanned) -> dict[str, Any]:
    """One post's line of the JSON Lines report: the API's result, plus where it was."""
    r = s.result
    return {
        "row": s.post.row,
        "id": s.post.id,
        "date": s.post.date,
        "link": s.post.link,
        "verdict": r.verdict,
        "violations": [asdict(v) for v in r.violations],
        "redacted_text": r.redacted_text,
        "policy": {"id": r.policy.id, "version": r.policy.version},
        "text": s.post.text,
    }


def _write_jsonl(scanned: Sequence[Scanned], summary: Summary) -> str:
    return "".join(json.dumps(record(s), ensure_ascii=False) + "\n" for s in scanned)


def _write_html(scanned: Sequence[Scanned], summary: Summary) -> str:
    from app.web import _result_view  # the check form's view of a result, marks and all

    env = Environment(
        loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(default=True)
    )
    posts = [(s.post, _result_view(s.post.text, s.result)) for s in scanned]
    return env.get_template("report.html").render(
        summary=summary,
        posts=[{"post": post, "view": view} for post, view in posts],
        flagged=[{"post": post, "view": view} for post, view in posts if view["verdict"] != "pass"],
        generated=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
    )

"""Scan reports and the progress display, on hand-made results (no model)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from app.errors import DataError
from app.rules.model import Policy
from app.scan.reader import Post
from app.scan.report import Scanned, Summary, report_format, write_report
from app.scan.runner import Progress
from app.screener import Result, Violation, redact

POLICY = Policy(id="default", version="1.0", packs=["client_identifiers"])
HOSTILE = '<script>alert(1)</script> my client <b>Zed</b> "&" <img src=http://x.example/a>'


def _violation(text: str, word: str, severity: str = "block") -> Violation:
    start = text.index(word)
    return Violation(
        rule_id="client_identifiers.name_with_client_role",
        category="client_identifier",
        entity_type="PERSON",
        severity=severity,
        start=start,
        end=start + len(word),
        text=word,
        message="Names a client <now>.",
        policy_ref="NASW 1.07",
        score=0.9,
        suggestion="my client",
        placeholder="[NAME]",
    )


def _scanned() -> list[Scanned]:
    posts = [
        Post(2, "a", HOSTILE, "2026-12-01", "javascript:alert(1)"),
        Post(3, "b", "=1+1 and @handle", "2026-12-02", ""),
        Post(4, "c", "🎉 Hello Zed", "", ""),
    ]
    v1 = _violation(HOSTILE, "<b>Zed</b>")
    v3 = _violation(posts[2].text, "Zed", "warn")
    return [
        Scanned(posts[0], Result("block", [v1], redact(HOSTILE, [v1]), POLICY)),
        Scanned(posts[1], Result("pass", [], posts[1].text, POLICY)),
        Scanned(posts[2], Result("warn", [v3], redact(posts[2].text, [v3]), POLICY)),
    ]


def _write(tmp_path: Path, fmt: str) -> str:
    scanned = _scanned()
    path = tmp_path / f"report.{fmt}"
    write_report(path, fmt, scanned, Summary.of("cal.csv", "CSV", scanned))
    return path.read_text(encoding="utf-8")


def test_html_is_self_contained_and_escapes_everything(tmp_path: Path) -> None:
    html = _write(tmp_path, "html")
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html
    assert re.findall(r'(?:src|href)="([^"#][^"]*)"', html) == []  # nothing loaded or linked
    assert "default-src 'none'" in html
    assert '<mark class="block"' in html and '<mark class="warn"' in html
    assert "Names a client &lt;now&gt;." in html


def test_html_summary_counts_and_links_to_flagged_posts(tmp_path: Path) -> None:
    html = _write(tmp_path, "html")
    counts = re.findall(r"<li><strong>(\d+)</strong> (.+?)</li>", html)
    assert counts == [("1", "✖ Do not post"), ("1", "▲ Review before posting"), ("1", "✔ Look OK")]
    assert 'href="#row-2"' in html and 'href="#row-4"' in html and 'href="#row-3"' not in html
    assert 'id="row-3"' in html  # a passing post is there, folded


def test_csv_keeps_spreadsheets_from_running_a_post_as_a_formula(tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_write(tmp_path, "csv"))))
    assert [r["verdict"] for r in rows] == ["block", "pass", "warn"]
    assert rows[1]["text"] == "'=1+1 and @handle"
    assert rows[0]["link"] == "javascript:alert(1)"
    assert rows[0]["passages"] == "<b>Zed</b>" and rows[0]["cleaned text"].count("[NAME]") == 1


def test_jsonl_is_the_api_result_with_where_the_post_came_from(tmp_path: Path) -> None:
    lines = [json.loads(line) for line in _write(tmp_path, "jsonl").splitlines()]
    assert [x["row"] for x in lines] == [2, 3, 4]
    assert set(lines[0]) == {
        *("row", "id", "date", "link", "verdict", "violations", "redacted_text", "policy"),
        "text",
    }
    assert lines[2]["violations"][0]["start"] == 8  # code points, after the emoji


@pytest.mark.parametrize(
    ("path", "fmt", "expected"),
    [("r.HTML", None, "html"), ("r.ndjson", None, "jsonl"), ("r.txt", "csv", "csv")],
)
def test_report_format(path: str, fmt: str | None, expected: str) -> None:
    assert report_format(path, fmt) == expected


def test_unknown_report_format() -> None:
    with pytest.raises(DataError, match="--format"):
        report_format("report.pdf", None)


def test_progress_draws_on_a_terminal_only() -> None:
    out = io.StringIO()
    bar = Progress(10, out, enabled=True)
    for _ in range(5):
        bar(2)
    bar.close()
    assert "10/10 posts" in out.getvalue() and "\r" in out.getvalue()
    quiet = io.StringIO()  # not a terminal: StringIO.isatty() is False
    bar = Progress(10, quiet)
    bar.note("Loading")
    bar(10)
    bar.close()
    assert quiet.getvalue() == ""

"""`screener scan` as a comms team runs it: a real process, the real model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
HERE = Path(__file__).parent


def _scan(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "scan", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=240,
        check=False,
    )


def test_hootsuite_calendar_end_to_end(tmp_path: Path) -> None:
    html, jsonl, csv_ = (tmp_path / f"report.{x}" for x in ("html", "jsonl", "csv"))
    result = _scan(str(HERE / "hootsuite.csv"), *(f"--report={p}" for p in (html, jsonl, csv_)))
    assert result.returncode == 2, result.stderr  # the worst post must not be posted
    out = result.stdout
    assert "6 posts in hootsuite.csv" in out
    assert "2 do not post, 1 review before posting, 3 look OK" in out
    assert "✖ BLOCK row 2  12/01/2026 13:30: “Maria Lopez”" in out
    assert "▲ WARN  row 3" in out
    assert "row 1" not in out  # passing posts are in the reports, not the summary
    assert "\r" not in result.stderr  # no progress display when stderr is not a terminal
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert [r["verdict"] for r in records] == ["pass", "block", "warn", "pass", "block", "pass"]
    assert records[1]["violations"][0]["text"] == "Maria Lopez"
    page = html.read_text(encoding="utf-8")
    assert "<script" not in page and ">Maria Lopez<sup>1</sup></mark>" in page
    assert csv_.read_text(encoding="utf-8").startswith("row,id,date,link,verdict")


@pytest.mark.parametrize(
    ("name", "summary"),
    [
        ("buffer.csv", "5 posts in buffer.csv (CSV, a header row, post text in column 1"),
        ("calendar.jsonl", "3 posts in calendar.jsonl (JSON Lines"),
    ],
)
def test_quiet_prints_the_summary_line_only(name: str, summary: str) -> None:
    result = _scan(str(HERE / name), "--quiet")
    assert result.returncode == 2, result.stderr
    assert result.stdout.startswith(summary)
    assert len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize(
    ("second_post", "code", "counts"),
    [
        ("", 0, "0 do not post, 0 review before posting, 2 look OK"),  # an image-only post
        ("Call our front desk at 555-201-3344.", 1, "0 do not post, 1 review before posting"),
        ("My client Maria Lopez relapsed.", 2, "1 do not post, 0 review before posting"),
    ],
)
def test_exit_status_is_the_worst_verdict(
    tmp_path: Path, second_post: str, code: int, counts: str
) -> None:
    cal = tmp_path / "cal.csv"
    cal.write_text(
        f"Date,Message\n2026-12-01,Join us Saturday!\n2026-12-02,{second_post}\n",
        encoding="utf-8",
    )
    result = _scan(str(cal))
    assert result.returncode == code, result.stderr
    assert counts in result.stdout


def test_two_workers_give_the_same_report_in_the_same_order(tmp_path: Path) -> None:
    """Forty-two posts (the corpus' first ones, a chunk of 8) through one and two processes."""
    corpus = (HERE.parent / "corpus" / "drafts.jsonl").read_text(encoding="utf-8").splitlines()
    cal = tmp_path / "cal.jsonl"
    cal.write_text("\n".join(corpus[:42]) + "\n", encoding="utf-8")
    reports = []
    for workers in ("1", "2"):
        report = tmp_path / f"w{workers}.jsonl"
        result = _scan(
            str(cal),
            "--workers",
            workers,
            "--report",
            str(report),
            env={"SCREENER_BATCH_SIZE": "8"},
        )
        assert result.returncode == 2, result.stderr
        assert f"{workers} process" in result.stderr
        reports.append(report.read_text(encoding="utf-8"))
    assert reports[0] == reports[1]
    assert [json.loads(x)["id"] for x in reports[1].splitlines()] == [
        json.loads(line)["id"] for line in corpus[:42]
    ]


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["/nonexistent/cal.csv"], 66, "No such file"),
        (["{latin1}"], 65, "not utf-8 text (byte"),
        (["{latin1}", "--policy", "nope"], 64, "unknown policy 'nope'"),
        (["{latin1}", "--report", "r.pdf"], 65, "--format"),
        (["{latin1}", "--workers", "0"], 64, "must be 1 or more"),  # not 2: "block"
    ],
)
def test_errors(tmp_path: Path, args: list[str], code: int, said: str) -> None:
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("Date,Message\n2026-12-01,Caf\xe9 night with Zed\n".encode("latin-1"))
    result = _scan(*(a.replace("{latin1}", str(latin1)) for a in args))
    assert result.returncode == code, result.stderr
    assert said in result.stderr
    assert "Zed" not in result.stderr

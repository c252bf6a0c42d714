"""`screener` commands as a user runs them (real process, real models)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def run_cli(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m app.cli ARGS`, with ``env`` over this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )


_run = run_cli


@pytest.mark.parametrize(
    ("text", "code", "verdict"),
    [
        ("Join us Saturday for our annual fundraiser!", 0, "Looks OK"),
        ("So proud of my client Maria Lopez!", 2, "Do not post"),
    ],
)
def test_check_exit_status_follows_the_verdict(text: str, code: int, verdict: str) -> None:
    result = _run("check", "-", stdin=text)
    assert result.returncode == code, result.stderr
    assert verdict in result.stdout


def test_check_warn_exits_1(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Questions? Call our front desk at 555-201-3344.", encoding="utf-8")
    result = _run("check", str(draft))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Review before posting" in result.stdout


def test_check_json_matches_the_api_shape() -> None:
    result = _run("check", "--json", stdin="So proud of my client Maria Lopez!")
    body = json.loads(result.stdout)
    assert body["verdict"] == "block"
    assert body["violations"][0]["text"] == "Maria Lopez"
    assert set(body) == {"verdict", "violations", "redacted_text", "policy"}


def test_check_unknown_policy_is_a_usage_error() -> None:
    result = _run("check", "--policy", "nope", stdin="hello")
    assert result.returncode == 64
    assert "nope" in result.stderr


def test_check_missing_file() -> None:
    result = _run("check", "/nonexistent/draft.txt")
    assert result.returncode == 66


def test_rules_lists_every_rule() -> None:
    result = _run("rules", "--json")
    rows = json.loads(result.stdout)
    assert any(r["id"] == "client_identifiers.name_with_client_role" for r in rows)


def test_eval_prints_figures_and_checks_a_floor(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    rows = [
        {
            "id": "1",
            "text": "So proud of my client Maria Lopez!",
            "verdict": "block",
            "spans": [{"start": 22, "end": 33, "category": "client_identifier"}],
        },
        {"id": "2", "text": "Join us Saturday!", "verdict": "pass", "spans": []},
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    floor = tmp_path / "floor.yaml"
    floor.write_text("verdict_accuracy: 1.0\nclient_identifier: {recall: 1.0}\n")
    result = _run("eval", str(corpus), "--floor", str(floor))
    assert result.returncode == 0, result.stdout
    assert "client_identifier" in result.stdout
    assert "verdict accuracy 1.000" in result.stdout
    floor.write_text("location_detail: {recall: 0.5}\n")
    result = _run("eval", str(corpus), "--floor", str(floor))
    assert result.returncode == 1
    assert "BELOW FLOOR" in result.stdout


def test_eval_reports_recall_per_identifier_type_and_lists_misses(tmp_path: Path) -> None:
    text = "My client Maria Lopez called from (217) 555-0148 and said hi to Bo."
    rows = [
        {
            "id": "t1",
            "text": text,
            "verdict": "block",
            "spans": [
                {"start": 10, "end": 21, "category": "client_identifier", "type": "PERSON"},
                {"start": 34, "end": 48, "category": "contact_identifier", "type": "PHONE_NUMBER"},
                # "hi" is no identifier: a span the screener must miss, to be listed
                {"start": 58, "end": 60, "category": "client_identifier", "type": "INITIALS"},
            ],
        }
    ]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps(rows[0]), encoding="utf-8")
    floor = tmp_path / "floor.yaml"
    floor.write_text("types: {PERSON: 1.0, PHONE_NUMBER: 1.0}\n")
    result = _run("eval", str(corpus), "--misses", "--floor", str(floor))
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert any(line.split()[:2] == ["PERSON", "1.000"] for line in lines)
    assert any(line.split()[:2] == ["INITIALS", "0.000"] for line in lines)
    assert "missed  t1  client_identifier      'hi'" in result.stdout
    floor.write_text("types: {INITIALS: 0.5}\n")
    result = _run("eval", str(corpus), "--floor", str(floor))
    assert result.returncode == 1
    assert "types.INITIALS = 0.000 < 0.500" in result.stdout


def test_bad_rules_dir_is_a_configuration_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "rules"],
        capture_output=True,
        text=True,
        env={"SCREENER_RULES_DIR": str(tmp_path / "none"), "PATH": "/usr/bin"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 78
    assert "rules directory not found" in result.stderr


def test_unknown_default_policy_is_a_configuration_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "check", "-"],
        input="hello",
        capture_output=True,
        text=True,
        env={**os.environ, "SCREENER_DEFAULT_POLICY": "nope"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 78
    assert "SCREENER_DEFAULT_POLICY" in result.stderr


def test_eval_can_leave_the_second_reader_out(tmp_path: Path) -> None:
    """A client story no rule matches: the reader flags it, the rules alone pass it."""
    text = "Sat with her at intake today. She finally opened up about home."
    corpus = tmp_path / "c.jsonl"
    row = {"id": "1", "text": text, "verdict": "pass", "spans": []}
    corpus.write_text(json.dumps(row), encoding="utf-8")
    with_reader = _run("eval", str(corpus))
    assert with_reader.returncode == 0, with_reader.stdout
    assert "verdict accuracy 0.000" in with_reader.stdout
    alone = _run("eval", str(corpus), "--no-reader")
    assert alone.returncode == 0, alone.stdout
    assert "verdict accuracy 1.000" in alone.stdout

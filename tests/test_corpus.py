"""The labelled corpus is well formed and covers what the issue asks of it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import pytest

from app.evaluation import Metrics, load_corpus, read_floor, report
from app.rules.model import Category

CORPUS = Path(__file__).parent / "corpus"


def _rows() -> list[dict[str, object]]:
    return [
        json.loads(line)
        for f in sorted(CORPUS.glob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_corpus_loads_and_is_large_enough() -> None:
    drafts = load_corpus(CORPUS)
    assert len(drafts) >= 150
    assert len({d.id for d in drafts}) == len(drafts)
    assert {d.verdict for d in drafts} == {"block", "warn", "pass"}


def test_span_text_matches_offsets_and_categories_are_known() -> None:
    for row in _rows():
        for span in row["spans"]:  # type: ignore[attr-defined]
            assert row["text"][span["start"] : span["end"]] == span["text"], row["id"]  # type: ignore[index]
            assert span["category"] in get_args(Category), row["id"]


def test_corpus_has_emoji_long_posts_and_near_misses() -> None:
    rows = _rows()
    astral = [r for r in rows if any(ord(c) > 0xFFFF for c in str(r["text"]))]
    long_posts = [r for r in rows if len(str(r["text"])) >= 600]
    near_misses = [r for r in rows if r["verdict"] == "pass"]
    assert len(astral) >= 15
    assert len(long_posts) >= 10
    assert len(near_misses) >= 40


def test_floor_names_real_figures() -> None:
    floor = read_floor(CORPUS / "floor.yaml")
    assert floor["verdict_accuracy"] > 0
    for key, value in floor.items():
        if isinstance(value, dict):
            # a category, overall, or recall per identifier type (types.PERSON ...)
            assert key in get_args(Category) or key in ("overall", "types"), key


def test_eval_reports_benign_drafts_blocked_and_above_pass() -> None:
    """Issue 4's targets are shares of the benign posts: blocked, and anything above pass."""
    metrics = Metrics(drafts=7)
    metrics.confusion.update(
        {("pass", "block"): 1, ("pass", "warn"): 2, ("pass", "pass"): 2, ("block", "block"): 2}
    )
    assert metrics.benign(["block"]) == (1, 5)
    lines = report(metrics).splitlines()
    assert "benign drafts (labelled pass) blocked: 1 of 5 (0.200)" in lines
    assert "benign drafts (labelled pass) above pass: 3 of 5 (0.600)" in lines


def test_unscored_spans_match_their_text() -> None:
    rows = [r for r in _rows() if "unscored" in r]
    assert rows, "identifiers.jsonl leaves some ages unscored"
    for row in rows:
        for span in row["unscored"]:  # type: ignore[attr-defined]
            assert row["text"][span["start"] : span["end"]] == span["text"], row["id"]  # type: ignore[index]


def test_a_flag_on_an_unscored_span_is_neither_right_nor_wrong(tmp_path: Path) -> None:
    text = "JM, 14, has been on my caseload for two years."
    row = {
        "id": "u1",
        "text": text,
        "verdict": "block",
        "spans": [{"start": 0, "end": 2, "category": "client_identifier", "text": "JM"}],
        "unscored": [{"start": 4, "end": 6, "type": "AGE", "text": "14"}],
    }
    (tmp_path / "u.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    (draft,) = load_corpus(tmp_path)
    assert draft.unscored == ((4, 6),)
    assert not draft.graded(4, 6)  # the age alone: not counted
    assert draft.graded(0, 6)  # overlaps the labelled initials too: counted
    assert draft.graded(8, 12)  # elsewhere: counted (a false flag if it is one)


def test_unscored_spans_outside_the_text_are_refused(tmp_path: Path) -> None:
    row = {"id": "u2", "text": "short", "verdict": "pass", "spans": []}
    row["unscored"] = [{"start": 3, "end": 40, "text": "?"}]
    (tmp_path / "u.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="outside the text"):
        load_corpus(tmp_path)

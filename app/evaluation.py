"""``screener eval``: precision, recall and F2 per category on a labelled corpus, recall
per identifier type, and the verdict confusion matrix.

A predicted violation (severity warn or block) counts as correct when it overlaps a
labelled span of the same category; a labelled span counts as found when some
violation of its category overlaps it. A span may also carry a ``type`` (PERSON,
PHONE_NUMBER, DATE_OF_BIRTH...): per type, a span counts as caught when any warn or
block violation overlaps it, whatever its category, the way a reader sees it flagged.

A draft may list ``unscored`` spans: text its author chose not to grade either way (a
client's age in a file written before ages were scored). A violation that overlaps one
and no labelled span counts neither as correct nor as a false flag; the draft's verdict
is still graded as labelled.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.screener import Screener

VERDICTS = ("block", "warn", "pass")


@dataclass(frozen=True, slots=True)
class Draft:
    id: str
    text: str
    verdict: str
    spans: tuple[tuple[int, int, str], ...]
    types: tuple[str | None, ...] = ()  # per span, when labelled
    unscored: tuple[tuple[int, int], ...] = ()  # neither right nor wrong to flag

    def graded(self, start: int, end: int) -> bool:
        """Whether a flag over start..end counts for precision (see ``unscored``)."""
        return not any(_overlaps((start, end), u) for u in self.unscored) or any(
            _overlaps((start, end), (s, e)) for s, e, _ in self.spans
        )


@dataclass
class Counts:
    tp_pred: int = 0
    fp: int = 0
    found: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        total = self.tp_pred + self.fp
        return self.tp_pred / total if total else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f2(self) -> float:
        p, r = self.precision, self.recall
        return 5 * p * r / (4 * p + r) if p + r else 0.0


@dataclass
class Metrics:
    categories: dict[str, Counts] = field(default_factory=dict)
    types: dict[str, Counts] = field(default_factory=dict)  # recall only
    overall: Counts = field(default_factory=Counts)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    drafts: int = 0

    @property
    def verdict_accuracy(self) -> float:
        right = sum(n for (want, got), n in self.confusion.items() if want == got)
        return right / self.drafts if self.drafts else 1.0

    @property
    def block_recall(self) -> float:
        blocks = sum(n for (want, _), n in self.confusion.items() if want == "block")
        caught = self.confusion[("block", "block")]
        return caught / blocks if blocks else 1.0

    def benign(self, got: Iterable[str]) -> tuple[int, int]:
        """Of the drafts labelled pass, how many got one of ``got``, and how many there are."""
        wanted = set(got)
        hit = sum(n for (want, g), n in self.confusion.items() if want == "pass" and g in wanted)
        return hit, sum(n for (want, _), n in self.confusion.items() if want == "pass")

    def below(self, floor: dict[str, Any]) -> list[str]:
        failures = []
        figures = {
            "verdict_accuracy": self.verdict_accuracy,
            "block_recall": self.block_recall,
            "overall.precision": self.overall.precision,
            "overall.recall": self.overall.recall,
        }
        for cat, counts in self.categories.items():
            figures[f"{cat}.precision"] = counts.precision
            figures[f"{cat}.recall"] = counts.recall
        for kind, counts in self.types.items():
            figures[f"types.{kind}"] = counts.recall
        flat: dict[str, float] = {}
        for key, value in floor.items():
            if isinstance(value, dict):
                flat.update({f"{key}.{k}": float(v) for k, v in value.items()})
            else:
                flat[key] = float(value)
        for key, minimum in sorted(flat.items()):
            got = figures.get(key)
            if got is None:
                failures.append(f"{key}: no such figure")
            elif got < minimum:
                failures.append(f"{key} = {got:.3f} < {minimum:.3f}")
        return failures


def load_corpus(path: Path) -> list[Draft]:
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    drafts = []
    for file in files:
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            spans = tuple((s["start"], s["end"], s["category"]) for s in row["spans"])
            types = tuple(s.get("type") for s in row["spans"])
            unscored = tuple((s["start"], s["end"]) for s in row.get("unscored", ()))
            for start, end in [(s, e) for s, e, _ in spans] + list(unscored):
                if not 0 <= start < end <= len(row["text"]):
                    raise ValueError(f"{file}:{n}: span {start}-{end} outside the text")
            if row["verdict"] not in VERDICTS:
                raise ValueError(f"{file}:{n}: unknown verdict {row['verdict']!r}")
            drafts.append(Draft(row["id"], row["text"], row["verdict"], spans, types, unscored))
    if not drafts:
        raise ValueError(f"{path}: no drafts")
    return drafts


def read_floor(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    return data


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _tally(counts: Counts, predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> None:
    for p in predicted:
        hit = any(_overlaps(p, g) for g in gold)
        counts.tp_pred += hit
        counts.fp += not hit
    counts.gold += len(gold)
    counts.found += sum(any(_overlaps(p, g) for p in predicted) for g in gold)


def evaluate(screener: Screener, corpus: list[Draft], policy: str | None = None) -> Metrics:
    metrics = Metrics(drafts=len(corpus))
    results = screener.check_many([d.text for d in corpus], policy)
    for draft, result in zip(corpus, results, strict=True):
        metrics.confusion[(draft.verdict, result.verdict)] += 1
        predicted = [
            (v.start, v.end, v.category)
            for v in result.violations
            if v.severity != "info" and draft.graded(v.start, v.end)
        ]
        _tally(
            metrics.overall, [(s, e) for s, e, _ in predicted], [(s, e) for s, e, _ in draft.spans]
        )
        for cat in {c for *_, c in predicted} | {c for *_, c in draft.spans}:
            _tally(
                metrics.categories.setdefault(cat, Counts()),
                [(s, e) for s, e, c in predicted if c == cat],
                [(s, e) for s, e, c in draft.spans if c == cat],
            )
        tally_types(metrics.types, draft, [(s, e) for s, e, _ in predicted])
    return metrics


def tally_types(types: dict[str, Counts], draft: Draft, flagged: list[tuple[int, int]]) -> None:
    """Recall per labelled identifier type: is each span flagged at all?"""
    for (start, end, _), kind in zip(draft.spans, draft.types, strict=True):
        if kind is not None:
            counts = types.setdefault(kind, Counts())
            counts.gold += 1
            counts.found += any(_overlaps(p, (start, end)) for p in flagged)


def misses(screener: Screener, corpus: list[Draft], policy: str | None = None) -> str:
    """Each labelled span no violation of its category overlaps, and each violation
    that overlaps no labelled span of its category: what to read when a figure drops.
    The corpus is our own test data; this prints its text, which a check never does."""
    lines = []
    results = screener.check_many([d.text for d in corpus], policy)
    for draft, result in zip(corpus, results, strict=True):
        flagged = [v for v in result.violations if v.severity != "info"]
        for start, end, cat in draft.spans:
            if not any(
                _overlaps((v.start, v.end), (start, end)) for v in flagged if v.category == cat
            ):
                lines.append(f"missed  {draft.id}  {cat:<22} {draft.text[start:end]!r}")
        for v in flagged:
            gold = [(s, e) for s, e, c in draft.spans if c == v.category]
            if not draft.graded(v.start, v.end):
                continue
            if not any(_overlaps((v.start, v.end), g) for g in gold):
                lines.append(f"false   {draft.id}  {v.rule_id:<22} {v.text!r}")
    return "\n".join(lines)


def report(metrics: Metrics) -> str:
    lines = [f"{'category':<26}{'precision':>10}{'recall':>8}{'F2':>7}{'spans':>7}{'flags':>7}"]
    rows = sorted(metrics.categories.items())
    rows.append(("ALL (any category)", metrics.overall))
    for name, c in rows:
        lines.append(
            f"{name:<26}{c.precision:>10.3f}{c.recall:>8.3f}{c.f2:>7.3f}"
            f"{c.gold:>7}{c.tp_pred + c.fp:>7}"
        )
    if metrics.types:
        lines.append("")
        lines.append(f"{'identifier type (any flag)':<26}{'recall':>10}{'spans':>7}")
        for kind, c in sorted(metrics.types.items()):
            lines.append(f"{kind:<26}{c.recall:>10.3f}{c.gold:>7}")
    lines.append("")
    lines.append("verdicts (rows: expected, columns: got)")
    lines.append(f"{'':>10}" + "".join(f"{v:>8}" for v in VERDICTS))
    for want in VERDICTS:
        lines.append(
            f"{want:>10}" + "".join(f"{metrics.confusion[(want, got)]:>8}" for got in VERDICTS)
        )
    lines.append(
        f"\nverdict accuracy {metrics.verdict_accuracy:.3f} over {metrics.drafts} "
        f"drafts; block drafts caught as block {metrics.block_recall:.3f}"
    )
    # issue 4's targets are put this way: benign posts blocked, and above pass
    blocked, total = metrics.benign(["block"])
    passed, _ = metrics.benign(["pass"])
    for label, hit in (("blocked", blocked), ("above pass", total - passed)):
        share = hit / total if total else 0.0
        lines.append(f"benign drafts (labelled pass) {label}: {hit} of {total} ({share:.3f})")
    return "\n".join(lines)

"""Does a maintained clinical-NLP component improve the treatment and SUD packs?

Compares, on the same texts and the same parsed Docs:

- ``lists``: the rules' word-list context only (no ConText triggers);
- ``ours``: as shipped, with rules/context/triggers.yaml (app/rules/context.py);
- ``lists+medspacy``: word lists, then medspaCy's ConText with its default English
  rules on each treatment/SUD finding (hypothetical clears it, negation caps it as
  the rule's own ``cap`` says);
- ``ours+medspacy``: both;
- ``lists+negspacy``: word lists, then negspacy's NegEx (``en_clinical`` termset);

and, for medication names, our regex against ``drug-named-entity-recognition``.

Figures: precision/recall of the two categories on tests/corpus/drafts.jsonl, the
rule examples of both packs (match examples caught on their spans, near-misses
flagged), verdicts of the drafts labelled ``pass``, and CPU ms per draft of the
extra component. The libraries are not dependencies of the screener; install them
in a scratch environment to run this (see bench/README.md):

    pip install --target /tmp/ctx --no-deps medspacy negspacy drug-named-entity-recognition ...
    PYTHONPATH=.:/tmp/ctx .venv/bin/python bench/context_libs.py
"""

from __future__ import annotations

import dataclasses
import json
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from app.config import Settings
from app.findings import Entity, Finding, Severity
from app.rules.engine import RuleEngine
from app.rules.loader import parse_marked
from app.screener import Screener

ROOT = Path(__file__).resolve().parent.parent
CATS = ("treatment_disclosure", "substance_use_treatment")
PACKS = ("treatment_disclosures", "substance_use_treatment")


class _Filtered:
    """An engine whose treatment/SUD findings pass through a clinical-NLP filter."""

    def __init__(self, engine: RuleEngine, judge: Callable[[Doc, list[Span]], list[set[str]]]):
        self._engine = engine
        self._judge = judge
        self.cpu = 0.0
        self._caps = {
            rid: dict(c.rule.context.cap) if c.rule.context else {}
            for rid, c in engine._rules.items()
        }

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def run(self, doc: Doc, entities: Sequence[Entity], active: frozenset[str]) -> list[Finding]:
        found = self._engine.run(doc, entities, active)
        ours = [f for f in found if f.rule.category in CATS]
        if not ours:
            return found
        t0 = time.process_time()
        spans = [doc.char_span(f.start, f.end, label="TX", alignment_mode="expand") for f in ours]
        said = self._judge(doc, [s for s in spans if s is not None])
        self.cpu += time.process_time() - t0
        out = [f for f in found if f.rule.category not in CATS]
        for f, attrs in zip(ours, said, strict=False):
            if "hypothetical" in attrs:
                continue
            cap = self._caps.get(f.rule.id, {}).get("negated")
            if "negated" in attrs and cap is not None:
                f = dataclasses.replace(f, severity=min(f.severity, Severity[cap]))
            out.append(f)
        return out


def medspacy_judge(nlp: Any) -> Callable[[Doc, list[Span]], list[set[str]]]:
    from medspacy.context import ConText as MedConText

    context = MedConText(nlp, rules="default", input_span_type="group", span_group_name="tx")

    def judge(doc: Doc, spans: list[Span]) -> list[set[str]]:
        doc.spans["tx"] = spans
        context(doc)
        out = []
        for span in doc.spans["tx"]:
            attrs = set()
            if span._.is_negated:
                attrs.add("negated")
            if span._.is_hypothetical:
                attrs.add("hypothetical")
            out.append(attrs)
        return out

    return judge


def negspacy_judge(nlp: Any) -> Callable[[Doc, list[Span]], list[set[str]]]:
    from negspacy.negation import Negex
    from negspacy.termsets import termset

    negex = Negex(
        nlp, "negex", termset("en_clinical").get_patterns(), ent_types=["TX"], chunk_prefix=[]
    )

    def judge(doc: Doc, spans: list[Span]) -> list[set[str]]:
        from spacy.util import filter_spans

        kept = filter_spans(spans)
        doc.ents = kept
        negex(doc)
        flags = {(e.start, e.end): bool(e._.negex) for e in doc.ents}
        return [{"negated"} if flags.get((s.start, s.end)) else set() for s in spans]

    return judge


def _drafts() -> list[dict[str, Any]]:
    path = ROOT / "tests" / "corpus" / "drafts.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _examples(screener: Screener) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    match, near = [], []
    for pack, rule in screener.ruleset.rules():
        if pack.id in PACKS:
            rid = f"{pack.id}.{rule.id}"
            match += [(rid, ex) for ex in rule.examples.match]
            near += [(rid, ex) for ex in rule.examples.near_miss]
    return match, near


def measure(screener: Screener, label: str, extra: _Filtered | None) -> dict[str, Any]:
    drafts = _drafts()
    t0 = time.process_time()
    results = screener.check_many([d["text"] for d in drafts])
    cpu = (time.process_time() - t0) * 1000 / len(drafts)
    tp = fp = found = gold = 0
    for d, r in zip(drafts, results, strict=True):
        flagged = [v for v in r.violations if v.category in CATS and v.severity != "info"]
        pred = [(v.start, v.end) for v in flagged]
        spans = [(s["start"], s["end"]) for s in d["spans"] if s["category"] in CATS]
        hit = [any(a < e and s < b for s, e in spans) for a, b in pred]
        tp += sum(hit)
        fp += len(hit) - sum(hit)
        gold += len(spans)
        found += sum(any(a < e and s < b for a, b in pred) for s, e in spans)
    benign = [r for d, r in zip(drafts, results, strict=True) if d["verdict"] == "pass"]
    match, near = _examples(screener)
    caught = 0
    for rid, ex in match:
        text, marked = parse_marked(ex)
        got = {(v.start, v.end) for v in screener.check(text).violations if v.rule_id == rid}
        caught += set(marked) <= got
    flagged = sum(
        any(v.rule_id == rid and v.severity != "info" for v in screener.check(ex).violations)
        for rid, ex in near
    )
    return {
        "variant": label,
        "corpus_precision": tp / (tp + fp) if tp + fp else 1.0,
        "corpus_recall": found / gold if gold else 1.0,
        "benign_blocked": sum(r.verdict == "block" for r in benign),
        "benign_flagged": sum(r.verdict != "pass" for r in benign),
        "benign": len(benign),
        "examples_caught": f"{caught}/{len(match)}",
        "near_misses_flagged": f"{flagged}/{len(near)}",
        "cpu_ms_per_draft": round(cpu, 2),
        "extra_ms_per_draft": round(extra.cpu * 1000 / len(drafts), 3) if extra else 0.0,
    }


def drug_ner(screener: Screener) -> dict[str, Any]:
    """Medication names: our medication rule's regex against drug-named-entity-recognition."""
    from drug_named_entity_recognition import find_drugs

    texts = [d["text"] for d in _drafts()]
    for _, rule in screener.ruleset.rules():
        texts += [parse_marked(ex)[0] for ex in rule.examples.match + rule.examples.near_miss]
    t0 = time.process_time()
    hits: dict[str, int] = {}
    for text in texts:
        for drug, _, _ in find_drugs(text.split(), is_ignore_case=True):
            name = drug["matching_string"].lower()
            hits[name] = hits.get(name, 0) + 1
    cpu = (time.process_time() - t0) * 1000 / len(texts)
    rules = {f"{p.id}.{r.id}": r for p, r in screener.ruleset.rules()}
    ours = set()
    for rid in ("treatment_disclosures.medication", "substance_use_treatment.moud_medication"):
        for pattern in rules[rid].match.regex if rules[rid].match else []:
            ours.update(re.findall(r"[a-z]+", pattern.lower()))
    return {
        "texts": len(texts),
        "drug_ner_names": dict(sorted(hits.items(), key=lambda kv: -kv[1])),
        "names_our_rules_lack": sorted(n for n in hits if n not in ours),
        "ms_per_text": round(cpu, 3),
    }


def main() -> None:
    screener = Screener(Settings())
    shipped = screener.engine
    ruleset = screener.ruleset
    nlp = screener.adapter.nlp
    lists = RuleEngine(dataclasses.replace(ruleset, triggers=()), nlp)
    rows = []
    for label, base, judge in [
        ("lists", lists, None),
        ("ours", shipped, None),
        ("lists+medspacy", lists, medspacy_judge),
        ("ours+medspacy", shipped, medspacy_judge),
        ("lists+negspacy", lists, negspacy_judge),
    ]:
        extra = _Filtered(base, judge(nlp)) if judge else None
        screener.engine = extra or base  # type: ignore[assignment]
        rows.append(measure(screener, label, extra))
    screener.engine = shipped
    print(json.dumps({"variants": rows, "medication_names": drug_ner(screener)}, indent=1))


if __name__ == "__main__":
    main()

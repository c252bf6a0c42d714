"""Every example of every rule runs as a test (LanguageTool-style).

A ``match`` example must be flagged by its rule on exactly the marked spans; a
``near_miss`` must not be flagged by that rule at all.
"""

from __future__ import annotations

import pytest

from app.config import Settings
from app.rules.loader import load_rules, parse_marked
from app.screener import Screener

_RULESET = load_rules(Settings().rules_dir)
_MATCH = [
    pytest.param(f"{p.id}.{r.id}", ex, id=f"{p.id}.{r.id}:match{i}")
    for p, r in _RULESET.rules()
    for i, ex in enumerate(r.examples.match)
]
_NEAR = [
    pytest.param(f"{p.id}.{r.id}", ex, id=f"{p.id}.{r.id}:near{i}")
    for p, r in _RULESET.rules()
    for i, ex in enumerate(r.examples.near_miss)
]

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("rule_id", "example"), _MATCH)
def test_match_example_flags_exactly_the_marked_spans(
    screener: Screener, rule_id: str, example: str
) -> None:
    text, expected = parse_marked(example)
    got = sorted({(f.start, f.end) for f in screener.raw_findings(text) if f.rule.id == rule_id})
    assert [text[s:e] for s, e in got] == [text[s:e] for s, e in sorted(expected)]


@pytest.mark.parametrize(("rule_id", "example"), _NEAR)
def test_near_miss_is_not_flagged(screener: Screener, rule_id: str, example: str) -> None:
    got = [example[f.start : f.end] for f in screener.raw_findings(example) if f.rule.id == rule_id]
    assert got == []


@pytest.mark.parametrize(("rule_id", "example"), _MATCH)
def test_suggestion_does_not_retrigger_the_rule(
    screener: Screener, rule_id: str, example: str
) -> None:
    """Replacing each marked span with the rule's suggestion clears that rule."""
    rule = next(r for p, r in _RULESET.rules() if f"{p.id}.{r.id}" == rule_id)
    text, spans = parse_marked(example)
    replacement = rule.suggestion if rule.suggestion is not None else ""
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    assert [f for f in screener.raw_findings(text) if f.rule.id == rule_id] == []


def test_every_pack_has_at_least_eight_rules() -> None:
    for pack in _RULESET.packs.values():
        assert len(pack.rules) >= 8, pack.id

"""Adversarial drafts through the whole screener: every one completes, and every
violation points inside it. Every pattern from a rule file is RE2, which runs in time
linear in the text (timings: bench/attack.py; tests assert behaviour, not time)."""

from __future__ import annotations

import pytest
import re2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.detectors.patterns import DETECTORS
from app.screener import Screener
from bench.adversarial import MAX, fixed, rule_worst_cases

pytestmark = pytest.mark.slow


def test_every_rule_pattern_is_compiled_by_re2(screener: Screener) -> None:
    compiled = screener.rulebook.engine._rules.values()
    assert compiled
    for rule in compiled:
        for regex, _ in rule.regexes:
            assert isinstance(regex, re2._Regexp), rule.info
        assert rule.exclude is None or isinstance(rule.exclude, re2._Regexp)
    for detector in DETECTORS:
        assert all(isinstance(r, re2._Regexp) for r in detector._compiled)


def _check(screener: Screener, text: str) -> None:
    result = screener.check(text)
    for v in result.violations:
        assert 0 <= v.start < v.end <= len(text)
        assert text[v.start : v.end] == v.text


@pytest.mark.parametrize("name", sorted(fixed()))
def test_each_adversarial_draft_completes(screener: Screener, name: str) -> None:
    _check(screener, fixed()[name][:MAX])


def test_each_rules_worst_case_completes(screener: Screener) -> None:
    ruleset = screener.rulebook.ruleset
    cases = list(rule_worst_cases(ruleset))
    assert len(cases) > len(ruleset.rules())
    for _, text in cases:
        _check(screener, text[:2_000])  # the shape matters, not the length: bench/attack.py


RUNS = st.builds(
    lambda ch, n: ch * n,
    st.characters(exclude_categories=["Cs"]),
    st.integers(1, 3_000),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(RUNS, st.text(max_size=30)), min_size=1, max_size=6).map("".join))
def test_runs_of_any_character_in_any_mix_complete(screener: Screener, text: str) -> None:
    _check(screener, text[:MAX])

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from app.findings import Finding, RuleInfo, Severity
from app.screener import merge

_RULES = [
    RuleInfo(
        id=f"p.r{n}", category="client_identifier", severity=sev, message="m", policy_ref="ref"
    )
    for n, sev in enumerate(Severity)
]


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    start = draw(st.integers(0, 60))
    rule = draw(st.sampled_from(_RULES))
    return Finding(
        rule=rule,
        start=start,
        end=start + draw(st.integers(1, 15)),
        score=draw(st.sampled_from([0.4, 0.85, 1.0])),
        entity_type=None,
        severity=rule.severity,
    )


@given(st.lists(findings(), max_size=12), st.randoms())
def test_merge_is_order_independent(items: list[Finding], rnd: object) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert merge(items) == merge(shuffled)


@given(st.lists(findings(), max_size=12))
def test_merged_findings_do_not_overlap_and_keep_the_most_severe(items: list[Finding]) -> None:
    kept = merge(items)
    for a, b in pairwise(kept):
        assert a.end <= b.start
    for f in items:
        covering = [k for k in kept if k.start < f.end and f.start < k.end]
        # a finding is dropped only for an overlapping one at least as severe
        assert any(k.severity >= f.severity for k in covering)

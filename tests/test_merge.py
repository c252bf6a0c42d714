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


def _finding(category: str, start: int, end: int, score: float = 0.85) -> Finding:
    rule = RuleInfo(
        id=f"{category}.r",
        category=category,
        severity=Severity.block,
        message="m",
        policy_ref="ref",
    )
    return Finding(rule, start, end, score, None, Severity.block)


def test_what_a_passage_reveals_about_health_outranks_where_it_is() -> None:
    # "the Suboxone clinic": the medication (shorter, no surer) is kept over the place
    place = _finding("location_detail", 12, 27, score=0.9)
    moud = _finding("substance_use_treatment", 12, 20)
    assert merge([place, moud]) == [moud]
    # "in the ER": a hospital stay before a whereabouts
    assert (
        merge([_finding("location_detail", 0, 9), _finding("treatment_disclosure", 0, 9)])[
            0
        ].rule.category
        == "treatment_disclosure"
    )


def test_substance_use_outranks_health_and_advice_outranks_both() -> None:
    sud, health = _finding("substance_use_treatment", 0, 8), _finding("treatment_disclosure", 0, 20)
    assert merge([health, sud]) == [sud]
    # "just taper off the Xanax yourself": advice, whatever drug it names
    advice = _finding("individual_advice", 0, 30, score=0.7)
    assert merge([sud, advice, health]) == [advice]


def test_among_other_categories_the_surer_then_the_longer_is_kept() -> None:
    # "Maple Grove Group Home": a place, not a person called Maple Grove
    name = _finding("client_identifier", 0, 11)
    place = _finding("location_detail", 0, 22)
    assert merge([name, place]) == [place]
    group_home = _finding("minors_child_welfare", 12, 22)
    assert merge([group_home, place]) == [place]


def test_severity_still_comes_first() -> None:
    warn_rule = RuleInfo(
        id="s.r",
        category="substance_use_treatment",
        severity=Severity.warn,
        message="m",
        policy_ref="ref",
    )
    sud_warn = Finding(warn_rule, 0, 8, 0.85, None, Severity.warn)
    place = _finding("location_detail", 0, 15)
    assert merge([sud_warn, place]) == [place]

"""Typed values that flow through the pipeline: entities found by detectors, the
metadata of a rule, and findings produced by rules. Spans index the *normalised*
text until the screener maps them back to the original.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Severity(IntEnum):
    info = 1
    warn = 2
    block = 3


# When two findings of equal severity cover the same words, the categories the merge keeps
# first, in this order; any other pair falls through to the surer, then the longer. A
# passage that tells a reader what to take or do ("just taper off the Xanax yourself")
# is advice, whatever drug it names. Otherwise, what a passage reveals about a person's
# health outranks where or who: "the Suboxone clinic" is a place, but what it tells is
# that a person is in opioid treatment (42 CFR Part 2, stricter than HIPAA), and "in the
# ER" is a hospital stay before it is a whereabouts. Among the rest no law is more
# specific than another, and the longer passage, which reads the words in their
# context, does better: "Maple Grove Group Home" is a place, not a person called Maple
# Grove, and "Valley View Group Home" a child's whereabouts more than the words "group
# home" (child-welfare words such as "group home" and "foster home" are places too).
CATEGORY_PRECEDENCE: tuple[str, ...] = (
    "individual_advice",
    "substance_use_treatment",
    "treatment_disclosure",
)
_RANK = {category: n for n, category in enumerate(CATEGORY_PRECEDENCE)}


def category_rank(category: str) -> int:
    """Lower is kept first among equally severe overlapping findings; every category
    not in ``CATEGORY_PRECEDENCE`` ranks the same, after them."""
    return _RANK.get(category, len(CATEGORY_PRECEDENCE))


@dataclass(frozen=True, slots=True)
class Entity:
    """Something a detector recognised, e.g. a PERSON or a STREET_ADDRESS."""

    entity_type: str
    start: int
    end: int
    score: float
    source: str


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What a violation says about the rule behind it."""

    id: str
    category: str
    severity: Severity
    message: str
    policy_ref: str
    suggestion: str | None = None
    entity_type: str | None = None
    redact_as: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's match: the rule that fired, where, and how severe (after policy)."""

    rule: RuleInfo
    start: int
    end: int
    score: float
    entity_type: str | None
    severity: Severity

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

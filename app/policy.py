"""A policy compiled for use: which rules run, at what severity, and what the
organisation allows (its own details) or forbids (names that must never appear).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

import re2

from app.findings import Finding, RuleInfo, Severity
from app.rules.model import Policy

DENY_RULE_ID = "policy.deny_list"


def _terms_regex(terms: Iterable[str]) -> re2._Regexp | None:
    # Longest first so "12 Main St Suite 4" wins over "12 Main St"; the look-around
    # that \b would need is written as explicit non-word edges RE2 accepts.
    escaped = sorted({re2.escape(t.strip()) for t in terms if t.strip()}, key=len, reverse=True)
    if not escaped:
        return None
    return re2.compile(r"(?i)(?:^|[^\w])(" + "|".join(escaped) + r")(?:[^\w]|$)")


def _occurrences(regex: re2._Regexp | None, text: str) -> list[tuple[int, int]]:
    if regex is None:
        return []
    spans = []
    pos = 0
    while (m := regex.search(text, pos)) is not None:
        spans.append(m.span(1))
        # restart just after the term, so adjacent terms sharing a separator are found
        pos = max(m.end(1), pos + 1)
    return spans


class CompiledPolicy:
    def __init__(
        self,
        policy: Policy,
        packs_rule_ids: Mapping[str, Sequence[str]],
        default_entities: Iterable[str],
    ) -> None:
        self.policy = policy
        disabled = set(policy.disabled_rules)
        packs = [p for p in policy.packs if p not in policy.disabled_packs]
        self.active: frozenset[str] = frozenset(
            rid for pack in packs for rid in packs_rule_ids[pack] if rid not in disabled
        )
        # A pack's override applies to each of its rules; a rule's own override wins.
        self._overrides = {
            rid: Severity[severity]
            for key, severity in policy.severity_overrides.items()
            if key in packs_rule_ids
            for rid in packs_rule_ids[key]
        }
        self._overrides.update(
            (rid, Severity[s])
            for rid, s in policy.severity_overrides.items()
            if rid not in packs_rule_ids
        )
        # the rules whose severity the organisation chose: the second reader leaves them be
        self.overridden: frozenset[str] = frozenset(self._overrides)
        # applied last: strict's {warn: block} also raises what an override made a warning
        self._map = {Severity[a]: Severity[b] for a, b in policy.severity_map.items()}
        entities = (set(default_entities) | set(policy.entities.enable)) - set(
            policy.entities.disable
        )
        self.entities: frozenset[str] = frozenset(entities)
        self._allow = _terms_regex(policy.allow_list)
        self._deny = [
            (
                _terms_regex([entry.term]),
                RuleInfo(
                    id=DENY_RULE_ID,
                    category=entry.category,
                    severity=Severity[entry.severity],
                    message=entry.message,
                    policy_ref=f"Organisation policy {policy.id} (deny-list)",
                    suggestion=None,
                    redact_as="[REDACTED]",
                ),
            )
            for entry in policy.deny_list
        ]

    def mapped(self, severity: Severity) -> Severity:
        """``severity`` after the policy's ``severity_map`` (strict: warn is block)."""
        return self._map.get(severity, severity)

    def deny_findings(self, text: str) -> list[Finding]:
        return [
            Finding(rule=info, start=s, end=e, score=1.0, entity_type=None, severity=info.severity)
            for regex, info in self._deny
            for s, e in _occurrences(regex, text)
        ]

    def apply(self, findings: Iterable[Finding], text: str) -> list[Finding]:
        """Drop allow-listed findings and apply severity overrides."""
        allowed = _occurrences(self._allow, text)
        out = []
        for f in findings:
            if f.rule.id != DENY_RULE_ID and any(s <= f.start and f.end <= e for s, e in allowed):
                continue
            severity = self._overrides.get(f.rule.id, f.severity)
            severity = self._map.get(severity, severity)
            out.append(f if severity == f.severity else dataclasses.replace(f, severity=severity))
        return out

"""Rule packs compiled once into spaCy matchers and RE2 patterns, run on a parsed Doc."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import re2
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from app.errors import ConfigError
from app.findings import Entity, Finding, RuleInfo, Severity
from app.prefilter import Prefilter
from app.rules.loader import RuleSet
from app.rules.model import Context, Pack, Rule


@dataclass(frozen=True, slots=True)
class _Compiled:
    info: RuleInfo
    rule: Rule
    regexes: tuple[tuple[Any, int], ...]  # (RE2 pattern, index of its "span" group or 0)
    exclude: Any  # one RE2 alternation, or None
    any_keys: tuple[str, ...]
    none_keys: tuple[str, ...]


def rule_info(pack: Pack, rule: Rule) -> RuleInfo:
    return RuleInfo(
        id=f"{pack.id}.{rule.id}",
        category=rule.category or pack.category,
        severity=Severity[rule.severity],
        message=rule.message,
        policy_ref=rule.policy_ref,
        suggestion=rule.suggestion,
        entity_type=rule.entity_type,
        redact_as=rule.redact_as,
    )


class _DocView:
    """Per-Doc facts the context checks share: term hits and sentence bounds."""

    def __init__(self, doc: Doc, hits: dict[str, list[tuple[int, int]]]) -> None:
        self.doc = doc
        self.text: str = doc.text  # Doc.text rebuilds the string on every access
        self.hits = hits
        bounds: list[tuple[int, int]] = [(0, len(doc))]
        if doc.has_annotation("SENT_START"):
            bounds = [(s.start, s.end) for s in doc.sents]
        self._sent_of = [0] * len(doc)
        self._bounds = bounds
        for n, (start, end) in enumerate(bounds):
            for i in range(start, end):
                self._sent_of[i] = n

    def region(self, ctx: Context, start: int, end: int) -> tuple[int, int]:
        if ctx.scope == "text" or not len(self.doc):
            return 0, len(self.doc)
        if ctx.scope == "window":
            return max(0, start - ctx.window), min(len(self.doc), end + ctx.window)
        first = self._sent_of[min(start, len(self.doc) - 1)]
        last = self._sent_of[max(min(end, len(self.doc)) - 1, 0)]
        return self._bounds[first][0], self._bounds[last][1]

    def any_hit(self, keys: Iterable[str], lo: int, hi: int) -> bool:
        return any(s < hi and e > lo for key in keys for s, e in self.hits.get(key, ()))


def _longest_per_rule(findings: list[Finding]) -> list[Finding]:
    """Of one rule's overlapping matches ("Harbor Shelter" inside "Hope Harbor Shelter",
    an entity and a regex on the same name), keep the longest."""
    ranked = sorted(findings, key=lambda f: (f.rule.id, -(f.end - f.start), -f.score, f.start))
    kept: list[Finding] = []
    for f in ranked:
        if not any(k.rule.id == f.rule.id and k.start < f.end and f.start < k.end for k in kept):
            kept.append(f)
    return kept


class RuleEngine:
    """All rules of all packs, compiled once. ``run`` is called once per Doc."""

    def __init__(self, ruleset: RuleSet, nlp: Language) -> None:
        self._rules: dict[str, _Compiled] = {}
        self._phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._tokens = Matcher(nlp.vocab, validate=True)
        self._terms = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._by_entity: dict[str, list[str]] = {}
        for name, terms in ruleset.lexicon.items():
            self._terms.add(f"@{name}", [nlp.make_doc(t) for t in terms])
        for pack, rule in ruleset.rules():
            self._compile(pack, rule, nlp)
        # every rule's regexes, asked in one prefilter pass per text (app/prefilter.py)
        self._regexes = [
            (rid, regex, group) for rid, c in self._rules.items() for regex, group in c.regexes
        ]
        self._prefilter = Prefilter([regex.pattern for _, regex, _ in self._regexes])

    def _compile(self, pack: Pack, rule: Rule, nlp: Language) -> None:
        info = rule_info(pack, rule)
        rid = info.id
        any_keys: list[str] = []
        none_keys: list[str] = []
        if rule.context is not None:
            for terms, keys, tag in (
                (rule.context.any_of, any_keys, "any"),
                (rule.context.none_of, none_keys, "none"),
            ):
                keys.extend(t for t in terms if t.startswith(("@", "$")))
                inline = [t for t in terms if not t.startswith(("@", "$"))]
                if inline:
                    key = f"{rid}:{tag}"
                    self._terms.add(key, [nlp.make_doc(t) for t in inline])
                    keys.append(key)
        if rule.match.phrases:
            self._phrases.add(rid, [nlp.make_doc(t) for t in rule.match.phrases])
        if rule.match.tokens:
            try:
                self._tokens.add(rid, rule.match.tokens)
            except (ValueError, KeyError) as exc:
                raise ConfigError(
                    f"rules/{pack.id}.yaml",
                    f"invalid token pattern: {exc}",
                    rule_id=rule.id,
                    field="match.tokens",
                ) from exc
        for entity in rule.match.entities:
            self._by_entity.setdefault(entity, []).append(rid)
        self._rules[rid] = _Compiled(
            info=info,
            rule=rule,
            regexes=tuple(
                (r, r.groupindex.get("span", 0)) for r in map(re2.compile, rule.match.regex)
            ),
            exclude=(
                re2.compile("|".join(f"(?:{p})" for p in rule.match.exclude))
                if rule.match.exclude
                else None
            ),
            any_keys=tuple(any_keys),
            none_keys=tuple(none_keys),
        )

    @property
    def infos(self) -> list[RuleInfo]:
        return [c.info for c in self._rules.values()]

    def entity_types(self, rule_ids: Iterable[str]) -> set[str]:
        """Entity types the given rules consume, as matches or as context ($PERSON)."""
        types: set[str] = set()
        for rid in rule_ids:
            compiled = self._rules[rid]
            types.update(compiled.rule.match.entities)
            types.update(k[1:] for k in (*compiled.any_keys, *compiled.none_keys) if k[0] == "$")
        return types

    def run(self, doc: Doc, entities: Sequence[Entity], active: frozenset[str]) -> list[Finding]:
        hits: dict[str, list[tuple[int, int]]] = {}
        for key, start, end in self._terms(doc) if len(self._terms) else ():
            hits.setdefault(doc.vocab.strings[key], []).append((start, end))
        for ent in entities:
            # "$PERSON" in a context: a detected entity of that type is near
            span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
            if span is not None:
                hits.setdefault(f"${ent.entity_type}", []).append((span.start, span.end))
        view = _DocView(doc, hits)
        candidates: list[tuple[str, int, int, float, str | None]] = []
        for matcher in (self._phrases, self._tokens):
            if not len(matcher):
                continue
            for key, start, end in matcher(doc):
                rid = doc.vocab.strings[key]
                if rid in active:
                    span = doc[start:end]
                    candidates.append((rid, span.start_char, span.end_char, -1.0, None))
        for index in self._prefilter.matching(view.text):
            rid, regex, group = self._regexes[index]
            if rid not in active:
                continue
            for m in regex.finditer(view.text):
                start, end = m.span(group)
                if end > start:
                    candidates.append((rid, start, end, -1.0, None))
        for ent in entities:
            for rid in self._by_entity.get(ent.entity_type, ()):
                if rid in active and ent.score >= self._rules[rid].rule.match.min_score:
                    candidates.append((rid, ent.start, ent.end, ent.score, ent.entity_type))
        found = [f for c in candidates if (f := self._confirm(view, *c)) is not None]
        return _longest_per_rule(found)

    def _confirm(
        self, view: _DocView, rid: str, start: int, end: int, score: float, etype: str | None
    ) -> Finding | None:
        compiled = self._rules[rid]
        if compiled.exclude is not None and compiled.exclude.fullmatch(view.text[start:end]):
            return None
        ctx = compiled.rule.context
        if ctx is not None:
            span = view.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                return None
            lo, hi = view.region(ctx, span.start, span.end)
            if compiled.any_keys and not view.any_hit(compiled.any_keys, lo, hi):
                return None
            if compiled.none_keys:
                if ctx.none_window is not None:
                    lo = max(0, span.start - ctx.none_window)
                    hi = span.end + ctx.none_window
                if view.any_hit(compiled.none_keys, lo, hi):
                    return None
        info = compiled.info
        return Finding(
            rule=info,
            start=start,
            end=end,
            score=compiled.rule.score if score < 0 else score,
            entity_type=info.entity_type or etype,
            severity=info.severity,
        )

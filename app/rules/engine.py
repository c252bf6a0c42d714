"""Rule packs compiled once into spaCy matchers and RE2 patterns, run on a parsed Doc.

A rule's candidates come from its ``match`` (phrases, token patterns, regexes,
entities) or, for a ``mosaic`` rule, from weighted quasi-identifier features that must
add up; either kind is then confirmed by its ``context``: terms near it, and the ConText
assertions (app/rules/context.py) that clear it or cap its severity.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import re2
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from app.errors import ConfigError
from app.findings import Entity, Finding, RuleInfo, Severity
from app.fold import fold_accents
from app.prefilter import Prefilter
from app.rules.context import ConText, Modifier
from app.rules.loader import SHAPES_FILE, RuleSet
from app.rules.model import Context, Pack, Rule, Shape


@dataclass(frozen=True, slots=True)
class _Feature:
    name: str
    weight: float
    keys: tuple[str, ...]  # term keys, as a context's
    regexes: tuple[tuple[Any, int], ...]
    not_after: frozenset[str] = frozenset()  # lower-case words
    not_before: frozenset[str] = frozenset()
    exclude: Any = None  # one RE2 alternation, or None


@dataclass(frozen=True, slots=True)
class _Near:
    keys: tuple[str, ...]  # term keys, as a context's
    window: int
    through: frozenset[str] | None  # lower-case words that may join term and candidate


@dataclass(frozen=True, slots=True)
class _Escalation:
    """A policy's client_escalation, compiled."""

    keys: tuple[str, ...]
    skip: frozenset[str]
    categories: frozenset[str]  # empty: every category
    to: Severity


@dataclass(frozen=True, slots=True)
class _Compiled:
    info: RuleInfo
    rule: Rule
    regexes: tuple[tuple[Any, int], ...]  # (RE2 pattern, index of its "span" group or 0)
    exclude: Any  # one RE2 alternation, or None
    any_keys: tuple[str, ...]
    none_keys: tuple[str, ...]
    features: tuple[_Feature, ...] = ()
    near: tuple[_Near, ...] = ()
    all_keys: tuple[tuple[str, ...], ...] = ()  # each group needs a hit, as any_keys
    # or_story: (keys near, keys anywhere in the text), either empty when none
    story: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


# Punctuation that ends a sentence or a line: a role before it is not attached to a name
# after it ("Thanks, our director! Maria ...").
_BREAKS = frozenset({".", "!", "?", "\n"})
# How far up a list item looks for its header (see _DocView.list_header).
_MAX_LIST_LINES = 15
# How many words a post's first line may have to be its title (see _DocView.title).
_MAX_TITLE_WORDS = 6
# The lexicon list of titles that say a post's names are no client's (see _DocView.title).
_TITLE_CLEARERS = "@post_title_clearers"
_ITEM_NUMBER = re.compile(r"\d{1,2}[.)]\s")


def _is_item(line: str) -> bool:
    """A line of a list: it opens with a bullet, a dash, an emoji or "1." / "2)"."""
    line = line.lstrip()
    if not line:
        return False
    first = line[0]
    return (
        first in "-•*·–—►▪●○◦>"
        or (not first.isalnum() and unicodedata.category(first).startswith("S"))
        or _ITEM_NUMBER.match(line) is not None
    )


# Words a hyphen never joins to a role: "our intake coordinator and ex-client Maria" is
# the client, not the coordinator.
_NEVER_JOIN = frozenset(
    {
        "client",
        "clients",
        "patient",
        "patients",
        "resident",
        "residents",
        "youth",
        "kid",
        "kids",
        "kiddo",
        "participant",
        "participants",
        "member",
        "student",
        "cliente",
        "clienta",
        "paciente",
        "usuario",
        "usuaria",
    }
)
_HYPHENS = frozenset({"-", "\u2010", "\u2011"})


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


def _read_as(text: str, spans: Sequence[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each span replaced by its phrase ("Pic with a guy I help today"
    reads "Pic with my client today"), and for each character of the result the
    characters of ``text`` it stands for. Of overlapping spans, the longest."""
    chosen: list[tuple[int, int, str]] = []
    for start, end, phrase in sorted(spans, key=lambda s: s[0] - s[1]):
        if not any(a < end and start < b for a, b, _ in chosen):
            chosen.append((start, end, phrase))
    parts: list[str] = []
    where: list[tuple[int, int]] = []
    pos = 0
    for start, end, phrase in sorted(chosen):
        parts += (text[pos:start], phrase)
        where += [(i, i + 1) for i in range(pos, start)] + [(start, end)] * len(phrase)
        pos = end
    parts.append(text[pos:])
    where += [(i, i + 1) for i in range(pos, len(text))]
    return "".join(parts), where


class _DocView:
    """Per-Doc facts the context checks share: term hits and sentence bounds."""

    def __init__(
        self,
        doc: Doc,
        hits: dict[str, list[tuple[int, int]]],
        context: ConText,
        shaped: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.doc = doc
        self._context = context
        # the token spans of the shapes that hide triggers: "a lady I help" names a person
        # served, and its "I" is no trigger of the writer's own story
        self._shaped = shaped
        self._modifiers: list[Modifier] | None = None
        self._names: set[int] | None = None  # tokens of detected names
        self.text: str = doc.text  # Doc.text rebuilds the string on every access
        # what rule regexes run on: the text with accents folded, character for character
        # (see fold_accents)
        self.folded: str = fold_accents(self.text)
        self.hits = hits
        # token spans of each mosaic feature regex, found once per draft: several mosaic
        # rules share a feature (an age, a family structure) and each used to rerun it
        self._regex_spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
        # words of the names a staff or public role cleared (see RuleEngine.run)
        self.cleared_names: set[str] = set()
        self._title: tuple[int, int] | None = None
        self._title_read = False
        # each list item line's header (see list_header), by the line's first character
        self._headers: dict[int, tuple[int, int] | None] = {}
        bounds: list[tuple[int, int]] = [(0, len(doc))]
        if doc.has_annotation("SENT_START"):
            bounds = [(s.start, s.end) for s in doc.sents]
        self._sent_of = [0] * len(doc)
        self._bounds = bounds
        for n, (start, end) in enumerate(bounds):
            for i in range(start, end):
                self._sent_of[i] = n

    def list_header(self, i: int) -> tuple[int, int] | None:
        """The token bounds of the header a list item at token i sits under, or None.

        A post's lists ("Featured speakers:" then a line per speaker, "Key findings:" then
        a line per finding) put each item on a line of its own, which the sentencizer
        makes a sentence: what the header says of the items ("speakers", "our team") is in
        another sentence. An item is a line that opens with a bullet, a dash, an emoji or a
        number; its header is the nearest line above, past other items and blank lines,
        that ends with a colon."""
        text = self.text
        line_start = text.rfind("\n", 0, self.doc[i].idx) + 1
        if line_start not in self._headers:  # one walk per line, however many findings
            self._headers[line_start] = self._header_above(line_start)
        return self._headers[line_start]

    def _header_above(self, line_start: int) -> tuple[int, int] | None:
        text = self.text
        line_end = text.find("\n", line_start)
        if not _is_item(text[line_start : line_end if line_end >= 0 else len(text)]):
            return None
        end = line_start - 1  # the line break before the item
        for _ in range(_MAX_LIST_LINES):
            if end <= 0:
                return None
            start = text.rfind("\n", 0, end) + 1
            line = text[start:end]
            if line.strip() and not _is_item(line):
                if not line.rstrip().endswith(":"):
                    return None
                span = self.doc.char_span(start, end, alignment_mode="expand")
                return (span.start, span.end) if span is not None and len(span) else None
            end = start - 1
        return None

    def title(self) -> tuple[int, int] | None:
        """The token bounds of the post's title, or None: a short first line with the post
        below it ("Donor spotlight ❤️", "Staff appreciation post 💐"), which says what every
        paragraph after it is about."""
        if not self._title_read:
            self._title_read = True
            text = self.text
            cut = text.find("\n")
            words = len(text[:cut].split()) if cut > 0 else 0
            span = self.doc.char_span(0, cut, alignment_mode="expand") if words else None
            self._title = (
                (span.start, span.end)
                if span is not None and 0 < words <= _MAX_TITLE_WORDS and text[cut:].strip()
                else None
            )
        return self._title

    def folded_span(self, start: int, end: int) -> str:
        """The folded text of the tokens [start, end)."""
        span = self.doc[start:end]
        return self.folded[span.start_char : span.end_char]

    def regex_spans(self, regex: Any, group: int) -> list[tuple[int, int]]:
        """The token spans of ``group`` in every match of ``regex`` in the folded text."""
        key = (regex.pattern, group)
        spans = self._regex_spans.get(key)
        if spans is None:
            spans = []
            for m in regex.finditer(self.folded):
                start, end = m.span(group)
                span = self.doc.char_span(start, end, alignment_mode="expand")
                if span is not None and len(span):
                    spans.append((span.start, span.end))
            self._regex_spans[key] = spans
        return spans

    def region(self, ctx: Context, start: int, end: int) -> tuple[int, int]:
        if ctx.scope == "text" or not len(self.doc):
            return 0, len(self.doc)
        if ctx.scope == "window":
            return max(0, start - ctx.window), min(len(self.doc), end + ctx.window)
        return self.sentence_of(start, end)

    def any_hit(self, keys: Iterable[str], lo: int, hi: int) -> bool:
        return any(s < hi and e > lo for key in keys for s, e in self.hits.get(key, ()))

    def hit_outside(self, keys: Iterable[str], start: int, end: int) -> bool:
        """Whether a term hits anywhere in the text but the tokens [start, end): "her
        case plan" is no casework cue for itself."""
        return any(e <= start or s >= end for key in keys for s, e in self.hits.get(key, ()))

    def told_by_pronoun(
        self,
        story: tuple[tuple[str, ...], tuple[str, ...]],
        lo: int,
        hi: int,
        start: int = 0,
        end: int = 0,
    ) -> bool:
        """A rule's ``or_story``: a pronoun term in the region [lo, hi) and a casework term
        anywhere in the text but the tokens [start, end) (anywhere at all by default)."""
        near, anywhere = story
        return bool(near) and self.any_hit(near, lo, hi) and self.hit_outside(anywhere, start, end)

    def near_hit(self, near: _Near, start: int, end: int) -> bool:
        """Whether a term of ``near`` is within its window of tokens [start, end) and,
        with ``through`` words, joined to them only by those, names, capitalised words
        and punctuation."""
        lo, hi = start - near.window, end + near.window
        for key in near.keys:
            for s, e in self.hits.get(key, ()):
                if s < hi and e > lo:
                    gap = range(e, start) if e <= start else range(end, s)
                    if near.through is None or all(self._joins(i, near.through) for i in gap):
                        return True
        return False

    def _joins(self, i: int, through: frozenset[str]) -> bool:
        tok = self.doc[i]
        if tok.is_punct or tok.is_space:
            if tok.text == "." and i > 0 and not self.doc[i - 1].whitespace_:
                # the dot of a title the tokenizer split off: "trabajadora social, Lic.
                # Itzel Xiquin" (identifiers44)
                return self.doc[i - 1].lower_ + "." in through
            return tok.text.strip() not in _BREAKS and "\n" not in tok.text
        if tok.lower_ in through:
            return True
        if tok.text[:1].isupper() and not tok.text.isupper():
            return True  # a name the detectors missed, a title: "Chela, Norma y Bety"
        if tok.text.isalpha() and tok.text.isupper() and 2 <= len(tok.text) <= 6:
            # a credential after a comma: "Tasha Greene, RN, our newest nurse"; not a word
            # of a shouted sentence ("JASMINE TOLD THE JUDGE")
            return i > 0 and self.doc[i - 1].text == ","
        if self._hyphenated(i) and tok.lower_ not in _NEVER_JOIN:
            return True  # "our longest-serving volunteer driver", "our 88-year-old receptionist"
        if len(tok.text.rstrip(".")) == 1 and tok.text[:1].isupper():
            return True  # an initial in a name: "Coach K (Kenny Marsh)", "John F. Kennedy"
        if (
            3 <= len(tok.text) <= 6
            and tok.text.endswith(".")
            and tok.text.replace(".", "").isupper()
        ):
            return True  # dotted initials in a list of names: "our interns: J.T., Aisha and Mateo"
        if self._names is None:
            self._names = {j for s, e in self.hits.get("$PERSON", ()) for j in range(s, e)}
        return i in self._names

    def _hyphenated(self, i: int) -> bool:
        """Whether token i is part of a hyphenated word ("longest-serving", "88-year-old")."""
        doc = self.doc
        if i > 0 and doc[i - 1].text in _HYPHENS and not doc[i - 1].whitespace_:
            return i > 1 and not doc[i - 2].whitespace_
        return i + 1 < len(doc) and doc[i + 1].text in _HYPHENS and not doc[i].whitespace_

    def sentence_of(self, start: int, end: int) -> tuple[int, int]:
        """Token bounds of the sentences the tokens [start, end) are in."""
        if not len(self.doc):
            return 0, 0
        first = self._sent_of[min(start, len(self.doc) - 1)]
        last = self._sent_of[max(min(end, len(self.doc)) - 1, 0)]
        return self._bounds[first][0], self._bounds[last][1]

    def sentence_chars(self, start: int, end: int) -> tuple[int, int]:
        """Character bounds of the sentences around characters [start, end), less the
        spaces and line breaks at their edges; [start, end) when no token covers it."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return start, end
        lo, hi = self.sentence_of(span.start, span.end)
        s_start = self.doc[lo].idx
        s_end = self.doc[hi - 1].idx + len(self.doc[hi - 1])
        text = self.text[s_start:s_end]
        s_start += len(text) - len(text.lstrip())
        s_end -= len(text) - len(text.rstrip())
        return min(s_start, start), max(s_end, end)

    def clause_chars(self, start: int, end: int) -> tuple[int, int]:
        """Character bounds of the clause a mark at [start, end) closes: from the last
        sentence break (". ", "!", "?", "…", a line break, another emoji) before the words
        it follows, to the mark ("Sure, Jan. 🙄" → "Sure, Jan. 🙄"). A mark that opens
        its line comments on what follows it: the clause after it instead."""
        text = self.text
        i = start
        while i > 0 and text[i - 1] != "\n" and not text[i - 1].isalnum():
            i -= 1  # the spaces, quotes, stops and other emoji between the words and it
        if i == 0 or text[i - 1] == "\n":
            j = end
            limit = min(len(text), end + _CLAUSE_MAX)
            while j < limit and text[j] != "\n" and not _clause_break(text, j):
                j += 1
            j = min(j + 1, len(text)) if j < limit and text[j] in _STOPS else j
            return start, max(end, len(text[:j].rstrip()))
        lo = max(0, i - _CLAUSE_MAX)
        k = i - 1
        while k > lo and text[k - 1] != "\n" and not _clause_break(text, k - 1):
            k -= 1
        while k < start and text[k].isspace():
            k += 1
        return min(k, start), end

    def sentences_around(self, start: int, end: int, extra: int) -> tuple[int, int]:
        """Character bounds of the sentences around characters [start, end), and of
        ``extra`` more sentences either side."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span) or not self._bounds:
            return start, end
        first = max(self._sent_of[span.start] - extra, 0)
        last = min(self._sent_of[span.end - 1] + extra, len(self._bounds) - 1)
        lo, hi = self._bounds[first][0], self._bounds[last][1]
        return self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1])

    @property
    def sentences(self) -> list[tuple[int, int]]:
        return self._bounds

    def assertions(self, start: int, end: int) -> frozenset[str]:
        """ConText's assertions on tokens [start, end); triggers run once per Doc."""
        if self._modifiers is None:
            self._modifiers = self._context.modifiers(self.doc, self._bounds, self._shaped)
        return ConText.assertions(self._modifiers, start, end)


_STOPS = frozenset(".!?…")
_CLAUSE_MAX = 200  # characters: a run-on post is cut, not reported whole


def _clause_break(text: str, i: int) -> bool:
    """Does the character at i end a clause: a full stop, "!", "?" or "…" before a space
    (not the dot in "3.5" or "a.m."), or an emoji or other pictograph?"""
    ch = text[i]
    if ch in _STOPS:
        return i + 1 >= len(text) or text[i + 1].isspace()
    return unicodedata.category(ch) == "So"


def _says_whose(view: _DocView, keys: Sequence[str], lo: int, hi: int, span: Span) -> bool:
    """Whether what cleared a name tells whose it is, so that its other mentions are
    cleared too: a word in the window (a staff title, a book club), or the name itself
    read as an entity that clears it (a public figure's). Another person's entity in the
    window does not: "Mi clienta Yesenia ... la casa hogar de San Juan" (a saint's name,
    a public figure) kept a rule from Yesenia, and then every rule (probe, session 17)."""
    words = [k for k in keys if not k.startswith("$")]
    entities = [k for k in keys if k.startswith("$")]
    return view.any_hit(words, lo, hi) or view.any_hit(entities, span.start, span.end)


def _name_words(text: str) -> set[str]:
    """The words of a name that can stand for it alone: "Angela Torres" → angela,
    torres (not initials or one-letter words)."""
    return {w.strip(".,'’").casefold() for w in text.split() if len(w.strip(".,'’")) > 1}


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
        self._mosaics: list[str] = []
        self._context = ConText(ruleset.triggers, ruleset.lexicon, nlp)
        self._lexicon = ruleset.lexicon
        for name, terms in ruleset.lexicon.items():
            self._terms.add(f"@{name}", _phrase_docs(nlp, terms))
        # token patterns whose matches count as members of lists ("a lady I help"), each
        # shape's under its own key
        self._shapes = Matcher(nlp.vocab, validate=True)
        self._shape_of: dict[str, Shape] = {}
        for n, shape in enumerate(ruleset.shapes):
            key = f"shape {n}"
            self._shape_of[key] = shape
            try:
                _add_token_patterns(self._shapes, nlp, key, shape.patterns)
            except (ValueError, KeyError) as exc:
                raise ConfigError(
                    f"rules/{SHAPES_FILE}", f"invalid token pattern: {exc}", field="patterns"
                ) from exc
        for pack, rule in ruleset.rules():
            self._compile(pack, rule, nlp)
        self._escalations: dict[str, _Escalation] = {}
        for pid, policy in ruleset.policies.items():
            if (esc := policy.client_escalation) is not None:
                self._escalations[pid] = _Escalation(
                    keys=tuple(self._term_keys(esc.any_of, f"policy:{pid}:escalate", nlp)),
                    skip=frozenset(esc.skip),
                    categories=frozenset(esc.categories),
                    to=Severity[esc.to],
                )
        self._fallbacks = frozenset(rid for rid, c in self._rules.items() if c.rule.fallback)
        self._companions = {
            rid: c.rule.beside for rid, c in self._rules.items() if c.rule.beside is not None
        }
        self._keep_names = frozenset(
            rid for rid, c in self._rules.items() if c.rule.keeps_cleared_names
        )
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
        near: list[_Near] = []
        all_keys: list[tuple[str, ...]] = []
        story: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
        if rule.context is not None:
            if (st := rule.context.or_story) is not None:
                story = (
                    tuple(self._term_keys(st.near, f"{rid}:story_near", nlp)),
                    tuple(self._term_keys(st.anywhere, f"{rid}:story_any", nlp)),
                )
            any_keys = self._term_keys(rule.context.any_of, f"{rid}:any", nlp)
            none_keys = self._term_keys(rule.context.none_of, f"{rid}:none", nlp)
            all_keys = [
                tuple(self._term_keys(group, f"{rid}:all{n}", nlp))
                for n, group in enumerate(rule.context.all_of)
            ]
            for n, guard in enumerate(rule.context.none_near):
                through = self._words(guard.through)
                near.append(
                    _Near(
                        keys=tuple(self._term_keys(guard.terms, f"{rid}:near{n}", nlp)),
                        window=guard.window,
                        through=frozenset(through) if guard.through else None,
                    )
                )
        features: tuple[_Feature, ...] = ()
        if rule.mosaic is not None:
            self._mosaics.append(rid)
            features = tuple(
                _Feature(
                    name=name,
                    weight=f.weight,
                    keys=tuple(self._term_keys(f.any_of, f"{rid}:{name}", nlp)),
                    regexes=_compile_regexes(f.regex),
                    not_after=frozenset(self._words(f.not_after)),
                    not_before=frozenset(self._words(f.not_before)),
                    exclude=_compile_exclude(f.exclude),
                )
                for name, f in rule.mosaic.features.items()
            )
        self._rules[rid] = _Compiled(
            info=info,
            rule=rule,
            regexes=_compile_regexes(rule.match.regex if rule.match else []),
            exclude=_compile_exclude(rule.match.exclude if rule.match else []),
            any_keys=tuple(any_keys),
            none_keys=tuple(none_keys),
            features=features,
            near=tuple(near),
            all_keys=tuple(all_keys),
            story=story,
        )
        if rule.match is None:
            return
        if rule.match.phrases:
            # "@list" is every phrase of that lexicon list
            phrases = [
                p
                for t in rule.match.phrases
                for p in (self._lexicon[t[1:]] if t[0] == "@" else [t])
            ]
            self._phrases.add(rid, _phrase_docs(nlp, phrases))
        if rule.match.tokens:
            try:
                _add_token_patterns(self._tokens, nlp, rid, rule.match.tokens)
            except (ValueError, KeyError) as exc:
                raise ConfigError(
                    f"rules/{pack.id}.yaml",
                    f"invalid token pattern: {exc}",
                    rule_id=rule.id,
                    field="match.tokens",
                ) from exc
        for entity in rule.match.entities:
            self._by_entity.setdefault(entity, []).append(rid)

    def _words(self, terms: Sequence[str]) -> list[str]:
        """The lower-case words of phrases and ``@lists``."""
        return [
            w
            for t in terms
            for phrase in (self._lexicon[t[1:]] if t.startswith("@") else [t])
            for w in phrase.lower().split()
        ]

    def _term_keys(self, terms: Sequence[str], key: str, nlp: Language) -> list[str]:
        """Matcher keys for context terms: ``@list`` and ``$TYPE`` as they are, inline
        phrases added to the term matcher under ``key``."""
        keys = [t for t in terms if t.startswith(("@", "$"))]
        inline = [t for t in terms if not t.startswith(("@", "$"))]
        if inline:
            self._terms.add(key, _phrase_docs(nlp, inline))
            keys.append(key)
        return keys

    @property
    def infos(self) -> list[RuleInfo]:
        return [c.info for c in self._rules.values()]

    def entity_types(self, rule_ids: Iterable[str]) -> set[str]:
        """Entity types the given rules consume, as matches or as context ($PERSON)."""
        types: set[str] = set()
        for rid in rule_ids:
            compiled = self._rules[rid]
            if compiled.rule.match is not None:
                types.update(compiled.rule.match.entities)
            keys = [*compiled.any_keys, *compiled.none_keys, *compiled.story[0], *compiled.story[1]]
            keys += [k for n in compiled.near for k in n.keys]
            keys += [k for group in compiled.all_keys for k in group]
            keys += [k for f in compiled.features for k in f.keys]
            types.update(k[1:] for k in keys if k[0] == "$")
        return types

    def run(
        self,
        doc: Doc,
        entities: Sequence[Entity],
        active: frozenset[str],
        policy: str | None = None,
    ) -> list[Finding]:
        """The active rules' findings on ``doc``; with a ``policy`` that has a
        client_escalation, its warnings raised in a post about a particular client."""
        hits: dict[str, list[tuple[int, int]]] = {}
        # an "entity" with no letter or digit is the model reading an emoji as a place
        # or a name ("just bought his first house 🏡"): nothing to flag or to weigh
        text = doc.text
        entities = [e for e in entities if any(c.isalnum() for c in text[e.start : e.end])]
        for key, start, end in self._terms(doc) if len(self._terms) else ():
            hits.setdefault(doc.vocab.strings[key], []).append((start, end))
        shaped: list[tuple[int, int]] = []
        read_as: list[tuple[int, int, str]] = []
        for key, start, end in self._shapes(doc) if len(self._shapes) else ():
            shape = self._shape_of[doc.vocab.strings[key]]
            for name in shape.adds_to:
                hits.setdefault(f"@{name}", []).append((start, end))
            if shape.hides_triggers:
                shaped.append((start, end))
            if shape.reads_as is not None:
                span = doc[start:end]
                read_as.append((span.start_char, span.end_char, shape.reads_as))
        for ent in entities:
            # "$PERSON" in a context: a detected entity of that type is near
            ent_span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
            if ent_span is not None:
                hits.setdefault(f"${ent.entity_type}", []).append((ent_span.start, ent_span.end))
        view = _DocView(doc, hits, self._context, shaped)
        # the regexes read the text as written, and, where a shape reads as a phrase, as
        # read that way too ("one of my girls" stays for the rules that spell it)
        regex_texts: list[tuple[str, list[tuple[int, int]] | None]] = [(view.folded, None)]
        if read_as:
            regex_texts.append(_read_as(view.folded, read_as))
        candidates: list[tuple[str, int, int, float, str | None]] = []
        for matcher in (self._phrases, self._tokens):
            if not len(matcher):
                continue
            for key, start, end in matcher(doc):
                rid = doc.vocab.strings[key]
                if rid in active:
                    span = doc[start:end]
                    candidates.append((rid, span.start_char, span.end_char, -1.0, None))
        # (a rule's passage in the text as written wins over one it overlaps in the text
        # as read: the reading is for what the rule would not meet otherwise)
        written: dict[str, list[tuple[int, int]]] = {}
        for regex_text, where in regex_texts:
            for index in self._prefilter.matching(regex_text):
                rid, regex, group = self._regexes[index]
                if rid not in active:
                    continue
                for m in regex.finditer(regex_text):
                    start, end = m.span(group)
                    if end <= start:
                        continue
                    if where is None:
                        written.setdefault(rid, []).append((start, end))
                    else:
                        # back to the text as written: a phrase read in place of a
                        # shape stands for the whole shape ("one of the women from ...")
                        start, end = where[start][0], where[end - 1][1]
                        if any(a < end and start < b for a, b in written.get(rid, ())):
                            continue
                    candidates.append((rid, start, end, -1.0, None))
        for ent in entities:
            for rid in self._by_entity.get(ent.entity_type, ()):
                match = self._rules[rid].rule.match
                if rid in active and match is not None and ent.score >= match.min_score:
                    candidates.append((rid, ent.start, ent.end, ent.score, ent.entity_type))
        found = [f for c in candidates if (f := self._confirm(view, *c)) is not None]
        if view.cleared_names:
            # "Meet our new peer coach, Angela Torres! Angela brings 12 years...": once
            # a role says whose name it is, every mention of it is that person's
            found = [
                f
                for f in found
                if f.entity_type != "PERSON"
                or f.rule.id in self._keep_names
                or not _name_words(view.text[f.start : f.end]) & view.cleared_names
            ]
        for rid in self._mosaics:
            if rid in active:
                found.extend(self._mosaic(view, self._rules[rid]))
        kept = _fallbacks_aside(
            _longest_per_rule(self._join_sentences(view, found)), self._fallbacks
        )
        if self._companions:
            kept = self._companions_beside(view, kept)
        escalation = self._escalations.get(policy) if policy is not None else None
        if escalation is not None:
            ties = _client_ties(view, escalation)
            if ties:
                kept = [_escalate(f, escalation, ties) for f in kept]
        return kept

    def _companions_beside(self, view: _DocView, findings: list[Finding]) -> list[Finding]:
        """Drop a companion rule's findings that have no other rule's finding beside
        them (``Rule.beside``): of at least its severity and category, in its sentence
        or the sentences either side that it allows."""
        others = [f for f in findings if f.rule.id not in self._companions]
        kept = []
        for f in findings:
            beside = self._companions.get(f.rule.id)
            if beside is None:
                kept.append(f)
                continue
            lo, hi = view.sentences_around(f.start, f.end, beside.sentences)
            least = Severity[beside.severity]
            if any(
                o.severity >= least
                and (not beside.categories or o.rule.category in beside.categories)
                and o.start < hi
                and lo < o.end
                for o in others
            ):
                kept.append(f)
        return kept

    def _join_sentences(self, view: _DocView, findings: list[Finding]) -> list[Finding]:
        """One passage of a sentence-reporting rule: its findings in sentences that follow
        one another ("...a few words on Google Maps? Every review counts ⭐") become one."""
        joined: dict[str, Finding] = {}
        out: list[Finding] = []
        for f in sorted(findings, key=lambda f: (f.rule.id, f.start, -f.end)):
            if self._rules[f.rule.id].rule.report != "sentence":
                out.append(f)
                continue
            last = joined.get(f.rule.id)
            if last is not None and not view.text[last.end : f.start].strip():
                f = dataclasses.replace(last, end=max(last.end, f.end), start=last.start)
                out.remove(last)
            elif last is not None and f.start < last.end:
                f = dataclasses.replace(last, end=max(last.end, f.end))
                out.remove(last)
            joined[f.rule.id] = f
            out.append(f)
        return out

    def _confirm(
        self, view: _DocView, rid: str, start: int, end: int, score: float, etype: str | None
    ) -> Finding | None:
        compiled = self._rules[rid]
        if compiled.exclude is not None and compiled.exclude.fullmatch(view.folded[start:end]):
            return None
        ctx = compiled.rule.context
        severity = compiled.info.severity
        if ctx is not None:
            span = view.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                return None
            lo, hi = view.region(ctx, span.start, span.end)
            if (
                compiled.any_keys
                and not view.any_hit(compiled.any_keys, lo, hi)
                and not view.told_by_pronoun(compiled.story, lo, hi, span.start, span.end)
            ):
                return None
            if not all(view.any_hit(group, lo, hi) for group in compiled.all_keys):
                return None
            if compiled.none_keys:
                if ctx.none_window is not None:
                    lo = max(0, span.start - ctx.none_window)
                    hi = span.end + ctx.none_window
                if compiled.rule.report == "clause":
                    # what clears an eye-roll is in the remark it closes ("at my OWN
                    # teenager who forgot her homework again 🙄"), however long
                    c_start, c_end = view.clause_chars(start, end)
                    clause = view.doc.char_span(c_start, c_end, alignment_mode="expand")
                    if clause is not None:
                        lo, hi = min(lo, clause.start), max(hi, clause.end)
                if ctx.none_in_sentence:
                    # in "asked me for bus fare. clown behavior" the bus is not what the
                    # remark is about
                    s_lo, s_hi = view.sentence_of(span.start, span.end)
                    lo, hi = max(lo, s_lo), min(hi, s_hi)
                if view.any_hit(compiled.none_keys, lo, hi):
                    if etype == "PERSON" and _says_whose(view, compiled.none_keys, lo, hi, span):
                        # a staff post's name ("our new clinical director, Olga
                        # Petrenko, LCSW!") is hers in the next sentence too
                        view.cleared_names.update(_name_words(view.text[start:end]))
                    return None
            if any(view.near_hit(n, span.start, span.end) for n in compiled.near):
                if etype == "PERSON":
                    # staff, an official: the same name later in the post is theirs too
                    view.cleared_names.update(_name_words(view.text[start:end]))
                return None
            if (compiled.none_keys or compiled.near) and ctx.none_window is None:
                # a list's header says who its items are: "Featured speakers:" above "🎤
                # Anthony Greywolf — Tribal Housing Sovereignty" (probe, session 18)
                header = view.list_header(span.start)
                if header is not None and (
                    view.any_hit(compiled.none_keys, *header)
                    or any(view.any_hit(n.keys, *header) for n in compiled.near)
                ):
                    if etype == "PERSON":
                        view.cleared_names.update(_name_words(view.text[start:end]))
                    return None
            # a post's title says whose names the post holds: "Donor spotlight ❤️", "Staff
            # appreciation post 💐" (not every title with a staff word in it: "VOLUNTEER
            # DRIVERS NEEDED" is about the family they will move)
            title = view.title() if etype == "PERSON" else None
            if title is not None and view.any_hit((_TITLE_CLEARERS,), *title):
                view.cleared_names.update(_name_words(view.text[start:end]))
                return None
            capped = _asserted(view, ctx, span.start, span.end, severity)
            if capped is None:
                return None
            severity = capped
        if compiled.rule.report == "sentence":
            start, end = view.sentence_chars(start, end)
        elif compiled.rule.report == "clause":
            start, end = view.clause_chars(start, end)
        return self._finding(compiled, start, end, score, etype, severity)

    @staticmethod
    def _finding(
        compiled: _Compiled,
        start: int,
        end: int,
        score: float,
        etype: str | None,
        severity: Severity,
    ) -> Finding:
        info = compiled.info
        return Finding(
            rule=info,
            start=start,
            end=end,
            score=compiled.rule.score if score < 0 else score,
            entity_type=info.entity_type or etype,
            severity=severity,
        )

    def _mosaic(self, view: _DocView, compiled: _Compiled) -> list[Finding]:
        """A mosaic rule: per sentence (or the whole text), the weights of the distinct
        features present add up; at min_total every hit of every feature is flagged."""
        mosaic = compiled.rule.mosaic
        assert mosaic is not None  # only mosaic rules are listed in self._mosaics
        ctx = compiled.rule.context
        regions = view.sentences if mosaic.scope == "sentence" else [(0, len(view.doc))]
        hits: list[tuple[_Feature, int, int]] | None = None  # found once a region qualifies
        found: list[Finding] = []
        # a context written with `scope: text` is read over the whole post even when the
        # features must share a sentence: "a sophomore nursing major" in one sentence, the
        # welfare check that makes it a student's story in another (campus51)
        post_wide = ctx is not None and ctx.scope == "text" and mosaic.scope == "sentence"
        for lo, hi in regions:
            c_lo, c_hi = (0, len(view.doc)) if post_wide else (lo, hi)
            # any_keys and none_keys are empty without a context
            # or_story: a person written of only as "she" in a post that narrates casework
            # ("she finally left him last night. 34, three kids under 6 ... I drove her to
            # her sister's")
            if (
                compiled.any_keys
                and not view.any_hit(compiled.any_keys, c_lo, c_hi)
                and not view.told_by_pronoun(compiled.story, c_lo, c_hi)
            ):
                continue
            if not all(view.any_hit(group, c_lo, c_hi) for group in compiled.all_keys):
                continue
            if view.any_hit(compiled.none_keys, c_lo, c_hi):
                continue
            if hits is None:
                hits = _feature_hits(view, compiled.features)
            inside: list[tuple[_Feature, int, int, Severity]] = []
            for feature, s, e in hits:
                if not (lo <= s and e <= hi):
                    continue
                severity = compiled.info.severity
                if ctx is not None:
                    capped = _asserted(view, ctx, s, e, severity)
                    if capped is None:
                        continue
                    severity = capped
                inside.append((feature, s, e, severity))
            present = {f.name: f.weight for f, *_ in inside}
            if sum(present.values()) < mosaic.min_total:
                continue
            if mosaic.scope == "text" and mosaic.core_only:
                inside = _mosaic_core(view, inside)
            for _, s, e, severity in inside:
                span = view.doc[s:e]
                found.append(
                    self._finding(compiled, span.start_char, span.end_char, -1.0, None, severity)
                )
        return found


def _mosaic_core(
    view: _DocView, inside: list[tuple[_Feature, int, int, Severity]]
) -> list[tuple[_Feature, int, int, Severity]]:
    """The hits of a text-wide combination that are worth reporting: those in a sentence
    that holds two or more kinds of detail. "Drove him to his hearing this morning. 19,
    Eritrean, the only one from his country at the facility": the details to generalise
    are the second sentence's; "this morning" alone in the first is not part of the
    mosaic the writer must undo. When no sentence holds two kinds (one detail per
    sentence), every hit is reported, as before."""
    kinds: dict[int, set[str]] = {}
    where: list[int] = []
    for feature, s, _e, _sev in inside:
        key = next((lo for lo, hi in view.sentences if lo <= s < hi), -1)
        where.append(key)
        kinds.setdefault(key, set()).add(feature.name)
    core = {key for key, names in kinds.items() if len(names) >= 2}
    if not core:
        return inside
    # an age stays wherever it is: it is the client's ("He's 9." after the sentence that
    # singles him out), and the age rule would flag it anyway
    return [
        hit for hit, key in zip(inside, where, strict=True) if key in core or hit[0].name == "age"
    ]


def _phrase_docs(nlp: Language, phrases: Iterable[str]) -> list[Doc]:
    """Each phrase as the tokenizer reads it as written, capitalised and in capitals: it
    splits "dr." into "dr" "." but keeps "Dr." whole, and reads "5k" as one token but
    "5K" as two, so the phrase as written alone would miss "Dr. Singh" or "our 5K"
    (matching compares lower-cased tokens, not tokenizations)."""
    docs = []
    for phrase in phrases:
        seen: set[tuple[str, ...]] = set()
        for form in (phrase, phrase[:1].upper() + phrase[1:], phrase.upper()):
            doc = nlp.make_doc(form)
            tokens = tuple(t.lower_ for t in doc)
            if tokens not in seen:
                seen.add(tokens)
                docs.append(doc)
    return docs


def _fallbacks_aside(findings: list[Finding], fallbacks: frozenset[str]) -> list[Finding]:
    """Drop a fallback rule's findings in a post where another rule of its category
    found something."""
    if not fallbacks:
        return findings
    caught = {f.rule.category for f in findings if f.rule.id not in fallbacks}
    return [f for f in findings if not (f.rule.id in fallbacks and f.rule.category in caught)]


def _client_ties(view: _DocView, escalation: _Escalation) -> list[tuple[int, int]]:
    """Where the escalation's terms name a particular client (character offsets), less
    what ConText clears (hypothetical, generic...)."""
    return [
        (view.doc[s].idx, view.doc[e - 1].idx + len(view.doc[e - 1]))
        for key in escalation.keys
        for s, e in view.hits.get(key, ())
        if not view.assertions(s, e) & escalation.skip
    ]


def _escalate(finding: Finding, escalation: _Escalation, ties: list[tuple[int, int]]) -> Finding:
    if finding.severity != Severity.warn or finding.severity >= escalation.to:
        return finding
    if escalation.categories and finding.rule.category not in escalation.categories:
        return finding
    # the client is named elsewhere in the post: "my 3pm" alone is not a detail *about*
    # the client that "my 3pm" names
    if all(s < finding.end and finding.start < e for s, e in ties):
        return finding
    return dataclasses.replace(finding, severity=escalation.to)


def _compile_regexes(patterns: Iterable[str]) -> tuple[tuple[Any, int], ...]:
    compiled = (re2.compile(fold_accents(p)) for p in patterns)
    return tuple((r, r.groupindex.get("span", 0)) for r in compiled)


def _compile_exclude(patterns: Sequence[str]) -> Any:
    if not patterns:
        return None
    return re2.compile(fold_accents("|".join(f"(?:{p})" for p in patterns)))


def _asserted(
    view: _DocView, ctx: Context, start: int, end: int, severity: Severity
) -> Severity | None:
    """The severity left after the rule's ConText skips and caps; None when skipped."""
    if not (ctx.skip or ctx.cap):
        return severity
    said = view.assertions(start, end)
    if said.intersection(ctx.skip):
        return None
    for assertion, cap in ctx.cap.items():
        if assertion in said:
            severity = min(severity, Severity[cap])
    return severity


def _add_token_patterns(
    matcher: Matcher, nlp: Language, key: str, patterns: list[list[dict[str, Any]]]
) -> None:
    """Add spaCy token patterns under ``key``. A pattern on what no component of this
    pipeline sets (LEMMA, POS, TAG, DEP, MORPH: the lean pipeline runs only NER) makes
    spaCy raise on every check; tried on a parsed word here, it stops start-up instead."""
    matcher.add(key, patterns)
    probe = Matcher(nlp.vocab)
    probe.add(key, patterns)
    probe(nlp("probe"))


def _feature_hits(view: _DocView, features: Sequence[_Feature]) -> list[tuple[_Feature, int, int]]:
    """Every hit of every feature, as token spans."""
    out: list[tuple[_Feature, int, int]] = []
    for feature in features:
        for key in feature.keys:
            out.extend((feature, s, e) for s, e in view.hits.get(key, ()))
        for regex, group in feature.regexes:
            out.extend((feature, s, e) for s, e in view.regex_spans(regex, group))
    return [
        (f, s, e)
        for f, s, e in out
        if not _beside(view.doc, f, s, e)
        and not (f.exclude is not None and f.exclude.fullmatch(view.folded_span(s, e)))
    ]


def _beside(doc: Doc, feature: _Feature, start: int, end: int) -> bool:
    """Whether the hit [start, end) stands right after a ``not_after`` word or right
    before a ``not_before`` one ("her doctor", "vet clinic")."""
    return (start > 0 and doc[start - 1].lower_ in feature.not_after) or (
        end < len(doc) and doc[end].lower_ in feature.not_before
    )

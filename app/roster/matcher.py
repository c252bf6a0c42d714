"""Finding a policy's roster clients in a draft, from the spaCy Doc already made.

Every run of one to three words of a sentence is folded as the roster was
(:func:`~app.roster.store.canonical`), hashed with the policy's key and looked up:

- **ids**: exact, anywhere ("CL-20931", "cl 20931" and "#cl20931" are one id);
- **names of two or more words** (full names, first + last, multi-word nicknames):
  any case, anywhere, exact or one letter off when the name has at least
  ``FUZZY_MIN_LETTERS`` letters; "#MariaLopez" too;
- **one-word nicknames**: exact, when written with a capital not at the start of a
  sentence ("thanks to Sunny"), or when the sentence speaks of a client ("my client
  sunny"): "Hope to see you there" and "we hope" are not the roster's Hope;
- **first names** of roster clients: exact, only in a sentence that speaks of a client
  ("my client maria"); "Maria" alone is too often someone else.

A name made only of ordinary words ("Faith Church") still flags the phrase in any
case; put the phrase on the policy's allow-list where that is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from app.errors import ConfigError
from app.findings import Finding, RuleInfo, Severity
from app.roster import store

RULE_ID = "client_identifiers.roster_match"
_POLICY_REF = "Organisation client roster; NASW Code of Ethics 1.07; HIPAA Safe Harbor"
NAME_RULE = RuleInfo(
    id=RULE_ID,
    category="client_identifier",
    severity=Severity.block,
    message="Names a client on your organisation's roster. Remove the name, or get the "
    "client's written consent first.",
    policy_ref=f"{_POLICY_REF} 164.514(b)(2)(i)(A)",
    suggestion="my client",
    entity_type="PERSON",
    redact_as="[NAME]",
)
ID_RULE = RuleInfo(
    id=RULE_ID,
    category="client_identifier",
    severity=Severity.block,
    message="Gives the id of a client on your organisation's roster. Remove it.",
    policy_ref=f"{_POLICY_REF} 164.514(b)(2)(i)(R)",
    entity_type="CLIENT_ID",
    redact_as="[CLIENT ID]",
)
_MAX_WORDS = 3
# A run of letters and digits, joined by the separators ids are written with. (Python's
# re: each separator must be followed by a letter or digit, so it cannot backtrack.)
_ID_CANDIDATE = re.compile(r"[A-Za-z0-9]+(?:[-_./#][A-Za-z0-9]+)*")
_DIGIT = re.compile(r"\d")
# Scores order overlapping findings (app.screener.merge): an exact roster hit is surer
# than NER's; a one-letter-off one a little less so.
_EXACT, _FUZZY, _ONE_WORD = 1.0, 0.8, 0.9


@dataclass(frozen=True, slots=True)
class _Word:
    text: str  # canonical
    start: int
    end: int
    sentence: int
    capitalised: bool  # a capital, not at the start of its sentence


class ClientContext:
    """Finds the words that tie a sentence to a client (rules/lexicon.yaml's lists)."""

    def __init__(self, nlp: Language, terms: Iterable[str]) -> None:
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._matcher.add("client", [nlp.make_doc(t) for t in terms])

    def tokens(self, doc: Doc) -> list[int]:
        return [start for _, start, _ in self._matcher(doc)]


class _Draft:
    """One Doc's words, hashes and client sentences, each worked out once, when needed."""

    def __init__(self, doc: Doc, key: store.RosterKey, context: ClientContext) -> None:
        self.doc = doc
        self._key = key
        self._context = context
        self._hashes: dict[str, bytes] = {}
        self._client_sentences: set[int] | None = None
        self.sentence_of: list[int] = []
        self.words: list[_Word] = []
        sentence = 0
        for tok in doc:
            if tok.is_sent_start and tok.i:
                sentence += 1
            self.sentence_of.append(sentence)
            if tok.is_punct or tok.is_space or tok.text.startswith("'"):
                continue  # "'s" of "Lopez's" is no word of a name
            capitalised = tok.text[:1].isupper() and not tok.is_sent_start
            for piece in store.canonical(tok.text).split():
                self.words.append(_Word(piece, tok.idx, tok.idx + len(tok), sentence, capitalised))

    def h(self, value: str) -> bytes:
        if (digest := self._hashes.get(value)) is None:
            digest = self._hashes[value] = self._key(value)
        return digest

    def about_a_client(self, word: _Word) -> bool:
        if self._client_sentences is None:
            self._client_sentences = {self.sentence_of[t] for t in self._context.tokens(self.doc)}
        return word.sentence in self._client_sentences


class RosterMatcher:
    """One policy's roster, loaded: hashed values per kind, and the key to hash with."""

    def __init__(self, hashes: store.Hashes, key: store.RosterKey, context: ClientContext) -> None:
        self._sets = hashes.sets
        self._key = key
        self._context = context

    def findings(self, doc: Doc, text: str) -> list[Finding]:
        draft = _Draft(doc, self._key, self._context)
        found = list(self._ids(text, draft))
        words = draft.words
        # One hash per word of the draft; a run of words is hashed only when its words
        # are the roster's (all of them for an exact match, all but one for a fuzzy one).
        known = [draft.h(w.text) in self._sets["name_words"] for w in words]
        taken = [False] * len(words)
        for n in range(_MAX_WORDS, 0, -1):  # longest first: "maria lopez" before "maria"
            for i in range(len(words) - n + 1):
                unknown = n - sum(known[i : i + n])
                if (n > 1 and unknown > 1) or any(taken[i : i + n]):
                    continue
                run = words[i : i + n]
                if run[0].sentence != run[-1].sentence:
                    continue
                score = self._score(draft, run, unknown)
                if score:
                    start, end = run[0].start, run[-1].end
                    found.append(Finding(NAME_RULE, start, end, score, "PERSON", Severity.block))
                    taken[i : i + n] = [True] * n
        return found

    def _score(self, draft: _Draft, run: list[_Word], unknown: int) -> float:
        form = " ".join(w.text for w in run)
        fuzzy = self._sets["names_fuzzy"]
        if len(run) == 1:
            if self._one_word(draft, run[0]):
                return _ONE_WORD
            # a name written as one word, as in a hashtag or handle: "#MariaLopez"
            if store.letters(form) >= store.FUZZY_MIN_LETTERS and draft.h(form) in fuzzy:
                return _FUZZY
            return 0.0
        if unknown == 0 and draft.h(form) in self._sets["names"]:
            return _EXACT
        if (
            unknown <= 1
            and store.letters(form) >= store.FUZZY_MIN_LETTERS - 1
            and any(draft.h(v) in fuzzy for v in store.deletes(form))
        ):
            return _FUZZY
        return 0.0

    def _one_word(self, draft: _Draft, word: _Word) -> bool:
        digest = draft.h(word.text)
        if digest in self._sets["nicknames"]:
            return word.capitalised or draft.about_a_client(word)
        if digest in self._sets["first_names"]:
            return draft.about_a_client(word)
        return False

    def _ids(self, text: str, draft: _Draft) -> Iterator[Finding]:
        ids = self._sets["ids"]
        if not ids:
            return
        chunks = [m.span() for m in _ID_CANDIDATE.finditer(text)]
        # "CL 20931" is the id "CL-20931" written with a space
        pairs = [(a[0], b[1]) for a, b in pairwise(chunks) if text[a[1] : b[0]] == " "]
        taken: list[tuple[int, int]] = []
        for start, end in [*pairs, *chunks]:
            if not _DIGIT.search(text, start, end) or any(s < end and start < e for s, e in taken):
                continue
            value = store.canonical_id(text[start:end])
            if store.valid_id(value) and draft.h(value) in ids:
                taken.append((start, end))
                yield Finding(ID_RULE, start, end, _EXACT, "CLIENT_ID", Severity.block)


def load_rosters(
    data_dir: Path, secret: str | None, policy_ids: Iterable[str], context: ClientContext
) -> dict[str, RosterMatcher]:
    """The roster of every policy that has one. A roster without the secret, or with
    another one, is a configuration error: silently matching nothing would be worse."""
    rosters: dict[str, RosterMatcher] = {}
    for pid in policy_ids:
        path = store.path_for(data_dir, pid)
        if not path.exists():
            continue
        if not secret:
            raise ConfigError(
                str(path), "a client roster is here but SCREENER_ROSTER_SECRET is not set"
            )
        key = store.RosterKey(secret, pid)
        rosters[pid] = RosterMatcher(store.load(path, key), key, context)
    return rosters

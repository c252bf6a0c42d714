"""Person names the statistical model misses, and its PERSON guesses that are no name.

en_core_web_sm finds "Maria Lopez" but not "maria", "KEISHA BROWN", "Lily!" or
"Mateo and Aaliyah", and calls "Info Night" and "Hybrid" people. This detector reads
the same spaCy Doc (no second parse) with two word lists in ``models/names/``: given
names (the US census lists plus names of the communities our users serve) and
surnames (the census list of 88,799), and the cue words in ``models/names/cues.yaml``.

- A known given name in title case or capitals starts a name ("Lily", "KEISHA BROWN"),
  unless it is also an everyday word ("Hope", "May", "Will"), which needs a cue before it
  ("my client Hope") or a surname after it ("Hope Martinez").
- After a cue ("my client", "youth", "la joven") a lower-case given name is a name too
  ("my client maria"), and so is a capitalised surname ("client Okafor").
- A name runs on over further given names, surnames, capitalised words the model also
  calls PERSON, initials ("priya s.") and hyphenated parts ("García-Herrera").
- A word before "House", "Middle", "County", "Night"... is part of a place or event.

Rules decide whose name it is; this only says where names are.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.lang.es.stop_words import STOP_WORDS as ES_STOP_WORDS
from spacy.tokens import Doc, Token

from app.errors import ConfigError
from app.findings import Entity

# Model entity labels that say a word is not a person's name.
_NOT_PERSON = frozenset(
    {"ORG", "GPE", "FAC", "LOC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE"}
)
_PARTICLES = frozenset({"de", "del", "la", "las", "los", "van", "von", "der", "bin", "ibn", "al"})
# A name found with a cue before it, or confirmed by the model, is surer.
CUED_SCORE = 0.85
LEXICON_SCORE = 0.7
# The model's PERSON with no known name in it and no cue ("Info Night", "Hybrid",
# "landlord calls"): kept, but below what the name rules accept (min_score 0.5).
DOUBTFUL_SCORE = 0.4


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower case without accents: "María" → "maria", "Łukasz" → "lukasz"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("ł", "l"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Function words of both languages our users write in: never a name, never part of one.
STOP_WORDS = frozenset(fold(w) for w in EN_STOP_WORDS | ES_STOP_WORDS)


def _words(path: Path) -> frozenset[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read: {exc}") from exc
    return frozenset(
        fold(w) for line in lines if not line.lstrip().startswith("#") for w in line.split()
    )


@dataclass(frozen=True, slots=True)
class NameLexicon:
    given: frozenset[str]
    surnames: frozenset[str]
    everyday: frozenset[str]  # given names that are also words: "hope", "may"
    cues: frozenset[tuple[str, ...]]
    not_before: frozenset[str]

    @classmethod
    def load(cls, folder: Path) -> NameLexicon:
        cues_file = folder / "cues.yaml"
        try:
            conf = yaml.safe_load(cues_file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(str(cues_file), f"cannot read: {exc}") from exc
        if not isinstance(conf, dict):
            raise ConfigError(str(cues_file), "expected a mapping at the top level")
        for key in ("before_name", "not_before"):
            if not isinstance(conf.get(key), list):
                raise ConfigError(str(cues_file), f"{key}: expected a list of words")
        return cls(
            given=_words(folder / "census_given.txt") | _words(folder / "given_extra.txt"),
            surnames=_words(folder / "census_surnames.txt"),
            everyday=_words(folder / "name_words.txt"),
            cues=frozenset(
                tuple(fold(w) for w in str(c).replace(".", "").split()) for c in conf["before_name"]
            ),
            not_before=frozenset(fold(str(w)) for w in conf["not_before"]),
        )


def _shape(tok: Token) -> str:
    return _text_shape(tok.text)


@lru_cache(maxsize=1 << 16)
def _text_shape(text: str) -> str:
    if not text.replace("'", "").replace("’", "").isalpha():
        return "other"
    if text.isupper():
        return "upper" if len(text) > 1 else "initial"
    if text[0].isupper():
        return "title"
    return "lower" if text.islower() else "other"


def _continues(tok: Token) -> bool:
    """Whether the model's entity goes on past this token."""
    return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].ent_iob_ == "I"


class NameDetector:
    def __init__(self, lexicon: NameLexicon) -> None:
        self.lex = lexicon
        self._max_cue = max((len(c) for c in lexicon.cues), default=1)
        self._given_plain = lexicon.given - lexicon.everyday
        self._surnames_plain = lexicon.surnames - lexicon.everyday
        self._known = lexicon.given | lexicon.surnames

    def _cued(self, doc: Doc, i: int) -> bool:
        """A cue ends right before token i (a comma may stand between)."""
        j = i
        if j > 0 and doc[j - 1].text == ",":
            j -= 1
        for n in range(1, self._max_cue + 1):
            if j - n < 0:
                break
            words = tuple(fold(t.text.replace(".", "")) for t in doc[j - n : j])
            if words in self.lex.cues:
                return True
        return False

    def _blocked_after(self, doc: Doc, end: int) -> bool:
        return end < len(doc) and fold(doc[end].text) in self.lex.not_before

    def _starts(self, tok: Token, cued: bool) -> bool:
        shape, word = _shape(tok), fold(tok.text)
        if word in STOP_WORDS or shape not in ("title", "upper", "lower"):
            return False  # "In April", "SO PROUD"
        given = word in self._given_plain
        if cued and given:
            # a cue outweighs the model's label: "a 19yo client, Amara Okafor" (GPE)
            return True
        if tok.ent_type_ in _NOT_PERSON and not (
            # the small model calls unfamiliar names places: "Mateo and Aaliyah" (GPE)
            given and tok.ent_iob_ == "B" and not _continues(tok)
        ):
            return False
        if shape == "lower":
            return False
        if given or (cued and word in self.lex.given):  # "my client Hope"
            return True
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is None or _shape(nxt) != shape:
            return cued and (word in self.lex.surnames or tok.ent_type_ == "PERSON")
        after = fold(nxt.text)
        if word in self.lex.given:  # an everyday word: "Hope Martinez", not "Hope is"
            return after in self._surnames_plain
        if word in self._surnames_plain:  # surname first: "Nguyen Thi Lan"
            return (
                after in self._given_plain or nxt.ent_type_ == "PERSON"
            ) and after not in STOP_WORDS
        return cued and (word in self.lex.surnames or tok.ent_type_ == "PERSON")

    def _extend(self, doc: Doc, start: int) -> int:
        """The end (exclusive) of the name that starts at token ``start``."""
        first = _shape(doc[start])
        end = start + 1
        while end < len(doc) and end - start < 5:
            prev, tok = doc[end - 1], doc[end]
            shape, word = _shape(tok), fold(tok.text)
            nxt = doc[end + 1] if end + 1 < len(doc) else None
            if (
                tok.text == "-"
                and prev.whitespace_ == tok.whitespace_ == ""
                and nxt is not None
                and _shape(nxt) == _shape(prev)
            ):
                end += 2  # "García-Herrera", "Jean-Pierre"
                continue
            if prev.whitespace_ == "":
                break  # "Lily!" ends at "!", "Lily's" at "'s"
            if len(tok.text) == 2 and tok.text[1] == "." and tok.text[0].isalpha():
                return end + 1  # an initial: "priya s.", "Priya S."
            if word in _PARTICLES and nxt is not None and _shape(nxt) == "title":
                end += 1  # "María de la Cruz"
                continue
            if (
                # a new entity of another kind; the rest of one a name started in is
                # still the name ("client, Amara Okafor", all GPE to the model)
                (tok.ent_type_ in _NOT_PERSON and tok.ent_iob_ == "B")
                or word in self.lex.not_before
                or word in STOP_WORDS
                # "maria will", but "KEISHA BROWN", "Hope Martinez"
                or (
                    word in self.lex.everyday
                    and (shape == "lower" or word not in self.lex.surnames)
                )
            ):
                break
            same_case = shape == first or (first == "title" and shape == "upper")
            known = word in self.lex.given or word in self.lex.surnames
            # in lower case only the lists count: the model's PERSON there is a guess
            # ("yesenia ya tiene su permiso")
            if same_case and (known or (tok.ent_type_ == "PERSON" and shape != "lower")):
                end += 1
                continue
            break
        return end

    def detect(self, doc: Doc) -> list[Entity]:
        found: list[Entity] = []
        i = 0
        while i < len(doc):
            tok = doc[i]
            # most words are no name: skip them before looking for a cue
            if fold(tok.text) not in self._known and tok.ent_type_ != "PERSON":
                i += 1
                continue
            cued = self._cued(doc, i)
            if not self._starts(tok, cued):
                i += 1
                continue
            end = self._extend(doc, i)
            if self._blocked_after(doc, end) or (end == i + 1 and self._blocked_after(doc, i + 1)):
                i = end
                continue
            span = doc[i:end]
            found.append(
                Entity(
                    "PERSON",
                    span.start_char,
                    span.end_char,
                    CUED_SCORE if cued or tok.ent_type_ == "PERSON" else LEXICON_SCORE,
                    "names",
                )
            )
            i = end
        return found

    def knows(self, text: str) -> bool:
        """Whether a span the model calls PERSON holds a known given name or surname,
        and no word of a place or an event ("Info Night")."""
        words = [fold(part.strip(".,'’")) for part in text.replace("-", " ").split()]
        return not any(w in self.lex.not_before for w in words) and any(
            w in self.lex.given or w in self.lex.surnames for w in words
        )

    def review(self, doc: Doc, text: str, entities: Iterable[Entity]) -> list[Entity]:
        """The model's PERSON spans, with those that hold no known name and follow no
        cue marked doubtful; everything else unchanged."""
        out = []
        for e in entities:
            if e.entity_type == "PERSON" and e.source != "names":
                span = doc.char_span(e.start, e.end, alignment_mode="expand")
                cued = span is not None and self._cued(doc, span.start)
                if not cued and not self.knows(text[e.start : e.end]):
                    e = Entity(e.entity_type, e.start, e.end, DOUBTFUL_SCORE, e.source)
            out.append(e)
        return out

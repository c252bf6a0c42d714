"""Names in a post that are no private person's: public figures, brands, holidays, places
named after people, and staff named by their department.

A post from a social-services agency names many people who are not served by it: the
author its book club reads ("Toni Morrison's Beloved"), the senator who visited, the
athlete the kids cheered, the shop that gave pies ("Trader Joe's on Lyndale"), the holiday
("Valentine's Day"), the city ("San José", "Fort Collins", "Lake Tahoe") and the colleague
who fixed the laptops ("Luis from IT"). The model and the name detector read each as a
person. This pass marks such PERSON entities doubtful (below what the name rules accept),
and every other mention of the same name in the post with them ("Thank you, Luis!").

A client word right before a name outweighs all of it: "my client Michael Jordan" is a
client. Which people and things count is data, in ``models/names/public_figures.txt``
and ``models/names/named_things.txt``; the organisation's own staff belong in its policy's
allow-list, not here.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from app.detectors.names import DOUBTFUL_SCORE, PLACE_PREFIXES, STOP_WORDS, fold
from app.errors import ConfigError
from app.findings import Entity

# Departments a colleague is named by: "Luis from IT", "Priya in Finance", "Ms. Garcia
# from accounting". "IT" and "HR" only in capitals ("learned from it").
_DEPARTMENTS = frozenset(
    {
        "it", "hr", "finance", "accounting", "payroll", "facilities", "development",
        "communications", "comms", "marketing", "admin", "billing", "operations",
        "fundraising", "maintenance", "legal", "compliance", "grants", "reception",
    }
)  # fmt: skip
_CAPITALS_ONLY = frozenset({"it", "hr"})
# the entity type of a marker beside each public figure's name the review keeps below the
# name rules' threshold: rules read it as "$PUBLIC_PERSON" (whose birth date it is)
PUBLIC_PERSON = "PUBLIC_PERSON"
# What only a person has, after a brand-like possessive: "Wendy's mom" is Wendy.
_PERSONS_AFTER = frozenset(
    {"mom", "dad", "mother", "father", "grandma", "son", "daughter", "kids", "baby", "foster",
     "caseworker", "worker", "therapist", "hearing", "placement", "birthday", "case"}
)  # fmt: skip
# A client word right before a name makes it a client's, famous or not.
_CLIENT_WORDS = frozenset(
    {"client", "patient", "pt", "youth", "kiddo", "resident", "participant", "mentee",
     "cliente", "clienta", "paciente", "participante", "son", "daughter", "child"}
)  # fmt: skip
_CLIENT_PLURALS = frozenset({"clients", "patients", "residents", "participants", "mentees", "kids"})
_WORD = re.compile(r"'s|&|[^\W_]+")
# Titles of a public life, before a name (see PublicNames._titled)
_PUBLIC_TITLES = frozenset(
    {
        "governor",
        "senator",
        "congressman",
        "congresswoman",
        "congressmember",
        "comedian",
        "actor",
        "actress",
        "singer",
        "singer-songwriter",
        "rapper",
        "musician",
        "swimmer",
        "gymnast",
        "olympian",
        "boxer",
        "novelist",
        "justice",
        "cantante",
        "actriz",
        "boxeador",
        "boxeadora",
        "futbolista",
        "gobernador",
        "gobernadora",
        "senador",
        "senadora",
        "rapero",
        "comediante",
        "congresista",
    }
)
# "star" is a public title only after one of these: "Pop star Mia Santoro", "NBA all-star"
_STAR_KINDS = frozenset(
    {
        "pop",
        "rock",
        "tv",
        "movie",
        "film",
        "reality",
        "country",
        "nba",
        "nfl",
        "wnba",
        "mlb",
        "nhl",
        "soccer",
        "football",
        "basketball",
        "baseball",
        "tennis",
        "youtube",
        "tiktok",
        "all",
        "hollywood",
        "broadway",
    }
)
# Quotes around a work's title (the normaliser has made typographic ones ASCII).
_QUOTES = frozenset({"'", '"'})


def _key(text: str) -> list[str]:
    """Words of a phrase as they are matched: folded, without dots or apostrophes but
    the possessive's ("Trader Joe's" → trader, joe, 's; "J.K. Rowling" → j, k, rowling)."""
    return _WORD.findall(fold(text).replace("’", "'"))


def _phrases(path: Path) -> frozenset[tuple[str, ...]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read: {exc}") from exc
    return frozenset(
        tuple(words)
        for line in lines
        if line.strip() and not line.lstrip().startswith("#") and (words := _key(line))
    )


def _client_word_before(doc: Doc, i: int) -> bool:
    j = i - 1 if i > 0 and doc[i - 1].text == "," else i
    return j > 0 and doc[j - 1].lower_ in _CLIENT_WORDS


def _client_word_after(doc: Doc, end: int) -> bool:
    """An apposition that makes the name a client's: "Michael Jordan, one of our youth,"
    "Maya Angelou, my client's daughter"."""
    if end >= len(doc) or doc[end].text != ",":
        return False
    for tok in doc[end + 1 : end + 6]:
        if tok.is_punct:
            return False
        if tok.lower_ in _CLIENT_WORDS or tok.lower_ in _CLIENT_PLURALS:
            return True
    return False


# Words after which a listed town is a place, not a name: "de Cataño", "en Pharr", "from
# Chinle" (a town's name is often a surname too: "la señora Fajardo" stays a name).
_PLACE_WORDS = frozenset(
    {"en", "de", "del", "desde", "para", "in", "from", "near", "outside", "to", "of", "around"}
)


@dataclass(frozen=True, slots=True)
class PublicNames:
    phrases: frozenset[tuple[str, ...]]
    longest: int = 1
    # towns the model reads as people ("de Cataño", "en Pharr"): models/names/places.txt
    places: frozenset[tuple[str, ...]] = frozenset()
    # the brands, languages and holidays among the phrases: no one's name, and no public
    # figure's either, so they get no $PUBLIC_PERSON marker ("who speaks Tigrinya, 27"
    # is a patient's age; probe, session 19)
    things: frozenset[tuple[str, ...]] = frozenset()

    @classmethod
    def load(cls, folder: Path) -> PublicNames:
        figures = _phrases(folder / "public_figures.txt")
        things = _phrases(folder / "named_things.txt") - figures
        phrases = figures | things
        return cls(
            phrases,
            max((len(p) for p in phrases), default=1),
            _phrases(folder / "places.txt"),
            things,
        )

    def _town(self, doc: Doc, text: str, e: Entity) -> bool:
        """A PERSON entity that is a listed town right after a word of place."""
        if tuple(w for w in _key(text[e.start : e.end]) if w != "'s") not in self.places:
            return False
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        return span is not None and span.start > 0 and doc[span.start - 1].lower_ in _PLACE_WORDS

    def _words(self, doc: Doc) -> list[tuple[str, int, int, int]]:
        """(word, start char, end char, token index) for each word of the doc, split as
        phrases are ("J.K." → j, k)."""
        return [
            (m.group(), tok.idx + m.start(), tok.idx + m.end(), tok.i)
            for tok in doc
            for m in _WORD.finditer(fold(tok.text).replace("’", "'"))
        ]

    def _listed(self, doc: Doc) -> list[tuple[int, int, bool, bool]]:
        """(start, end, one word, a thing's) of each listed phrase in the doc, longest
        first."""
        words = self._words(doc)
        keys = [w for w, *_ in words]
        found = []
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                phrase = tuple(keys[i : i + n])
                if phrase not in self.phrases:
                    continue
                last = words[i + n - 1]
                # "Wendy's mom" is Wendy's, whatever the list says of "Wendy's"
                if phrase[-1] != "'s" or not self._person_after(doc, last[3]):
                    one_word = len([w for w in phrase if w != "'s"]) == 1
                    found.append((words[i][1], last[2], one_word, phrase in self.things))
                    i += n - 1
                break
            i += 1
        return found

    @staticmethod
    def _person_after(doc: Doc, i: int) -> bool:
        return i + 1 < len(doc) and doc[i + 1].lower_ in _PERSONS_AFTER

    @staticmethod
    def _places(doc: Doc) -> list[tuple[int, int, bool]]:
        """The places a prefix makes of the capitalised words after it: "Saint Paul",
        "San José", "Fort Collins"."""
        found = []
        for tok in doc[:-1]:
            prefix = fold(tok.text).rstrip(".")
            if not tok.text[:1].isupper() or prefix not in PLACE_PREFIXES:
                continue
            # "14 Elm St. Maria was home": a street's "St." ends it, and a name follows
            before = doc[tok.i - 1] if tok.i > 0 else None
            if prefix == "st" and before is not None and (before.is_title or before.like_num):
                continue
            end = tok.i + 1
            while end < len(doc) and end - tok.i <= 2 and doc[end].text[:1].isupper():
                end += 1
            if end > tok.i + 1:
                found.append((tok.idx, doc[end - 1].idx + len(doc[end - 1]), False))
        return found

    @staticmethod
    def _case_names(doc: Doc) -> list[tuple[int, int, bool]]:
        """The parties of a court case: "Plyler v. Doe", "Brown vs. Board"."""
        found = []
        for tok in doc[1:-1]:
            if tok.lower_ in ("v.", "vs.", "v", "vs"):
                before, after = doc[tok.i - 1], doc[tok.i + 1]
                if before.text[:1].isupper() and after.text[:1].isupper():
                    found.append((before.idx, after.idx + len(after), False))
        return found

    @staticmethod
    def _authors(doc: Doc) -> list[tuple[int, int, bool]]:
        """The author of a work named in quotes: "Rudolfo Anaya's 'Bless Me, Ultima' is
        this month's teen book club read", '"The House on Mango Street" by Sandra
        Cisneros' (probe, session 18)."""
        found = []
        for tok in doc[1:-2]:
            i = tok.i
            if tok.text in ("'s", "’s") and doc[i + 1].text in _QUOTES and doc[i + 2].is_title:
                start = i
                while start > 0 and i - start < 3 and doc[start - 1].is_title:
                    start -= 1
                if start < i:
                    found.append((doc[start].idx, tok.idx, False))
            elif tok.lower_ == "by" and doc[i - 1].text in _QUOTES and doc[i + 1].is_title:
                end = i + 1
                while end < len(doc) and end - i <= 3 and doc[end].is_title:
                    end += 1
                found.append((doc[i + 1].idx, doc[end - 1].idx + len(doc[end - 1]), False))
        return found

    @staticmethod
    def _titled(doc: Doc) -> list[tuple[int, int, bool]]:
        """A name right after a title only a public life has: "Country singer Jolene
        Pratt", "Governor Elaine Marsh", "NBA all-star Jalen Price", "La cantante Luz
        Marina Téllez" (probe, session 21: their own public stories of a diagnosis, a
        rehab stay or foster care were blocked as a client's). Local titles (mayor,
        sheriff, coach, pastor) are left out: "the mayor's son in bed 3" is a patient the
        town knows."""
        found = []
        for tok in doc[:-1]:
            word = tok.lower_
            if word == "star":
                before = [t for t in doc[max(0, tok.i - 3) : tok.i] if t.text != "-"]
                if not before or before[-1].lower_ not in _STAR_KINDS:
                    continue
            elif word not in _PUBLIC_TITLES:
                continue
            end = tok.i + 1
            while end < len(doc) and end - tok.i <= 3 and doc[end].is_title:
                end += 1
            if end > tok.i + 1:
                found.append((doc[tok.i + 1].idx, doc[end - 1].idx + len(doc[end - 1]), False))
        return found

    @staticmethod
    def _department_after(doc: Doc, end_char: int) -> bool:
        """ "Luis from IT", "Priya in Finance": a department right after the name."""
        span = doc.char_span(end_char, end_char, alignment_mode="expand")
        at = span.start if span is not None else None
        if at is None:
            return False
        toks = list(doc[at : at + 3])
        if len(toks) < 2 or toks[0].lower_ not in ("from", "in", "of", "with"):
            return False
        nxt = toks[1] if toks[1].lower_ != "the" or len(toks) < 3 else toks[2]
        word = nxt.lower_
        return word in _DEPARTMENTS and (word not in _CAPITALS_ONLY or nxt.text.isupper())

    def review(self, doc: Doc, text: str, entities: list[Entity]) -> list[Entity]:
        """PERSON entities that are a public figure, a brand, a holiday, a place or a
        colleague named by department, marked doubtful; so is each other mention of the
        same name. A listed town after a word of place becomes a LOCATION."""
        persons = [e for e in entities if e.entity_type == "PERSON"]
        if not persons:  # most drafts: no walk over the words
            return entities
        if self.places:
            # a listed town after a word of place is a place: the model's PERSON becomes a
            # LOCATION (probe, session 19: "la 3ra calle de Cataño", "hoy en Pharr")
            towns = [e for e in persons if self._town(doc, text, e)]
            if towns:
                entities = [
                    dataclasses.replace(e, entity_type="LOCATION") if e in towns else e
                    for e in entities
                ]
                persons = [e for e in persons if e not in towns]
                if not persons:
                    return entities
        # people (and the brands named after them) a post can name in public, and places
        # and court cases named after people: only the first are marked as public figures
        listed = self._listed(doc)
        figures = [(s, t, one) for s, t, one, thing in listed if not thing]
        figures += self._authors(doc) + self._titled(doc)
        people = figures + [(s, t, one) for s, t, one, thing in listed if thing]
        named_after = self._places(doc) + self._case_names(doc)

        def hit(e: Entity, cleared: list[tuple[int, int, bool]]) -> bool:
            for s, t, single in cleared:
                if single:
                    # one word ("Oprah", "Wendy's") clears only itself, never "Kayla Ross"
                    if s <= e.start and e.end <= t + 2:
                        return True
                elif s < e.end and e.start < t:
                    return True
            return False

        public = [e for e in persons if hit(e, people)]
        famous = [e for e in public if hit(e, figures)]
        famous_words = {w for e in famous for w in _key(text[e.start : e.end])} - STOP_WORDS
        other = [
            e
            for e in persons
            if e not in public and (hit(e, named_after) or self._department_after(doc, e.end))
        ]
        words = {w for e in public for w in _key(text[e.start : e.end])} - STOP_WORDS - {"'s"}
        other_words = (
            {w for e in other for w in _key(text[e.start : e.end])} - STOP_WORDS - {"'s"} - words
        )
        out = []
        public_marks: list[Entity] = []
        for e in entities:
            if e.entity_type == "PERSON" and e.score > DOUBTFUL_SCORE:
                own = [w for w in _key(text[e.start : e.end]) if w != "'s"]
                same = bool(own) and all(w in words for w in own)
                same_other = bool(own) and all(w in other_words for w in own)
                start = doc.char_span(e.start, e.end, alignment_mode="expand")
                cued = start is not None and (
                    _client_word_before(doc, start.start) or _client_word_after(doc, start.end)
                )
                if (e in public or same) and not cued:
                    e = dataclasses.replace(e, score=DOUBTFUL_SCORE)
                    # a marker the rules can read ("$PUBLIC_PERSON"): "Jimmy Carter was
                    # born October 1, 1924" is a public figure's birth date, not a client's;
                    # not a place named after a saint ("St. Luke's", "San Juan"), nor a
                    # brand or a language ("Tigrinya")
                    if e in famous or (bool(own) and all(w in famous_words for w in own)):
                        public_marks.append(dataclasses.replace(e, entity_type=PUBLIC_PERSON))
                elif (e in other or same_other) and not cued:
                    e = dataclasses.replace(e, score=DOUBTFUL_SCORE)
            out.append(e)
        return out + public_marks

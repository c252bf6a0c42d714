"""Capitals put back in a draft typed in lower case, where the name lists say a name is.

Many caseworkers type a post all in lower case: "so proud of my client tiana robinson
today". The statistical model finds names and places by their capitals, and finds
neither there. Lower-cased, the corpus's 6,540 drafts that must not be published lose
about 700 of the rules' blocks, most of them for a name.

A draft in which no word but a sentence's first and "I" starts with a capital is read
with a capital put back on:

- a given name of the lists, however common ("maria", "david", "tiana"), unless it is
  a word more often than a name ("hope", "will": the lexicon's ``everyday`` list;
  "miles", "max", "olive": ``_NOT_NAMES`` below), or, in a Spanish draft, a word at all
  ("vida", "piedad", "cierra" are census given names);
- a surname of the lists that is no word of English or Spanish ("okafor", "nguyen"),
  nor such a word with an ending ("humbles", "hamming");
- the words next to those that are names too, even if they are also words: "denise
  carter", "binh tran", "maría josé garcía-herrera" ("meet denise carter, our intake
  coordinator" must read as the staff name it is, not as "Denise" next to a role);
- a kind of place after a name, a place's first word before it: "harris county",
  "san mateo"; a kind of place after a word that is a name or no word of the language,
  and that word: "mercy hospital", "lincoln middle", "maplewood commons" (not "the county
  hospital");
- a chain store or station before "on", "off" or "in", and the street or town after:
  "the kroger on elm", "the walmart in wapakoneta";
- "i" on its own, and in "i'm", "i've", "i'd", "i'll".

Only letters change case, and only where the capital is one character, so every offset
still indexes the text as the client sent it, and the response quotes that text.
A draft its writer capitalised is left as written: capitals are then the writer's, and a
lower-case word is one on purpose. Sentence starts are left in lower case: capitalising
them flagged 6 more lower-cased benign corpus drafts (of 6,116) and blocked none more.
"""

from __future__ import annotations

import re

from app.detectors.names import STOP_WORDS, NameLexicon, fold

# A word: letters, with inner apostrophes or hyphens ("i'm", "mai-linh").
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Where a sentence starts: the draft's start, or after an end mark, a line break or a
# bullet, with quotes, brackets or emoji between.
_SENTENCE_END = re.compile(r"[.!?…\n:;•*\-]\W*$")
_I_FORMS = frozenset({"i", "i'm", "i've", "i'd", "i'll", "i’m", "i’ve", "i’d", "i’ll"})
# Words this common (Zipf 5: once in 100,000 words) are never part of a name here, even
# when a census list holds them: "day", "white", "home", "care", "young".
VERY_COMMON_ZIPF = 5.0
# Given names of the census lists that, typed in lower case, are words more often than
# names (names that are words in every case, "hope", "will", "grace", are the lexicon's
# ``everyday`` list): "miles away", "jesus christ", "max capacity", "mac and cheese", "a
# rob", "my chin", "sage advice", "dong", "nacho", and the plants and stones people are
# named after.
_NOT_NAMES = frozenset(
    {
        "miles", "jesus", "dick", "max", "mac", "jay", "clay", "cherry", "sunshine", "pearl",
        "olive", "ruby", "lily", "ivy", "sage", "violet", "maple", "bunny", "holly", "chuck",
        "rob", "nick", "sang", "chin", "kay", "rex", "memo", "marina", "brooks", "homer",
        "abbey", "tory", "chi", "min", "han", "jun", "sung", "lang", "wan", "lin", "mel",
        "cole", "mickey", "dee", "lou", "rico", "belle", "rey", "dong", "raven", "daisy",
        "iris", "herb", "ping", "eli", "hal", "marx", "toby", "bart", "dell", "gale", "mao",
        "isa", "lore", "hue", "wen", "sal", "ama", "paw", "tequila", "buster", "gil", "aura",
        "vita", "una", "terra", "chanel", "cinderella", "sparkle", "angelic", "chastity",
        "bethel", "ima", "kip", "fawn", "nacho", "elmo", "mee", "suk", "sha", "pei", "ling",
        "dung", "ara", "ina", "hye", "santo", "jean", "carol", "robin", "heather", "hazel",
        "fern", "rosemary", "basil", "willow", "poppy", "walker", "banh", "morgan", "bailey",
        "sprite", "ginger", "chuy"
    }
)  # fmt: skip
# Endings a word of the language takes: a census surname that is such a word with one
# ("humbles", "hamming", "gambles") is that word.
_ENDINGS = ("s", "es", "ed", "ing", "er", "ers", "ly")
# Kinds of place a name is the name of ("harris county", "lincoln middle", "mercy
# hospital"): capitalised after a name, so the model reads a place, not a person.
_PLACE_KINDS = frozenset(
    {
        "county", "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive",
        "dr", "lane", "ln", "court", "ct", "highway", "hwy", "park", "center", "centre",
        "hospital", "clinic", "elementary", "middle", "high", "academy", "school", "college",
        "university", "church", "courthouse", "library", "lake", "river", "heights", "village",
        "manor", "commons", "apartments", "homes", "terrace", "plaza", "mall", "hall", "house",
        "army", "medical", "memorial", "correctional", "jail", "prison",
    }
)  # fmt: skip
# Words before a kind of place that make it no name: "the county hospital", "a new
# center", "our local library", "the public school".
_GENERIC_PLACE_WORDS = frozenset(
    {
        "county", "state", "general", "community", "public", "local", "new", "old", "big",
        "little", "main", "city", "town", "children", "childrens", "family", "women", "womens",
        "mens", "youth", "senior", "medical", "mental", "health", "recovery", "treatment",
        "rehab", "detox", "shelter", "group", "foster", "district", "regional", "national",
        "federal", "nearest", "closest", "same", "other", "whole", "entire", "every", "each",
        "this", "that", "nearby", "downtown", "uptown", "rural", "urban", "private", "catholic",
        "christian", "baptist", "methodist", "charter", "magnet", "alternative", "juvenile",
        "psych", "psychiatric", "behavioral", "veterans", "memorial", "university", "high",
        "middle", "elementary", "junior", "primary", "secondary", "summer", "day", "night",
    }
)  # fmt: skip
# Stores, chains and stations people sleep behind, sit outside or are dropped at: in a
# lower-case draft "the kroger on elm", "the walmart in wapakoneta" read as the place and
# its street or town once capitalised ("the Kroger on Elm"). The street or town after
# "on", "off" or "in" is capitalised with it. (Names with digits, "motel 6", are not
# words here.)
_CHAINS = tuple(
    tuple(c.split())
    for c in (
        "walmart", "kroger", "target", "walgreens", "cvs", "rite aid", "dollar general",
        "dollar tree", "family dollar", "safeway", "publix", "aldi", "costco",
        "home depot", "lowes", "lowe's", "mcdonalds", "mcdonald's", "burger king",
        "wendys", "wendy's", "taco bell", "whataburger", "sonic", "starbucks", "dunkin",
        "circle k", "speedway", "shell", "exxon", "chevron", "quiktrip", "wawa", "sheetz",
        "caseys", "casey's", "love's", "flying j", "greyhound", "amtrak",
        "days inn", "red roof", "econo lodge", "travelodge", "la quinta", "best western",
        "goodwill", "salvation army", "heb", "meijer", "winco", "food lion",
        "piggly wiggly", "save a lot", "fred meyer", "autozone", "dennys", "denny's",
        "waffle house", "ihop", "applebees", "applebee's", "popeyes", "kfc", "subway",
        "dairy queen", "arbys", "arby's", "jack in the box", "oxxo", "soriana",
        "bodega aurrera", "chedraui",
    )
)  # fmt: skip
_CHAINS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _chain in _CHAINS:
    _CHAINS_BY_FIRST.setdefault(_chain[0], []).append(_chain)
_CHAIN_LINKS = frozenset({"on", "off", "in", "en", "de"})
# Words after "on"/"in" that are no street or town: "the walmart in town"
_NOT_A_STREET = frozenset({"town", "city", "downtown", "uptown", "there", "here", "front"})
# Words a place's name starts with: "santa rosa", "san mateo", "st. luke's", "fort worth".
_PLACE_STARTS = frozenset({"san", "santa", "st", "saint", "fort", "ft", "mount", "mt", "lake"})
# The shortest word taken for a name: two letters are initials ("jm texted me") or chat.
_MIN_NAME = 3


# Function words that tell Spanish from English.
_ES = frozenset(
    {
        "que", "el", "la", "los", "las", "del", "de", "en", "y", "por", "para", "con", "una",
        "su", "sus", "es", "esta", "muy", "pero"
    }
)  # fmt: skip
_EN = frozenset(
    {
        "the", "and", "to", "of", "in", "is", "for", "with", "my", "on", "at", "was", "it",
        "this", "that", "she", "he", "her", "his"
    }
)  # fmt: skip


def _spanish(folded: list[str]) -> bool:
    es = sum(w in _ES for w in folded)
    return es >= 2 and es > sum(w in _EN for w in folded)


def _starts_sentence(text: str, at: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, at - 6) : at])) or not text[:at].strip()


class CaseRestorer:
    def __init__(self, lexicon: NameLexicon, very_common: frozenset[str]) -> None:
        self._given = lexicon.given - lexicon.everyday
        self._surnames = lexicon.surnames - lexicon.everyday
        # any word of the language (Zipf 2.5 and up) and the common ones (3.8 and up,
        # frequent surnames included: "day", "case", "house" are census surnames)
        self._words = lexicon.words
        self._common = lexicon.common_all
        self._everyday = lexicon.everyday
        self._all_given = lexicon.given
        self._all_surnames = lexicon.surnames
        self._very_common = very_common

    @staticmethod
    def typed_in_lower_case(text: str) -> bool:
        """No word but a sentence's first or "I" starts with a capital."""
        for m in _WORD.finditer(text):
            word = m.group()
            if not word[0].isupper():
                continue
            if word.lower() in _I_FORMS:
                continue
            if _starts_sentence(text, m.start()):
                continue
            return False
        return True

    def _sure_name(self, word: str, folded: str, spanish: bool) -> bool:
        """A given name (however common: "maria", "david"), or a surname that is no word
        of the language ("okafor", "nguyen"); never a name that is also a word. In a
        Spanish draft a given name must be no word either: Spanish words are given names
        of the census lists ("vida", "piedad", "cristal", "deja", "cierra"), and "niña"
        folds to "nina"."""
        if len(folded) < _MIN_NAME or folded in STOP_WORDS or folded in _NOT_NAMES:
            return False
        if folded in self._given:
            return not spanish or (folded not in self._words and "ñ" not in word)
        return (
            folded in self._surnames
            and folded not in self._words
            and folded not in self._common
            and not self._inflected(folded)
        )

    def _inflected(self, folded: str) -> bool:
        """A word of the language with an ending: "humbles", "hamming" are census
        surnames, and here a verb."""
        for ending in _ENDINGS:
            stem = folded[: -len(ending)]
            if (
                folded.endswith(ending)
                and len(stem) >= _MIN_NAME
                and (stem in self._words or stem + "e" in self._words or stem[:-1] in self._words)
            ):
                return True
        return False

    def _name_part(self, folded: str, after: bool) -> bool:
        """A word beside a sure name that belongs to it, though it may also be a word of
        the language: a surname or given name after it ("denise carter", "tiana
        robinson"), a given name or a word of no language before it ("binh tran"). The
        commonest words ("day", "white", "home", "care") never are."""
        if len(folded) < 2 or folded in STOP_WORDS or folded in self._very_common:
            return False
        if after:
            return folded in self._all_surnames or folded in self._all_given
        return folded in self._all_given or (len(folded) >= _MIN_NAME and folded not in self._words)

    def restore(self, text: str) -> str:
        """``text`` with capitals put back on the names in it, or ``text`` itself when it
        was not typed in lower case. Always the same length."""
        if not any(c.isalpha() for c in text) or not self.typed_in_lower_case(text):
            return text
        words = list(_WORD.finditer(text))
        folded = [fold(m.group()) for m in words]
        spanish = _spanish(folded)
        sure = [
            m.group().islower() and self._sure_name(m.group(), f, spanish)
            for m, f in zip(words, folded, strict=True)
        ]
        cap = list(sure)
        # a name runs on over its neighbours that are names too, when only a space or a
        # hyphen stands between: "denise carter", "maría josé garcía-herrera"; the
        # commonest words end it ("took tiana home")
        todo = [k for k, is_sure in enumerate(sure) if is_sure]
        while todo:
            k = todo.pop()
            for j in (k - 1, k + 1):
                if not 0 <= j < len(words) or cap[j] or not words[j].group().islower():
                    continue
                a, b = sorted((j, k))
                if text[words[a].end() : words[b].start()] not in (" ", "-"):
                    continue
                if self._name_part(folded[j], after=j > k):
                    cap[j] = True
                    todo.append(j)
        # a kind of place after a name, and a place's first word before it: "harris
        # county", "san mateo"
        for k in range(len(words)):
            if not cap[k]:
                continue
            for j, kinds in ((k + 1, _PLACE_KINDS), (k - 1, _PLACE_STARTS)):
                if 0 <= j < len(words) and not cap[j] and folded[j] in kinds:
                    a, b = sorted((j, k))
                    if text[words[a].end() : words[b].start()] in (" ", ". "):
                        cap[j] = True
        # a place named by a name or a word of no language before its kind: "maplewood
        # commons", "mercy hospital", "lincoln middle" (not "the county hospital", "our
        # sober house", "high school")
        for k in range(1, len(words)):
            if (
                folded[k] not in _PLACE_KINDS
                or cap[k - 1]
                or text[words[k - 1].end() : words[k].start()] != " "
            ):
                continue
            before = folded[k - 1]
            if (
                len(before) >= _MIN_NAME
                and before not in STOP_WORDS
                and before not in _PLACE_KINDS
                and before not in _GENERIC_PLACE_WORDS
                and words[k - 1].group().islower()
                and (
                    before in self._all_given
                    or before in self._everyday
                    or before not in self._words
                )
            ):
                cap[k - 1] = cap[k] = True
        # a chain and the street or town it is on: "the kroger on elm"
        for k in range(len(words)):
            for chain in _CHAINS_BY_FIRST.get(folded[k], ()):
                end = k + len(chain)
                if tuple(folded[k:end]) != chain or not all(
                    w.group().islower() for w in words[k:end]
                ):
                    continue
                # ("at the target on main", not "our target is 50 families")
                if end < len(words) and folded[end] in _CHAIN_LINKS:
                    for j in range(k, end):
                        cap[j] = True
                    street = end + 1
                    if (
                        street < len(words)
                        and folded[street] not in STOP_WORDS
                        and folded[street] not in _NOT_A_STREET
                        and words[street].group().islower()
                    ):
                        cap[street] = True
                break
        out = list(text)
        for k, m in enumerate(words):
            word = m.group()
            if word in _I_FORMS:
                out[m.start()] = "I"
            elif cap[k]:
                upper = word[0].upper()
                if len(upper) == 1:
                    out[m.start()] = upper
        restored = "".join(out)
        assert len(restored) == len(text)
        return restored

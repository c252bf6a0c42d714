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

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.lang.es.stop_words import STOP_WORDS as ES_STOP_WORDS
from spacy.tokens import Doc, Span, Token

from app.detectors.presidio_adapter import read_yaml_mapping
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


@lru_cache(maxsize=1 << 13)  # bounded: every new word of every draft passes here
def fold(word: str) -> str:
    """Lower case without accents: "María" → "maria", "Łukasz" → "lukasz"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("ł", "l"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Function words of both languages our users write in: never a name, never part of one.
STOP_WORDS = frozenset(fold(w) for w in EN_STOP_WORDS | ES_STOP_WORDS)


# A capitalised word no name list holds, that is a common word of English or Spanish,
# is not taken for an unknown name: "Schools closed", "Wear your First-Gen shirt",
# "Hagan su cita", "Donar órganos salva vidas", "Blood lead testing" (each a false
# "name of a private person" in a benign corpus post). Common means at or above this
# Zipf frequency in wordfreq's small English or Spanish list, about once in 6,000 words
# ("hazard" 4.0, "hatch" 3.8, Spanish "materna" 4.0); the names of our users'
# communities that the lists lack stand far below ("Binh" 2.5, "Bongani" 1.6).
COMMON_ZIPF = 3.8


def common_words(threshold: float = COMMON_ZIPF) -> frozenset[str]:
    """English and Spanish words at or above ``threshold`` (Zipf), folded: ~20,000."""
    import wordfreq

    floor = 10 ** (threshold - 9)  # Zipf is log10 of the frequency per billion words
    words = {
        fold(w)
        for lang in ("en", "es")
        for w, f in wordfreq.get_frequency_dict(lang, "small").items()
        if f >= floor
    }
    wordfreq.get_frequency_dict.cache_clear()  # the whole lists: ~20 MB, not needed again
    wordfreq.get_frequency_list.cache_clear()
    return frozenset(words)


def _first_words(path: Path, n: int) -> frozenset[str]:
    """The first ``n`` words of a list kept most frequent first."""
    try:
        with path.open(encoding="utf-8") as f:
            words = (w for line in f if not line.lstrip().startswith("#") for w in line.split())
            return frozenset(fold(w) for _, w in zip(range(n), words, strict=False))
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read: {exc}") from exc


def _words(path: Path) -> frozenset[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read: {exc}") from exc
    return frozenset(
        fold(w) for line in lines if not line.lstrip().startswith("#") for w in line.split()
    )


# Endings of words, not names: "Permanency", "Violencia Doméstica", "Googles".
_WORD_ENDINGS = (
    "tion", "sion", "ment", "ness", "ency", "ance", "ence", "ship", "hood", "ing", "ity",
    "ción", "sión", "dad", "encia", "ancia", "ica", "ico", "ismo", "mente", "ades",
    # Spanish verbs of "we" opening a job post or notice: "Buscamos Defensor",
    # "Aceptamos Medicaid", "Ofrecemos" (a name the lists know, "Ramos", is still one)
    "amos", "emos", "imos",
)  # fmt: skip


# Words after which a capitalised word is a person's name more often than a place's, a
# brand's or a thing's ("sat with Wanjiru", "visited Bongani"; but "at Kedzie", "your
# Ativan", "loves Pokémon").
_PERSON_BEFORE = frozenset(
    {
        "with", "and", "visited", "met", "meet", "saw", "told", "asked", "helped", "called",
        "texted", "hugged", "drove", "took", "picked", "congrats", "thanks", "welcome",
        "introducing", "miss", "named", "con", "y", "visité", "acompañé", "ayudé", "son",
        "daughter", "brother", "sister", "nephew", "niece", "grandson", "granddaughter",
        "baby", "little", "lil", "hijo", "hija", "wish",
    }
)  # fmt: skip
# Words after a sentence's first word that make it the subject of a story, as a name is
# ("Kiptoo called", "Bongani moved", "Wanjiru finally got"), not an imperative or a
# heading ("Drop off", "Therapy works", "Volunteer with us").
_AFTER_NAME = frozenset(
    {
        "has", "had", "got", "gets", "just", "finally", "told", "said", "made", "came",
        "went", "left", "ran", "won", "turned", "turns", "wants", "asked", "called",
        "texted", "showed", "took", "lost", "found", "loves", "hugged", "cried", "smiled",
        "laughed",
        # Spanish: "Wanjiru llegó", "Ikaika me dijo"
        "llegó", "me", "está", "tiene", "cumplió", "consiguió", "ganó", "terminó",
        "se", "dijo", "llamó", "quiere",
    }
)  # fmt: skip


# Words that may open a sentence before its subject: "Today Chidera got her permit".
_STORY_OPENERS = frozenset(
    {"today", "tonight", "yesterday", "finally", "so", "and", "but", "when", "then", "hoy", "ayer"}
)


@dataclass(frozen=True, slots=True)
class NameLexicon:
    given: frozenset[str]
    surnames: frozenset[str]
    everyday: frozenset[str]  # given names that are also words: "hope", "may"
    role_cues: frozenset[tuple[str, ...]]  # "my client": any capitalised word after is a name
    name_cues: frozenset[tuple[str, ...]]  # "proud of": a known given name after, any case
    not_before: frozenset[str]
    # "a lady I help, Tsegaye,": a role cue only with a comma before the name
    comma_role_cues: frozenset[tuple[str, ...]] = frozenset()
    common: frozenset[str] = frozenset()  # common words of the language: common_words()
    # ... with the frequent surnames that ``common`` leaves out ("day", "case", "house")
    common_all: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()  # any word of the language: known_words()

    @classmethod
    def load(cls, folder: Path) -> NameLexicon:
        cues_file = folder / "cues.yaml"
        conf = read_yaml_mapping(cues_file)
        for key in ("before_name", "before_known_name", "not_before"):
            if not isinstance(conf.get(key), list):
                raise ConfigError(str(cues_file), f"{key}: expected a list of words")

        def phrases(key: str) -> frozenset[tuple[str, ...]]:
            return frozenset(
                tuple(fold(w) for w in str(c).replace(".", "").split()) for c in conf.get(key) or ()
            )

        if not isinstance(conf.get("before_name_after_comma", []), list):
            raise ConfigError(str(cues_file), "before_name_after_comma: expected a list of words")

        # ... and the field's own words the general lists rate rare ("Caseload is 27")
        common = common_words() | _words(folder / "field_words.txt")
        return cls(
            given=_words(folder / "census_given.txt") | _words(folder / "given_extra.txt"),
            surnames=_words(folder / "census_surnames.txt"),
            everyday=_words(folder / "name_words.txt"),
            role_cues=phrases("before_name"),
            name_cues=phrases("before_known_name"),
            comma_role_cues=phrases("before_name_after_comma"),
            not_before=frozenset(fold(str(w)) for w in conf["not_before"]),
            # a frequent surname is a name before it is a word: "la familia Ramírez",
            # "Morales" are as common in Spanish text as "calle"
            common=common - _first_words(folder / "census_surnames.txt", 1000),
            common_all=common,
            words=known_words(),
        )


def _shape(tok: Token) -> str:
    return _text_shape(tok.text)


@lru_cache(maxsize=1 << 13)  # bounded: every new word of every draft passes here
def _text_shape(text: str) -> str:
    if len(text) == 2 and text[1] == "." and text[0].isalpha():
        return "initial"  # "J.", "s."
    if not text.replace("'", "").replace("’", "").isalpha():
        return "other"
    if text.isupper():
        return "upper" if len(text) > 1 else "initial"
    if text[0].isupper():
        return "title"
    return "lower" if text.islower() else "other"


# What only a person has: "Kiptoo's mom", "Awhina's hearing", "Tevita's caseworker".
_PERSONS = frozenset(
    {
        "mom", "dad", "mother", "father", "mama", "grandma", "grandmother", "grandpa", "aunt",
        "uncle", "sister", "brother", "son", "daughter", "kids", "baby", "foster",
        "caseworker", "worker", "therapist", "teacher", "hearing", "placement", "iep",
        "birthday", "bday", "lease", "apartment", "bed", "diagnosis", "meds", "probation",
        "parole", "custody", "grades",
    }
)  # fmt: skip


def _owns_a_life(tok: Token) -> bool:
    doc, i = tok.doc, tok.i
    return i + 2 < len(doc) and doc[i + 1].text in ("'s", "’s") and doc[i + 2].lower_ in _PERSONS


# Kin someone comes with: "Kateryna and her daughter", "Yusuf and his three kids".
_KIN = frozenset(
    {
        "mom", "dad", "mother", "father", "daughter", "daughters", "son", "sons", "kids",
        "children", "kid", "boys", "girls", "twins", "baby", "babies", "husband", "wife",
        "partner", "sister", "brother",
        "grandma", "grandmother", "grandpa", "grandson", "granddaughter", "family",
        "hija", "hijo", "hijos", "hijas", "esposo", "esposa", "mamá", "papá", "familia",
        "niños", "niñas", "nietos", "bebé",
    }
)  # fmt: skip


_ES_NUMBERS = frozenset({"dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho"})


def _with_kin(tok: Token) -> bool:
    """ "Kateryna and her daughter": a word followed by "and her/his" and kin (a number
    may come between: "and his three kids") is a person, whatever the model says."""
    doc, i = tok.doc, tok.i
    after = [t.lower_ for t in doc[i + 1 : i + 5]]
    if len(after) < 3 or after[0] not in ("and", "&", "y") or after[1] not in _POSSESSIVES:
        return False
    counted = len(after) > 3 and (doc[i + 3].like_num or after[2] in _ES_NUMBERS)
    kin = after[3] if counted else after[2]
    return kin in _KIN


_POSSESSIVES = frozenset({"her", "his", "their", "su", "sus"})


def _an_age(word: str) -> bool:
    return word.isdigit() and 0 < int(word) < 110


# Pronouns only a person takes (not "they", "it", "su": a group, a place or a program
# takes those too).
_PERSON_PRONOUNS = frozenset(
    {"he", "she", "him", "his", "her", "hers", "himself", "herself", "he's", "she's",
     "él", "ella"}
)  # fmt: skip
# Words after which a word no list holds takes a person's place when a pronoun follows:
# "Home visit with Eyerusalem today and she agreed", "Say a prayer for Sediqullah ...
# he went back into detox", "ayudé a Nanuq a llenar su solicitud ... Tiene 78 años y
# ella", "Still no word from Nanuq. Last seen ... Her mom". Not "at", "in", "on": a
# place or a thing is there.
_SLOT_BEFORE = _PERSON_BEFORE | frozenset(
    {"for", "to", "from", "a", "para", "pt", "patient", "guest", "resident", "student",
     "peer", "sister", "brother", "hey", "hi", "hola", "gracias", "thank", "you",
     "dear", "querida", "querido", "keep", "served", "of", "visited", "estudiante", "alumna",
     "alumno"}
)  # fmt: skip


# Below these frequencies (wordfreq's Zipf scale: 3 is once in a million words) a word
# is no word of English or Spanish a post would open a sentence with: "Tsegaye" 1.4,
# "Sediqullah" 0, "Amaru" 2.1 / 3.0 in Spanish; but "Refreshments" 3.0, "Childcare" 3.4,
# "Lithium" 3.6, "Alzheimer" 3.6 in Spanish ("Refreshments provided", "Lithium saved
# lives" opened benign posts and read as names before this gate).
RARE_ZIPF_EN = 2.5
RARE_ZIPF_ES = 3.2


def known_words(en: float = RARE_ZIPF_EN, es: float = RARE_ZIPF_ES) -> frozenset[str]:
    """English words at or above Zipf ``en`` and Spanish ones at or above ``es``, folded,
    from wordfreq's large lists: ~75,000 words, ~9 MB, 0.25 s to build."""
    import wordfreq

    words = {
        fold(w)
        for lang, zipf in (("en", en), ("es", es))
        for w, f in wordfreq.get_frequency_dict(lang, "large").items()
        if f >= 10 ** (zipf - 9)
    }
    wordfreq.get_frequency_dict.cache_clear()
    wordfreq.get_frequency_list.cache_clear()
    return frozenset(words)


_SPANISH_WORDS = frozenset(
    {"que", "el", "la", "los", "las", "del", "de", "en", "y", "por", "para", "con", "una", "su",
     "sus", "es", "está"}
)  # fmt: skip


def _spanish(sent: Span) -> bool:
    return sum(t.lower_ in _SPANISH_WORDS for t in sent) >= 2


# what a notice says of a thing it offers: "Mocktails provided", "Walk-ins welcome"
_NOTICE_PARTICIPLES = frozenset(
    {"provided", "included", "served", "accepted", "required", "preferred", "needed",
     "welcome", "available", "encouraged", "appreciated", "wanted", "donated", "incluido",
     "incluida", "gratis"}
)  # fmt: skip


_ES_PRONOUNS = frozenset({"su", "sus", "le"})


def _shouted(sent: Span) -> bool:
    """Every word of the sentence in capitals ("PLEASE PRAY FOR NANUQ")."""
    words = [t for t in sent if t.is_alpha]
    return len(words) >= 3 and all(t.is_upper for t in words)


def _pronoun_follows(tok: Token) -> bool:
    """A he/she pronoun in ``tok``'s sentence or the one before or after it (in a Spanish
    sentence also "su", "sus", "le": "Acompañé a Nanuq a su audiencia")."""
    doc = tok.doc
    sent = tok.sent
    start, end = sent.start, sent.end
    if end < len(doc):
        end = doc[end].sent.end
    if start > 0:
        start = doc[start - 1].sent.start  # "she found her son ... Please keep Xeng in"
    pronouns = _PERSON_PRONOUNS | _ES_PRONOUNS if _spanish(sent) else _PERSON_PRONOUNS
    return any(t.lower_ in pronouns for t in doc[start:end] if t.i != tok.i)


# Endings of towns' names, not people's: "Ridgeville's first woman mayor"
_PLACE_ENDINGS = (
    "ville", "ton", "burg", "burgh", "field", "ford", "land", "wood", "dale", "port",
    "mouth", "view", "ridge", "town", "boro", "borough", "berg", "haven", "polis", "chester",
    "shire", "bury", "ham", "stead", "crest", "brook",
)  # fmt: skip
# Who someone is, said right after the name: "Lijon, the Vietnam vet who sits outside",
# "Amaru (the older man with the cane", "Tsegaye, el muchacho que venía", "Xeng, la de
# la silla de ruedas", "Anahit, one of the young men in our IOP".
_PERSON_NOUNS = frozenset(
    {"man", "woman", "guy", "lady", "kid", "boy", "girl", "vet", "veteran", "gentleman",
     "grandma", "grandpa", "mom", "dad", "regular", "muchacho", "muchacha", "señor",
     "señora", "niño", "niña", "chavo", "chava", "joven", "viejito", "viejita"}
)  # fmt: skip


# Who a comma cue's clause is about: "a lady I help, Tsegaye," and not "the team I
# support, Manchester United," or "a cause I support, Habitat for Humanity,".
_CLAUSE_HEADS = _PERSON_NOUNS | frozenset(
    {"mother", "father", "family", "person", "senior", "fella", "elder", "student",
     "parent", "resident", "participant", "member", "someone", "somebody", "young",
     "youth", "teen", "couple", "persona", "mamá", "papá", "familia", "abuelo",
     "abuela", "one"}
)  # fmt: skip


def _described_as_person(tok: Token) -> bool:
    doc, i = tok.doc, tok.i
    after = [t.lower_ for t in doc[i + 1 : i + 6]]
    if not after or after[0] not in (",", "("):
        return False
    if after[1:3] == ["one", "of"] or after[1:3] in (["el", "que"], ["la", "que"]):
        return True
    if after[1:3] in (["la", "de"], ["el", "de"]):
        return True
    return (
        len(after) > 1
        and after[1] in ("the", "el", "la", "our", "a", "an", "un", "una")
        and any(w in _PERSON_NOUNS for w in after[2:5])
    )


_GREETINGS = frozenset({"hi", "hey", "hola", "dear", "querida", "querido"})


def _addressed(tok: Token) -> bool:
    """Spoken to: between a comma and "!" or "?" ("Welcome to the program, Pakou!"), or
    before ", you" ("Illari, you were so brave")."""
    doc, i = tok.doc, tok.i
    after = [t.lower_ for t in doc[i + 1 : i + 3]]
    if after[:2] == [",", "you"]:
        return True
    return i > 0 and doc[i - 1].text == "," and bool(after) and after[0] in ("!", "?")


# What a person's name is followed by before a he or she: "Our member Mbuyi is selling
# her jewelry", "My job seeker Anahit is looking for work. Call him".
_VERBS_AFTER = _AFTER_NAME | frozenset(
    {"is", "was", "will", "can", "needs", "passed", "started", "gave", "came", "dio",
     "sigue", "es", "fue", "va"}
)  # fmt: skip


def _past_tense(word: str) -> bool:
    """A regular past tense: "walked", "moved", "relapsed" (not "red", "bed")."""
    return len(word) > 4 and word.endswith("ed") and word.isalpha()


def _verb_follows(tok: Token) -> bool:
    """A verb right after the word, or after a second capitalised word (a surname)."""
    doc, i = tok.doc, tok.i
    j = i + 2 if i + 2 < len(doc) and _shape(doc[i + 1]) == _shape(tok) else i + 1
    return j < len(doc) and doc[j].lower_ in _VERBS_AFTER


def _age_follows(tok: Token) -> bool:
    """ "Chidera, 7)" or "Sefa (16)": a child's age right after the word; also "Tupac is
    17", "Ramatoulaye, age 7", "Pakou (7, level 3 autism)"."""
    doc, i = tok.doc, tok.i
    after = [t.lower_ for t in doc[i + 1 : i + 4]]
    if len(after) >= 2 and after[0] in ("is", "was", "tiene") and _an_age(after[1]):
        nxt = after[2] if len(after) > 2 else ""
        return nxt in ("", ",", ".", "!", ";", "and", "y", "años", "yrs", "years")
    if len(after) >= 3 and after[0] in (",", "(") and after[1] in ("age", "edad"):
        return _an_age(after[2])
    if len(after) >= 3 and after[0] == "(" and _an_age(after[1]) and after[2] == ",":
        return True
    if i + 3 >= len(doc) + 1:
        return False
    after = [t.text for t in doc[i + 1 : i + 4]]
    if len(after) < 2 or not (after[1].isdigit() and len(after[1]) <= 2):
        return False
    closes = after[2] if len(after) > 2 else ""
    return (after[0] == "," and closes in ("", ",", ")", ".", ";")) or (
        after[0] == "(" and closes == ")"
    )


def _single_entity(tok: Token) -> bool:
    """Whether the model's entity is this one token, or this token and emoji after it
    ("Chidi 🙌🏾 got into the welding program", one ORG to the model)."""
    if tok.ent_iob_ != "B":
        return False
    doc, i = tok.doc, tok.i + 1
    while i < len(doc) and doc[i].ent_iob_ == "I":
        if any(c.isalnum() for c in doc[i].text):
            return False
        i += 1
    return True


# Words before a capitalised word that make it the name of a place named after someone,
# in Spanish, where the kind comes first: "parque Emiliano Zapata", "avenida Juárez",
# "calle Hidalgo", "escuela Benito Juárez", "colonia Morelos" (identifiers30).
_PLACE_KIND_BEFORE = frozenset(
    {
        "parque", "calle", "avenida", "av", "avda", "escuela", "colonia", "col", "plaza",
        "puente", "barrio", "biblioteca", "colegio", "preparatoria", "prepa", "secundaria",
        "primaria", "hospital", "estadio", "mercado", "aeropuerto", "bulevar", "calzada",
        "carretera", "fraccionamiento", "fracc", "iglesia", "parroquia", "ejido", "glorieta",
        "jardín", "jardin", "alameda", "museo", "teatro", "instituto", "universidad",
    }
)  # fmt: skip


def _after_place_kind(tok: Token) -> bool:
    """ "parque Emiliano Zapata": a Spanish place's kind in lower case right before."""
    if tok.i == 0:
        return False
    before = tok.doc[tok.i - 1]
    return before.is_lower and fold(before.text.rstrip(".")) in _PLACE_KIND_BEFORE


# Cues said only of a person, after which a capitalised word no list holds is a name
# when the model calls it no organisation or place: "thinking about Mariama", "pray for
# Mahamed", "proud of Wakinyan" (but "proud of Minneapolis", "shout out to Costco", which
# the model calls a place or an organisation). "little", "big", "took", "drove" and the
# like stay for known names only: "took Tylenol", "Little Rock" (identifiers30).
_PERSON_ONLY_CUES = frozenset(
    {
        ("proud", "of"), ("congrats",), ("congratulations",), ("congratulations", "to"),
        ("shout", "out", "to"), ("shoutout", "to"), ("happy", "birthday"),
        ("welcome", "home"), ("prayers", "for"), ("prayers", "up", "for"), ("pray", "for"),
        ("praying", "for"), ("thinking", "of"), ("thinking", "about"), ("if", "you", "see"),
        ("have", "you", "seen"), ("felicidades", "a"), ("orgullo", "de"), ("update", "on"),
        ("updates", "on"), ("props", "to"), ("kudos", "to"), ("give", "it", "up", "for"),
        ("sat", "with"), ("checked", "on"), ("lleve", "a"), ("acompane", "a"),
        ("visite", "a"),
    }
)  # fmt: skip
_NOT_PERSON_UNKNOWN = _NOT_PERSON - {"PRODUCT", "WORK_OF_ART"}
# what the model is sure enough of that a pronoun nearby does not make it a person
_NOT_PERSON_SLOT = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "LAW"})


def _compound_tail(tok: Token) -> bool:
    """The word after a hyphen inside a word ("Spider-Man"): a name with a hyphen is
    found from its first part ("Pierre-Louis", "Mai-Linh"), never from its second."""
    doc, i = tok.doc, tok.i
    return (
        i > 1
        and doc[i - 1].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
    )


def _place_with_next(tok: Token) -> bool:
    """Whether the model reads this word and the next as one place: "Virginia Beach"."""
    doc, i = tok.doc, tok.i
    return (
        tok.ent_type_ in ("GPE", "LOC", "FAC")
        and i + 1 < len(doc)
        and doc[i + 1].ent_iob_ == "I"
        and doc[i + 1].ent_type_ == tok.ent_type_
    )


# Words before a capitalised word that make the two a place: "Saint Paul", "San José",
# "St. Louis", "Fort Worth", "Lake Tahoe", "Mount Rainier", "Port Arthur".
PLACE_PREFIXES = frozenset(
    {
        "saint",
        "st",
        "san",
        "santa",
        "santo",
        "fort",
        "ft",
        "lake",
        "mount",
        "mt",
        "port",
        "cape",
        "puerto",
        "villa",
        "ciudad",
    }
)

# Words after which the model's place is a place: "a camp in Kenya", "moved to Charlotte".
_PLACE_BEFORE = frozenset({"in", "from", "to", "near", "outside", "en", "desde", "cerca"})


def _place_after_preposition(tok: Token) -> bool:
    """A given name the model calls a place, after a word that takes a place: "born in
    a camp in Kenya" (but "Mateo and Aaliyah", also GPE to the model, are names)."""
    doc, i = tok.doc, tok.i
    if tok.ent_type_ not in ("GPE", "LOC", "FAC") or i == 0:
        return False
    if tok.ent_type_ != "FAC" and doc[i - 1].lower_ in _PLACE_BEFORE:
        return True
    # the street of a business or agency the model names: "the Salvation Army on Dalton",
    # "the Kroger off Dixie" (identifiers44)
    return i > 1 and doc[i - 1].lower_ in ("on", "off") and doc[i - 2].ent_type_ in ("ORG", "FAC")


# What may stand between names in a list the model reads as one entity.
_LINKS = frozenset({"and", "&", ",", "y", "e"})


def _possessive_entity(tok: Token) -> bool:
    """Whether the model's entity starting here ends in "'s": a person's, mostly."""
    doc, i = tok.doc, tok.i + 1
    while i < len(doc) and doc[i].ent_iob_ == "I":
        i += 1
    return doc[i - 1].text in ("'s", "’s")


# Short days and months, which open a date, not a name ("Central & Girard, Sat Sept 21",
# probe, session 18), and an acronym's plural ("asking for SSNs").
_CALENDAR = frozenset(
    {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
     "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)  # fmt: skip
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")
# Records a person is filed under, in capitals after a role: "Youth SID 99-41827"
_RECORD_ACRONYMS = frozenset({"SID", "DOC", "MRN", "DOB", "SSN", "HMIS", "IEP", "CPS", "ID"})


# What may stand between a cue and the name: a comma ("a 19yo client, Amara Okafor"), an
# opening quote or bracket ('my client "Jonny" relapsed', "my client (Jonny S.)"); the
# normaliser has made typographic quotes ASCII.
_BEFORE_NAME = frozenset({",", '"', "'", "("})


def _symbol(text: str) -> bool:
    """An emoji or pictograph token ("🎂", "💜🙏"): no letter, digit or punctuation."""
    return not any(c.isalnum() or unicodedata.category(c).startswith("P") for c in text)


def _cue_end(doc: Doc, i: int) -> int:
    """Where a cue before token i must end: right before it, or before a comma, quote or
    bracket that opens the name, or before emoji between them ("our littlest resident 🎂
    Mia R.")."""
    j = i
    while j > 0 and i - j < 3 and _symbol(doc[j - 1].text):
        j -= 1
    return j - 1 if j > 0 and doc[j - 1].text in _BEFORE_NAME else j


class NameDetector:
    def __init__(self, lexicon: NameLexicon) -> None:
        self.lex = lexicon
        self._max_cue = max(
            (len(c) for c in lexicon.role_cues | lexicon.name_cues | lexicon.comma_role_cues),
            default=1,
        )
        # the last word of each role cue: a lower-case word after one may be a name
        self._role_cue_ends = {c[-1] for c in lexicon.role_cues}
        self._given_plain = lexicon.given - lexicon.everyday
        self._surnames_plain = lexicon.surnames - lexicon.everyday
        self._known = lexicon.given | lexicon.surnames
        self._common_words = lexicon.common - self._given_plain

    def _after_role_cue(self, doc: Doc, i: int) -> bool:
        j = _cue_end(doc, i)
        return (
            j > 0
            and fold(doc[j - 1].text.replace(".", "")) in self._role_cue_ends
            and self._cue(doc, i) == "role"
        )

    def _cue(self, doc: Doc, i: int) -> str | None:
        """ "role" or "name" when a cue ends right before token i (a comma may stand
        between), else None."""
        j = _cue_end(doc, i)
        for n in range(1, self._max_cue + 1):
            if j - n < 0:
                break
            words = tuple(fold(t.text.replace(".", "")) for t in doc[j - n : j])
            if words in self.lex.role_cues or (
                j < i
                and words in self.lex.comma_role_cues
                and any(t.lower_ in _CLAUSE_HEADS for t in doc[max(0, j - n - 3) : j - n])
            ):
                return "role"
            if words in self.lex.name_cues:
                return "name"
        return None

    def _person_only_cue(self, doc: Doc, i: int) -> bool:
        j = _cue_end(doc, i)
        return any(
            j - n >= 0
            and tuple(fold(t.text.replace(".", "")) for t in doc[j - n : j]) in _PERSON_ONLY_CUES
            for n in range(1, 5)
        )

    def _not_a_name(self, word: str) -> bool:
        return word in STOP_WORDS or word in self.lex.not_before or word in _CALENDAR

    def _starts(self, tok: Token, cue: str | None) -> bool:
        shape, word = _shape(tok), fold(tok.text)
        if _ACRONYM_PLURAL.fullmatch(tok.text) or tok.text in _RECORD_ACRONYMS:
            return False  # "asking for SSNs", "our MSWs", "Youth SID 99-41827"
        if shape not in ("title", "upper", "lower"):
            return False
        if self._not_a_name(word) and not (
            # a surname that is also a short word, after a role cue: "Ông Lê Văn Hùng"
            cue == "role"
            and shape == "title"
            and word in self.lex.surnames
            and word not in self.lex.not_before  # "our Youth Center"
        ):
            return False  # "In April", "SO PROUD"
        if shape == "upper" and len(word) <= 3 and not cue and not self._surname_next(tok, shape):
            return False  # "the AMA weighed in", "NASW, CSWE and the AMA": acronyms
        if cue and _cue_end(tok.doc, tok.i) < tok.i and tok.doc[tok.i - 1].text != ",":
            # in quotes or brackets after a cue, only a given name that is no everyday word,
            # or a word of no list and no language ('my client "Tavon"'), is taken for a
            # name: 'our youth "Rise Up" group' names a group
            return word in self._given_plain or (
                shape == "title" and self._plain_unknown(word) and word not in self.lex.words
            )
        if word in self._given_plain and (cue or shape != "lower"):
            # a cue outweighs the model's label ("a 19yo client, Amara Okafor": GPE); so
            # does a given name the model calls a place alone ("Mateo and Aaliyah")
            return (
                bool(cue)
                or tok.ent_type_ not in _NOT_PERSON
                or (_single_entity(tok) and not _place_after_preposition(tok))
                or _possessive_entity(tok)  # "Keisha Brown's foster mom" (ORG)
                # a given name and a surname the model calls an ORG: "Tasha Greer",
                # "Jean-Baptiste Augustin" (a hyphenated given name, identifiers44)
                or (
                    tok.ent_type_ == "ORG"
                    and (
                        self._surname_next(tok, shape)
                        or self._hyphen_then_surname(tok)
                        or self._org_of_given_and_surname(tok)
                    )
                )
                # names and nothing else, which the model calls one ORG or place:
                # "Ahmad and Layla start school Monday"
                or self._entity_of_given_names(tok)
            )
        # a name no list holds, joined to a known name ("Thandeka and Ali") or before an
        # age ("(Chidera, 7)"), however the model labels it
        if (
            shape == "title"
            and self._plain_unknown(word)
            and (
                self._joined_to_name(tok)
                or _age_follows(tok)
                or _owns_a_life(tok)
                or _with_kin(tok)
            )
        ):
            return True
        if (
            shape == "title"
            and cue == "name"
            and self._plain_unknown(word)
            and tok.ent_type_ not in _NOT_PERSON_UNKNOWN
            and self._person_only_cue(tok.doc, tok.i)
        ):
            return True  # "thinking about Mariama", "pray for Mahamed"
        if self._unknown_in_person_slot(tok, cue):
            return True
        if shape == "lower" and word in self._given_plain and self._lower_name_in_place(tok):
            return True
        if shape == "title" and word in self.lex.given and self._hyphen_given_next(tok):
            return True  # "Mai-Linh", "Anh-Thu": a known given name on each side of a hyphen
        if shape == "lower" or (tok.ent_type_ in ("ORG", "FAC") and cue != "role"):
            return False  # the model's ORG after a role cue is a name: "my client Thandiwe"
        if word in self.lex.given:  # an everyday word: "my client Hope", "Hope Martinez"
            # but not where the model reads both words as one place: "Virginia Beach"
            return bool(cue) or (self._surname_next(tok, shape) and not _place_with_next(tok))
        if cue == "role":  # "my client Thandiwe Mokoena", "youth Kaden"
            return word not in self.lex.everyday
        if word in self._surnames_plain:  # surname first: "Nguyen Thi Lan"
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            return (
                nxt is not None
                and _shape(nxt) == shape
                and (fold(nxt.text) in self._given_plain or nxt.ent_type_ == "PERSON")
            )
        # A name no list holds, after praise or a prayer: "Prayers up for Thandiwe",
        # "Congrats Kiptoo". (As the subject of a story, "Ikaika told me", only where the
        # model reads a person too, in review(): without a dictionary, "Traffic was" and
        # "Mileage reimbursed" read the same.)
        # The model calls many such names an ORG; after praise alone that may be a
        # business ("Shout out to Costco"), so there it must not.
        return (
            cue == "name"
            and shape == "title"
            and tok.ent_type_ not in _NOT_PERSON
            and self._plain_unknown(word)
        )

    def _unknown_in_person_slot(self, tok: Token, cue: str | None) -> bool:
        """A word no list holds and no word of the language, where only a person goes:
        after kin, first in a story, spoken to, said who it is right after, listed beside
        a known name, owning something; or after a cue, a word that takes a person or
        before a verb, with a he or she near. Whatever the model calls it, it is then
        someone's name. The lists hold the census's names and our users' communities',
        never all."""
        word, shape = fold(tok.text), _shape(tok)
        if (
            not self._plain_unknown(word)
            or word in self.lex.words
            or word.endswith(_PLACE_ENDINGS)
            or tok.ent_type_ in _NOT_PERSON_SLOT
        ):
            return False
        doc, i = tok.doc, tok.i
        prev = doc[i - 1] if i > 0 else None
        if prev is not None and prev.text == "," and i > 1:
            prev = doc[i - 2]  # "Thank you, Amaru," "Mi paciente de la cama 12, Eyerusalem"
        if prev is not None and prev.lower_ == "a" and not _spanish(tok.sent):
            prev = None  # "ayudé a Nanuq", but "about a TikTok trend"
        if shape == "lower":
            # in lower case only right after a cue or a word that takes a person, with a
            # he or she in the same sentence: "so proud of nanuq today. she ordered" is
            # not enough, "drove pakou to his dialysis appt" is
            after = doc[i + 1] if i + 1 < len(doc) else None
            return (
                # not after "of": "the cart full of birdcages around 5th & Alder. He's"
                # (bench76); "mom of" is a cue
                (cue is not None or (prev is not None and prev.lower_ in _SLOT_BEFORE - {"of"}))
                # a name is followed by a small word or a stop; a word of the language
                # there makes this one a typo of a word ("drove teh kids to her mom's")
                and (
                    after is None
                    or not after.is_alpha
                    or fold(after.text) in STOP_WORDS
                    or fold(after.text) not in self.lex.words
                    # after a role, a verb too: "my client tsinajinnie walked two miles
                    # ... her appointment" (a typo of a word is not a role's object)
                    or (
                        cue == "role"
                        and (after.lower_ in _VERBS_AFTER or _past_tense(after.lower_))
                    )
                )
                and any(t.lower_ in _PERSON_PRONOUNS for t in tok.sent if t.i > i)
            )
        if shape == "upper" and not _shouted(tok.sent):
            return False  # "TANF", "HMIS" in a sentence in lower case: an acronym
        if shape not in ("title", "upper"):
            return False
        nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        if (prev is not None and prev.lower_ in _KIN) or (
            self._story_subject(tok) and nxt not in _NOTICE_PARTICIPLES
        ):
            # "His wife Pakou sent me", "mi hija Xeng"; "Hoy Amaru cumplió 30 días",
            # "Tsegaye lost his meds": no word of the language opens a story that way
            # ("Traffic was", "Mileage reimbursed" are words, and not read as names)
            return True
        if (prev is not None and prev.lower_ in _GREETINGS) or _addressed(tok):
            return True  # "Hi Lijon", "Welcome to the program, Pakou!", "Illari, you were"
        if _described_as_person(tok) or self._joined_to_name(tok, links=(",",)):
            return True  # "Lijon, the Vietnam vet who", "Proud of Xeng, Rosalind and Lupe"
        if nxt in ("'s", "’s") and i + 2 < len(doc) and doc[i + 2].is_lower:
            return True  # "Bishnu's in-laws took her passport", "held Xeng's hand"
        slot = (
            cue is not None
            or (prev is not None and prev.lower_ in _SLOT_BEFORE)
            or _verb_follows(tok)
        )
        return slot and _pronoun_follows(tok)

    def _hyphen_given_next(self, tok: Token) -> bool:
        doc, i = tok.doc, tok.i
        return (
            i + 2 < len(doc)
            and doc[i + 1].text == "-"
            and not tok.whitespace_
            and not doc[i + 1].whitespace_
            and _shape(doc[i + 2]).startswith(("title", "lower"))
            and fold(doc[i + 2].text) in self._given_plain
        )

    def _lower_name_in_place(self, tok: Token) -> bool:
        """A lower-case given name that is no word, where only a person fits: joined to
        another ("keisha and jamal both made honor roll"), or owning something first in
        its sentence ("kaden's first day went ok"), or with kin after it ("took shaniqua
        and her baby to WIC")."""
        doc, i = tok.doc, tok.i
        if _with_kin(tok):
            return True
        for other, link in ((i + 2, i + 1), (i - 2, i - 1)):
            if (
                0 <= other < len(doc)
                and doc[link].lower_ in ("and", "&", "y")
                and _shape(doc[other]) == "lower"
                and fold(doc[other].text) in self._given_plain
                and not self._not_a_name(fold(doc[other].text))  # "tu corazón y tu paciencia"
            ):
                return True
        return (
            (i == 0 or bool(tok.is_sent_start))
            and i + 1 < len(doc)
            and doc[i + 1].text in ("'s", "’s")
        )

    def _entity_of_given_names(self, tok: Token) -> bool:
        """Whether the model's entity starting here holds two or more known given names
        and nothing but links between them ("Ahmad and Layla", ORG to the model)."""
        if tok.ent_iob_ not in ("B", "I"):
            return False
        doc, start, end = tok.doc, tok.i, tok.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        names = 0
        for t in doc[start:end]:
            if t.lower_ in _LINKS:
                continue
            if _shape(t) != "title" or fold(t.text) not in self._given_plain:
                return False
            names += 1
        return names >= 2

    def _joined_to_name(self, tok: Token, links: tuple[str, ...] = ("and", "&", "y", "e")) -> bool:
        """Beside a known given name or the model's person, one of ``links`` between:
        "Thandeka and Ali"; with a comma, "Proud of Xeng, Rosalind and Lupe"."""
        doc, i = tok.doc, tok.i
        for other, link in ((i + 2, i + 1), (i - 2, i - 1)):
            if 0 <= other < len(doc) and doc[link].lower_ in links:
                near = doc[other]
                # "Saint Paul and Minneapolis": a saint's name in a place's is no person's
                if other > 0 and fold(doc[other - 1].text).rstrip(".") in PLACE_PREFIXES:
                    continue
                if _shape(near) == "title" and (
                    fold(near.text) in self._given_plain or near.ent_type_ == "PERSON"
                ):
                    return True
        return False

    def _plain_unknown(self, word: str) -> bool:
        """A word no list holds, that reads like no word of the language."""
        return (
            len(word) >= 4
            and word.isalpha()
            and word not in self._known
            and word not in self.lex.everyday
            and word not in self.lex.common
            and not self._not_a_name(word)
            and not word.endswith(_WORD_ENDINGS)
            # a worker's word for the person is no name of theirs: "Kiddo's grandma lives
            # out past the truck stop", "Youth's caseworker called" (identifiers44)
            and (word,) not in self.lex.role_cues
        )

    @staticmethod
    def _story_subject(tok: Token) -> bool:
        """First in its sentence (or after "today", "when"...) and followed by what a
        person does: "Kiptoo called", "Bongani moved", "Wanjiru finally got"."""
        doc = tok.doc
        before = doc[tok.i - 1] if tok.i > 0 else None
        opens = (
            tok.i == 0
            or tok.is_sent_start
            or (before is not None and before.lower_ in _STORY_OPENERS)
        )
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        return (
            opens
            and nxt is not None
            and (
                nxt.lower_ in _AFTER_NAME
                or (nxt.is_lower and nxt.is_alpha and len(nxt) > 4 and nxt.lower_.endswith("ed"))
            )
        )

    def _hyphen_then_surname(self, tok: Token) -> bool:
        """ "Jean-Baptiste Augustin", "Marie-Claire Joseph": a given name joined by a
        hyphen to a second part, then a known surname in the same shape."""
        doc, i = tok.doc, tok.i
        return (
            i + 3 < len(doc)
            and doc[i + 1].text == "-"
            and tok.whitespace_ == doc[i + 1].whitespace_ == ""
            and _shape(doc[i + 2]) == _shape(tok)
            and _shape(doc[i + 3]) == _shape(tok)
            and fold(doc[i + 3].text) in self._surnames_plain
        )

    def _org_of_given_and_surname(self, tok: Token) -> bool:
        """A given name and a surname that is also a word, which the model reads as one
        ORG of exactly these two words (probe, session 18: "Proud to share that Marcus
        Bell, a veteran I worked with"); "Taco Bell" has no given name, "Marcus Bell
        Foundation" a third word."""
        doc, i = tok.doc, tok.i
        return (
            tok.ent_iob_ == "B"
            and i + 1 < len(doc)
            and doc[i + 1].ent_iob_ == "I"
            and (i + 2 >= len(doc) or doc[i + 2].ent_iob_ != "I")
            and _shape(doc[i + 1]) == "title"
            and fold(doc[i + 1].text) in self.lex.surnames
        )

    def _surname_next(self, tok: Token, shape: str) -> bool:
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and _shape(nxt) == shape and fold(nxt.text) in self._surnames_plain

    def _extend(self, doc: Doc, start: int, open_ended: bool) -> int:
        """The end (exclusive) of the name that starts at token ``start``.
        ``open_ended``: after a role cue, capitalised words the lists lack count too."""
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
            if shape == "initial" and tok.text.endswith("."):
                if nxt is not None and _shape(nxt) == first == "title" and prev.whitespace_:
                    end += 1  # a middle initial: "Terrence J. Walker"
                    continue
                return end + 1  # a last initial: "priya s.", "Priya S."
            if word in _PARTICLES and nxt is not None and _shape(nxt) == "title":
                end += 1  # "María de la Cruz"
                continue
            if (
                # a new entity of another kind; the rest of one a name started in is
                # still the name ("client, Amara Okafor", all GPE to the model)
                (tok.ent_type_ in _NOT_PERSON and tok.ent_iob_ == "B")
                or self._not_a_name(word)
                # "maria will", but "KEISHA BROWN", "Hope Martinez"
                or (word in self.lex.everyday and (shape == "lower" or word not in self._known))
            ):
                break
            known = word in self._known
            # "KEISHA BROWN", "Maria LOPEZ"; but "Kealoha DOB:" ends at the label
            same_case = shape == first or (first == "title" and shape == "upper" and known)
            # in lower case only the lists count: the model's PERSON there is a guess
            # ("yesenia ya tiene su permiso")
            if same_case and (
                known or (shape != "lower" and (tok.ent_type_ == "PERSON" or open_ended))
            ):
                end += 1
                continue
            break
        return end

    def detect(self, doc: Doc) -> list[Entity]:
        found: list[Entity] = []
        i = 0
        while i < len(doc):
            tok = doc[i]
            # most words are no name and not capitalised: skip them before any lookup
            if (
                fold(tok.text) not in self._known
                and tok.ent_type_ != "PERSON"
                and _shape(tok) != "title"
                # a lower-case word after one that takes a person ("drove pakou to his"),
                # a word in a shouted sentence ("PLEASE PRAY FOR NANUQ. SHE RAN")
                and not (_shape(tok) == "lower" and i > 0 and doc[i - 1].lower_ in _SLOT_BEFORE)
                # or right after a role ("my client tsinajinnie walked ... her")
                and not (_shape(tok) == "lower" and self._after_role_cue(doc, i))
                and not (_shape(tok) == "upper" and _shouted(tok.sent))
            ) or _compound_tail(tok):
                i += 1
                continue
            cue = self._cue(doc, i)
            if not self._starts(tok, cue):
                i += 1
                continue
            # after a role cue, or a name no list holds in a person's place, capitalised
            # words the lists lack go on the name: "with Eyerusalem Ndiaye today and she"
            open_ended = cue == "role" or self._unknown_in_person_slot(tok, cue)
            end = self._extend(doc, i, open_ended=open_ended)
            if _after_place_kind(tok):
                i = end  # "parque Emiliano Zapata", "avenida Juárez"
                continue
            if end < len(doc) and fold(doc[end].text) in self.lex.not_before:
                i = end  # "Lincoln Middle", "Hope House"
                continue
            if fold(tok.text) not in self.lex.given and any(
                fold(t.text) in self.lex.not_before for t in doc[i + 1 : end]
            ):
                i = end  # "our Youth Advisory Board": no given name opens it ("Keisha Hall" does)
                continue
            span = doc[i:end]
            found.append(
                Entity(
                    "PERSON",
                    span.start_char,
                    span.end_char,
                    CUED_SCORE if cue or tok.ent_type_ == "PERSON" else LEXICON_SCORE,
                    "names",
                )
            )
            i = end
        return found

    def _is_name_word(self, word: str) -> bool:
        f = fold(word)
        return f in self._known and f not in STOP_WORDS and f not in self.lex.everyday

    def knows(self, text: str) -> bool:
        """Whether a span the model calls PERSON reads as a name: no word of a place or
        an event ("Info Night", "SUMMER CAMP"), not a run of lower-case words ("landlord
        calls", or Spanish the English model misreads: "su vivienda", "de la"), and
        some word a known given name or surname, or, for two or more capitalised words
        the lists lack, a name from elsewhere ("Sione Taufa", not "Violencia Doméstica")."""
        words = [w for part in text.replace("-", " ").split() if (w := part.strip(".,'’\""))]
        folded = [fold(w) for w in words]
        if not words or any(f in self.lex.not_before for f in folded) or text.islower():
            return False
        if 2 * sum(w.islower() for w in words) > len(words):
            return False  # a phrase, mostly lower case: "Aplica en el link de nuestra bio"
        # a common word that no given name is, even where a rare surname is spelt so:
        # "Schools closed", "Blood lead testing", "Hagan su cita"
        one = folded[0]
        if len(words) == 1 and len(one) > 2 and one in self._common_words:
            return False
        if any(self._is_name_word(w) for w in words):
            return True
        return (
            len(words) >= 2
            and all(_text_shape(w) == "title" for w in words)
            # a given name that is also a word may open it: "Grace Okonkwo", "Precious
            # Dlamini"; "Hope House" ends in a word of a place, handled above
            and (folded[0] in self.lex.given or folded[0] not in self.lex.everyday)
            and not any(f in STOP_WORDS or f in self.lex.everyday for f in folded[1:])
            and folded[0] not in STOP_WORDS
            and not any(f.endswith(_WORD_ENDINGS) for f in folded)
        )

    def _lower_case_name(self, span: Span) -> bool:
        """A PERSON in lower case that the lists read as a name too: a given name that is
        no word ("happy 18th kiana"), or a known surname after a role or an honorific
        ("ms. begay called"). Both must agree: in lower case the model alone guesses
        ("landlord calls"), and so do the lists alone ("bill", "rose")."""
        if len(span) > 3 or not all(_shape(t) == "lower" for t in span):
            return False
        words = [fold(t.text) for t in span]
        if any(w in STOP_WORDS or w in self.lex.everyday or w not in self._known for w in words):
            return False
        # "ms. begay": the tokenizer splits the dot off a lower-case honorific
        at = (
            span.start - 1
            if span.start > 0 and span.doc[span.start - 1].text == "."
            else span.start
        )
        return any(w in self._given_plain for w in words) or self._cue(span.doc, at) == "role"

    def _trim(self, doc: Doc, e: Entity) -> Entity:
        """Words at either end of the model's PERSON that are no name, when a name is
        left: "Email Kenji" → "Kenji", "Benito Juárez ahora" → "Benito Juárez"."""
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None or not any(self._is_name_word(t.text) for t in span):
            return e
        toks = list(span)
        while toks and not (self._is_name_word(toks[0].text) or _shape(toks[0]) == "initial"):
            toks.pop(0)
        while toks and (_shape(toks[-1]) == "lower" or fold(toks[-1].text) in STOP_WORDS):
            toks.pop()
        if not toks:
            return e
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        return e if (start, end) == (e.start, e.end) else replace(e, start=start, end=end)

    def _given_mid_sentence(self, span: Span) -> bool:
        """A given name that is also a word ("Destiny", "Faith", "Joy"), capitalised where
        the sentence gives no reason to capitalise it, and which the model too reads as
        a person: "when Destiny hugged me" names her."""
        before = span.doc[span.start - 1] if span.start > 0 else None
        return (
            before is not None
            and not span[0].is_sent_start
            # a lower-case word or a comma before: nothing else explains the capital
            # ("See you there" after an emoji, "Our Healthy Moms program")
            and (before.text == "," or (before.is_alpha and before.is_lower))
            # "a room near Kent", "moved to Orlando": a word that is also a place, after
            # a word that takes a place (identifiers30)
            and not (
                before.lower_ in _PLACE_BEFORE - {"to"}  # "thanks to Grace" is Grace
                and any(fold(t.text) in self.lex.everyday for t in span)
            )
            and all(_shape(t) == "title" and fold(t.text) in self.lex.given for t in span)
            and not any(fold(t.text) in self.lex.not_before for t in span)
        )

    def _names_a_thing(self, span: Span) -> bool:
        if span.end >= len(span.doc):
            return False
        nxt = span.doc[span.end]
        return fold(nxt.text) in self.lex.not_before and (
            _shape(nxt) in ("title", "upper") or not any(self._is_name_word(t.text) for t in span)
        )

    def _town_after_in(self, span: Span) -> bool:
        """One word no given name, right after "in" or "near", that the model calls a
        person: a small town whose name is a surname ("a shed out in Hazard", "lives in
        Kenner"), not "Kiptoo" after "sat with" (identifiers44)."""
        doc = span.doc
        return (
            len(span) == 1
            and span.start > 0
            and doc[span.start - 1].lower_ in ("in", "near")
            and fold(span[0].text) not in self.lex.given
            and not (span.end < len(doc) and doc[span.end].text in ("'s", "’s"))
        )

    def _unknown_name(self, span: Span) -> bool:
        """A word the lists lack, read as a person by the model, where the words around it
        leave little other reading: mid-sentence after a word that takes a person ("sat
        with Wanjiru", "visited Bongani"), or first in its sentence and
        the subject of a story ("Kiptoo called me"). The lists hold the names of the
        census and of our users' communities, but never all of them."""
        if len(span) != 1:
            return False
        tok = span[0]
        word = fold(tok.text)
        if (
            _shape(tok) != "title"
            or not self._plain_unknown(word)
            or any(word in cue for cue in self.lex.role_cues | self.lex.name_cues)
        ):
            return False
        if self._story_subject(tok):
            return True
        return tok.i > 0 and tok.doc[tok.i - 1].lower_ in _PERSON_BEFORE

    def review(self, doc: Doc, text: str, entities: Iterable[Entity]) -> list[Entity]:
        """The model's PERSON spans trimmed, and marked doubtful where they read as no
        name and follow no cue; everything else unchanged."""
        out = []
        for e in entities:
            if e.entity_type == "PERSON" and e.source != "names":
                e = self._trim(doc, e)
                span = doc.char_span(e.start, e.end, alignment_mode="expand")
                cued = (
                    span is not None
                    and _shape(span[0]) in ("title", "upper")
                    and self._cue(doc, span.start) is not None
                )
                # "Our Healthy Moms program", "the Foster Parent Info Night": a word
                # of a place or an event right after says it is that, as in detect(),
                # when capitalised or after no known name ("driving Kevin home" is Kevin)
                named_thing = span is not None and (
                    self._names_a_thing(span)
                    or _after_place_kind(span[0])
                    or self._town_after_in(span)
                )
                if named_thing or not (
                    cued
                    or self.knows(text[e.start : e.end])
                    or (span is not None and self._lower_case_name(span))
                    or (span is not None and self._given_mid_sentence(span))
                    or (span is not None and self._unknown_name(span))
                ):
                    e = replace(e, score=DOUBTFUL_SCORE)
            out.append(e)
        return out

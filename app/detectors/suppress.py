"""What stock Presidio + spaCy report that is not an identifier in this domain.

Each check names the draft that motivated it. :func:`clean` runs on every entity the
Presidio adapter returns; :func:`resolve` runs on all entities of a text (Presidio's
and our own detectors'), before any rule sees them.
"""

from __future__ import annotations

import dataclasses

import re2

from app.detectors.checksums import calendar_date
from app.findings import Entity

_MONTH = re2.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d"
)
# "Friday the 12th", "Thursday the 18th": a day of a month, named by its weekday
_WEEKDAY_DAY = re2.compile(
    r"(?i)\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?\s+the\s+\d{1,2}(?:st|nd|rd|th)\b"
)
_HAS_DIGIT = re2.compile(r"\d")
_ORDINAL = re2.compile(r"(?i)(\d)(?:st|nd|rd|th)\b")
_NUMERIC_DATE = re2.compile(r"\d{1,4}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?")
_ID_LIKE = re2.compile(r"[A-Za-z]+[-_#]?\d|\d[-_]?[A-Za-z]")
_ALL_NUMBERS = re2.compile(r"\d{1,4}(?:\s*[/.-]\s*\d{1,4}){1,2}")
_INITIALS = re2.compile(r"(?:[A-Z]\.\s?){1,3}")
# The label a number follows when it is a transaction's, a meeting's or the
# organisation's, not a person's: "order #2175550148", "Zoom ID: 845 2210 3344".
_NOT_A_PERSONS_NUMBER = re2.compile(
    r"(?i)\b(?:order|receipt|confirmation|conf|invoice|transaction|tracking|reference|ref"
    r"|ticket|meeting|zoom|webinar|passcode|isbn|npi|ein|tax\s+id|grant|award)"
    r"\s*(?:#|no\.?|number|num|id)?\s*(?:is\s+)?:?\s*#?\s*$"
)
# "at the county library, Room B. Learn what it takes": a room or unit and its letter
# or number start the span, so it names a place in a building, not a person.
_ROOM_LABEL = re2.compile(
    r"(?i)(?:room|rm|suite|ste|unit|bldg|building|floor|sala|salon|aula)\.?\s+[a-z0-9]\b.*"
)
_TOLL_FREE = re2.compile(r"(?:\+?1[\s.-]?)?\(?8(?:00|33|44|55|66|77|88)\)?[\s.-]")
# A teacher named by the class they teach (benign35): "Ms. Johnson's 3rd graders
# collected 412 cans", "Spirit week in Ms. Park's room", "la clase de la maestra Rosa".
# An honorific before the name and the class after it: a child is never "Ms." and a
# child's own class ("Jayden's class") has no honorific, so both stay names.
_HONORIFIC_BEFORE = re2.compile(
    r"(?i)(?:^|[^a-z])(?:ms|mrs|mr|mx|miss|sra|sr|srta|señora|senora|señor|senor)\.?\s+$"
)
_CLASS_AFTER = re2.compile(
    r"(?i)^(?:'|’)s\s+(?:(?:[a-z0-9-]+)\s+){0,2}?(?:class|classes|classroom|room|homeroom"
    r"|students|kids|kiddos|graders|kindergartners|kinders|preschoolers|scholars"
    r"|reading\s+group|ela\s+block)\b"
)
_CLASS_OF_BEFORE = re2.compile(
    r"(?i)\b(?:clase|sal[oó]n|aula|grupo|alumnos|estudiantes)\s+de\s+(?:la\s+|el\s+)?"
    r"(?:maestra|maestro|profesora|profesor|profe|miss|sra\.?|sr\.?)\s+$"
)


def _teacher_by_class(entity: Entity, text: str) -> bool:
    before = text[max(0, entity.start - 48) : entity.start]
    after = text[entity.end : entity.end + 40]
    return bool(
        (_HONORIFIC_BEFORE.search(before) and _CLASS_AFTER.search(after))
        or _CLASS_OF_BEFORE.search(before)
    )


# An animal named or aged by its kind (bench56: "Adopted a senior beagle ... Her name is
# Biscuit"; agencies' therapy-animal posts): "our therapy dog Luna", "a pup named Biscuit",
# "Daisy the therapy horse", "Luna, our facility cat", "a 2-year-old golden retriever",
# "la perrita Canela". The kind must end its phrase: "Maria, our dog walker" is a person.
# Not "llama" ("se llama Efraín") nor "lab" ("the lab Maria runs") before a name.
_ANIMAL = (
    r"(?:dog|dogs|doggo|pup|puppy|puppies|cat|kitten|kitty|horse|pony|mini\s+horse|donkey"
    r"|rabbit|bunny|hamster|guinea\s+pig|parrot|parakeet|budgie|goldfish|turtle|tortoise"
    r"|lizard|gecko|bearded\s+dragon|alpaca|goat|retriever|labrador|beagle"
    r"|poodle|terrier|shepherd|husky|corgi|dachshund|chihuahua|doodle|goldendoodle"
    r"|labradoodle|pit\s*bull|pittie|mutt|tabby|mascot|perro|perrito|perrita|gato|gatito"
    r"|gatita|caballo|mascota)"
)
_ANIMAL_BEFORE = re2.compile(
    r"(?i)\b" + _ANIMAL + r"(?:\s*,)?\s+(?:(?:named|called|llamad[oa])\s+)?$"
)
_ANIMAL_AFTER = re2.compile(
    r"(?i)^(?:\s*,)?\s+(?:the|our|my|a|an|el|la|nuestro|nuestra|mi)\s+"
    r"(?:[\w-]+\s+){0,3}?" + _ANIMAL + r"(?:s)?(?P<next>\s+[a-z]+|[^\w]|$)"
)
# what a person with an animal word in their title is: "our dog walker", "the cat lady"
_ANIMAL_JOBS = frozenset(
    {
        "walker",
        "walkers",
        "sitter",
        "groomer",
        "trainer",
        "handler",
        "handlers",
        "lady",
        "guy",
        "owner",
        "owners",
        "mom",
        "dad",
        "person",
        "people",
        "whisperer",
        "park",
        "food",
        "bite",
        "bites",
        "show",
        "team",
        "program",
        "therapy",
    }
)
# an age written as an adjective before the kind: "a 2 year old golden retriever"
# (not "Rosa is 14 and her dog ...": no "-year-old" joins them)
_AGE_OF_ANIMAL = re2.compile(
    r"(?i)^\D{0,12}\d{1,2}[\s-]*(?:years?|yrs?|months?|mos?|weeks?|wks?)[\s-]*old[\s-]+"
    r"(?:[a-z]+\s+){0,2}?(?:" + _ANIMAL + r"|lab)\b"
)


# a length of time, not an age: "Después de 4 años por fin puede dormir tranquilo",
# "recibió su visa U después de 4 años esperando", "más de 2 años sin recaer" (the AGE
# pattern "de 15 años" read the "de" of "después de" as "a girl of")
_TIME_BEFORE_YEARS = re2.compile(
    r"(?i)\b(?:despu[eé]s|hace|durante|tras|antes|m[aá]s|menos|cerca|alrededor|luego"
    r"|plazo|per[ií]odo|lapso|espacio)\s+de\s*$"
    # "llevamos 5 años como familia de acogida", "lleva 3 años sin tomar", "hace 2 años"
    # (bench76): years carried or gone by, never an age ("cumple 5 años" is one)
    r"|\b(?:llev(?:o|as|a|amos|an|aba|[aá]bamos|aban|[oó]|aron)|hace|desde\s+hace)\s*$"
)


def _is_a_length_of_time(entity: Entity, text: str) -> bool:
    return bool(_TIME_BEFORE_YEARS.search(text[max(0, entity.start - 30) : entity.start]))


# legal69: a Spanish institution's name read as a person ("Biblioteca Central", "Corte
# Suprema", "Centro Comunitario La Esperanza", "Parroquia San José"): the name starts with
# the kind of place, or follows it (with an adjective of kind and an article between).
# A person is never a "biblioteca"; "fui al centro con Ana" keeps Ana (a verb or "con"
# is no adjective of kind).
_INSTITUTION = (
    r"(?:biblioteca|corte|tribunal|juzgado|centro|escuela|colegio|preparatoria|secundaria"
    r"|primaria|parroquia|iglesia|cl[ií]nica|hospital|universidad|parque|fundaci[oó]n"
    r"|asociaci[oó]n|albergue|comedor|casa\s+hogar)"
)
_INSTITUTION_KIND = (
    r"(?:comunitari[oa]|central|municipal|cultural|familiar|legal|juvenil|p[uú]blic[oa]"
    r"|cat[oó]lica|suprema|superior|estatal|regional|infantil|de\s+salud|de\s+apelaciones"
    r"|de\s+familia|de\s+menores)"
)
_INSTITUTION_HEAD = re2.compile(r"(?i)^" + _INSTITUTION + r"\b")
_INSTITUTION_BEFORE = re2.compile(
    r"(?i)(?:^|[^a-záéíóúñ])" + _INSTITUTION + r"(?:\s+" + _INSTITUTION_KIND + r")?"
    r"\s+(?:(?:de\s+)?(?:la|el|los|las)\s+|del\s+)?$"
)
# An award or a programme named for a role and a span of time: "Lawyer of the Day",
# "Volunteer of the Month", "Advocate of the Year" (not a person called Lawyer).
_OF_THE_PERIOD_AFTER = re2.compile(r"(?i)^\s+of\s+the\s+(?:day|week|month|quarter|year)\b")


# A numbered step of a list read as a person ("Quinto, si reciben papeles del juzgado":
# "Fifth, if you get court papers").
_ORDINAL_STEP = re2.compile(
    r"(?i)^(?:primero|segundo|tercero|cuarto|quinto|sexto|s[eé]ptimo|octavo|noveno|d[eé]cimo)$"
)


def _names_an_institution(entity: Entity, text: str) -> bool:
    span = text[entity.start : entity.end]
    if _ORDINAL_STEP.match(span) and text[entity.end : entity.end + 1] == ",":
        return True
    before = text[max(0, entity.start - 48) : entity.start]
    return bool(
        _INSTITUTION_HEAD.search(span)
        or _INSTITUTION_BEFORE.search(before)
        or _OF_THE_PERIOD_AFTER.search(text[entity.end : entity.end + 24])
    )


def _names_an_animal(entity: Entity, text: str) -> bool:
    if _ANIMAL_BEFORE.search(text[max(0, entity.start - 40) : entity.start]):
        return True
    after = _ANIMAL_AFTER.search(text[entity.end : entity.end + 60])
    return bool(after) and after.group("next").strip().lower() not in _ANIMAL_JOBS


def _chunk(text: str, start: int, end: int) -> str:
    """The whitespace-delimited chunk of text around [start, end)."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


# a holiday on a fixed day, with its year, is a day: "born on Christmas Eve 2009" is a
# birth date (i18-084, once found only because "Eve" was read as a name)
_HOLIDAY_YEAR = re2.compile(
    r"(?i)\b(?:christmas(?:\s+(?:eve|day))?|new\s+year(?:'|’)?s(?:\s+(?:eve|day))?"
    r"|halloween|valentine(?:'|’)?s\s+day|independence\s+day|(?:the\s+)?fourth\s+of\s+july"
    r"|nochebuena|navidad|a[nñ]o\s+nuevo|d[ií]a\s+de\s+reyes)\s*,?\s+(?:of\s+|de\s+)?(?:19|20)\d\d\b"
)


def _is_date_like(text: str, start: int, end: int) -> bool:
    span = text[start:end]
    # "Long day", "annual", "Saturday", "yesterday": spaCy's DATE, but no date a
    # person can be found by. HIPAA Safe Harbor concerns dates with a day or month.
    if not _HAS_DIGIT.search(span):
        return False
    # "CW-2023-00817" (a case number, which a rule reports as such) came back as DATE.
    # An ordinal is no id: "Friday the 12th", "May 2nd".
    chunk = _ORDINAL.sub(r"\1", _chunk(text, start, end).strip(".,;:!?()[]"))
    if _ID_LIKE.search(chunk):
        return False
    # "1420" in "1420 Elm Street", "14" in "J.M., 14,": bare numbers and bare years.
    # A year alone is allowed under Safe Harbor; an age is reported by the age detector.
    if not (
        _MONTH.search(span)
        or _NUMERIC_DATE.search(span)
        or _WEEKDAY_DAY.search(span)
        or _HOLIDAY_YEAR.search(span)
    ):
        return False
    # "Our hours are 9-5" came back as DATE: two numbers joined by a hyphen or a dot
    # are hours or a range, and "24/7" or "13/13" is no day of any month.
    if _ALL_NUMBERS.fullmatch(span.strip()):
        parts = len(re2.split(r"\s*[/.-]\s*", span.strip()))
        return calendar_date(span.replace(" ", "")) and (parts == 3 or "/" in span)
    return True


def _clean_person(entity: Entity, text: str) -> Entity | None:
    start, end = entity.start, entity.end
    # "Quick 3-question survey": no one's name holds a digit.
    if any(c.isdigit() for c in text[start:end]):
        return None
    # "🎓🎓🎓 SO PROUD": spaCy's span took in the emoji before the word; "⚾" alone too.
    while start < end and not text[start].isalpha():
        start += 1
    while end > start and not (text[end - 1].isalpha() or text[end - 1] == "."):
        end -= 1
    if start == end:
        return None
    span = text[start:end]
    # "#Hospice", "@mike": a hashtag is a topic; handles have their own rule.
    if start > 0 and text[start - 1] in "#@":
        return None
    # "RSVP", "SO": short all-capital words are acronyms and shouting, not names.
    if " " not in span and span.isupper() and len(span) <= 4:
        return None
    if _ROOM_LABEL.fullmatch(span):
        return None
    if (start, end) == (entity.start, entity.end):
        return entity
    return dataclasses.replace(entity, start=start, end=end)


def clean(entity: Entity, text: str) -> Entity | None:
    """The entity, trimmed, or None when it is not an identifier in this domain."""
    if entity.entity_type == "DATE_TIME":
        return entity if _is_date_like(text, entity.start, entity.end) else None
    if entity.entity_type == "PERSON":
        return _clean_person(entity, text)
    # "Heads up team: R.S. ran from the group home": spaCy's GPE. Initials are a
    # person's, and the initials rule reports them as such.
    if entity.entity_type == "LOCATION" and _INITIALS.fullmatch(text[entity.start : entity.end]):
        return None
    return entity


_IPV4 = re2.compile(
    r"(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
)


def _is_persons_phone(entity: Entity, text: str) -> bool:
    # "The IP that keeps messaging my client is 73.162.44.201": four dotted groups of at
    # most three digits are an IP address (the IP rule reports it), not a phone number
    if _IPV4.fullmatch(text[entity.start : entity.end]):
        return False
    # "Thank you! Your donation receipt, order #2175550148": Presidio's phone
    # recognizer read an order number with a valid area code as a phone number.
    if _NOT_A_PERSONS_NUMBER.search(text[max(0, entity.start - 40) : entity.start]):
        return False
    # "Call 1-800-273-8255 or 988 anytime": toll-free numbers belong to hotlines and
    # organisations, never to a client; the policy's allow-list need not list them all.
    return not _TOLL_FREE.match(text[entity.start : entity.end])


def resolve(entities: list[Entity], text: str) -> list[Entity]:
    """Drop phone numbers that are no one's, teachers named by their class, animals'
    names and ages, lengths of time read as ages, and names and places that are part of a
    street address.

    "home visit at 509 Juniper St" gave PERSON "Juniper St" beside the address.
    """
    entities = [
        e
        for e in entities
        if (e.entity_type != "PHONE_NUMBER" or _is_persons_phone(e, text))
        and (
            e.entity_type != "PERSON"
            or not (
                _teacher_by_class(e, text)
                or _names_an_animal(e, text)
                or _names_an_institution(e, text)
            )
        )
        and (
            e.entity_type != "AGE"
            or not (
                _AGE_OF_ANIMAL.match(text[e.start : e.end + 60]) or _is_a_length_of_time(e, text)
            )
        )
    ]
    addresses = [e for e in entities if e.entity_type == "STREET_ADDRESS"]
    if not addresses:
        return entities
    return [
        e
        for e in entities
        if e.entity_type not in {"PERSON", "LOCATION"}
        or not any(a.start < e.end and e.start < a.end for a in addresses)
    ]

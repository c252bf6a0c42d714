"""Our own pattern detectors, for identifiers stock Presidio misses.

Each is data: an entity type, RE2 patterns (linear-time), a score, and optionally a
``validate`` check (app.detectors.checksums) a match must pass. A pattern may mark the
reported part with a group named ``span``. Identifiers that only a label makes
identifiers ("MRN 4471920", "plate 7ABC123") are rule regexes in rules/*.yaml, not here:
these detectors find what has a shape of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence

import re2
from spacy.lang.en.stop_words import STOP_WORDS

from app.detectors import checksums
from app.findings import Entity
from app.fold import fold_accents
from app.prefilter import Prefilter

# In capitals too: "1200 EAST WASHINGTON ST" (the name words before it still need a capital).
_SUFFIX = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl"
    r"|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Loop|Alley"
    r"|Row|Crescent|Pike|Plaza|Walk"
    r"|STREET|ST|AVENUE|AVE|ROAD|RD|BOULEVARD|BLVD|LANE|LN|DRIVE|DR|COURT|CT|WAY|PLACE|PL)"
)
_UNIT = (
    r"(?:,?\s+(?:Apt|Apartment|Unit|Suite|Ste|Rm|Room|Apto|Depto|Dpto|Interior|Int|#)\b\.?"
    r"\s*#?\s*[A-Za-z0-9-]{1,6})?"
)
_STATES = (
    r"(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT"
    r"|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|PR|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)"
)
_ZIP = r"\d{5}(?:-\d{4})?"
_STATE_NAMES = (
    r"(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida"
    r"|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland"
    r"|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada"
    r"|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma"
    r"|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah"
    r"|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico)"
)
# ", Springfield, IL 62701" after a street address is part of it: a client's city and
# ZIP are identifiers too, and one span redacts them with the street.
_CITY_TAIL = rf"(?:,\s*(?:[A-Z][a-z]+\.?\s+){{0,2}}[A-Z][a-z]+,?\s+{_STATES}\b(?:\s+{_ZIP}\b)?)?"
# A street name is one to three capitalised words or an ordinal ("5th"). Requiring
# capitals keeps "3 days at Main Street" from reading "days at Main" as a street name.
_NAME_WORD = r"(?:[A-Z][A-Za-z'.-]*|\d{1,3}(?:st|nd|rd|th))"
_DIRECTION = r"(?:(?:[NSEW]|North|South|East|West|NORTH|SOUTH|EAST|WEST)\.?\s+)"
_ES_WORD = r"(?:(?:de|del|la|las|los|el)\s+)*(?:[A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÜÑáéíóúüñ'.-]*|\d{1,3})"
_DIGIT_WORD = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine"
    r"|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)"
)
_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|a hundred|one hundred)"
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_NUMERO = (
    r"(?:uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce"
    r"|quince|diecis[eé]is|diecisiete|dieciocho|diecinueve|veinte)"
)
_MES_ABBR = r"(?:ene|feb|mar|abr|may|jun|jul|ago|sept?|set|oct|nov|dic)"
_MES = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    r"|noviembre|diciembre)"
)


class PatternDetector:
    """``reject`` drops a match containing any of its words (lower case); ``validate``
    drops a match it returns False for."""

    def __init__(
        self,
        entity_type: str,
        patterns: tuple[str, ...],
        score: float,
        reject: frozenset[str] = frozenset(),
        validate: Callable[[str], bool] | None = None,
    ) -> None:
        self.entity_type = entity_type
        self.patterns = patterns
        self.score = score
        self.reject = frozenset(map(fold_accents, reject))
        self.validate = validate
        # run on text with accents folded (app/fold.py), as rule regexes are: RE2's \b is
        # ASCII-only ("José\b" never matched)
        self._compiled = tuple(re2.compile(fold_accents(p)) for p in patterns)

    def detect(self, text: str, only: Collection[int] | None = None) -> list[Entity]:
        """Matches of every pattern, or of the patterns numbered in ``only``."""
        return self.detect_folded(fold_accents(text), only)

    def detect_folded(self, text: str, only: Collection[int] | None = None) -> list[Entity]:
        """``detect`` on text already folded (same length: offsets hold in the original)."""
        found: dict[tuple[int, int], Entity] = {}
        for n, regex in enumerate(self._compiled):
            if only is not None and n not in only:
                continue
            group = regex.groupindex.get("span", 0)
            for m in regex.finditer(text):
                start, end = m.span(group)
                span = text[start:end]
                if self.reject and not self.reject.isdisjoint(span.lower().split()):
                    continue
                if self.validate is not None and not self.validate(span):
                    continue
                found[(start, end)] = Entity(self.entity_type, start, end, self.score, "patterns")
        return _drop_contained(list(found.values()))


def _drop_contained(entities: list[Entity]) -> list[Entity]:
    return [
        e
        for e in entities
        if not any(
            o is not e
            and o.start <= e.start
            and e.end <= o.end
            and (o.end - o.start) > (e.end - e.start)
            for o in entities
        )
    ]


STREET_ADDRESS = PatternDetector(
    "STREET_ADDRESS",
    (
        # "1420 Elm Street", "22 N. Oak Ave Apt 3B", "300 W 5th St.", "123 1/2 Main St",
        # "1420 Elm St, Springfield, IL 62701"
        rf"\b\d{{1,6}}[A-Za-z]?(?:\s+1/2)?\s+{_DIRECTION}?"
        rf"(?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD}\s+{_SUFFIX}\b{_UNIT}{_CITY_TAIL}",
        # "PO Box 12", "Post Office Box 9", "Apartado Postal 318", "Apdo. 12"
        r"(?i)\b(?:P\.?\s?O\.?\s*Box|Post\s+Office\s+Box|Apartado(?:\s+Postal)?|Apdo\.?"
        rf"|Casilla(?:\s+Postal)?)\s*#?\s*\d{{1,6}}\b{_CITY_TAIL}",
        # "610 N Broadway": a few streets need no suffix
        rf"\b\d{{1,6}}\s+{_DIRECTION}?(?:Broadway|Bowery)\b{_UNIT}{_CITY_TAIL}",
        # "4500 State Route 9", "12 County Road 40", "88 Highway 61"
        # and rural grid numbers: "N5521 County Rd 12"
        r"\b[NSEW]?\d{1,6}\s+"
        r"(?:(?:State|County|US|U\.S\.|Farm[- ]to[- ]Market|FM|Township|Twp\.?)\s+)?"
        rf"(?:Route|Rte\.?|Highway|Hwy\.?|Road|Rd\.?)\s+\d{{1,4}}[A-Z]?\b{_UNIT}{_CITY_TAIL}",
        # Rural routes and highway contract boxes: "RR 2 Box 15", "HC 1 Box 22"
        r"(?i)\b(?:RR|R\.R\.|Rural\s+Route|HC|H\.C\.|Highway\s+Contract|Star\s+Route)"
        r"\s*#?\s*\d{1,4}\s*,?\s*Box\s*#?\s*\d{1,6}\b",
        # Grid addresses (Utah, parts of the Mountain West): "1420 W 300 S"
        r"\b\d{1,6}\s+[NSEW]\.?\s+\d{1,5}\s+[NSEW]\b",
        # Spanish: "calle Juárez 45, Apto 3B", "Av. Reforma 222", "Calle 5 #12-34". Not
        # "privada" or "cerrada", which are adjectives far more often than street types.
        r"\b(?i:calle|avenida|av|avda|carrera|cra|camino|carretera|paseo|calzada|callej[oó]n"
        r"|diagonal|transversal|bulevar)\.?\s+"
        rf"(?:{_ES_WORD}\s+){{1,4}}(?:#\s*|[Nn][oº°]\.?\s*|[Nn][uú]m(?:ero|\.)?\s*)?"
        rf"\d{{1,5}}[A-Za-z]?(?:\s*-\s*\d{{1,4}})?\b{_UNIT}",
        # the number first: "1207 Avenida Las Palmas", "2315 de la calle Maple"
        r"\b\d{1,6}\s+(?:de\s+la\s+)?(?i:calle|avenida|av|avda|camino|carretera|paseo|calzada"
        rf"|callej[oó]n|bulevar)\.?\s+(?:{_ES_WORD}\s+){{0,3}}{_ES_WORD}\b{_UNIT}",
        # no house number, but a unit: "Garfield Blvd, Apt 3C", "Elm Street Unit 4"
        rf"\b{_DIRECTION}?(?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD}\s+{_SUFFIX}\b\.?,?\s+"
        r"(?:Apt|Apartment|Unit|Suite|Ste|Apto|Depto|#)\.?\s*#?\s*(?:\d{1,5}[A-Za-z]?|[A-Z]\d{0,3})\b",
        # a block: "the 600 block of W Harmon", "1400 block of Elm St"
        rf"\b\d{{1,5}}\s+block\s+of\s+{_DIRECTION}?(?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD}"
        rf"(?:\s+{_SUFFIX}\b\.?)?",
    ),
    0.85,
    # "WE SERVED 1420 MEALS ON MAIN ST": in capitals, words like these are no street name
    reject=frozenset({"on", "at", "in", "to", "for", "and", "served", "meals"}),
)

# "29 fulton st": lower-case drafts. Without capitals to go by, a match whose words
# include a stop word or a counted noun ("3 days at main street") is rejected.
STREET_ADDRESS_LOWER = PatternDetector(
    "STREET_ADDRESS",
    (
        # "1422 e 7th st": an ordinal is a street name too
        r"\b\d{1,6}\s+(?:(?:[a-z][a-z'.-]*|\d{1,3}(?:st|nd|rd|th))\s+){1,2}"
        r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place)\b",
    ),
    0.7,
    # ... and a time or distance before "drive" or "way" ("3 hour drive each way", justice40)
    reject=frozenset(STOP_WORDS)
    | {"days", "meals", "years", "hours", "people", "kids", "hour", "minute", "minutes", "mile"}
    | {"miles", "day", "week", "weeks", "month", "months", "year", "hr", "hrs", "min", "mins"},
)

# A ZIP code on its own is an identifier only where it says where someone is: after
# "zip code", after "lives in" / "moved to", or after a state ("Springfield, IL 62701").
# A bare five-digit number is an amount far more often ("we raised 60629").
ZIP_CODE = PatternDetector(
    "ZIP_CODE",
    (
        r"(?i:\b(?:zip(?:\s*code)?|zipcode|postal\s+code|c[oó]digo\s+postal|c\.\s?p\.)\s*"
        rf"(?:#|is|es|:)?\s*:?\s*)(?P<span>{_ZIP})\b",
        r"(?i:\b(?:lives?|living|moved|moving|relocated|stays?|staying|resides?|residing"
        r"|vive|viven|viv[ií]a|se\s+mud[oó])\s+(?:(?:out|back|over)\s+)?(?:in|to|at|from|en|a)\s+(?:(?:the|el|la)\s+)?)"
        # a town may come between the verb and the ZIP: "moved to Phoenix 85009", "se
        # mudó a San Antonio, 78207"
        r"(?:(?:St\.\s+)?[A-ZÁÉÍÓÚÑ][A-Za-záéíóúñ'-]+,?\s+){0,3}"
        rf"(?P<span>{_ZIP})\b",
        # after a state, with or without a comma, abbreviated or not: "Springfield IL
        # 62701", "Tonopah, Nevada 89049"
        rf"(?:,\s*|\s)(?:{_STATES}|{_STATE_NAMES})\.?,?\s+(?P<span>{_ZIP})\b",
        # where something is brought to someone: "a pantry that delivers to 48205", "mailing
        # her card to 60629", "can anyone drive out to 97266" (issue 3)
        r"(?i:\b(?:deliver(?:s|ed|ing)?|mail(?:s|ed|ing)?|ship(?:s|ped|ping)?|send(?:s|ing)?|sent"
        r"|drive|driving|drove|out)\s+(?:it\s+|them\s+|out\s+)?to\s+(?:the\s+)?)"
        # the ZIP ends the clause ("delivered to 12000 families" is a count)
        rf"(?P<span>{_ZIP})(?:\s*[?.!,;:)]|\s*$|\s+(?i:and|or|y|zip|area)\b)",
        # "a family in 60629", "the kids near the 78207": a place, not an amount
        # ... in Spanish too: "visité 6 casas en el 93060" (bench77)
        rf"(?i:\b(?:in|near|around|outside(?:\s+of)?|en|cerca\s+del?)\s+(?:the\s+|el\s+)?)(?P<span>{_ZIP})\b",
        # "the 60629 area"
        rf"\b(?P<span>{_ZIP})\s+(?i:area|neighbou?rhood|zip)\b",
        # a town, then its ZIP in brackets: "una trabajadora del viñedo de Delano (93215)"
        rf"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}}\s*\(\s*(?P<span>{_ZIP})\s*\)",
    ),
    0.85,
)

AGE = PatternDetector(
    "AGE",
    (
        # "14yo", "14 y/o", "14-year-old", "14 years old", "14 yrs old", "14-yr-old"
        # the \b after "yo" keeps "40 youth" from reading as "40 yo"
        # and the birthday idiom "80 years young"
        r"(?i)\b(?P<span>\d{1,3}\s*-?\s*(?:yo\b|y/o|y\.o\.?|years?[- ](?:old|young)\b"
        r"|yrs?\.?[- ](?:old|young)\b|yr\.?-old\b))",
        # a baby's age: "baby E is 6 weeks old", "a 3-month-old foster baby" (identifiers55);
        # a baby word must say whose ("kittens 8 weeks old" are a shelter's)
        r"(?i:\b(?:baby|babies|infant|newborn|twins?|preemie|son|daughter|boy|girl|bebé|bebe)\b"
        r"[^.!?\n]{0,30}?)(?P<span>\d{1,2}\s*-?\s*(?:days?|weeks?|wks?|months?|mos?)[- ]old)\b",
        r"(?i)\b(?P<span>\d{1,2}-(?:day|week|month)-old)\s+(?:foster\s+)?(?:baby|infant|newborn"
        r"|boy|girl|son|daughter|twins|preemie|in\s+the\s+nicu)\b",
        # "fourteen-year-old", "twelve years old", "ninety-two-year-old"
        rf"(?i)\b(?P<span>{_NUMBER_WORD}(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
        r"[- ](?:years?|yrs?)[- ]old)\b",
        # "age 14", "aged 12"; not a range ("aged 5 to 12" is a program's, not a person's)
        r"(?i)\b(?:age|aged|edad)\s*:?\s+(?P<span>\d{1,3}(?:\s*(?:-|to|through|and\s+(?:up|over|older|under))\b\s*(?:\d{1,3})?|\s*\+)?)",
        # "ages 4, 7 and 11": a list names particular children ("ages 12-17" is a range)
        r"(?i:\bages\s+)(?P<span>\d{1,2}(?:\s*,\s*\d{1,2})*\s*,?\s*(?:and|&|y)\s*\d{1,2})\b",
        # "her 90th birthday", "16th bday"
        r"(?i)\b(?P<span>\d{1,3}(?:st|nd|rd|th))\s+(?:birthday|bday|b-day|cumpleaños)",
        # "happy 18th kiana!!!", "Happy 90th, Mr. Lee!": the birthday unsaid. Never a
        # lone "4th" (the Fourth of July), nor "4th of ...", whose "of" is no name.
        r"(?i:\bhappy\s+)(?P<span>(?:[1-35-9]|\d{2,3})(?:st|nd|rd|th))"
        r"(?:\s*[!.,]|\s+[A-Z][a-z]+|\s+(?:to\s+)?(?:my\s+|our\s+)?[a-z]+\s*[!.,])",
        # "turned 16 today", "turns 18 next month"
        r"(?i:\bturn(?:ed|s|ing)\s+)(?P<span>\d{1,3})\b",
        # "Client, 16, was placed", "my foster son (9)"
        r"(?i:\b(?:client|patient|youth|kiddo|mentee|teen|boy|girl|son|daughter|child|kid|baby"
        r"|toddler|mom|mother|dad|father|resident|cliente|clienta|paciente|joven)s?\s*[,(]\s*)"
        r"(?P<span>\d{1,3})\s*[,)]",
        # "my client is 17 and pregnant", "she's 15.", "he was 3 when he came into care"
        # "Tasha Green was six when I met her", "she's nineteen now"
        r"(?:\b(?i:she|he|client|kiddo|son|daughter|patient|youth|mentee)|\b[A-Z][a-z'-]+"
        # or initials: "T.B. is 96 and still beats everyone at dominoes"
        r"|\b[A-Z]\.(?:\s?[A-Z]\.)+)"
        r"(?:'s|\s+is|\s+was)\s+(?i:only\s+|just\s+|now\s+|barely\s+|almost\s+)?"
        rf"(?P<span>\d{{1,2}}|(?i:{_NUMBER_WORD})(?:-(?i:one|two|three|four|five|six|seven|eight|nine))?)"
        # ... not a count with a thousands comma: "That's 18,400 hours" (minors48)
        r"(?:\s*(?i:and|when|now|,(?:\D|$)|\.|!|\?)|\s*$)",
        # "would be 42 now" of someone gone (bench77: "Deondre would be 42 now")
        # (the number ends the clause or is "now": "It would be 42 degrees" is no age)
        r"(?:\b[A-Z][a-z'-]+|\b(?i:she|he))\s+(?i:would\s+be|would\s+have\s+been|tendr[ií]a)\s+"
        r"(?P<span>\d{1,2})(?:\s*[.!,;]|\s*$|\s+(?i:now|today|this\s+year|años|ahora|hoy)\b)",
        # Right after a name or initials: "Walter Hollis, 94,", "Bao (11)", "A.K. (16)",
        # "JM, 14,", "DK (16)"
        # (not a count with a thousands comma: 'Harold "Hal" Peterson, 1,100 hours')
        r"(?:\b[A-Z][a-z'-]+|\b[A-Z]\.(?:\s?-?[A-Z]\.)+|\b[A-Z]{2,3})\s*,\s*(?P<span>\d{1,3})\s*,(?:\D|$)",
        r"(?:\b[A-Z][a-z'-]+|\b[A-Z]\.(?:\s?[A-Z]\.)+|\b[A-Z]{2,3})\s*\(\s*(?P<span>\d{1,3})\s*\)",
        # ... or opening a bracket of details: "J. M. (16, MRN 7730-2214)" (bench77)
        r"(?:\b[A-Z]\.(?:\s?[A-Z]\.)+|\b[A-Z]{2,3})\s*\(\s*(?P<span>\d{1,2})\s*,",
        # Spanish birthdays without "años": "hoy cumple 19 y ya trabaja", "cumplió 15!";
        # not "cumple 3 meses sobrio" (what follows the number must end the clause)
        r"(?i:\b(?:cumpli[oó]|cumple|cumplir[aá])\s+)(?P<span>\d{1,3})"
        r"(?:\s*[,.!?;)]|\s*$|\s+(?i:y|hoy|mañana|este|esta|el|la|en|ya|con)\b)",
        # Spanish: "de 15 años", "tiene 14 años", "cumplió 16 años", "a los 19 años"
        # (and the diminutive, "cumplió 4 añitos", "de 7 añitos"; "apenas 18 años";
        # "el bebé tiene 8 meses": bench77)
        r"(?i:\b(?:de|tiene|ten[ií]a|cumpli[oó]|cumple|cumplir[aá]|a\s+los|apenas)\s+)"
        r"(?P<span>\d{1,3}\s+a[ñn](?:itos|os))",
        # a clinician's shorthand for age and sex (probe, session 18): "Interesting case:
        # 34F, high school chemistry teacher in our county, presenting with", "pt is a 67M
        # w/ hx of CHF" (not "34F outside": a temperature has no case after it)
        r"(?:^|[:;,(]\s*|\b(?i:pt|patient|case|a|an|is|was)\s+)(?P<span>\d{1,2}\s?(?:y/?o\s?)?[FM])"
        r"(?:\s*,|\s+(?i:presenting|presents|presented|with|w/|who|c/o|admitted|brought|came)\b)",
        # ... and set off by a comma, ending its clause (probe, session 18): "Paciente de
        # hoy: maestra de la primaria del pueblo, 45 años, maneja el Tsuru verde" (not
        # "Celebramos, 25 años de servicio": a length of time goes on)
        r"(?:,\s*)(?P<span>\d{1,2}\s+a[ñn]os)(?:\s*[.,;!?)]|\s*$|\s+(?i:y|e)\b)",
        # (a baby's only: "mi hijo tiene 2 semanas sin ir a la escuela" is a length of time)
        r"(?i:\b(?:beb[ée]|bebit[oa]|nene|nena|reci[ée]n\s+nacid[oa])\s+(?:tiene|ten[ií]a|de|cumpli[oó]|cumple)\s+)"
        r"(?P<span>\d{1,2}\s+(?:meses|mesecitos|semanas|d[ií]as))",
        # "cumplió 15 y le hicimos su fiesta", "hoy cumplió cinco": the years unsaid, but
        # not a day of the month ("cumple 15 de marzo")
        rf"(?i:\b(?:cumpli[oó]|cumplir[aá])\s+)(?P<span>\d{{1,2}}|{_NUMERO})"
        r"(?:\s+(?:y|e|hoy|ayer|este|esta)\b|\s*[,.;!?]|\s*$)",
        # an age in passing, after a comma: "Kowalczyk today, 84 and still shovels his
        # walk", "at the warming center, 19 and already on his own"
        # ("still" only before a verb of one person, "still shovels": a tally goes on
        # too, "1,200 meals, 40 and still counting")
        r"(?:,\s*)(?P<span>\d{1,2})\s+(?i:and|y)\s+(?i:still\s+[a-z]{2,}s|already|pregnant"
        r"|homeless|alone|todav[ií]a|ya|sola?)\b",
        # ... or opening a sentence: "94 and sharp as a tack", "17 and pregnant again"
        r"(?:^|[.!?]\s+)(?P<span>\d{1,2})\s+(?i:and|y)\s+(?i:still|sharp|already|pregnant"
        r"|homeless|alone|on\s+(?:her|his)\s+own|todav[ií]a|ya|sola?)\b",
        # a birthday said by the age alone, opening a sentence: "14 today (10/22) and she
        # made honor roll", "7 today!", "Cumple... 15 hoy" (identifiers55); not "3 today,
        # 5 tomorrow" (a count goes on)
        r"(?:^|[.!?]\s+|[\x{1F300}-\x{1FAFF}\x{2600}-\x{27BF}]\s*)(?P<span>\d{1,2})\s+(?i:today|hoy)"
        r"(?:\s*[!.(]|\s+(?i:and|y)\b|\s*[\x{1F300}-\x{1FAFF}\x{2600}-\x{27BF}]|\s*$)",
    ),
    0.8,
    validate=checksums.plausible_age,
)

# North American numbers written the way people write them: "(217) 555-0148",
# "217.555.0148", "+1 217 555 0148", "555-201-\n3344" split by a line break,
# "555-201-3344 ext 12". Presidio's phonenumbers check rejects numbers in unassigned
# ranges such as 555-01xx, but a mistyped or fictional-looking number is still a number
# to look at; separators are required so ids and amounts don't match, unless a word
# such as "cell" or "call" comes right before ("cell 5552013344"). Mexican numbers as
# families write them from there: a two-digit area code, then four and four ("(33)
# 3615-2200", "+52 1 55 8123 4477"); the US region Presidio parses for misses them.
_SEP = r"(?:\s{0,2}[.-]\s{0,2}|\s{1,2})"
PHONE_NUMBER = PatternDetector(
    "PHONE_NUMBER",
    (
        rf"(?:\+52[\s.-]?(?:1[\s.-]?)?)?(?:\(\d{{2}}\)\s{{0,2}}|\b[1-9]\d{_SEP})\d{{4}}{_SEP}\d{{4}}\b",
        rf"(?:\+?1[\s.-]?)?(?:\(\d{{3}}\)\s{{0,2}}|\b\d{{3}}(?:{_SEP}|/))\d{{3}}{_SEP}\d{{4}}"
        r"(?:\s*(?i:ext\.?|x|extension)\s*\d{1,5})?\b",
        r"(?i:\b(?:call|text|txt|phone|cell|mobile|tel|telephone|fax|whatsapp|landline"
        r"|(?:her|his|their|my|mom's|dad's)\s+number|tel[eé]fono|celular|cel|llamar|llame"
        r"|llama|m[oó]vil)\b)[^0-9\n]{0,25}?(?P<span>(?:\+?1)?[2-9]\d{2}[2-9]\d{6})\b",
    ),
    0.5,
)

# "five five five two oh one three three four four", "555 two oh one 3344": written
# out so that filters miss it.
SPELLED_PHONE_NUMBER = PatternDetector(
    "PHONE_NUMBER",
    (
        rf"(?i)\b(?P<span>(?:{_DIGIT_WORD}|\d{{1,4}})(?:[\s,.-]{{1,3}}(?:{_DIGIT_WORD}|\d{{1,4}}))"
        r"{2,13})\b",
    ),
    0.5,
    validate=checksums.spelled_phone,
)

# Addresses written so that scrapers miss them: "jenny.r88 [at] gmail [dot] com",
# "jenny at gmail dot com", "jenny.r88(at)gmail.com". Presidio's recognizer needs an "@".
_AT = r"(?:\s*(?:\[at\]|\(at\)|\{at\}|<at>)\s*)"
_DOT = r"(?:\s*(?:\[dot\]|\(dot\)|\{dot\}|<dot>)\s*|\s+(?:dot|punto)\s+)"
EMAIL_ADDRESS = PatternDetector(
    "EMAIL_ADDRESS",
    (
        rf"(?i)\b(?P<span>[a-z0-9][a-z0-9._%+-]*{_AT}[a-z0-9-]+(?:(?:\.|{_DOT})[a-z0-9-]+)*"
        rf"(?:\.|{_DOT})[a-z]{{2,6}})\b",
        r"(?i)\b(?P<span>[a-z0-9][a-z0-9._%+-]*\s+(?:at|arroba)\s+[a-z0-9-]+"
        rf"(?:(?:\.|{_DOT})[a-z0-9-]+)*?{_DOT}(?:com|org|net|edu|gov|us|io|me|info|co|biz|mx))\b",
    ),
    0.8,
)

# Dates Presidio and spaCy's small model miss or score low: "3/14", "3-14-09",
# "14 de marzo de 2009". They are reported only where a rule's context ties them to a
# person (a birth, an admission, a death).
NUMERIC_DATE = PatternDetector(
    "DATE_TIME",
    (
        r"\b(?P<span>\d{1,2}/\d{1,2}(?:/(?:\d{4}|\d{2}))?)\b",
        r"\b(?P<span>\d{1,2}-\d{1,2}-(?:\d{4}|\d{2})|\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2}))\b",
        r"\b(?P<span>\d{4}[-/]\d{1,2}[-/]\d{1,2})\b",
        # a month and a year, which Safe Harbor counts as a date element: "DOB: 04/2009"
        r"\b(?P<span>\d{1,2}/(?:19|20)\d{2})\b",
    ),
    0.6,
    validate=checksums.calendar_date,
)

WRITTEN_DATE = PatternDetector(
    "DATE_TIME",
    (
        rf"(?i)\b(?P<span>{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)\b",
        rf"(?i)\b(?P<span>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?(?:,?\s+\d{{4}})?)\b",
        # a day of the month alone, where the sentence ends or goes on: "her birthday is
        # on the 9th!", "turns 18 on the 22nd, and"; not "the 3rd time", "the 14th annual"
        r"(?i:\bthe\s+)(?P<span>\d{1,2}(?:st|nd|rd|th))(?:\s*[,.;!?)]|\s*$|\s+(?:and|but|so|when)\b)",
        # a month and a year: "born in January of 2011", "born March 2009"
        rf"(?i)\b(?P<span>{_MONTH}\.?,?\s+(?:of\s+)?(?:19|20)\d{{2}})\b",
        # a month and a year in Spanish: "nació en abril de 2009"
        rf"(?i)\b(?P<span>{_MES}\s+(?:de|del)\s+\d{{4}})\b",
        # "3 de febrero del 2008", "4 de marzo, 2009"
        rf"(?i)\b(?P<span>\d{{1,2}}\s+de\s+{_MES}(?:(?:\s+(?:de|del)|,)\s+\d{{4}})?)\b",
        # forms filled in with the month abbreviated between dashes or slashes, the way
        # intake sheets and EHR exports print them: "14-Mar-2009", "14/MAR/09",
        # "Mar-14-2009"
        rf"(?i)\b(?P<span>\d{{1,2}}[-/ ](?:{_MONTH}|{_MES_ABBR})\.?[-/ ](?:\d{{4}}|\d{{2}}))\b",
        rf"(?i)\b(?P<span>{_MONTH}[-/]\d{{1,2}}[-/](?:\d{{4}}|\d{{2}}))\b",
    ),
    0.6,
)

# A VIN with a valid check digit is a vehicle's identifier with or without the word
# "VIN" (rules/contact_identifiers.yaml reports labelled ones whatever their digit).
VEHICLE_ID = PatternDetector(
    "VEHICLE_ID",
    (r"\b(?P<span>[A-HJ-NPR-Z0-9]{17})\b",),
    0.85,
    validate=checksums.vin_check_digit,
)


class PatternDetectors:
    """All the detectors, asked together: one prefilter pass over the text finds the
    few patterns that match, and only those run."""

    def __init__(self, detectors: Sequence[PatternDetector]) -> None:
        self._detectors = tuple(detectors)
        self._owners = [(d, n) for d in self._detectors for n in range(len(d.patterns))]
        self._prefilter = Prefilter([fold_accents(p) for d in self._detectors for p in d.patterns])

    def __iter__(self) -> Iterator[PatternDetector]:
        return iter(self._detectors)

    def detect(self, text: str) -> list[Entity]:
        folded = fold_accents(text)
        hits: dict[PatternDetector, set[int]] = {}
        for index in self._prefilter.matching(folded):
            detector, n = self._owners[index]
            hits.setdefault(detector, set()).add(n)
        return [e for detector, only in hits.items() for e in detector.detect_folded(folded, only)]


DETECTORS = PatternDetectors(
    (
        STREET_ADDRESS,
        STREET_ADDRESS_LOWER,
        ZIP_CODE,
        AGE,
        PHONE_NUMBER,
        SPELLED_PHONE_NUMBER,
        EMAIL_ADDRESS,
        NUMERIC_DATE,
        WRITTEN_DATE,
        VEHICLE_ID,
    )
)

"""Our own pattern detectors, for identifiers stock Presidio misses.

Each is data: an entity type, RE2 patterns (linear-time) and a score. A pattern may
mark the reported part with a group named ``span``.
"""

from __future__ import annotations

import re2
from spacy.lang.en.stop_words import STOP_WORDS

from app.findings import Entity

_SUFFIX = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl"
    r"|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Loop|Alley"
    r"|Row|Crescent|Pike|Plaza|Walk)"
)
_UNIT = r"(?:,?\s+(?:Apt|Apartment|Unit|Suite|Ste|Rm|Room|#)\.?\s*#?\s*[A-Za-z0-9-]{1,6})?"
# A street name is one to three capitalised words or an ordinal ("5th"). Requiring
# capitals keeps "3 days at Main Street" from reading "days at Main" as a street name.
_NAME_WORD = r"(?:[A-Z][A-Za-z'.-]*|\d{1,3}(?:st|nd|rd|th))"


class PatternDetector:
    """``reject`` drops a match containing any of its words (lower case)."""

    def __init__(
        self,
        entity_type: str,
        patterns: tuple[str, ...],
        score: float,
        reject: frozenset[str] = frozenset(),
    ) -> None:
        self.entity_type = entity_type
        self.patterns = patterns
        self.score = score
        self.reject = reject
        self._compiled = tuple(re2.compile(p) for p in patterns)

    def detect(self, text: str) -> list[Entity]:
        found: dict[tuple[int, int], Entity] = {}
        for regex in self._compiled:
            group = regex.groupindex.get("span", 0)
            for m in regex.finditer(text):
                start, end = m.span(group)
                if self.reject and not self.reject.isdisjoint(text[start:end].lower().split()):
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
        # "1420 Elm Street", "22 N. Oak Ave Apt 3B", "300 W 5th St."
        r"\b\d{1,6}[A-Za-z]?\s+(?:(?:[NSEW]|North|South|East|West)\.?\s+)?"
        rf"(?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD}\s+{_SUFFIX}\b{_UNIT}",
        r"(?i)\b(?:P\.?\s?O\.?\s*Box|Post\s+Office\s+Box)\s+\d{1,6}\b",
        # "610 N Broadway": a few streets need no suffix
        r"\b\d{1,6}\s+(?:(?:[NSEW]|North|South|East|West)\.?\s+)?(?:Broadway|Bowery)\b",
    ),
    0.85,
)

# "29 fulton st": lower-case drafts. Without capitals to go by, a match whose words
# include a stop word or a counted noun ("3 days at main street") is rejected.
STREET_ADDRESS_LOWER = PatternDetector(
    "STREET_ADDRESS",
    (
        r"\b\d{1,6}\s+(?:[a-z][a-z'.-]*\s+){1,2}"
        r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place)\b",
    ),
    0.7,
    reject=frozenset(STOP_WORDS) | {"days", "meals", "years", "hours", "people", "kids"},
)

AGE = PatternDetector(
    "AGE",
    (
        # "14yo", "14 y/o", "14-year-old", "14 years old", "14 yrs old"
        # the closing \b keeps "40 youth" from reading as "40 yo"
        r"(?i)\b(?P<span>\d{1,2}\s*(?:yo|y/o|y\.o|-?\s*years?[- ]old|yrs?\.?[- ]old))\b",
        r"(?i)\b(?:age|aged)\s+(?P<span>\d{1,2})\b",
    ),
    0.8,
)

# North American numbers written the way people write them: "(217) 555-0148",
# "217.555.0148", "+1 217 555 0148". Presidio's phonenumbers check rejects numbers in
# unassigned ranges such as 555-01xx, but a mistyped or fictional-looking number is
# still a number to look at; separators are required so ids and amounts don't match.
PHONE_NUMBER = PatternDetector(
    "PHONE_NUMBER",
    (r"(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b",),
    0.5,
)

DETECTORS: tuple[PatternDetector, ...] = (STREET_ADDRESS, STREET_ADDRESS_LOWER, AGE, PHONE_NUMBER)

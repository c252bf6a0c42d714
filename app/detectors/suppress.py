"""What stock Presidio + spaCy report that is not an identifier in this domain.

Each check names the draft that motivated it. They run on every entity the
Presidio adapter returns, before any rule sees it.
"""

from __future__ import annotations

import dataclasses

import re2

from app.findings import Entity

_MONTH = re2.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d"
)
_HAS_DIGIT = re2.compile(r"\d")
_NUMERIC_DATE = re2.compile(r"\d{1,4}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?")
_ID_LIKE = re2.compile(r"[A-Za-z]+[-_#]?\d|\d[-_]?[A-Za-z]")


def _chunk(text: str, start: int, end: int) -> str:
    """The whitespace-delimited chunk of text around [start, end)."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


def _is_date_like(text: str, start: int, end: int) -> bool:
    span = text[start:end]
    # "Long day", "annual", "Saturday", "yesterday": spaCy's DATE, but no date a
    # person can be found by. HIPAA Safe Harbor concerns dates with a day or month.
    if not _HAS_DIGIT.search(span):
        return False
    # "CW-2023-00817" (a case number, which a rule reports as such) came back as DATE.
    if _ID_LIKE.search(_chunk(text, start, end).strip(".,;:!?()[]")):
        return False
    # "1420" in "1420 Elm Street", "14" in "J.M., 14,": bare numbers and bare years.
    # A year alone is allowed under Safe Harbor; an age is reported by the age detector.
    return bool(_MONTH.search(span) or _NUMERIC_DATE.search(span))


def _clean_person(entity: Entity, text: str) -> Entity | None:
    start, end = entity.start, entity.end
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
    if (start, end) == (entity.start, entity.end):
        return entity
    return dataclasses.replace(entity, start=start, end=end)


def clean(entity: Entity, text: str) -> Entity | None:
    """The entity, trimmed, or None when it is not an identifier in this domain."""
    if entity.entity_type == "DATE_TIME":
        return entity if _is_date_like(text, entity.start, entity.end) else None
    if entity.entity_type == "PERSON":
        return _clean_person(entity, text)
    return entity


def resolve(entities: list[Entity]) -> list[Entity]:
    """Drop names and places that are part of a street address.

    "home visit at 509 Juniper St" gave PERSON "Juniper St" beside the address.
    """
    addresses = [e for e in entities if e.entity_type == "STREET_ADDRESS"]
    if not addresses:
        return entities
    return [
        e
        for e in entities
        if e.entity_type not in {"PERSON", "LOCATION"}
        or not any(a.start < e.end and e.start < a.end for a in addresses)
    ]

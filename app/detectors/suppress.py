"""What stock Presidio + spaCy report that is not an identifier in this domain.

Each check names the draft that motivated it. They run on every entity the
Presidio adapter returns, before any rule sees it.
"""

from __future__ import annotations

import re2
from spacy.tokens import Doc

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


def keep_entity(entity: Entity, doc: Doc) -> bool:
    if entity.entity_type == "DATE_TIME":
        return _is_date_like(doc.text, entity.start, entity.end)
    return True

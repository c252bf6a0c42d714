"""Each suppression with the draft that motivated it."""

from __future__ import annotations

import pytest

from app.detectors.suppress import clean
from app.findings import Entity


def _clean(text: str, span: str, entity_type: str = "DATE_TIME") -> str | None:
    start = text.index(span)
    entity = Entity(entity_type, start, start + len(span), 0.85, "SpacyRecognizer")
    kept = clean(entity, text)
    return None if kept is None else text[kept.start : kept.end]


def _keep(text: str, span: str, entity_type: str = "DATE_TIME") -> bool:
    return _clean(text, span, entity_type) == span


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Long day at the shelter.", "Long day"),
        ("Join our annual fundraiser", "annual"),
        ("Join us Saturday", "Saturday"),
        ("placed yesterday", "yesterday"),
        ("case #CW-2023-00817 closed", "CW-2023-00817"),
        ("case #CW-2023-00817 closed", "2023-00817"),
        ("at 1420 Elm Street", "1420"),
        ("Client J.M., 14, was placed", "14"),
        ("founded in 1998", "1998"),
    ],
)
def test_not_dates_of_a_person(text: str, span: str) -> None:
    assert not _keep(text, span)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("DOB 03/14/2009", "03/14/2009"),
        ("born on May 2, 2011", "May 2, 2011"),
        ("admitted 2024-01-15", "2024-01-15"),
        ("birthday is March 3", "March 3"),
    ],
)
def test_real_dates_are_kept(text: str, span: str) -> None:
    assert _keep(text, span)


def test_other_entity_types_are_untouched() -> None:
    assert _keep("Maria Lopez", "Maria Lopez", "PERSON")


@pytest.mark.parametrize(
    ("text", "span", "kept"),
    [
        ("got to meet the Sluggers today ⚾", "⚾", None),
        ("TO COLLEGE!!! 🎓🎓🎓 SO PROUD", "🎓🎓🎓 SO", None),
        ("#Hospice #PalliativeCare", "Hospice", None),
        ("Please RSVP for the dinner", "RSVP", None),
        ("🎉 Maria Lopez!", "🎉 Maria Lopez", "Maria Lopez"),
        ("HAPPY GRADUATION KEISHA BROWN!!!", "KEISHA BROWN", "KEISHA BROWN"),
        ("my client priya s. texted", "priya s.", "priya s."),
    ],
)
def test_person_spans_are_trimmed_or_dropped(text: str, span: str, kept: str | None) -> None:
    assert _clean(text, span, "PERSON") == kept

from __future__ import annotations

import pytest

from app.detectors.patterns import (
    AGE,
    DETECTORS,
    PHONE_NUMBER,
    STREET_ADDRESS,
    STREET_ADDRESS_LOWER,
)


def _found(detector: object, text: str) -> list[str]:
    return [text[e.start : e.end] for e in detector.detect(text)]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Long day at the shelter on 1420 Elm Street.", "1420 Elm Street"),
        ("visited 22 N. Oak Ave Apt 3B today", "22 N. Oak Ave Apt 3B"),
        ("moved to 300 W 5th St. last week", "300 W 5th St"),
        ("lives at 9 Martin Luther King Blvd, Suite 4", "9 Martin Luther King Blvd, Suite 4"),
        ("Send donations to PO Box 1188, Springfield", "PO Box 1188"),
        ("Our office at 12 Main St is hiring", "12 Main St"),
        ("meet at 610 N Broadway at noon", "610 N Broadway"),
        ("rally at 1 Convention Plaza", "1 Convention Plaza"),
    ],
)
def test_street_addresses(text: str, address: str) -> None:
    assert _found(STREET_ADDRESS, text) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "3 days at Main Street Park were fun",  # "days at Main" is not a street name
        "We served 1420 meals on Main Street this year",
        "Room 12 is ready",
        "Top 5 ways to support foster youth",
    ],
)
def test_street_address_near_misses(text: str) -> None:
    assert _found(STREET_ADDRESS, text) == []
    assert _found(STREET_ADDRESS_LOWER, text.lower()) == []


@pytest.mark.parametrize(
    ("text", "address"),
    [("she lives at 29 fulton st now", "29 fulton st"), ("at 4 elm court", "4 elm court")],
)
def test_lower_case_street_addresses(text: str, address: str) -> None:
    assert _found(STREET_ADDRESS_LOWER, text) == [address]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("my 14yo client", "14yo"),
        ("she is 14 y/o", "14 y/o"),
        ("a 15-year-old in care", "15-year-old"),
        ("he is 8 years old", "8 years old"),
        ("youth age 16 and up", "16"),
        ("aged 12 at removal", "12"),
    ],
)
def test_ages(text: str, age: str) -> None:
    assert _found(AGE, text) == [age]


@pytest.mark.parametrize(
    "text", ["We turned 40 this year", "ages 12-18 welcome", "in 2014", "all 40 youth"]
)
def test_age_near_misses(text: str) -> None:
    assert _found(AGE, text) == []


def test_every_detector_is_tested() -> None:
    tested = {"STREET_ADDRESS", "AGE", "PHONE_NUMBER"}
    assert {d.entity_type for d in DETECTORS} == tested


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Text Maria at (217) 555-0148 tonight", "(217) 555-0148"),
        ("call 217.555.0148", "217.555.0148"),
        ("call +1 217 555 0148", "+1 217 555 0148"),
        ("Call me at 555-201-3344", "555-201-3344"),
    ],
)
def test_phone_numbers(text: str, number: str) -> None:
    assert _found(PHONE_NUMBER, text) == [number]


@pytest.mark.parametrize(
    "text", ["Scholarships of $500-1000", "case 2023-118-4471", "ID 2175550148", "1-800-799"]
)
def test_phone_number_near_misses(text: str) -> None:
    assert _found(PHONE_NUMBER, text) == []

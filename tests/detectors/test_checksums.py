"""The checks pattern matches must pass: check digits, digit counts, calendar sense."""

from __future__ import annotations

import pytest

from app.detectors import checksums


@pytest.mark.parametrize(
    ("vin", "valid"),
    [
        ("1M8GDM9AXKP042788", True),  # check digit X
        ("1HGCM82633A004352", True),
        ("JH4KA7561PC008269", True),
        ("1hgcm82633a004352", True),
        ("1HGCM82633A004353", False),
        ("1HGCM82633A00435", False),  # 16 characters
        ("1HGCM82633I004352", False),  # I never occurs in a VIN
        ("12345678901234567", False),
    ],
)
def test_vin_check_digit(vin: str, valid: bool) -> None:
    assert checksums.vin_check_digit(vin) is valid


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("five five five two oh one three three four four", "5552013344"),
        ("555 two oh one 3344", "5552013344"),
        ("cinco, cinco, cinco", "555"),
        ("five and dime", ""),
    ],
)
def test_spoken_digits(text: str, digits: str) -> None:
    assert checksums.spoken_digits(text) == digits


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("five five five two oh one three three four four", True),
        ("one five five five two oh one three three four four", True),  # leading 1
        ("555 two oh one 3344", True),
        ("555 201 3344", False),  # no words: not this check's business
        ("one two three four five six seven eight nine zero", False),  # area code 123
        ("five five five one oh one three three four four", False),  # exchange 101
        ("five five five two oh one", False),  # too short
    ],
)
def test_spelled_phone(text: str, valid: bool) -> None:
    assert checksums.spelled_phone(text) is valid


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("3/14", True),
        ("14/03/2009", True),
        ("2009-03-14", True),
        ("3.14.2009", True),
        ("24/7", False),
        ("13/13", False),
        ("5/35", False),
        ("0/12", False),
        ("2024-2025", False),
        ("2024/25", False),
    ],
)
def test_calendar_date(text: str, valid: bool) -> None:
    assert checksums.calendar_date(text) is valid


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("14", True),
        ("fourteen-year-old", True),
        ("4, 7 and 11", True),
        ("101", True),
        ("180", False),
        ("5 to 12", False),
        ("16 and up", False),
        ("18+", False),
        ("12-17", False),
    ],
)
def test_plausible_age(text: str, valid: bool) -> None:
    assert checksums.plausible_age(text) is valid

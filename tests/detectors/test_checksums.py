"""The checks pattern matches must pass: check digits, digit counts, calendar sense."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.detectors import checksums

# (check, text, whether it passes)
CASES: list[tuple[Callable[[str], bool], str, bool]] = [
    (checksums.vin_check_digit, "1M8GDM9AXKP042788", True),  # check digit X
    (checksums.vin_check_digit, "1HGCM82633A004352", True),
    (checksums.vin_check_digit, "JH4KA7561PC008269", True),
    (checksums.vin_check_digit, "1hgcm82633a004352", True),
    (checksums.vin_check_digit, "1HGCM82633A004353", False),
    (checksums.vin_check_digit, "1HGCM82633A00435", False),  # 16 characters
    (checksums.vin_check_digit, "1HGCM82633I004352", False),  # I never occurs in a VIN
    (checksums.vin_check_digit, "12345678901234567", False),
    (checksums.spelled_phone, "five five five two oh one three three four four", True),
    (checksums.spelled_phone, "one five five five two oh one three three four four", True),
    (checksums.spelled_phone, "555 two oh one 3344", True),
    (checksums.spelled_phone, "555 201 3344", False),  # no words: not this check's business
    (checksums.spelled_phone, "one two three four five six seven eight nine zero", False),
    (checksums.spelled_phone, "five five five one oh one three three four four", False),
    (checksums.spelled_phone, "five five five two oh one", False),  # too short
    (checksums.calendar_date, "3/14", True),
    (checksums.calendar_date, "14/03/2009", True),
    (checksums.calendar_date, "2009-03-14", True),
    (checksums.calendar_date, "3.14.2009", True),
    (checksums.calendar_date, "24/7", False),
    (checksums.calendar_date, "13/13", False),
    (checksums.calendar_date, "5/35", False),
    (checksums.calendar_date, "0/12", False),
    (checksums.calendar_date, "2024-2025", False),
    (checksums.calendar_date, "2024/25", False),
    (checksums.calendar_date, "04/2009", True),
    (checksums.calendar_date, "13/2009", False),
    (checksums.calendar_date, "1/1000", False),
    (checksums.plausible_age, "14", True),
    (checksums.plausible_age, "fourteen-year-old", True),
    (checksums.plausible_age, "4, 7 and 11", True),
    (checksums.plausible_age, "101", True),
    (checksums.plausible_age, "180", False),
    (checksums.plausible_age, "5 to 12", False),
    (checksums.plausible_age, "16 and up", False),
    (checksums.plausible_age, "18+", False),
    (checksums.plausible_age, "12-17", False),
]


@pytest.mark.parametrize(
    ("check", "text", "passes"),
    [pytest.param(c, t, p, id=f"{c.__name__}-{t}") for c, t, p in CASES],
)
def test_check(check: Callable[[str], bool], text: str, passes: bool) -> None:
    assert check(text) is passes


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

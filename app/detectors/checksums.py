"""Checks a pattern match must pass before it is reported: check digits and counts.

Each takes the matched text and says whether it is what the pattern claims. They run
only on matches, so they cost nothing on a draft without candidates.
"""

from __future__ import annotations

import re2

# ISO 3779 / 49 CFR 565.15: letter values for the VIN check digit (I, O, Q never occur).
_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)

_AGE_RANGE = re2.compile(r"(?i)\d\s*(?:-|to|through)\s*\d|\+|\band\s+(?:up|over|older|under)\b")
_FIRST_NUMBER = re2.compile(r"\d+")

_DIGIT_WORDS = {
    "zero": "0",
    "oh": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "cero": "0",
    "uno": "1",
    "dos": "2",
    "tres": "3",
    "cuatro": "4",
    "cinco": "5",
    "seis": "6",
    "siete": "7",
    "ocho": "8",
    "nueve": "9",
}


def vin_check_digit(text: str) -> bool:
    """A 17-character North American VIN whose ninth character is its check digit.

    Every vehicle sold in the US since 1981 carries one, and a random 17-character
    code passes with odds of 1 in 11, so part numbers and tracking codes rarely do.
    """
    vin = text.upper()
    if len(vin) != 17 or any(c not in _VIN_VALUES for c in vin):
        return False
    if vin.isdigit() or vin.isalpha():
        return False
    total = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS, strict=True)) % 11
    return vin[8] == ("X" if total == 10 else str(total))


def spoken_digits(text: str) -> str:
    """The digits of a number written partly or wholly in words ("five five five two
    oh one ..."), or "" if any word is not a digit word."""
    out = []
    for word in text.replace(",", " ").replace(".", " ").replace("-", " ").lower().split():
        if word.isdigit():
            out.append(word)
        elif word in _DIGIT_WORDS:
            out.append(_DIGIT_WORDS[word])
        else:
            return ""
    return "".join(out)


def spelled_phone(text: str) -> bool:
    """Ten digits of a North American number (or eleven with the leading 1), at least
    two of them written as words: "555 two oh one 3344". Counting rhymes ("one, two,
    three, ...") stop short of ten digits or start with 1, which no area code does."""
    digits = spoken_digits(text)
    words = sum(not w.isdigit() for w in text.replace(",", " ").replace("-", " ").split())
    if words < 2:
        return False
    if len(digits) == 11 and digits[0] == "1":
        digits = digits[1:]
    return len(digits) == 10 and digits[0] in "23456789" and digits[3] in "23456789"


def calendar_date(text: str) -> bool:
    """A numeric date whose parts can be a month and a day, in either order
    ("3/14", "14/03/2009", "2009-03-14"), or a month and a year ("04/2009"); "24/7",
    "5/35" and "13/2009" are not."""
    parts = [p for p in text.replace("-", "/").replace(".", "/").split("/") if p]
    if len(parts) < 2 or not all(p.isdigit() for p in parts):
        return False
    if len(parts[0]) == 4:  # year first: 2009-03-14; "2024-2025" is a span of years
        parts = parts[1:]
        if len(parts) < 2:
            return False
    first, second = int(parts[0]), int(parts[1])
    if len(parts) == 2 and len(parts[1]) == 4:  # a month and a year: "04/2009"
        return 1 <= first <= 12 and 1900 <= second <= 2099
    if len(parts) == 2 and (first, second) == (24, 7):
        return False
    return (1 <= first <= 12 and 1 <= second <= 31) or (1 <= second <= 12 and 1 <= first <= 31)


def plausible_age(text: str) -> bool:
    """One person's age: a number a human can be ("turned 180 degrees" is not), and not
    a range ("aged 5 to 12", "age 18+", "age 16 and up" describe a program's clients)."""
    if _AGE_RANGE.search(text):
        return False
    first = _FIRST_NUMBER.search(text)
    return first is None or int(first.group()) <= 120

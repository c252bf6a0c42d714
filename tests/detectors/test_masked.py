"""Names with a letter starred out, put back before detection (app/detectors/masked.py)."""

from __future__ import annotations

import pytest

from app.config import Settings
from app.detectors.masked import MaskedNames
from app.detectors.names import NameLexicon
from app.screener import Screener


@pytest.fixture(scope="module")
def masked(settings: Settings) -> MaskedNames:
    return MaskedNames(NameLexicon.load(settings.models_dir / "names"))


@pytest.mark.parametrize(
    ("text", "unmasked"),
    [
        ("My client M*ria L*pez got her kids back", "My client Maria Lopez got her kids back"),
        ("my client J*hn relapsed", "my client John relapsed"),
        ("Shoutout to my kiddo K**sha!", "Shoutout to my kiddo Keisha!"),
        # in lower case, only a given name
        ("my client m*ria", "my client maria"),
    ],
)
def test_a_starred_out_name_is_put_back(masked: MaskedNames, text: str, unmasked: str) -> None:
    assert masked.unmask(text) == unmasked


@pytest.mark.parametrize(
    "text",
    [
        # a word starred out: some vowel makes a common word
        "F*ck this week. Sh*t happens.",
        "what the h*ll, d*mn it",
        # stars around a word (bold in chat), a rating, a footnote, arithmetic
        "*Maria* is our volunteer of the month!",
        "Rated us 5* on the survey*",
        "3*4 = 12, and a*b in the formula",
        # a star that makes no name
        "Our Q*rx program",
    ],
)
def test_other_stars_stay(masked: MaskedNames, text: str) -> None:
    assert masked.unmask(text) == text


def test_the_violation_quotes_the_name_as_typed(screener: Screener) -> None:
    text = "My client M*ria L*pez finally got her kids back today!"
    names = [v.text for v in screener.check(text).violations if v.entity_type == "PERSON"]
    assert names == ["M*ria L*pez"]


def test_only_the_first_fifty_starred_words_are_read(masked: MaskedNames) -> None:
    # a draft of thousands of starred words is an attack, not a post: its cost is bounded
    text = " ".join(["M*ria"] * 60)
    assert masked.unmask(text).split() == ["Maria"] * 50 + ["M*ria"] * 10

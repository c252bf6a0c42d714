"""The prefilter names exactly the patterns that match, so skipping the rest loses nothing."""

from __future__ import annotations

import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from app.detectors.patterns import DETECTORS
from app.prefilter import Prefilter

# Patterns with literal atoms, without any, case-insensitive and non-ASCII ones.
PATTERNS = [
    r"(?i)\bcase\s*#\s*(?P<span>\d+)",
    r"\b\d{3}-\d{4}\b",
    r"(?i:calle)\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s+\d+",
    r"[A-Z]{17}",
    r"(?i)a[ñn]os",
]


def _searched(patterns: list[str], text: str) -> list[int]:
    return [i for i, p in enumerate(patterns) if re2.search(p, text)]


def test_names_the_patterns_that_match() -> None:
    prefilter = Prefilter(PATTERNS)
    text = "Case # 12 at calle Juárez 45, call 555-0100; tiene 15 AÑOS"
    assert prefilter.matching(text) == [0, 1, 2, 4]
    assert prefilter.matching("nothing here") == []


def test_no_patterns() -> None:
    assert Prefilter([]).matching("case # 12") == []


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="case#0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ calleJuárez añosÑ\n", max_size=80)
)
def test_agrees_with_searching_each_pattern(text: str) -> None:
    assert Prefilter(PATTERNS).matching(text) == _searched(PATTERNS, text)


def test_agrees_on_every_detector_pattern() -> None:
    patterns = [p for d in DETECTORS for p in d.patterns]
    text = (
        "My client, 14, lives at 1420 Elm St, Springfield, IL 62701, cell 555-201-3344, "
        "DOB 3/14/2009, VIN 1M8GDM9AXKP042788, jenny at gmail dot com, nació el 14 de marzo"
    )
    assert Prefilter(patterns).matching(text) == _searched(patterns, text)

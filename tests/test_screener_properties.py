"""Invariants of the whole pipeline on arbitrary text (real model, so few examples)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.screener import Screener

pytestmark = pytest.mark.slow

_PIECES = st.sampled_from(
    [
        "my client ",
        "Maria Lopez",
        " 🎉",
        "\u200b",
        "ﬁ",
        " at 1420 Elm Street",
        ", 555-201-3344",
        " relapsed",
        " DOB 03/14/2009",
        " case #CW-2023-00817",
        "\n",
        "Ｍａｒｉａ",
        " J.M., 14,",
    ]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=12).map("".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_TEXT)
def test_violations_point_into_the_original_text(screener: Screener, text: str) -> None:
    result = screener.check(text) if text else None
    if result is None:
        return
    previous_end = 0
    for v in result.violations:
        assert 0 <= v.start < v.end <= len(text)
        assert text[v.start : v.end] == v.text
        assert v.start >= previous_end, "violations are sorted and do not overlap"
        previous_end = v.end
    assert result.verdict in {"block", "warn", "pass"}
    if all(v.severity == "info" for v in result.violations):
        assert result.redacted_text == text

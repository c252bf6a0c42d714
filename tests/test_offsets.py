from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.offsets import utf16_converter


def test_emoji_count_two_utf16_units() -> None:
    text = "🎉 my client Maria"
    conv = utf16_converter(text)
    start = text.index("Maria")
    assert conv(start) == start + 1
    assert text.encode("utf-16-le")[conv(start) * 2 :].decode("utf-16-le") == "Maria"


@given(st.text(), st.integers(min_value=0))
def test_matches_python_utf16_encoding(text: str, i: int) -> None:
    i %= len(text) + 1
    assert utf16_converter(text)(i) == len(text[:i].encode("utf-16-le")) // 2

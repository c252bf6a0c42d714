from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.normalise import normalise


def test_zero_width_and_bidi_characters_are_removed_and_mapped_back() -> None:
    text = "my client Ma\u200bria Lo\u202epez"
    norm = normalise(text)
    assert norm.text == "my client Maria Lopez"
    start = norm.text.index("Maria")
    assert norm.to_original(start, start + len("Maria Lopez")) == (10, len(text))


def test_typographic_quotes_and_dashes_become_ascii() -> None:
    assert normalise("client’s 555–201–3344").text == "client's 555-201-3344"


def test_compatibility_forms_are_folded() -> None:
    norm = normalise("ｍｙ ｃｌｉｅｎｔ")  # fullwidth letters
    assert norm.text == "my client"
    assert norm.to_original(3, 9) == (3, 9)


def test_expansion_maps_to_its_source_character() -> None:
    norm = normalise("ﬁle 12")  # the "fi" ligature expands to two characters
    assert norm.text == "file 12"
    assert norm.to_original(0, 4) == (0, 3)
    assert norm.to_original(5, 7) == (4, 6)


@given(st.text())
def test_spans_map_inside_the_original(text: str) -> None:
    norm = normalise(text)
    n = len(norm.text)
    for start in range(0, n + 1, max(1, n // 7 or 1)):
        for end in range(start, n + 1, max(1, n // 5 or 1)):
            s, e = norm.to_original(start, end)
            assert 0 <= s <= e <= len(text)


@given(st.text(alphabet=st.characters(codec="ascii")))
def test_ascii_is_unchanged(text: str) -> None:
    norm = normalise(text)
    assert norm.text == text
    assert norm.to_original(0, len(text)) == (0, len(text))


@given(st.text(), st.text(alphabet="abc XYZ123", min_size=1))
def test_a_word_after_any_prefix_maps_back_to_itself(prefix: str, word: str) -> None:
    text = prefix + " " + word
    norm = normalise(text)
    start = len(norm.text) - len(word)
    s, e = norm.to_original(start, len(norm.text))
    assert text[s:e] == word

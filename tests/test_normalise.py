from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.normalise import normalise


def test_zero_width_and_bidi_characters_are_removed_and_mapped_back() -> None:
    # U+202A (left-to-right embedding) changes nothing a reader sees in Latin text; an
    # override (U+202E) would reverse it, see test_evasion.py
    text = "my client Ma\u200bria Lo\u202apez"
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


_WORD = st.from_regex(r"[A-Za-z]{2,10}[,.!?']?", fullmatch=True).filter(
    lambda w: w.strip(",.!?'").lower() not in {"at", "dot"}
)


@given(st.lists(_WORD, max_size=30).map(" ".join))
def test_plain_ascii_prose_is_unchanged(text: str) -> None:
    # No single letters, digits or written-out e-mail: nothing for a rewrite to undo.
    norm = normalise(text)
    assert norm.text == text
    assert norm.to_original(0, len(text)) == (0, len(text))


@given(st.text(alphabet=st.characters(codec="ascii")))
def test_ascii_text_maps_whole_onto_whole(text: str) -> None:
    # ASCII may be rewritten ("j0hn" is "john"), but every character is accounted for.
    norm = normalise(text)
    assert norm.to_original(0, len(norm.text)) == (0, len(text)) or not norm.text


# Consonants only: no digit word ("one"), top-level domain or single letter, so no
# rewrite joins the word to the prefix.
@given(st.text(), st.from_regex(r"[bcdfghjkmnpqrstvwxzBCDFG]{3,8}( [bcdfg]{3,6})?", fullmatch=True))
def test_a_word_after_any_prefix_maps_back_to_itself(prefix: str, word: str) -> None:
    text = prefix + "\n" + word  # a line break ends any right-to-left override
    norm = normalise(text)
    start = len(norm.text) - len(word)
    s, e = norm.to_original(start, len(norm.text))
    assert text[s:e] == word

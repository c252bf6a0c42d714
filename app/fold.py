"""Accents folded, one character for one: what rule regexes run on.

RE2's ``\\b`` knows ASCII letters only, so ``(?:acepté|acepte)\\b`` never matched "acepté la
solicitud" (between "é" and a space RE2 sees no word boundary), and ``\\bél`` never matched
at all. Rule regexes are therefore compiled with their accents folded and run on the
draft's text folded the same way: "é" is "e", "ñ" is "n", "ü" is "u". Each character maps
to exactly one, so every offset found in the folded text is the same in the original. A
bonus for Spanish posts typed without accents: "mi clienta esta embarazada" now meets a
pattern written "está".
"""

from __future__ import annotations

import unicodedata


def _table() -> dict[int, str]:
    """Each Latin letter with diacritics (U+00C0-U+024F) whose canonical decomposition is
    an ASCII letter and combining marks, mapped to that letter."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))
        ascii_letter = base[0].isascii() and base[0].isalpha()
        if ascii_letter and len(base) > 1 and all(unicodedata.combining(c) for c in base[1:]):
            table[code] = base[0]
    return table


_FOLD = _table()


def fold_accents(text: str) -> str:
    """``text`` with accented Latin letters replaced by their base letter; same length."""
    return text.translate(_FOLD)

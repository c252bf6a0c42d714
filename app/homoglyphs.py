"""Letters of other scripts drawn like Latin ones ("Maria" with a Cyrillic capital Em), folded
back to Latin inside words that are otherwise Latin.

The table comes from the Unicode confusables data that ``confusable-homoglyphs``
ships (Unicode's ``confusables.txt``), kept to letters whose look-alike is one ASCII
letter, plus the small capitals ("ᴍᴀʀɪᴀ"), which that data maps to other small letters.
Real Cyrillic or Greek text is left alone: a word is folded only when it mixes Latin
letters with look-alikes, or is made of look-alikes alone in a draft with no other
Cyrillic or Greek letter.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import re2

# Cyrillic and Greek (with Coptic): the scripts whose real text we must not fold.
_CYRILLIC_GREEK = re.compile(r"[\u0370-\u052f\u1f00-\u1fff]")


def _small_capital(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    prefix = "LATIN LETTER SMALL CAPITAL "
    if name.startswith(prefix) and len(letter := name.removeprefix(prefix)) == 1:
        return letter
    return None


@cache
def table() -> dict[str, str]:
    """Non-ASCII letter -> the ASCII letter it is drawn like. Built once (~0.5 s)."""
    from confusable_homoglyphs.confusables import confusables_data  # type: ignore[import-untyped]

    out: dict[str, str] = {}
    for ch, entries in confusables_data.items():
        if len(ch) != 1 or ch.isascii() or not unicodedata.category(ch).startswith("L"):
            continue
        targets = [e["c"] for e in entries if len(e["c"]) == 1 and e["c"].isascii()]
        letters = [t for t in targets if t.isalpha()]
        if not letters:
            continue
        # Same case first: Cyrillic "М" is "M", not "m". Unicode's skeleton for a capital
        # I is "l" (they are confusable with each other); a capital stays a capital.
        same = [t for t in letters if t.isupper() == ch.isupper()]
        target = (same or letters)[0]
        if ch.isupper() and target == "l":
            target = "I"
        out[ch] = target
    for cp in range(0x1D00, 0x1D2C):
        if (small := _small_capital(chr(cp))) is not None:
            out[chr(cp)] = small
    for cp in range(0x0250, 0x02B0):
        if (small := _small_capital(chr(cp))) is not None:
            out[chr(cp)] = small
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"


@cache
def _any_glyph() -> re2._Regexp:
    return re2.compile("[" + "".join(f"\\x{{{ord(c):x}}}" for c in sorted(table())) + "]")


def fold(text: str) -> str:
    """``text`` with look-alike letters replaced, one character for one: offsets hold."""
    hits = [m.start() for m in _any_glyph().finditer(text)]
    if not hits:
        return text
    glyphs = table()
    # Any Cyrillic or Greek letter that is not a look-alike means the draft really is
    # (partly) in that script; then only words that mix in Latin letters are folded.
    real_script = any(ch not in glyphs and ch.isalpha() for ch in _CYRILLIC_GREEK.findall(text))
    out = list(text)
    done = -1
    for at in hits:
        if at < done:
            continue
        start, end = at, at + 1
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        done = end
        word = text[start:end]
        if not all(_latin(ch) or ch in glyphs for ch in word):
            continue
        if real_script and not any(ch.isascii() for ch in word):
            continue
        for i in range(start, end):
            if (ch := text[i]) in glyphs and not ch.isascii():
                out[i] = glyphs[ch]
    return "".join(out)

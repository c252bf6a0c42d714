"""Normalisation that keeps a map back to the text as the client sent it.

Detection runs on the normalised text; every span is mapped back with
:meth:`Normalised.to_original` so offsets in a response always index the original.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Typographic forms that NFKC leaves alone but that break word lists and regexes
# ("client’s" must match "client's"; "555–201–3344" with en dashes is a phone number).
_TRANSLATE = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2212": "-",
}


@dataclass(frozen=True, slots=True)
class Normalised:
    text: str
    # _origin[i] is the index in the original text of normalised character i;
    # one extra entry maps the end of the text.
    _origin: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the original text."""
        if end <= start:
            at = self._origin[start]
            return at, at
        # Each source character is one code point; an expansion ("ﬁ" → "fi") shares
        # its source, so the span ends just after the last source character it touches.
        return self._origin[start], self._origin[end - 1] + 1


def normalise(text: str) -> Normalised:
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            out.append(ch)
            origin.append(i)
            continue
        if unicodedata.category(ch) == "Cf":
            # zero-width spaces/joiners and bidi controls hide words from matchers
            continue
        mapped = _TRANSLATE.get(ch) or unicodedata.normalize("NFKC", ch)
        for piece in mapped:
            out.append(piece)
            origin.append(i)
    origin.append(len(text))
    return Normalised("".join(out), tuple(origin))

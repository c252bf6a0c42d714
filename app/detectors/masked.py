"""Names with a letter starred out: "my client M*ria L*pez", "J*hn relapsed again".

Writers star out a vowel to "hide" a name that everyone who knows the person still
reads. The model reads "M*ria" as nothing at all. :class:`MaskedNames` puts a vowel
back where a star stands inside a word, when that makes a name of the lists and no
vowel makes a common word: "F*ck" and "sh*t" are words starred out ("fuck", "shit"
are common words), "M*ria" is Maria. Only the stars change, one character for one, so
offsets hold; violations quote the draft as typed.
"""

from __future__ import annotations

import re
from itertools import product

from app.detectors.names import NameLexicon, fold

# A word of letters with one or two stars inside, not at its ends ("M*ria", "Ta**sha");
# not "*Maria*" (bold in chat) nor "5*" (a rating).
# Python's engine, bounded: RE2's DFA runs out of memory on the Unicode letter classes.
_MASKED = re.compile(r"(?<![^\W_*])([^\W\d_]{1,12}\*{1,2}[^\W\d_]{1,12})(?![^\W_*])")
_VOWELS = "aeiouy"
# No post stars out more names than this; a draft of thousands of starred words (an
# attack) costs no more than this many look-ups of up to 36 vowel pairs each.
_MAX_MASKED = 50


class MaskedNames:
    def __init__(self, lexicon: NameLexicon) -> None:
        given = lexicon.given - lexicon.everyday
        self._surnames = lexicon.surnames - lexicon.everyday
        self._given = given
        self._words = lexicon.common - given
        self._seen = lexicon.words  # any word met in text, names among them: "lopez"

    def _rank(self, folded: str, capitalised: bool) -> int | None:
        """How likely a name ``folded`` is (lower is likelier), or None for no name: a
        given name, then a surname; one met in text ("Keisha", "Lopez") before one that
        is not ("Keesha", "Lepez"). In lower case only a given name ("m*ria")."""
        unseen = folded not in self._seen
        if folded in self._given:
            return unseen
        if capitalised and folded in self._surnames:
            return 2 + unseen
        return None

    def _name(self, word: str) -> str | None:
        """``word`` with its stars made the vowels that give the likeliest name, or None."""
        best: tuple[int, str] | None = None
        for vowels in product(_VOWELS, repeat=word.count("*")):
            it = iter(vowels)
            candidate = "".join(next(it) if ch == "*" else ch for ch in word)
            folded = fold(candidate)
            if folded in self._words:
                return None  # a word starred out: "sh*t", "F*ck"
            rank = self._rank(folded, word[0].isupper())
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, candidate)
        return None if best is None else best[1]

    def unmask(self, text: str) -> str:
        if "*" not in text:
            return text
        out = None
        for n, m in enumerate(_MASKED.finditer(text)):
            if n == _MAX_MASKED:
                break
            name = self._name(m.group(1))
            if name is None:
                continue
            if out is None:
                out = list(text)
            out[m.start(1) : m.end(1)] = name
        return text if out is None else "".join(out)

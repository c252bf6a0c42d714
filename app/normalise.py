"""Normalisation that keeps a map back to the text as the client sent it.

Detection runs on the normalised text; every span is mapped back with
:meth:`Normalised.to_original` so offsets in a response always index the original.

Two steps make one map:

1. a character pass: compatibility forms (fullwidth letters, ligatures, mathematical
   and circled letters and digits) by NFKC, and letters in brackets or in black circles
   and squares ("⒨⒜⒭⒤⒜", "🅼🅰🆁🅸🅰"), which NFKC brackets or leaves; zero-width,
   bidi-control, variation-selector, keycap and other invisible characters dropped;
   typographic quotes and dashes made ASCII; text under a right-to-left override put
   back in reading order; look-alike letters of other scripts inside Latin words made
   Latin (:mod:`app.homoglyphs`);
2. rewrites found on that (:mod:`app.evasion`): letters and digits spaced out, digits
   spelled out, leetspeak, e-mail addresses written out, phone numbers split across
   lines.

Every character of the result stands for a span of the original: one character for
itself, "5" for the word "five", "M" for the Cyrillic Em it was drawn as. A span of the result
maps to the original from the start of its first character's span to the end of its
last's, so a finding on "Maria" made of "M a r i a" highlights all nine characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import re2

from app import evasion, homoglyphs

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
    "\x0b": "\n",  # vertical tab: a line break pasted from a word processor
    "\x0c": "\n",
    "\x85": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
}
# Drawn as nothing, or as decoration on the character before, but not format characters
# (Cf): the combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian
# variation selectors, combining overlays and underlines ("M̶a̶r̶i̶a̶"), combining marks for
# symbols (the keycap of "5️⃣"), variation selectors.
_INVISIBLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0"
    + "".join(map(chr, range(0x0332, 0x0339)))
    + "".join(map(chr, range(0x20D0, 0x2100)))
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xFE20, 0xFE30)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)
# Any character the character pass would change or drop, but NFKC: format characters
# (Cf), combining marks (Mn, Me), the invisible ones above, the typographic forms and
# digits other than ASCII. A draft with none of these
# that is already in NFKC (most drafts, emoji and all) skips the pass character by character.
_DIGITS = frozenset(chr(c) for c in range(0x80, 0x20000) if chr(c).isdecimal())
_SPECIAL = re2.compile(
    "[\\p{Cf}\\p{Mn}\\p{Me}\\x{0}-\\x{8}\\x{b}\\x{c}\\x{e}-\\x{1f}\\x{7f}-\\x{9f}"
    "\\x{1F150}-\\x{1F169}\\x{1F170}-\\x{1F189}"
    + "".join(f"\\x{{{ord(c):x}}}" for c in sorted(_INVISIBLE | set(_TRANSLATE) | _DIGITS))
    + "]"
)
_RLO, _PDF = "\u202e", "\u202c"
_EMOJI_GLUE = frozenset("\u200d\ufe0e\ufe0f")  # zero-width joiner, variation selectors
# Printable ASCII (and tab, line breaks) is copied in runs; the rest goes character by
# character. C0 controls, DEL and C1 controls are dropped: a NUL inside a name hid it.
_CHUNK = re.compile(r"[\t\n\r\x20-\x7e]+|[^\t\n\r\x20-\x7e]+")
_PLAIN = frozenset("\t\n\r" + "".join(map(chr, range(0x20, 0x7F))))
_CONTROL = re2.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bidi embeddings, overrides and isolates open a stretch of text: they join the span of
# the character after them.
_OPENERS = frozenset("\u202a\u202b\u202d\u202e\u2066\u2067\u2068")
# What each non-ASCII character becomes: computed once per distinct character. A draft
# of 20,000 emoji costs dictionary look-ups, not 20,000 NFKC calls. Bounded, so a stream
# of distinct characters cannot grow it without limit.
_FOLDED: dict[str, str] = {}
_FOLDED_MAX = 20_000


@dataclass(frozen=True, slots=True)
class Normalised:
    text: str
    # Normalised character i stands for original[_starts[i]:_ends[i]]; one more entry of
    # _starts maps the end of the text. _ends is None when every character stands for
    # exactly one original character (the common case: no rewrite).
    _starts: Sequence[int]
    _ends: Sequence[int] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the original text."""
        if end <= start:
            at = self._starts[start]
            return at, at
        last = self._ends[end - 1] if self._ends is not None else self._starts[end - 1] + 1
        return self._starts[start], last


def _fold_char(ch: str) -> str:
    folded = _FOLDED.get(ch)
    if folded is None:
        if ch in _TRANSLATE:
            folded = _TRANSLATE[ch]
        elif "\u249c" <= ch <= "\u24b5":  # a letter in brackets, "⒨⒜⒭⒤⒜": NFKC gives "(m)"
            folded = chr(ord(ch) - 0x249C + ord("a"))
        elif "\U0001f150" <= ch <= "\U0001f169" or "\U0001f170" <= ch <= "\U0001f189":
            # a capital in a black circle or square, "🅼🅰🆁🅸🅰", which NFKC leaves as it is
            folded = chr((ord(ch) - 0x1F150) % 0x20 + ord("A"))
        elif ch in _INVISIBLE or unicodedata.category(ch) in {"Cf", "Cc"}:
            # zero-width spaces/joiners, bidi and control characters hide words
            folded = ""
        else:
            folded = unicodedata.normalize("NFKC", ch)
            if len(folded) == 1 and not folded.isascii() and folded.isdecimal():
                folded = str(unicodedata.decimal(folded))  # "٥٥٥" (Arabic-Indic) is "555"
        if len(_FOLDED) < _FOLDED_MAX:
            _FOLDED[ch] = folded
    return folded


def _latin(ch: str) -> bool:
    return (
        (ch.isascii() and ch.isalpha()) or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"
    )


def _characters(text: str) -> tuple[str, list[int], list[int], list[evasion.Rewrite]]:
    """The character pass: the folded text, the span of the original each character
    stands for (starts, ends), and the spans written under a right-to-left override, to
    be put back in reading order.

    A dropped character joins the span of the character before it (a keycap or a
    variation selector belongs to its digit or emoji), or of the one after it when it
    opens something (a bidi override or isolate) or starts the text.
    """
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    overrides: list[tuple[int, int]] = []  # spans of the folded text, right to left
    rlo_at: int | None = None
    pending: int | None = None  # start of dropped characters waiting for the next one
    for chunk in _CHUNK.finditer(text):
        a, b = chunk.span()
        if text[a] in _PLAIN:  # a run of printable ASCII, tabs and line breaks: copied whole
            if rlo_at is not None and (nl := text.find("\n", a, b)) >= 0:
                overrides.append((rlo_at, len(starts) + nl - a))  # ends with its paragraph
                rlo_at = None
            first = len(starts)
            pieces.append(chunk.group())
            starts.extend(range(a, b))
            ends.extend(range(a + 1, b + 1))
            if pending is not None:
                starts[first], pending = pending, None
            continue
        for i in range(a, b):
            ch = text[i]
            if ch in _EMOJI_GLUE and starts and not pieces[-1][-1].isalnum():
                # part of an emoji ("🕯️", "👨‍👩‍👧"), kept as sent: the model reads the post
                # as it always did; between letters or digits it hides them, and goes
                pieces.append(ch)
                starts.append(i if pending is None else pending)
                ends.append(i + 1)
                pending = None
                continue
            if starts and unicodedata.combining(ch) and _latin(pieces[-1][-1]):
                # A mark on a Latin letter: composed with it when Unicode has the
                # letter ("e" + acute is "é"), else decoration, dropped ("M̴̢a̷" zalgo).
                composed = unicodedata.normalize("NFC", pieces[-1][-1] + ch)
                if len(composed) == 1:
                    pieces[-1] = pieces[-1][:-1] + composed
                ends[-1] = i + 1
                continue
            folded = _fold_char(ch)
            if folded:
                pieces.append(folded)
                for _ in folded:
                    starts.append(i if pending is None else pending)
                    ends.append(i + 1)
                    pending = None
                continue
            if ch == _RLO:
                rlo_at = len(starts)
            elif ch == _PDF and rlo_at is not None:
                overrides.append((rlo_at, len(starts)))
                rlo_at = None
            if ch in _OPENERS or not starts:
                pending = i if pending is None else pending
            elif pending is None:
                ends[-1] = i + 1
    if rlo_at is not None:
        overrides.append((rlo_at, len(starts)))
    if pending is not None and starts:
        ends[-1] = len(text)
    folded_text = homoglyphs.fold("".join(pieces))
    # Shown right to left, stored left to right: the reader saw it reversed. Each
    # character stands for the whole span, as its order there is not the reader's.
    reversed_spans = [
        evasion.Rewrite(s, e, tuple((folded_text[k], s, e) for k in range(e - 1, s - 1, -1)))
        for s, e in overrides
        if e > s
    ]
    return folded_text, starts, ends, reversed_spans


def normalise(text: str) -> Normalised:
    norm = _normalise(text)
    return _tame_long_runs(norm) if _LONG_RUN_HINT.search(norm.text) else norm


def _normalise(text: str) -> Normalised:
    if text.isascii() and not _CONTROL.search(text):
        rewrites = evasion.find(text)
        if not rewrites:
            return Normalised(text, range(len(text) + 1))
        n = len(text)
        return _compose(n, text, range(n), range(1, n + 1), rewrites)
    if unicodedata.is_normalized("NFKC", text) and not _SPECIAL.search(text):
        folded = homoglyphs.fold(text)
        n = len(text)
        return _compose(n, folded, range(n), range(1, n + 1), evasion.find(folded))
    folded, starts, ends, reversed_spans = _characters(text)
    rewrites = evasion.find(folded, first=reversed_spans)
    return _compose(len(text), folded, starts, ends, rewrites)


# spaCy's tokenizer splits prefixes and suffixes off a token one at a time, searching the
# rest each time: a run of thousands of brackets, quotes or emoji with no space cost it
# seconds (4,000 "[" took 5.7 s, 4,000 emoji 6 s), and the model reads every one of the
# thousands of tokens it makes. No identifier is made of symbols alone, so a run of them
# (eight or more, with or without spaces between) is read as its first character, which
# stands for the whole run; a very long run without a space gets one every so often.
_SYMBOL_RUN = re.compile(r"(?:[^\s\w]+\s+){7,}[^\s\w]+|[^\s\w]{8,}")
_LONG_WORD = re.compile(r"\S{257,}")
# the cheap test first (RE2, whose \w is ASCII: a few more texts pass it than need to)
_LONG_RUN_HINT = re2.compile(r"[^\s\w]{8}|(?:[^\s\w]+\s+){7}[^\s\w]|\S{257}")
_RUN_APART = 128


def _tame_long_runs(norm: Normalised) -> Normalised:
    text = norm.text
    rewrites = [
        evasion.Rewrite(m.start(), m.end(), ((m.group()[0], m.start(), m.end()),))
        for m in _SYMBOL_RUN.finditer(text)
    ]
    collapsed = [(r.start, r.end) for r in rewrites]
    for m in _LONG_WORD.finditer(text):
        for k in range(m.start() + _RUN_APART, m.end(), _RUN_APART):
            if not any(a <= k < b for a, b in collapsed):
                # a space before character k, standing for it as the character does
                rewrites.append(evasion.Rewrite(k, k + 1, ((" ", k, k + 1), (text[k], k, k + 1))))
    rewrites.sort(key=lambda r: r.start)
    n = len(text)
    starts = norm._starts[:n]
    ends = norm._ends if norm._ends is not None else [s + 1 for s in starts]
    return _compose(norm._starts[n], text, starts, ends, rewrites)


def _compose(
    length: int,
    folded: str,
    starts: Sequence[int],
    ends: Sequence[int],
    rewrites: list[evasion.Rewrite],
) -> Normalised:
    """Apply the rewrites to the folded text; map each character through both steps.
    ``length`` is the original text's, which the end of the folded text maps to."""
    if not rewrites:
        return Normalised(folded, [*starts, length], ends)
    out: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    pos = 0
    for rw in [*rewrites, evasion.Rewrite(len(folded), len(folded), ())]:
        out.append(folded[pos : rw.start])
        out_starts.extend(starts[pos : rw.start])
        out_ends.extend(ends[pos : rw.start])
        for ch, a, b in rw.out:
            out.append(ch)
            out_starts.append(starts[a])
            out_ends.append(ends[b - 1])
        pos = rw.end
    out_starts.append(length)
    return Normalised("".join(out), out_starts, out_ends)

"""Names disguised letter by letter: spaced out ("M a r i a") and leetspeak ("M4ria")."""

from __future__ import annotations

import re
from collections.abc import Iterable

import re2

from app.evasion.rewrite import Rewrite

# --- letters spaced out: "M a r i a", "M.a.t.e.o", "J-a-d-e-n" ------------------------
# Three or more single letters with the same single separator between them, not touching
# another letter or digit. Words of a spaced name may be set apart by a wider gap ("M a r
# i a  L o p e z"). A lower-case letter must start four or more of them ("t g i f" is
# harmless either way; "a b" is not touched), and dotted capitals are initials or
# acronyms ("J.M.L.", "U.S.A."), which other rules read as they are.
_L = r"[^\W\d_]"
# the separator: one or two spaces, or one mark ("." "-" "*" "❤️"...) with a space either side
_SPACED_WORD = rf"{_L}(?P<sep> {{1,2}}| ?[^\w\s]\ufe0f? ?|_){_L}(?:(?P=sep){_L}){{1,40}}"
_MORE_WORDS = rf"(?:(?: {{1,6}}|\s*[/|]\s*){_L}(?:(?P=sep){_L}){{1,40}}){{0,4}}"
_SPACED = re.compile(rf"(?<![^\W_]){_SPACED_WORD}{_MORE_WORDS}(?![^\W_])")
_TITLE_WORDS = re.compile(r"(?:[^\W\d_a-z][^\W\d_A-Z]+)+")


# Cheap test first: three single letters in a row. Most posts have none, and the full
# pattern costs ten times as much.
_SPACED_HINT = re2.compile(
    r"(?:^|[^\pL\pN])\pL[^0-9A-Za-z\n]{1,3}\pL[^0-9A-Za-z\n]{1,3}\pL(?:$|[^\pL\pN])"
)


def spaced_letters(text: str) -> Iterable[Rewrite]:
    done = 0
    for hint in _SPACED_HINT.finditer(text):
        if hint.start() < done:
            continue
        m = _SPACED.search(text, hint.start(), hint.end() + 400)
        if m is None:
            continue
        done = m.end()
        sep = m.group("sep")
        letters = [(i, ch) for i, ch in enumerate(m.group(), m.start()) if ch.isalpha()]
        if "." in sep and all(ch.isupper() for _, ch in letters):
            continue
        if not letters[0][1].isupper() and len(letters) < 4:
            continue
        # Words in title case ("S a m u e l O k a f o r") are split at each capital.
        title = _TITLE_WORDS.fullmatch("".join(ch for _, ch in letters)) is not None
        out: list[tuple[str, int, int]] = []
        for (i, ch), nxt in zip(letters, [*letters[1:], None], strict=True):
            out.append((ch, i, i + 1))
            if nxt is None:
                break
            gap = text[i + 1 : nxt[0]]
            # A wider gap between words, or a capital after small letters ("S a m u e l
            # O k a f o r"), starts a new word: one space, standing for the gap.
            if gap != sep or (title and nxt[1].isupper()):
                out.append((" ", i + 1, nxt[0]))
        yield Rewrite(m.start(), m.end(), tuple(out))


# --- leetspeak in names: "j0hn", "M4ria", "K3ish4", "M@ria" -----------------------------
# A token of letters and digits in which letters are the majority and every digit is
# one that stands for a letter. Not: ordinals, times, ages and units ("1st", "5pm",
# "7yo", "3x"), model names ending in digits ("MP3", "PS5"), nor any part of an e-mail,
# handle, hashtag, URL or compound id (the look-behind and look-ahead).
_LEET = {"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i", "|": "l"}
_VOWELS = frozenset("aeiouy")
# Where a letter and a stand-in digit touch; each such place is widened to its token.
_LEET_HINT = re2.compile(r"[A-Za-z][013457@$!|]|[013457@$][A-Za-z]")
_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@$!|")
# Not part of a handle, hashtag, URL, path, compound id or e-mail address.
_BEFORE_NOT = frozenset("_#./:-@")
_NOT_LEET = re.compile(
    r"(?i)\d+(?:st|nd|rd|th|am|pm|yo|yrs?|hrs?|mins?|mo|mos|wks?|lbs?|kg|mg|ml|oz|ft|k|x|s|m|g|h|d)"
)
_LEET_DIGITS = frozenset("013457@$!|")
_DIGIT_RUN = re.compile(r"\d\d")
_INSIDE_ONLY = frozenset("@!|")  # stand for a letter only between two letters


def _one(prev: str, nxt: str) -> str:
    # "1" is "i" or "l": "ke1sha", "j1ll", "mar1a" (between letters that want a vowel)
    # against "1ucy", "a1ex", "danie1" (next to vowels, or at the ends).
    if not nxt:
        return "l"
    if nxt.lower() not in _VOWELS:
        return "i"
    return "i" if prev and prev.lower() not in _VOWELS else "l"


def _tokens(text: str) -> Iterable[tuple[int, str]]:
    seen = -1
    for hint in _LEET_HINT.finditer(text):
        start = hint.start()
        if start < seen:
            continue
        while start > 0 and text[start - 1] in _TOKEN_CHARS:
            start -= 1
        end = hint.end()
        while end < len(text) and text[end] in _TOKEN_CHARS:
            end += 1
        seen = end
        while end > start and text[end - 1] in _INSIDE_ONLY | {"$"}:  # "Maria!", "5$"
            end -= 1
        while start < end and text[start] in _INSIDE_ONLY:  # "@maria", "|ab"
            start += 1
        before, after = text[start - 1 : start], text[end : end + 2]
        if not 3 <= end - start <= 24 or (before and (before.isalnum() or before in _BEFORE_NOT)):
            continue
        if after[:1] in {"_", "@"} or (after[:1] in {".", "/", ":", "-"} and after[1:].isalnum()):
            continue
        yield start, text[start:end]


def leetspeak(text: str) -> Iterable[Rewrite]:
    for start, token in _tokens(text):
        subs = sum(ch in _LEET_DIGITS for ch in token)
        if not subs or any(ch.isdigit() and ch not in _LEET_DIGITS for ch in token):
            continue
        letters = len(token) - subs
        if letters <= subs or _NOT_LEET.fullmatch(token) or token[0] in _BEFORE_NOT:
            continue
        if token.rstrip("0123456789") != token and token.rstrip("0123456789").isupper():
            continue
        # two digits in a row are a number in a handle or a gamer tag ("xXdarkwolf07Xx",
        # "lexi2007"), not letters of a name: a name's stand-ins are one at a time
        if _DIGIT_RUN.search(token):
            continue
        upper = sum(ch.isupper() for ch in token) > letters / 2
        out = []
        for k, ch in enumerate(token):
            if ch in _LEET_DIGITS:
                prev, nxt = token[k - 1 : k], token[k + 1 : k + 2]
                ch = _one(prev, nxt) if ch == "1" else _LEET[ch]
                # the first letter of a name in lower case after it ("7iana", "5amuel")
                if upper or (k == 0 and token[1:].islower()):
                    ch = ch.upper()
            out.append((ch, start + k, start + k + 1))
        yield Rewrite(start, start + len(token), tuple(out))


# --- a handle with a space after its "@": "her IG is @ maria_lopez22" -----------------
# Only a word shaped like a personal account (an underscore, a digit or an inner dot in
# it, a letter first), so "meet us @ the library" and "@ 5pm" stay as written.
_SPACED_HANDLE = re.compile(r"(?<![\w@])@[ \t]{1,2}([A-Za-z][A-Za-z0-9_.]{2,29})(?![\w@])")
_MAX_HANDLES = 50
_HANDLE_SHAPE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[_0-9]|\.[A-Za-z0-9])[A-Za-z0-9_.]*")


def spaced_handles(text: str) -> Iterable[Rewrite]:
    if "@ " not in text and "@\t" not in text:
        return
    for n, m in enumerate(_SPACED_HANDLE.finditer(text)):
        if n == _MAX_HANDLES:  # no post tags more people than this
            return
        handle = m.group(1).rstrip(".")
        if not _HANDLE_SHAPE.fullmatch(handle):
            continue
        start = m.start(1)
        out = [("@", m.start(), start), *((ch, i, i + 1) for i, ch in enumerate(handle, start))]
        yield Rewrite(m.start(), start + len(handle), tuple(out))

"""Numbers disguised: digits spaced, dotted or spelled out ("five five five", "cinco
cinco"), letters for digits ("617-555-O199"), split across lines."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import re2

from app.evasion.rewrite import Rewrite, keep

# --- digits spaced, dotted or spelled out ----------------------------------------------
# "6 1 7 5 5 5 0 1 9 9", "6.1.7.5.5.5.0.1.9.9", "six one seven five five five oh one
# nine nine", "cinco cinco cinco...", "718 five five five 0166", "triple five". Seven or
# more digits: spaced single digits, or with three or more digit words. A count ("one
# two three four five six seven", "7 6 5 4 3 2 1") is not a number; a leading "Oh," is a
# word. The digits keep the writer's grouping; without one, ten digits are set out as a
# North American phone number, nine as an SSN and seven as a local number, so the
# detectors that know those shapes see them.
_EN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_ES = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]
_DIGIT_WORDS = {**{w: str(n) for n, w in enumerate(_EN)}, **{w: str(n) for n, w in enumerate(_ES)}}
_DIGIT_WORDS |= {"oh": "0", "o": "0"}
_REPEAT = {"double": 2, "triple": 3, "doble": 2}
# Pairs said as numbers: "thirty-three forty-four", "oh one ninety-nine", "nineteen"; a
# tens word takes the unit word after it ("thirty-three" is 33, "thirty" alone 30).
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"]
_TEENS += ["eighteen", "nineteen"]
_TEEN_WORDS = {w: str(10 + n) for n, w in enumerate(_TEENS)}
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_TENS_WORDS = {w: str(n + 2) for n, w in enumerate(_TENS)}
_UNIT_GAP = frozenset({" ", "-"})
_WORD_ALT = "|".join(sorted([*_DIGIT_WORDS, *_TEEN_WORDS, *_TENS_WORDS], key=len, reverse=True))
# Words and numbers, found by a pattern Python's engine scans fast; which of them make a
# run is decided here, which is cheaper than one backtracking pattern for the whole run.
_TOKENS = re.compile(r"[A-Za-z]+|\d+")
# between two digits of a run: spaces, one or two marks ("-", ".", "/", "❤"...) or a line
# break, with spaces about them
_GAP = re.compile(r"[ \t]{0,3}(?:[^\w\s]{1,2}|_|\r?\n)?[ \t]{0,3}")
_REPEAT_GAP = frozenset({" ", "-"})
_NANP = {10: (3, 3, 4), 9: (3, 2, 4), 7: (3, 4)}


@dataclass(frozen=True, slots=True)
class _Item:
    digits: str
    start: int
    end: int
    word: bool
    pair: bool = False  # a number said as a pair of digits: "thirty-three", "nineteen"


def _items(text: str) -> Iterable[_Item | None]:
    """Each digit word or stand-alone number as an item; None for any other word."""
    tokens = list(_TOKENS.finditer(text))
    skip = False
    for k, tok in enumerate(tokens):
        if skip:
            skip = False
            continue
        raw, (start, end) = tok.group(), tok.span()
        if raw[0].isdigit():
            # one digit, or a group of two, three or four; not inside "B12" or "4th" (a
            # group of two makes a run only as the last two groups of a phone number:
            # "555 201 33 44")
            alone = not text[start - 1 : start].isalpha() and not text[end : end + 1].isalpha()
            yield _Item(raw, start, end, word=False) if alone and len(raw) <= 4 else None
            continue
        low = raw.lower()
        if low in _REPEAT and k + 1 < len(tokens):  # "double five", "triple-five"
            nxt = tokens[k + 1]
            digit = _DIGIT_WORDS.get(nxt.group().lower())
            if digit and text[end : nxt.start()] in _REPEAT_GAP:
                skip = True
                yield _Item(digit * _REPEAT[low], start, nxt.end(), word=True)
                continue
        if low in _TENS_WORDS:  # "thirty-three", "thirty three", "thirty"
            tens = _TENS_WORDS[low]
            after = tokens[k + 1] if k + 1 < len(tokens) else None
            unit = _DIGIT_WORDS.get(after.group().lower()) if after else None
            if after and unit and unit != "0" and text[end : after.start()] in _UNIT_GAP:
                skip = True
                yield _Item(tens + unit, start, after.end(), word=True, pair=True)
            else:
                yield _Item(tens + "0", start, end, word=True, pair=True)
            continue
        if low in _TEEN_WORDS:
            yield _Item(_TEEN_WORDS[low], start, end, word=True, pair=True)
            continue
        digit = _DIGIT_WORDS.get(low)
        yield _Item(digit, start, end, word=True) if digit else None


def _gap_kind(gap: str) -> str:
    mark = gap.strip(" \t")
    if not mark:
        return "space" if len(gap) == 1 else "wide"
    return "\n" if "\n" in mark else mark


def _group(item: _Item) -> bool:
    return len(item.digits) > 1 and not item.word


def _counting(digits: str) -> bool:
    steps = {int(b) - int(a) for a, b in pairwise(digits)}
    return steps in ({1}, {-1})


_W = rf"\b(?:double |triple |doble )?(?:{_WORD_ALT})\b"
# Two patterns, not one: joined, RE2's DFA runs out of memory on them.
_WORDS_HINT = re2.compile(rf"(?i){_W}[\s,./;:_-]{{1,3}}{_W}[\s,./;:_-]{{1,3}}{_W}")
_DIGITS_HINT = re2.compile(
    r"\d[^0-9A-Za-z\n]{1,4}\d[^0-9A-Za-z\n]{1,4}\d"
    r"|\d{3}[^0-9A-Za-z\n]{2,4}\d{3}[^0-9A-Za-z\n]{2,4}\d{4}"
    # slashes, which no phone pattern expects: "555/201/3344", "555/201-3344" (probe,
    # session 17)
    r"|(?:^|[^\d/])\d{3}/\d{3}[/.-]\d{4}(?:$|[^\d/])"
    # the last four digits as two pairs: "555 201 33 44"
    r"|\d{3}[ .-]\d{3}[ .-]\d\d[ .-]\d\d(?:$|[^\d])"
)


def digit_runs(text: str) -> Iterable[Rewrite]:
    # Cheap test first: three digit words, or three digits, a separator apart.
    if not _DIGITS_HINT.search(text) and not _WORDS_HINT.search(text):
        return
    run: list[_Item] = []
    for item in _items(text):
        if (
            item is not None
            and run
            and item.start > run[-1].end
            and _GAP.fullmatch(text, run[-1].end, item.start)
        ):
            run.append(item)
            continue
        if len(run) >= 3 and (rewrite := _digit_run(text, run)) is not None:
            yield rewrite
        run = [item] if item is not None else []
    if (rewrite := _digit_run(text, run)) is not None:
        yield rewrite


def _odd_phone(items: list[_Item], gaps: list[str]) -> bool:
    """Groups of a phone number set apart by something no phone pattern expects
    ("555 / 201 / 3344", "555 -- 201 -- 3344"), or its last four digits said as two
    pairs ("555 201 33 44", "555-201-thirty-three forty-four"); "555 201 3344" needs no
    rewrite."""
    if tuple(len(i.digits) for i in items) in {(3, 3, 2, 2), (1, 3, 3, 2, 2)}:
        return True
    shape = tuple(len(i.digits) for i in items if not i.word)
    usual = {" ", "-", ".", ") ", ")", "-\n", "\n"}
    return (
        len(shape) == len(items)
        and shape in {(3, 3, 4), (1, 3, 3, 4)}
        and any(g not in usual for g in gaps)
    )


def _digit_run(text: str, items: list[_Item]) -> Rewrite | None:
    if len(items) < 3:
        return None
    gaps = [text[a.end : b.start] for a, b in pairwise(items)]
    # "Oh, five five five..." / "Oh five...": an interjection, not a zero
    if (
        items[0].digits == "0"
        and items[0].word
        and (text[items[0].start].isupper() or gaps[0].strip() in {",", "!"})
    ):
        items, gaps = items[1:], gaps[1:]
    # numbers said in pairs alone are ages, scores or years ("twenty-five, thirty, forty-two
    # and fifty-one"); a phone number said aloud has single digits too
    if all(i.pair for i in items):
        return None
    words = sum(i.word for i in items)
    digits = "".join(i.digits for i in items)
    spaced = all(len(i.digits) == 1 and not i.word for i in items)
    if words < 3 and not spaced and not _odd_phone(items, gaps):
        return None
    if len(digits) < 7 or len(digits) > 16 or _counting(digits):
        return None
    kinds = [_gap_kind(g) for g in gaps]
    minor = Counter(kinds).most_common(1)[0][0]
    # The writer's groups: a break wherever the gap differs from the usual one, and
    # around a group of digits written as digits ("718 five five five 0166").
    breaks = [
        kind != minor or _group(a) or _group(b)
        for kind, (a, b) in zip(kinds, pairwise(items), strict=True)
    ]
    # each digit with its item and the span it stands for: its own character in a
    # group of digits, its word ("five", "double five") otherwise
    flat = [
        (d, n, (item.start, item.end) if item.word else (item.start + k, item.start + k + 1))
        for n, item in enumerate(items)
        for k, d in enumerate(item.digits)
    ]
    cuts = {len("".join(i.digits for i in items[: n + 1])) for n, b in enumerate(breaks) if b}
    n = len(digits)
    shape = _NANP.get(n - 1 if n == 11 and digits[0] == "1" else n)
    if shape and not cuts:
        lead = n - sum(shape)
        cuts = {lead + sum(shape[:k]) for k in range(len(shape))} - {0}
    elif shape and n == 10 and cuts != {3, 6}:
        cuts = {3, 6}
    out: list[tuple[str, int, int]] = []
    for k, (d, idx, span) in enumerate(flat):
        out.append((d, *span))
        if k + 1 in cuts and k + 1 < n:
            if flat[k + 1][1] != idx:  # the mark stands for the gap between the items
                mark = "/" if "/" in gaps[idx] and not shape else "-"  # a date keeps its "/"
                out.append((mark, items[idx].end, items[idx + 1].start))
            else:
                out.append(("-", *span))
    return Rewrite(items[0].start, items[-1].end, tuple(out))


# --- phone numbers split across lines: "(555) 201-\n3344" -------------------------------
# A phone-shaped stretch of digits and separators broken by line breaks; the breaks are
# dropped (a break where a group ends becomes "-"), and the result must be a phone number.
_SPLIT = re.compile(
    r"(?<![\w])[(+]?\d[\d(). \t-]{0,20}(?:\r?\n[ \t]*[\d(). \t-]{0,20}){1,3}\d(?!\w)"
)
_LINE_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*")
_PHONE = re.compile(r"(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-]?)\d{3}[ .-]?\d{4}")


def line_split_phones(text: str) -> Iterable[Rewrite]:
    if "\n" not in text:
        return
    for m in _SPLIT.finditer(text):
        out: list[tuple[str, int, int]] = []
        pos = m.start()
        for br in _LINE_BREAK.finditer(text, m.start(), m.end()):
            out.extend(keep(text, pos, br.start()))
            before, after = text[br.start() - 1], text[br.end() : br.end() + 1]
            done = sum(ch.isdigit() for ch, *_ in out)
            if before.isdigit() and after.isdigit() and done in {3, 6}:
                out.append(("-", br.start(), br.end()))
            pos = br.end()
        out.extend(keep(text, pos, m.end()))
        if _PHONE.fullmatch("".join(ch for ch, *_ in out)):
            yield Rewrite(m.start(), m.end(), tuple(out))


# --- letters for digits in a number: "617-555-O199", "312-555-0l48" --------------------
_X = "[0-9OoIl]"
_LETTER_DIGITS = re.compile(
    rf"(?<![\w-])(?:\({_X}{{3}}\) ?|{_X}{{3}}[ .-]){_X}{{3}}[ .-]{_X}{{4}}(?![\w-])"
    rf"|(?<![\w-]){_X}{{3}}-{_X}{{2}}-{_X}{{4}}(?![\w-])"
)
_AS_DIGIT = {"O": "0", "o": "0", "I": "1", "l": "1"}


_LETTER_DIGIT_HINT = re2.compile(r"\d[OoIl]|[OoIl]\d")


def letters_in_numbers(text: str) -> Iterable[Rewrite]:
    if not _LETTER_DIGIT_HINT.search(text):
        return
    for m in _LETTER_DIGITS.finditer(text):
        number = m.group()
        if sum(ch.isdigit() for ch in number) < 7 or not any(ch in _AS_DIGIT for ch in number):
            continue
        out = [(_AS_DIGIT.get(ch, ch), i, i + 1) for i, ch in enumerate(number, m.start())]
        yield Rewrite(m.start(), m.end(), tuple(out))

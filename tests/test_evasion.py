"""Disguised identifiers are undone before detection, and every span still maps onto
exactly the disguised characters of the text as sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.evaluation import evaluate, load_corpus
from app.normalise import normalise
from app.screener import Screener

EVASION = Path(__file__).parent / "corpus" / "evasion.jsonl"

# (text as sent, the disguised part, what detection reads in its place)
CASES = [
    # homoglyphs: Cyrillic М and а, Greek Ο, small capitals
    ("my client \u041c\u0430ria Lopez", "\u041c\u0430ria", "Maria"),
    ("resident \u039fscar", "\u039fscar", "Oscar"),
    (
        "youth \u1d05\u1d07\u1d00\u0274\u1d05\u0280\u1d07!",
        "\u1d05\u1d07\u1d00\u0274\u1d05\u0280\u1d07",
        "DEANDRE",
    ),
    # invisible characters, keycaps, right-to-left override
    (
        "call 6\ufe0f\u20e31\ufe0f\u20e37\ufe0f\u20e3-555-0199",
        "6\ufe0f\u20e31\ufe0f\u20e37\ufe0f\u20e3-555-0199",
        "617-555-0199",
    ),
    ("my client \u202ezepoL airaM\u202c today", "\u202ezepoL airaM\u202c", "Maria Lopez"),
    ("Ma\u3164teo", "Ma\u3164teo", "Mateo"),
    # letters in brackets and in black squares (probe, session 17)
    ("my client \u24a8\u249c\u24ad\u24a4\u249c ok", "\u24a8\u249c\u24ad\u24a4\u249c", "maria"),
    (
        "my client \U0001f17c\U0001f170\U0001f181\U0001f178\U0001f170 ok",
        "\U0001f17c\U0001f170\U0001f181\U0001f178\U0001f170",
        "MARIA",
    ),
    # letters spaced out
    ("my client M a r i a today", "M a r i a", "Maria"),
    ("my client M a r i a  L o p e z!", "M a r i a  L o p e z", "Maria Lopez"),
    ("my client S a m u e l O k a f o r", "S a m u e l O k a f o r", "Samuel Okafor"),
    ("kiddo M.a.t.e.o lost a tooth", "M.a.t.e.o", "Mateo"),
    # digits spaced, dotted, spelled out
    ("call 6 1 7 5 5 5 0 1 9 9 now", "6 1 7 5 5 5 0 1 9 9", "617-555-0199"),
    ("call 6.1.7.5.5.5.0.1.9.9 now", "6.1.7.5.5.5.0.1.9.9", "617-555-0199"),
    ("SSN 3 7 2 - 4 1 - 8 8 5 6.", "3 7 2 - 4 1 - 8 8 5 6", "372-41-8856"),
    ("DOB 0 3 / 1 4 / 2 0 0 9", "0 3 / 1 4 / 2 0 0 9", "03/14/2009"),
    (
        "call five five five two oh one three three four four today",
        "five five five two oh one three three four four",
        "555-201-3344",
    ),
    (
        "call six one seven triple five oh one double nine",
        "six one seven triple five oh one double nine",
        "617-555-0199",
    ),
    (
        "llame al cinco cinco cinco dos cero uno tres tres cuatro cuatro",
        "cinco cinco cinco dos cero uno tres tres cuatro cuatro",
        "555-201-3344",
    ),
    (
        "Oh, five five five two oh one three three four four",
        "five five five two oh one three three four four",
        "555-201-3344",
    ),
    # leetspeak
    ("my client j0hn", "j0hn", "john"),
    ("my client M4ria L0pez", "M4ria L0pez", "Maria Lopez"),
    ("youth 7iana", "7iana", "Tiana"),
    ("my client Mar1a and 1ucy", "Mar1a", "Maria"),
    # e-mail written out
    ("write to jdoe (at) agency (dot) gov.", "jdoe (at) agency (dot) gov", "jdoe@agency.gov"),
    ("write to jdoe [at] agency [dot] gov.", "jdoe [at] agency [dot] gov", "jdoe@agency.gov"),
    ("write to jdoe at agency dot gov.", "jdoe at agency dot gov", "jdoe@agency.gov"),
    (
        "email maria dot lopez at gmail dot com",
        "maria dot lopez at gmail dot com",
        "maria.lopez@gmail.com",
    ),
    # other separators, scripts and marks
    ("my client M  a  r  i  a ok", "M  a  r  i  a", "Maria"),
    (
        "my client M\u2764\ufe0fa\u2764\ufe0fr\u2764\ufe0fi\u2764\ufe0fa ok",
        "M\u2764\ufe0fa\u2764\ufe0fr\u2764\ufe0fi\u2764\ufe0fa",
        "Maria",
    ),
    ("call 6*1*7*5*5*5*0*1*9*9", "6*1*7*5*5*5*0*1*9*9", "617-555-0199"),
    (
        "call \u0666\u0661\u0667-\u0665\u0665\u0665-\u0660\u0661\u0669\u0669",
        "\u0666\u0661\u0667-\u0665\u0665\u0665-\u0660\u0661\u0669\u0669",
        "617-555-0199",
    ),
    ("call 555 / 201 / 3344", "555 / 201 / 3344", "555-201-3344"),
    ("cell 555/201/3344, thanks", "555/201/3344", "555-201-3344"),
    # numbers said in pairs among single digits (probe, session 17)
    (
        "call five five five, two oh one, thirty-three forty-four",
        "five five five, two oh one, thirty-three forty-four",
        "555-201-3344",
    ),
    (
        "call six one seven, five five five, oh one ninety-nine",
        "six one seven, five five five, oh one ninety-nine",
        "617-555-0199",
    ),
    # a handle with a space after its "@"
    ("her IG is @ maria_lopez22, ok", "@ maria_lopez22", "@maria_lopez22"),
    # the last four digits said as two pairs, in digits or in words
    ("call 555 201 33 44 tonight", "555 201 33 44", "555-201-3344"),
    ("call 555-201-thirty-three-forty-four", "555-201-thirty-three-forty-four", "555-201-3344"),
    # the words of a dotted or hyphened name set apart by one space
    ("my client m.a.r.i.a l.o.p.e.z got", "m.a.r.i.a l.o.p.e.z", "maria lopez"),
    ("my client M-A-R-I-A L-O-P-E-Z got", "M-A-R-I-A L-O-P-E-Z", "MARIA LOPEZ"),
    ("cell 555/201-3344, thanks", "555/201-3344", "555-201-3344"),
    (
        "my client M\u0334a\u0337r\u0338i\u0335a\u0336!",
        "M\u0334a\u0337r\u0338i\u0335a\u0336",
        "Maria",
    ),
    ("my client Jose\u0301 Ruiz", "Jose\u0301 Ruiz", "José Ruiz"),
    ("my client K3!sha", "K3!sha", "Keisha"),
    ("write to jdoe arroba gmail punto com", "jdoe arroba gmail punto com", "jdoe@gmail.com"),
    ("write to jdoe at gmail.com today", "jdoe at gmail.com", "jdoe@gmail.com"),
    ("write to jenny.r88 at example.org", "jenny.r88 at example.org", "jenny.r88@example.org"),
    # a plain "@" and a bracketed dot, as in a defanged link (probe, session 17)
    ("write to jdoe@gmail[.]com today", "jdoe@gmail[.]com", "jdoe@gmail.com"),
    ("write to jdoe@county(dot)gov", "jdoe@county(dot)gov", "jdoe@county.gov"),
    # an address spelled out letter by letter (probe, session 17)
    ("email j d o e @ g m a i l . c o m today", "j d o e @ g m a i l . c o m", "jdoe@gmail.com"),
    (
        "write m a r i a . l o p e z 8 8 @ c o u n t y . g o v",
        "m a r i a . l o p e z 8 8 @ c o u n t y . g o v",
        "maria.lopez88@county.gov",
    ),
    # phone numbers split across lines, letters for digits
    ("call (555) 201-\n3344 today", "(555) 201-\n3344", "(555) 201-3344"),
    ("call 555-201-33\n44 today", "555-201-33\n44", "555-201-3344"),
    ("call 555\n201\n3344 today", "555\n201\n3344", "555-201-3344"),
    ("cell 617-555-O199, thanks", "617-555-O199", "617-555-0199"),
]


@pytest.mark.parametrize(("text", "disguised", "reads"), CASES)
def test_disguise_is_undone_and_maps_back_exactly(text: str, disguised: str, reads: str) -> None:
    norm = normalise(text)
    assert reads in norm.text, norm.text
    start = norm.text.index(reads)
    s, e = norm.to_original(start, start + len(reads))
    assert text[s:e] == disguised


BENIGN = [
    "T G I F! Thanks, volunteers",
    "1 2 3 go! Our 5K starts at 9am.",
    "We need five or six volunteers.",
    "one two three four five six seven days until camp",
    "Countdown: 7 6 5 4 3 2 1 🎆",
    "Meet us at the library at 5 for the book swap!",
    "Volunteer at helpinghands.org by Friday.",
    "Volunteer at helpinghands dot org and see.",
    "Doors open at 5pm; the 3rd floor, room 4B, kids 12 and under, 14yo and up.",
    "Our B12 drive, the MP3 players and the PS5 raffle.",
    "Client J.M.L. and the U.S.A. team; R.S.V.P. by Friday.",
    "Call 617-555-0199 or e-mail info@example.org; follow @m4ria_art and #r3cover.",
    "Real Russian: Мама мыла раму. Greek: Καλημέρα.",
    "Scores were 7 to 3, 5 to 1, then 2 to 0.",
    "Sign up at example.org, RSVP at example.org or find us at example.org.",
    "Call 555 201 3344 or (555) 201-3344.",
    "Café crème, naïve, Wiśniewska, Nguyễn, 🎉👍🏽 and ❤️.",
    "I'm a big fan, it's a go.",
    # spaced letters around an "@" that end in no top-level domain
    "I am a b c @ work, x y z @ home.",
    "Dates 3/14/2009 and 12/01/2024; case 555/201/33445; ratio 1/2/3.",
    "Ages twenty-five, thirty, forty-two, fifty-one and sixty; twenty one, twenty two.",
    "Scores: ten, nine, eight, seven, six! We served forty two families.",
    "Scores 21 14 35 28 and 12; born 2009 03 14; ids 123 456 78 90 12.",
    "Meet us @ the library @ 5pm, or email me @ home.",
    # a gamer tag keeps its number: the handle rule needs the digits (corpus n015)
    "His Twitch is xXdarkwolf07Xx, go drop a follow. Hers is lexi2007.",
]


@pytest.mark.parametrize("text", BENIGN)
def test_ordinary_text_keeps_its_meaning(text: str) -> None:
    assert normalise(text).text == text.replace("T G I F", "TGIF")


def test_mixed_script_word_is_folded_but_real_cyrillic_is_not() -> None:
    text = "Мама and М\u0430ria"  # a Russian word, then Maria with Cyrillic М and а
    assert normalise(text).text == "Мама and Maria"


@pytest.mark.slow
def test_violation_highlights_exactly_the_disguised_characters(screener: Screener) -> None:
    for text, disguised in [
        ("So proud of my client M a r i a today!", "M a r i a"),
        (
            "Call my client at five five five two oh one three three four four, she needs work.",
            "five five five two oh one three three four four",
        ),
        (
            "Reach my client at jenny (at) gmail (dot) com about a room.",
            "jenny (at) gmail (dot) com",
        ),
        ("So proud of my client \u041c\u0430ria Lopez!", "\u041c\u0430ria Lopez"),
    ]:
        spans = [text[v.start : v.end] for v in screener.check(text).violations]
        assert disguised in spans, (text, spans)


@pytest.mark.slow
def test_evasion_corpus_is_caught(screener: Screener) -> None:
    drafts = load_corpus(EVASION)
    assert len(drafts) >= 110
    metrics = evaluate(screener, drafts)
    assert metrics.overall.recall >= 0.9
    # flags on what the drafts do not label (ages, a volunteer's first name) are other
    # rules' business; undoing a disguise must not make many
    assert metrics.overall.precision >= 0.9

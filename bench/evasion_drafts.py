# ruff: noqa: E501  (one draft a line reads better than drafts broken across lines)
"""The drafts of the evasion corpus, as data: each identifier is written twice, as the
writer (or autocorrect) disguised it and as it would be written plainly.

``bench/evasion.py build`` turns these into ``tests/corpus/evasion.jsonl`` (tuned on)
and ``tests/heldout/evasion.jsonl`` (never tuned on), computing every offset; no
offset is written by hand. Invisible and look-alike characters are spelled as escapes
or made by the helpers below, so a reader of this file can see what each draft holds.
"""

from __future__ import annotations

from dataclasses import dataclass

# Latin letter -> a Cyrillic / Greek letter drawn the same (Unicode confusables).
CYRILLIC = dict(zip("aceopxyijsACEHKMOPTXBSJI", "асеорхуіјѕАСЕНКМОРТХВЅЈІ", strict=True))
GREEK = dict(zip("ABEHIKMNOPTXYZov", "ΑΒΕΗΙΚΜΝΟΡΤΧΥΖον", strict=True))
_DIGITS_EN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_DIGITS_ES = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]

CATEGORY = {
    "PERSON": "client_identifier",
    "US_SSN": "client_identifier",
    "DATE_OF_BIRTH": "client_identifier",
    "PHONE_NUMBER": "contact_identifier",
    "EMAIL_ADDRESS": "contact_identifier",
    "STREET_ADDRESS": "location_detail",
}


@dataclass(frozen=True, slots=True)
class Ev:
    """One identifier: its type, the text as disguised, and the text written plainly."""

    type: str
    text: str
    plain: str


@dataclass(frozen=True, slots=True)
class Draft:
    technique: str
    verdict: str
    parts: tuple[str | Ev, ...]
    note: str = ""


def d(technique: str, verdict: str, *parts: str | Ev, note: str = "") -> Draft:
    return Draft(technique, verdict, parts, note)


def swap(plain: str, letters: str, table: dict[str, str]) -> str:
    """Replace every occurrence of each of ``letters`` with its look-alike."""
    return "".join(table[c] if c in letters else c for c in plain)


def cyr(kind: str, plain: str, letters: str) -> Ev:
    return Ev(kind, swap(plain, letters, CYRILLIC), plain)


def grk(kind: str, plain: str, letters: str) -> Ev:
    return Ev(kind, swap(plain, letters, GREEK), plain)


def between(kind: str, plain: str, mark: str, every: int = 1) -> Ev:
    """Put ``mark`` (an invisible character) after every ``every``-th letter of a word."""
    out = []
    for word in plain.split(" "):
        pieces = [word[i : i + every] for i in range(0, len(word), every)]
        out.append(mark.join(pieces))
    return Ev(kind, " ".join(out), plain)


def spaced(kind: str, plain: str, sep: str = " ", word_sep: str = "  ") -> Ev:
    return Ev(kind, word_sep.join(sep.join(w) for w in plain.split(" ")), plain)


def fullwidth(kind: str, plain: str) -> Ev:
    return Ev(
        kind,
        "".join(
            chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in plain
        ),
        plain,
    )


def math_bold(kind: str, plain: str) -> Ev:
    def one(c: str) -> str:
        if "A" <= c <= "Z":
            return chr(0x1D400 + ord(c) - ord("A"))
        if "a" <= c <= "z":
            return chr(0x1D41A + ord(c) - ord("a"))
        if "0" <= c <= "9":
            return chr(0x1D7CE + ord(c) - ord("0"))
        return c

    return Ev(kind, "".join(map(one, plain)), plain)


def circled(kind: str, plain: str) -> Ev:
    def one(c: str) -> str:
        if c == "0":
            return "\u24ea"
        if "1" <= c <= "9":
            return chr(0x2460 + ord(c) - ord("1"))
        return c

    return Ev(kind, "".join(map(one, plain)), plain)


def keycaps(kind: str, plain: str) -> Ev:
    return Ev(kind, "".join(c + "\ufe0f\u20e3" if c.isdigit() else c for c in plain), plain)


def digits(kind: str, plain: str, sep: str = " ", group_sep: str | None = None) -> Ev:
    """``617-555-0199`` -> ``6 1 7 5 5 5 0 1 9 9`` (or with ``group_sep`` between groups)."""
    groups = [g for g in _split_groups(plain) if g]
    if group_sep is None:
        return Ev(kind, sep.join("".join(groups)), plain)
    return Ev(kind, group_sep.join(sep.join(g) for g in groups), plain)


def spell(
    kind: str,
    plain: str,
    sep: str = " ",
    group_sep: str | None = None,
    lang: str = "en",
    zero: str | None = None,
) -> Ev:
    """``617-555-0199`` -> ``six one seven five five five zero one nine nine``."""
    words = _DIGITS_ES if lang == "es" else _DIGITS_EN

    def word(c: str) -> str:
        return zero if (c == "0" and zero) else words[int(c)]

    groups = [[word(c) for c in g] for g in _split_groups(plain)]
    if group_sep is None:
        return Ev(kind, sep.join(w for g in groups for w in g), plain)
    return Ev(kind, group_sep.join(sep.join(g) for g in groups), plain)


def _split_groups(plain: str) -> list[str]:
    groups, cur = [], ""
    for c in plain:
        if c.isdigit():
            cur += c
        elif cur:
            groups.append(cur)
            cur = ""
    if cur:
        groups.append(cur)
    return groups


def ev(kind: str, text: str, plain: str) -> Ev:
    """Anything the helpers don't make: written out, with its plain form."""
    return Ev(kind, text, plain)


P, PH, EM, SSN, DOB, ADDR = (
    "PERSON",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "US_SSN",
    "DATE_OF_BIRTH",
    "STREET_ADDRESS",
)

ZWSP, ZWNJ, ZWJ, WJ, BOM, SHY = "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"
RLO, LRO, PDF, LRM, RLM = "\u202e", "\u202d", "\u202c", "\u200e", "\u200f"

# fmt: off
TUNING: tuple[Draft, ...] = (
    # --- homoglyphs: Cyrillic and Greek letters inside Latin words ------------------
    d("homoglyph", "block", "So proud of my client ", cyr(P, "Maria Lopez", "ao"), " who finally got her GED! 🎓"),
    d("homoglyph", "block", "Youth ", cyr(P, "DeAndre Williams", "eA"), " just got accepted into the welding program!! 🔥"),
    d("homoglyph", "block", "Resident ", grk(P, "Tomasz Nowak", "TNo"), " turned 80 today and beat everyone at cards."),
    d("homoglyph", "block", "My client ", cyr(P, "Aaliyah", "A"), " called me crying happy tears this morning 💛"),
    d("homoglyph", "block", "kiddo ", cyr(P, "Mateo", "Meo"), " lost his first tooth during our visit 😂"),
    d("homoglyph", "block", "Huge shoutout to my client ", cyr(P, "JOSE", "JOSE"), " for finishing his first semester!"),
    d("homoglyph", "block", "Happy 16th birthday to our youth ", grk(P, "Ximena Ortiz", "XOo"), "! 🎂"),
    d("homoglyph", "block", "Our resident ", cyr(P, "Halina Wiśniewska", "a"), " turned the community room into a pierogi factory."),
    d("homoglyph", "block", "Reach my client at ", cyr(EM, "jenny.r88@gmail.com", "e"), " if you have a room to rent."),
    d("homoglyph", "block", "My client wants pen pals! Write to him at ", grk(EM, "tomas.perez77@outlook.com", "o"), "."),
    d("homoglyph", "block", "Visited my client at her new apartment, ", cyr(ADDR, "1420 Elm Street", "Ee"), ", and it is lovely."),
    d("homoglyph", "block", "Dropped groceries off for my client at ", cyr(ADDR, "22 Oak Avenue", "Oa"), " this morning."),
    d("homoglyph", "block", "My client ", cyr(P, "Keisha Brown", "eaB"), " got her first paycheck today!!"),
    d("homoglyph", "block", "Youth ", cyr(P, "Jasmine Carter", "aC"), " is heading to college in the fall 🎓"),
    d("homoglyph", "warn", "For questions, e-mail our intake worker at ", cyr(EM, "d.osei@example.org", "oe"), "."),
    # --- zero-width, joiners, bidi marks and soft hyphens ---------------------------
    d("invisible", "block", "So proud of my client ", between(P, "Tiana Robinson", ZWSP), " today 🎓"),
    d("invisible", "block", "Youth ", ev(P, f"Ja{ZWJ}den Thomp{ZWNJ}son", "Jaden Thompson"), " showed up to every single visit this year."),
    d("invisible", "block", "My client's cell is ", ev(PH, f"617{ZWSP}-555{ZWSP}-0199", "617-555-0199"), ", she's looking for work."),
    d("invisible", "block", "Reach my client at ", ev(EM, f"jenny{ZWJ}.r88@gmail{ZWSP}.com", "jenny.r88@gmail.com"), " about the room."),
    d("invisible", "block", "My client ", ev(P, f"Ma{SHY}ria Lo{SHY}pez", "Maria Lopez"), " moved into her own place today!"),
    d("invisible", "block", "Please welcome our newest resident ", ev(P, f"De{WJ}An{BOM}dre", "DeAndre"), " 💙"),
    d("invisible", "block", "Proud of my client ", ev(P, f"{LRM}Keisha{RLM} Brown", "Keisha Brown"), " for getting her license."),
    d("invisible", "block", "My client ", ev(P, f"{RLO}zepoL airaM{PDF}", "Maria Lopez"), " finally got her GED!", note="right-to-left override: stored reversed, shown in order"),
    d("invisible", "block", "kiddo ", ev(P, "Ma\u3164teo", "Mateo"), " made me a card today 😭", note="Hangul filler, drawn as nothing"),
    d("invisible", "warn", "Questions? Call Jordan at ", ev(PH, f"(312) 555{ZWSP}{ZWSP}-0148", "(312) 555-0148"), " after 5."),
    # --- compatibility forms: fullwidth, mathematical letters, circled and keycap digits
    d("compat", "block", "So proud of my client ", fullwidth(P, "Maria Lopez"), " who finally got her GED!"),
    d("compat", "block", "My client ", math_bold(P, "Keisha Brown"), " got her first apartment today!! 🏠"),
    d("compat", "block", "kiddo ", ev(P, "𝓜𝓪𝓽𝓮𝓸", "Mateo"), " lost his first tooth during our visit 😂"),
    d("compat", "warn", "Call ", circled(PH, "617-555-0199"), " to sign up for the coat drive."),
    d("compat", "block", "My client's cell is ", fullwidth(PH, "617-555-0199"), ", she needs a ride on Tuesday."),
    d("compat", "block", "Reach my client at ", fullwidth(EM, "jenny.r88@gmail.com"), " if you can help."),
    d("compat", "warn", "Text ", keycaps(PH, "617-555-0199"), " for shelter bed availability."),
    d("compat", "block", "My client's number: ", math_bold(PH, "617-555-0199"), ". She's looking for a roommate."),
    d("compat", "block", "Youth ", ev(P, "ᴅᴇᴀɴᴅʀᴇ", "DEANDRE"), " got into Job Corps!", note="small capitals"),
    # --- letters spaced out ---------------------------------------------------------
    d("spaced_letters", "block", "So proud of my client ", spaced(P, "Maria"), " today!"),
    d("spaced_letters", "block", "So proud of my client ", spaced(P, "Maria Lopez"), " who finally got her GED!"),
    d("spaced_letters", "block", "My client ", spaced(P, "Samuel Okafor", " ", " "), " got his green card today 🎉"),
    d("spaced_letters", "block", "Youth ", spaced(P, "KEISHA"), " just got into her first-choice college!"),
    d("spaced_letters", "block", "kiddo ", spaced(P, "Mateo", "."), " lost his first tooth during our visit 😂"),
    d("spaced_letters", "block", "Youth ", spaced(P, "Jaden", "-"), " showed up to every visit this year."),
    d("spaced_letters", "block", "my client ", spaced(P, "maria"), " is moving into her own place tomorrow"),
    d("spaced_letters", "block", "Resident ", spaced(P, "Tiana", "_"), " ran the whole bingo night herself!"),
    d("spaced_letters", "block", "My client ", ev(P, "A a l i y a h Johnson", "Aaliyah Johnson"), " graduates on Friday!"),
    d("spaced_letters", "block", "Please keep my client ", spaced(P, "Rosa Mendez"), " in your thoughts this week."),
    d("spaced_letters", "block", "Our resident ", spaced(P, "Halina", "*"), " won the pie contest again 🥧"),
    d("spaced_letters", "block", "So proud of youth ", spaced(P, "Marcus Hill"), " for finishing his GED!"),
    # --- digits spaced out ----------------------------------------------------------
    d("spaced_digits", "block", "Call my client at ", digits(PH, "617-555-0199"), " if you have work for her."),
    d("spaced_digits", "block", "My client is looking for a roommate, text her at ", digits(PH, "617-555-0199", " ", " - "), "."),
    d("spaced_digits", "warn", "Sign-ups for the food pantry: ", digits(PH, "(312) 555-0148", " ", "  "), "."),
    d("spaced_digits", "warn", "Call ", ev(PH, "+ 1 2 1 3 5 5 5 0 1 7 3", "+1 213 555 0173"), " to volunteer."),
    d("spaced_digits", "block", "Form keeps rejecting my client's SSN ", digits(SSN, "372-41-8856", " ", " - "), ". Portal down?"),
    d("spaced_digits", "block", "My client's cell: ", digits(PH, "404-555-0132", "  "), ". She's looking for a roommate."),
    d("spaced_digits", "warn", "Questions? ", digits(PH, "718-555-0166"), " — ask for Dana."),
    d("spaced_digits", "block", "Can anyone help my client? Her number is ", digits(PH, "206-555-0184"), "."),
    d("spaced_digits", "block", "Trying to get a birth certificate for my client, DOB ", digits(DOB, "03/14/2009", " ", " / "), ", and the office keeps saying no record found."),
    d("spaced_digits", "block", "My client's social is ", digits(SSN, "372-41-8856"), ", can someone help with the form?"),
    # --- digits dotted, dashed or otherwise separated -------------------------------
    d("dotted_digits", "block", "Call my client at ", digits(PH, "617-555-0199", "."), " if you have work for her."),
    d("dotted_digits", "warn", "RSVP to Dana at ", digits(PH, "312-555-0148", "-"), " by Friday."),
    d("dotted_digits", "block", "My client's cell is ", digits(PH, "404-555-0132", "."), ", she's looking for work."),
    d("dotted_digits", "warn", "Call ", digits(PH, "213-555-0173", ".", "-"), " for a ride to the clinic fair."),
    d("dotted_digits", "block", "Please text my client at ", digits(PH, "718-555-0166", "·"), " about the job."),
    d("dotted_digits", "block", "My client's SSN ", digits(SSN, "372-41-8856", "."), " keeps getting rejected by the portal."),
    d("dotted_digits", "warn", "Our volunteer line is ", digits(PH, "206-555-0184", " . "), "."),
    d("dotted_digits", "block", "Can anyone hire my client? Reach her at ", digits(PH, "617-555-0142", "_"), "."),
    # --- digits spelled out (English) -----------------------------------------------
    d("spelled_digits", "block", "Call my client at ", spell(PH, "617-555-0199"), " if you have work for her."),
    d("spelled_digits", "block", "My client is looking for a roommate, text her at ", spell(PH, "617-555-0199", " ", ", ", zero="oh"), "."),
    d("spelled_digits", "warn", "Sign up for the coat drive: ", spell(PH, "312-555-0148", "-", " "), "."),
    d("spelled_digits", "warn", "Call ", ev(PH, "two one three triple five oh one seven three", "213-555-0173"), " to volunteer this weekend."),
    d("spelled_digits", "block", "My client's cell is ", ev(PH, "Four Zero Four, Five Five Five, Zero One Three Two", "404-555-0132"), ", she needs a ride."),
    d("spelled_digits", "block", "Can anyone help my client? Her number is ", ev(PH, "718 five five five 0166", "718-555-0166"), "."),
    d("spelled_digits", "block", "My client's SSN is ", spell(SSN, "372-41-8856"), " and the form keeps rejecting it."),
    d("spelled_digits", "warn", "Questions? Call Dana at ", ev(PH, "five five five, oh one four eight", "555-0148"), "."),
    d("spelled_digits", "block", "Text my client at ", ev(PH, "two oh six, five five five, oh one eight four", "206-555-0184"), " if you have a bike."),
    d("spelled_digits", "block", "My client's cell: ", ev(PH, "six one seven five five five zero one double four", "617-555-0144"), "."),
    # --- digits spelled out (Spanish) -----------------------------------------------
    d("spelled_digits_es", "block", "Llamen a mi cliente al ", spell(PH, "617-555-0199", lang="es"), " si tienen trabajo para ella."),
    d("spelled_digits_es", "warn", "Para inscribirse, llame al ", spell(PH, "312-555-0148", " ", ", ", lang="es"), "."),
    d("spelled_digits_es", "block", "My client only speaks Spanish, her cell is ", spell(PH, "404-555-0132", lang="es"), "."),
    d("spelled_digits_es", "warn", "Información: ", ev(PH, "Dos Uno Tres - Cinco Cinco Cinco - Cero Uno Siete Tres", "213-555-0173"), "."),
    d("spelled_digits_es", "block", "El número de mi clienta es ", spell(PH, "718-555-0166", "-", " ", lang="es"), "."),
    # --- leetspeak in names ---------------------------------------------------------
    d("leet", "block", "my client ", ev(P, "j0hn", "john"), " is moving into his own place this week"),
    d("leet", "block", "So proud of my client ", ev(P, "M4ria L0pez", "Maria Lopez"), " who finally got her GED!"),
    d("leet", "block", "Youth ", ev(P, "D3Andre", "DeAndre"), " got accepted into the welding program!!"),
    d("leet", "block", "kiddo ", ev(P, "m4te0", "mateo"), " lost his first tooth during our visit 😂"),
    d("leet", "block", "Resident ", ev(P, "T0m4sz", "Tomasz"), " turned 80 today!"),
    d("leet", "block", "My client ", ev(P, "K3ish4 Br0wn", "Keisha Brown"), " got her first paycheck today!!"),
    d("leet", "block", "My client ", ev(P, "4aliyah", "aaliyah"), " called me crying happy tears this morning 💛"),
    d("leet", "block", "my client ", ev(P, "1ucy", "lucy"), " finally got her driver's permit"),
    d("leet", "block", "My client ", ev(P, "Mar1a", "Maria"), " is moving out of the shelter tomorrow!"),
    d("leet", "block", "Youth ", ev(P, "Jasm1ne", "Jasmine"), " is heading to college in the fall 🎓"),
    d("leet", "block", "My client ", ev(P, "M@ria", "Maria"), " got her green card today 🎉"),
    d("leet", "block", "Please keep my client ", ev(P, "5amuel", "Samuel"), " in your thoughts this week."),
    d("leet", "block", "So proud of youth ", ev(P, "7iana R0binson", "Tiana Robinson"), " for finishing her GED!"),
    # --- e-mail addresses written out -----------------------------------------------
    d("email_words", "warn", "Questions? Write to ", ev(EM, "jdoe (at) agency (dot) gov", "jdoe@agency.gov"), "."),
    d("email_words", "warn", "Questions? Write to ", ev(EM, "jdoe [at] agency [dot] gov", "jdoe@agency.gov"), "."),
    d("email_words", "warn", "Volunteers can write to ", ev(EM, "jdoe at agency dot gov", "jdoe@agency.gov"), " to sign up."),
    d("email_words", "block", "Reach my client at ", ev(EM, "jenny.r88 at gmail dot com", "jenny.r88@gmail.com"), " if you have a room to rent."),
    d("email_words", "block", "My client wants pen pals! ", ev(EM, "tomas(at)outlook(dot)com", "tomas@outlook.com"), "."),
    d("email_words", "block", "Email my client at ", ev(EM, "maria dot lopez at gmail dot com", "maria.lopez@gmail.com"), " about the job."),
    d("email_words", "warn", "Send your RSVP to ", ev(EM, "events AT helpinghands DOT org", "events@helpinghands.org"), "."),
    d("email_words", "block", "My client is selling her art! ", ev(EM, "keisha.b {at} yahoo {dot} com", "keisha.b@yahoo.com"), "."),
    d("email_words", "block", "Reach my client at ", ev(EM, "j.doe [at] mail.com", "j.doe@mail.com"), " if you can help with a bike."),
    d("email_words", "warn", "Questions? ", ev(EM, "dana @ example . org", "dana@example.org"), " — we answer within a day."),
    d("email_words", "block", "My client's email: ", ev(EM, "rosa_m (@) hotmail (.) com", "rosa_m@hotmail.com"), ". She's looking for work."),
    d("email_words", "warn", "Sign up with our coordinator, ", ev(EM, "sam.okafor at example dot org", "sam.okafor@example.org"), "."),
    # --- phone numbers split across lines -------------------------------------------
    d("line_split", "block", "My client is looking for a roommate, call her at ", ev(PH, "(617) 555-\n0199", "(617) 555-0199"), " anytime."),
    d("line_split", "block", "My client's cell is ", ev(PH, "617-555-\n0199", "617-555-0199"), "\nshe's looking for work."),
    d("line_split", "warn", "Coat drive sign-ups:\n", ev(PH, "312.555.\n0148", "312.555.0148"), "\nThanks all!"),
    d("line_split", "warn", "Call us at\n", ev(PH, "213-\n555-0173", "213-555-0173"), "\nfor a ride."),
    d("line_split", "block", "Can anyone help my client? Her number is ", ev(PH, "404-555-01\n32", "404-555-0132"), "."),
    d("line_split", "block", "Please text my client at ", ev(PH, "718-555-\r\n0166", "718-555-0166"), " about the job."),
    d("line_split", "warn", "Volunteer line:\n", ev(PH, "206-555-\n    0184", "206-555-0184"), "\nevenings only."),
    d("line_split", "block", "My client's number is ", ev(PH, "(617)\n555-\n0142", "(617) 555-0142"), "."),
    # --- letters for digits inside a number ----------------------------------------
    d("letter_digits", "block", "My client's cell is ", ev(PH, "617-555-O199", "617-555-0199"), ", she's looking for work."),
    d("letter_digits", "warn", "Call ", ev(PH, "312-555-0l48", "312-555-0148"), " to sign up for the coat drive."),
    d("letter_digits", "block", "Text my client at ", ev(PH, "4O4-555-O132", "404-555-0132"), "."),
    # --- several at once ------------------------------------------------------------
    d("combined", "block", "So proud of my client ", ev(P, "М a r i a", "Maria"), " today!", note="Cyrillic M, then letters spaced"),
    d("combined", "block", "my client ", ev(P, f"j{ZWSP}0hn", "john"), " is moving into his own place this week"),
    d("combined", "block", "Text my client at ", ev(PH, "six one seven\nfive five five\noh one nine nine", "617-555-0199"), "."),
    d("combined", "block", "My client's cell is ", ev(PH, "６ １ ７ ５ ５ ５ ０ １ ９ ９", "617-555-0199"), "."),
    d("combined", "block", "Reach my client at ", ev(EM, "jеnny (at) gmail (dot) com", "jenny@gmail.com"), " about the room.", note="Cyrillic e"),
    d("combined", "block", "My client ", ev(P, f"K{ZWSP} e i s h a", "Keisha"), " got her first paycheck!"),
    d("combined", "block", "So proud of my client ", ev(P, "Ｍ４ｒｉａ", "Maria"), " today!", note="fullwidth leetspeak"),
    # --- innocent look-alikes: nothing to flag ---------------------------------------
    d("benign", "pass", "T G I F! Thank you to every volunteer who showed up this week 🎉"),
    d("benign", "pass", "1 2 3 go! Our 5K fun run starts Saturday at 9am by the river."),
    d("benign", "pass", "We need five or six volunteers for Saturday's food drive. Sign up at the front desk!"),
    d("benign", "pass", "Learning our A B C s at family literacy night 📚 Thanks to the library for hosting."),
    d("benign", "pass", "Countdown to the gala: 5 4 3 2 1 🎆 Thank you, donors!"),
    d("benign", "pass", "Meet us at the library at 5 for the book swap!"),
    d("benign", "pass", "Volunteer at helpinghands dot org and see the difference you can make."),
    d("benign", "pass", "one two three four five six seven days until summer camp! ☀️"),
    d("benign", "pass", "Final scores: 7 to 3, 5 to 1 and 2 to 0. What a season for our youth league!"),
    d("benign", "pass", "V O T E on Tuesday! Polls are open 6am to 8pm."),
    d("benign", "pass", "Our B12 and vitamin D3 drive was a success. Thank you to the 3rd floor team!"),
    d("benign", "pass", "Doors open at 5pm, dinner at 6:30. Kids 12 and under eat free. See you at the 2nd annual potluck!"),
    d("benign", "pass", "Room 4B is now the homework room, and the 1st floor has a brand-new library."),
    d("benign", "pass", "Our team of 12 answered 1,204 calls this month. 24/7, 365 days a year. 💪"),
    d("benign", "pass", "Ask us about it at the front desk — we're open at 9 and close at 5."),
    # --- added after a probe (session 17), after the first set so its ids hold ---------
    d("starred", "block", "Prayers up for my client ", ev(P, "T*sha B*nks", "Tasha Banks"), ", she's back in the hospital tonight."),
    d("starred", "block", "my kiddo ", ev(P, "D*shawn", "Deshawn"), " finally got placed with his auntie!!"),
    d("starred", "block", "Our resident Mr. ", ev(P, "G*rcia", "Garcia"), " turned 90 and flirted with every nurse 😂"),
    d("compat", "block", "So proud of my client ", ev(P, "🅳🅴🆂🆃🅸🅽🆈", "DESTINY"), " for walking across that stage today 🎓", note="letters in black squares"),
    d("compat", "block", "My client ", ev(P, "⒥⒜⒨⒜⒧", "jamal"), " just got his first apartment!", note="letters in brackets"),
    d("spaced_letters", "block", "Youth on my caseload ", ev(P, "k.e.i.s.h.a w.i.l.l.i.a.m.s", "keisha williams"), " made honor roll again!"),
    d("spaced_letters", "block", "Shout out to my client ", ev(P, "J-A-M-E-S O-K-A-F-O-R", "JAMES OKAFOR"), " for 100 days clean!"),
    d("email_words", "block", "If anyone has a lead on a room, my client's email is ", ev(EM, "d a r n e l l . w 8 8 @ g m a i l . c o m", "darnell.w88@gmail.com")),
    d("email_words", "block", "Youth on my caseload needs a mentor, reach her at ", ev(EM, "kayla.m22@yahoo[.]com", "kayla.m22@yahoo.com"), note="defanged dot"),
    d("dotted_digits", "block", "My client's cell is ", ev(PH, "312/555/0187", "312-555-0187"), ", she says texting is better."),
    d("dotted_digits", "block", "Landlord for my client is at ", ev(PH, "773/555-0142", "773-555-0142"), " if anyone knows him."),
    d("spelled_digits", "block", "My client said call her at ", ev(PH, "three one two, five five five, oh one eighty-seven", "312-555-0187"), ".", note="numbers said in pairs"),
    d("spelled_digits", "block", "Youth's grandma wants a call back: ", ev(PH, "seven seven three, five five five, zero one forty-two", "773-555-0142"), ".", note="numbers said in pairs"),
    d("spelled_digits", "block", "New intake, DOB: ", ev(DOB, "April ninth, two thousand eleven", "04/09/2011"), ". Needs a school placement ASAP.", note="a birth date in words"),
    d("benign", "pass", "F*ck cancer. Our annual walk raised $40,000 for families in treatment!"),
    d("benign", "pass", "Sh*t happens, and so do flat tires: our van is out until Monday, sorry clients!"),
    d("benign", "pass", "Rated 5*! Thank you to everyone who came to our volunteer fair."),
    d("benign", "pass", "Our EIN for donors: 12/3456789. All gifts are tax-deductible."),
    d("benign", "pass", "Ages twenty-five to sixty-four can join the job club, Tuesdays at ten."),
    d("benign", "pass", "Our new 🅽🅴🆆 hours start Monday: 9 to 5, walk-ins welcome!"),
)

HELDOUT: tuple[Draft, ...] = (
    d("homoglyph", "block", "Congrats to my client ", cyr(P, "Esperanza Ruiz", "Eea"), " on her new job at the bakery!"),
    d("homoglyph", "block", "Patient ", grk(P, "Oliver Kim", "OK"), " asked me to help him write a letter home."),
    d("homoglyph", "block", "Write to my client at ", cyr(EM, "carlos.mendoza@gmail.com", "cao"), " if you have a bike for him."),
    d("homoglyph", "block", "We moved my client into ", cyr(ADDR, "77 Pine Street", "e"), " today, finally a door that locks."),
    d("invisible", "block", "Shoutout to my client ", between(P, "Nadia Haddad", ZWNJ, 2), " for passing her citizenship test!"),
    d("invisible", "block", "My client's phone: ", ev(PH, f"(505){SHY} 555{WJ}-0117", "(505) 555-0117"), ", she needs a ride."),
    d("invisible", "block", "Youth ", ev(P, f"{RLO}sivaD nodnarB{PDF}", "Brandon Davis"), " finished his apprenticeship!"),
    d("invisible", "block", "Resident ", ev(P, f"Graci{BOM}ela", "Graciela"), " is turning 90 this Sunday 🎂"),
    d("compat", "block", "My client ", fullwidth(P, "Oliver Kim"), " got his first apartment!"),
    d("compat", "warn", "Call ", ev(PH, "⑨⓪②-⑤⑤⑤-⓪①①⓪", "902-555-0110"), " to volunteer."),
    d("compat", "block", "Youth ", math_bold(P, "Brandon Davis"), " finished his apprenticeship!"),
    d("compat", "block", "My client's email is ", ev(EM, "ｎａｄｉａ．ｈ＠ｇｍａｉｌ．ｃｏｍ", "nadia.h@gmail.com"), "."),
    d("spaced_letters", "block", "Congrats to my client ", spaced(P, "Esperanza"), " on the new job!"),
    d("spaced_letters", "block", "Youth ", spaced(P, "Brandon Davis"), " finished his apprenticeship!"),
    d("spaced_letters", "block", "Patient ", spaced(P, "OLIVER", " "), " asked me to help him write a letter home."),
    d("spaced_letters", "block", "My client ", spaced(P, "Graciela", "."), " is turning 90 this Sunday 🎂"),
    d("spaced_digits", "block", "Text my client at ", digits(PH, "505-555-0117"), " if you have a spare bike."),
    d("spaced_digits", "warn", "Volunteer hotline: ", digits(PH, "(902) 555-0110", " ", " ) "), "."),
    d("spaced_digits", "block", "My client's SSN, ", digits(SSN, "521-33-0974", " ", "-"), ", got rejected again."),
    d("dotted_digits", "block", "Her cell is ", digits(PH, "505-555-0117", "."), " — my client wants work."),
    d("dotted_digits", "warn", "Call ", digits(PH, "614-555-0139", "-", "  "), " with questions."),
    d("spelled_digits", "block", "Call my client at ", spell(PH, "505-555-0117", " ", " - ", zero="oh"), " if you have work."),
    d("spelled_digits", "warn", "RSVP: ", ev(PH, "nine oh two, triple five, oh one one oh", "902-555-0110"), "."),
    d("spelled_digits", "block", "My client's social is ", spell(SSN, "521-33-0974", "-"), "."),
    d("spelled_digits", "warn", "Questions? Call ", ev(PH, "Six One Four Five Five Five Zero One Three Nine", "614-555-0139"), "."),
    d("spelled_digits_es", "block", "El celular de mi cliente: ", spell(PH, "505-555-0117", " ", ", ", lang="es"), "."),
    d("spelled_digits_es", "warn", "Llame al ", spell(PH, "614-555-0139", lang="es"), " para más información."),
    d("leet", "block", "Congrats to my client ", ev(P, "3speranza", "Esperanza"), " on her new job!"),
    d("leet", "block", "Youth ", ev(P, "Br4nd0n D4vis", "Brandon Davis"), " finished his apprenticeship!"),
    d("leet", "block", "my client ", ev(P, "n4dia", "nadia"), " passed her citizenship test today"),
    d("email_words", "block", "Reach my client at ", ev(EM, "carlos.mendoza [at] gmail [dot] com", "carlos.mendoza@gmail.com"), "."),
    d("email_words", "warn", "Questions go to ", ev(EM, "info at riverside dot org", "info@riverside.org"), "."),
    d("email_words", "block", "My client's email: ", ev(EM, "nadia.h(at)gmail.com", "nadia.h@gmail.com"), "."),
    d("line_split", "block", "My client's number is ", ev(PH, "505-\n555-0117", "505-555-0117"), ", text only."),
    d("line_split", "warn", "Call\n", ev(PH, "(614) 555-\n0139", "(614) 555-0139"), "\nfor details."),
    d("combined", "block", "Congrats to my client ", ev(P, "Е s p e r a n z a", "Esperanza"), "!", note="Cyrillic E, then spaced"),
    d("benign", "pass", "Game night: teams A B C and D, snacks provided! 🎲"),
    d("benign", "pass", "Three or four families still need winter coats. Can you help?"),
    d("benign", "pass", "Meet us at the park at 3 for the picnic, rain or shine."),
    d("benign", "pass", "Our 3rd annual 5K raised $4,500! Thank you to all 150 runners."),
)
# fmt: on

"""E-mail addresses written out: "jdoe (at) agency (dot) gov", "jdoe at gmail.com",
"jdoe@gmail[.]com".

A bracketed "(at)", "[at]", "{at}", "(@)" is always an "@". A bare " at " (or " @ ",
Spanish " arroba ") is a sentence far more often than an address, so it is one only
when the domain spells a dot out ("agency dot gov", "punto"), or is a mail provider's
("gmail.com"), or the name before it looks like a user name ("jenny.r88"); and never
after a capitalised, all-capital or common word ("Volunteer at helpinghands dot org",
"RSVP at ...", "us at ..."). The address must end in a known top-level domain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import re2

from app.evasion.rewrite import Rewrite, keep


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TLDS = (
    "com|org|net|gov|edu|mil|int|info|biz|us|io|co|me|app|dev|email|online|health|care"
    "|ca|mx|uk|ie|de|fr|es|it|nl|au|nz|in|ph|ng|ke|za|br|ar|cl|pe|jp|kr|cn|tw|vn|pl|ru|ua"
)
_PROVIDERS = _words(
    "gmail googlemail yahoo ymail hotmail outlook live msn aol icloud me mac proton "
    "protonmail pm gmx mail zoho comcast att verizon sbcglobal cox charter"
)
_COMMON = _words(
    "us me him her them you we it this that email e-mail write mail contact reach message "
    "meet find join see visit volunteer donate help call text sign up apply register "
    "online more info details tickets available live here there"
)
_OPEN, _CLOSE = r"[(\[{<]", r"[)\]}>]"
_AT_WORD = r"(?:at|arroba)"
_DOT_WORD = r"(?:dot|punto|period)"
_AT_STRONG = rf"\s*{_OPEN}\s*(?:{_AT_WORD}|@)\s*{_CLOSE}\s*"
_AT_WEAK = rf"\s+(?:{_AT_WORD}|@)\s+"
_DOT_STRONG = rf"\s*{_OPEN}\s*(?:{_DOT_WORD}|\.)\s*{_CLOSE}\s*"
_DOT_WEAK = rf"\s+{_DOT_WORD}\s+|\s+\.\s+"
_DOT = rf"(?:{_DOT_STRONG}|{_DOT_WEAK}|\.)"
_LOCAL = rf"[A-Za-z0-9_%+-]+(?:{_DOT}[A-Za-z0-9_%+-]+){{0,4}}"
_DOMAIN = rf"[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+){{0,3}}{_DOT}(?:{_TLDS})(?![\w@])"
_EMAIL = re.compile(
    rf"(?<![\w.@])(?P<local>{_LOCAL})(?P<at>{_AT_STRONG}|{_AT_WEAK})(?P<domain>{_DOMAIN})",
    re.IGNORECASE,
)
_STRONG_AT = re.compile(_AT_STRONG, re.IGNORECASE)
_SEP_PART = re.compile(rf"{_DOT_STRONG}|{_DOT_WEAK}|\.", re.IGNORECASE)
_MAX_ATS = 200
_USER_NAME = re.compile(r"[\w%+-]*[\d._][\w.%+-]*")

# Cheap tests first (RE2): is there an "at" that could be an address's at all?
_STRONG_AT_HINT = re2.compile(rf"(?i){_OPEN}\s*(?:{_AT_WORD}|@)\s*{_CLOSE}")
_AT_HINT = re2.compile(rf"(?i){_OPEN}\s*(?:{_AT_WORD}|@)\s*{_CLOSE}|\s(?:{_AT_WORD}|@)\s")
_WEAK_HINT = re2.compile(
    rf"(?i){_OPEN}\s*(?:{_DOT_WORD}|\.)\s*{_CLOSE}|\s(?:{_DOT_WORD}|\.)\s"
    rf"|\s(?:{_AT_WORD}|@)\s+(?:{'|'.join(sorted(_PROVIDERS))})\."
    rf"|[\w.]*[\d._][\w.]*\s(?:{_AT_WORD}|@)\s"
)


def _part(text: str, start: int, end: int) -> tuple[list[tuple[str, int, int]], bool]:
    """Labels kept, each written-out dot made a "."; also whether a dot was spelled."""
    out: list[tuple[str, int, int]] = []
    spelled = False
    pos = start
    for sep in _SEP_PART.finditer(text, start, end):
        out.extend(keep(text, pos, sep.start()))
        out.append((".", sep.start(), sep.end()))
        spelled |= sep.group() != "."
        pos = sep.end()
    out.extend(keep(text, pos, end))
    return out, spelled


def _bare_at_is_address(local: str, domain: str, spelled_dot: bool) -> bool:
    if local.lower() in _COMMON or local.istitle() or local.isupper():
        return False
    provider = domain.split(".")[0].strip().lower() in _PROVIDERS
    return spelled_dot or provider or _USER_NAME.fullmatch(local) is not None


def emails(text: str) -> Iterable[Rewrite]:
    # " at " is in most posts: look further only when something else says "address",
    # then only around each "at".
    if not _STRONG_AT_HINT.search(text) and not _WEAK_HINT.search(text):
        return
    done = 0
    for n, hint in enumerate(_AT_HINT.finditer(text)):
        if n == _MAX_ATS:  # a draft of thousands of "at"s: no post, and no more work
            return
        if hint.start() < done:
            continue
        m = _EMAIL.search(text, max(done, hint.start() - 64), hint.end() + 128)
        if m is None or m.start("at") > hint.start():
            continue
        local, _ = _part(text, *m.span("local"))
        domain, spelled_dot = _part(text, *m.span("domain"))
        if not _STRONG_AT.fullmatch(m.group("at")) and not _bare_at_is_address(
            m.group("local"), m.group("domain"), spelled_dot
        ):
            continue
        done = m.end()
        yield Rewrite(m.start(), m.end(), (*local, ("@", *m.span("at")), *domain))


# --- a plain "@" before a domain whose dot is bracketed: "jdoe@gmail[.]com" ------------
_DEFANGED = re.compile(
    rf"(?<![\w.@])(?P<local>{_LOCAL})@(?P<domain>{_DOMAIN})",
    re.IGNORECASE,
)
_DEFANGED_HINT = re2.compile(
    rf"(?i)@[\w-]{{1,64}}(?:\.[\w-]{{1,64}}){{0,3}}\s*{_OPEN}\s*(?:{_DOT_WORD}|\.)\s*{_CLOSE}"
)


def defanged_emails(text: str) -> Iterable[Rewrite]:
    done = 0
    for n, hint in enumerate(_DEFANGED_HINT.finditer(text)):
        if n == _MAX_ATS:
            return
        if hint.start() < done:
            continue
        m = _DEFANGED.search(text, max(done, hint.start() - 64), hint.end() + 64)
        if m is None or m.end("local") != hint.start():
            continue
        local, _ = _part(text, *m.span("local"))
        domain, _ = _part(text, *m.span("domain"))
        done = m.end()
        yield Rewrite(m.start(), m.end(), (*local, ("@", hint.start(), hint.start() + 1), *domain))


# --- an address spelled out letter by letter: "j d o e @ g m a i l . c o m" -----------
# Every character of the name and the domain set apart by one space, the "@" and the dots
# by a space or none; the domain must end in a known top-level domain once joined.
_SPACED_CHARS = r"[A-Za-z0-9](?: [A-Za-z0-9_.+-]){2,40}"
_SPACED_LABEL = r"[A-Za-z0-9](?: [A-Za-z0-9-]){1,40}"
_SPACED_EMAIL = re.compile(
    rf"(?<![\w@])(?P<local>{_SPACED_CHARS}) ?(?:@|\(at\)|\[at\]) ?"
    rf"(?P<domain>{_SPACED_LABEL}(?: ?\. ?[A-Za-z](?: [A-Za-z]){{1,5}}){{1,3}})(?![\w@])"
)
_SPACED_EMAIL_HINT = re2.compile(r"\w \w ?(?:@|\(at\)|\[at\]) ?\w \w")
_MAX_SPACED = 20


def spaced_emails(text: str) -> Iterable[Rewrite]:
    if not _SPACED_EMAIL_HINT.search(text):
        return
    done = 0
    for n, hint in enumerate(_SPACED_EMAIL_HINT.finditer(text)):
        if n == _MAX_SPACED:  # no post spells out more addresses than this
            return
        if hint.start() < done:
            continue
        m = _SPACED_EMAIL.search(text, max(done, hint.start() - 96), hint.end() + 128)
        if m is None or m.end("local") > hint.end():
            continue
        domain = m.group("domain").replace(" ", "")
        if domain.rsplit(".", 1)[-1].lower() not in _TLDS.split("|"):
            continue
        out = [(ch, i, i + 1) for i, ch in enumerate(m.group("local"), m.start()) if ch != " "]
        out.append(("@", m.end("local"), m.start("domain")))
        out += [
            (ch, i, i + 1) for i, ch in enumerate(m.group("domain"), m.start("domain")) if ch != " "
        ]
        done = m.end()
        yield Rewrite(m.start(), m.end(), tuple(out))

"""E-mail addresses written out: "jdoe (at) agency (dot) gov"."""

from __future__ import annotations

import re
from collections.abc import Iterable

import re2

from app.evasion.rewrite import Rewrite, keep

# --- e-mail addresses written out: "jdoe (at) agency (dot) gov" ------------------------
# "(at)", "[at]", "{at}", "(@)" are always an "@"; a bare " at " or " @ " only when the
# domain also spells a dot out ("agency dot gov"), so "volunteer at helpinghands.org"
# stays a sentence, and never after a capitalised word or a common word ("Volunteer
# at helpinghands dot org", "us at ..."). The address must end in a known top-level domain.
_TLDS = (
    "com|org|net|gov|edu|mil|int|info|biz|us|io|co|me|app|dev|email|online|health|care"
    "|ca|mx|uk|ie|de|fr|es|it|nl|au|nz|in|ph|ng|ke|za|br|ar|cl|pe|jp|kr|cn|tw|vn|pl|ru|ua"
)
_OPEN, _CLOSE = r"[(\[{<]", r"[)\]}>]"
_AT_STRONG = rf"\s*{_OPEN}\s*(?:[aA][tT]|@)\s*{_CLOSE}\s*"
_AT_WEAK = r"\s+(?:at|AT|At|@)\s+"
_DOT_STRONG = rf"\s*{_OPEN}\s*(?:[dD][oO][tT]|\.)\s*{_CLOSE}\s*"
_DOT_WEAK = r"\s+(?:dot|DOT|Dot)\s+|\s+\.\s+"
_DOT = rf"(?:{_DOT_STRONG}|{_DOT_WEAK}|\.)"
_LOCAL = rf"[A-Za-z0-9_%+-]+(?:{_DOT}[A-Za-z0-9_%+-]+){{0,4}}"
_DOMAIN = rf"[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+){{0,3}}{_DOT}(?:{_TLDS})(?![\w@])"
_EMAIL = re.compile(
    rf"(?<![\w.@])(?P<local>{_LOCAL})(?P<at>{_AT_STRONG}|{_AT_WEAK})(?P<domain>{_DOMAIN})",
    re.IGNORECASE,
)
_STRONG_AT = re.compile(_AT_STRONG)
_SEP_PART = re.compile(rf"{_DOT_STRONG}|{_DOT_WEAK}|\.")
_COMMON = frozenset(
    [
        "us",
        "me",
        "him",
        "her",
        "them",
        "you",
        "we",
        "it",
        "this",
        "that",
        "email",
        "e-mail",
        "write",
        "mail",
        "contact",
        "reach",
        "message",
        "meet",
        "find",
        "join",
        "see",
        "visit",
        "volunteer",
        "donate",
        "help",
        "call",
        "text",
    ]
)


def _email_part(text: str, start: int, end: int) -> tuple[list[tuple[str, int, int]], bool]:
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


_STRONG_AT_HINT = re2.compile(rf"{_OPEN}\s*(?:[aA][tT]|@)\s*{_CLOSE}")
_AT_HINT = re2.compile(rf"{_OPEN}\s*(?:[aA][tT]|@)\s*{_CLOSE}|\s(?:[aA][tT]|@)\s")
_DOT_HINT = re2.compile(rf"{_OPEN}\s*(?:[dD][oO][tT]|\.)\s*{_CLOSE}|\s(?:dot|DOT|Dot|\.)\s")


def emails(text: str) -> Iterable[Rewrite]:
    # " at " is in most posts: look further only when a dot is spelled out too, or an
    # "at" is bracketed; then only around each "at".
    if not _STRONG_AT_HINT.search(text) and not _DOT_HINT.search(text):
        return
    done = 0
    for hint in _AT_HINT.finditer(text):
        if hint.start() < done:
            continue
        m = _EMAIL.search(text, max(done, hint.start() - 64), hint.end() + 128)
        if m is None or m.start("at") > hint.start():
            continue
        done = m.end()
        local, _ = _email_part(text, *m.span("local"))
        domain, spelled_domain = _email_part(text, *m.span("domain"))
        if not _STRONG_AT.fullmatch(m.group("at")):
            word = m.group("local")
            if not spelled_domain or word.lower() in _COMMON or word.istitle():
                continue
        out = [*local, ("@", *m.span("at")), *domain]
        yield Rewrite(m.start(), m.end(), tuple(out))

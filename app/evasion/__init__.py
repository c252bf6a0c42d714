"""Rewrites that undo what a writer (or autocorrect) does to hide an identifier.

Each finder reads the text after the character pass of :mod:`app.normalise` and
returns :class:`Rewrite`s: a span of that text and what replaces it, every character
of the replacement carrying the span of the text it stands for. So "M a r i a" becomes
"Maria" with each letter standing for itself, and "five five five" becomes "555" with
each digit standing for its word; :mod:`app.normalise` composes that into the map back
to the text as sent, and a finding on the rewrite highlights the disguised characters.

Every finder is written to leave ordinary posts alone; the comment on each says how.
The patterns are Python ``re`` with bounded repetition (no nested unbounded
quantifiers), so each runs in time linear in the text; ``tests/attack`` feeds them
adversarial input.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable

from app.evasion.emails import defanged_emails, emails, spaced_emails
from app.evasion.letters import leetspeak, spaced_handles, spaced_letters
from app.evasion.numbers import digit_runs, letters_in_numbers, line_split_phones
from app.evasion.rewrite import Rewrite

__all__ = ["FINDERS", "Rewrite", "find"]

# In order of precedence: where two overlap, the earlier finder's rewrite is kept.
FINDERS: tuple[Callable[[str], Iterable[Rewrite]], ...] = (
    emails,
    defanged_emails,
    spaced_emails,
    line_split_phones,
    letters_in_numbers,
    digit_runs,
    spaced_handles,
    spaced_letters,
    leetspeak,
)


def find(text: str, first: Iterable[Rewrite] = ()) -> list[Rewrite]:
    """Every rewrite of ``text``, none overlapping another, in text order. ``first`` are
    rewrites already decided (the character pass's), which take precedence."""
    kept = sorted(first, key=lambda r: r.start)
    starts = [r.start for r in kept]
    for finder in FINDERS:
        for rw in finder(text):
            # kept never overlap, so only the neighbours either side can overlap rw
            at = bisect_left(starts, rw.start)
            if (at and kept[at - 1].end > rw.start) or (at < len(kept) and kept[at].start < rw.end):
                continue
            kept.insert(at, rw)
            starts.insert(at, rw.start)
    return kept

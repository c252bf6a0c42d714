"""What a finder returns: a span of the text and what replaces it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rewrite:
    start: int
    end: int
    # (character, start, end): the character and the span [start, end) it stands for
    out: tuple[tuple[str, int, int], ...]


def keep(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Characters of ``text`` kept as they are, each standing for itself."""
    return [(text[i], i, i + 1) for i in range(start, end)]

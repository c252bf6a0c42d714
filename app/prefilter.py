"""Which of many RE2 patterns match a text, found in one call.

The rule packs and the pattern detectors hold about 120 regexes, and a draft matches
one or two of them. Each ``finditer`` through the ``re2`` module costs ~5 µs of Python
before any matching, so asking every regex in turn cost ~0.5 ms a draft. RE2's
FilteredRE2 (``re2.Filter``) checks the literal atoms of all patterns at once and runs
only the candidates, in C, and it never gives up on a long text the way a DFA over a
pattern set can when it runs out of memory.
"""

from __future__ import annotations

from collections.abc import Sequence

import re2


class Prefilter:
    """``matching(text)``: the indexes of the patterns that match somewhere in text."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self._size = len(patterns)
        self._filter = re2.Filter()
        for pattern in patterns:
            self._filter.Add(pattern)
        if patterns:
            self._filter.Compile()

    def matching(self, text: str) -> list[int]:
        if not self._size:
            return []
        return sorted(self._filter.Match(text) or ())

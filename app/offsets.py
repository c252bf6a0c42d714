"""Offsets in the unit a client counts in.

The screener works in code points (Python string indices). JavaScript strings count
UTF-16 code units, where a character outside the BMP (most emoji) takes two.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate


def utf16_converter(text: str) -> Callable[[int], int]:
    """Return a function mapping a code-point index of ``text`` to a UTF-16 index."""
    if all(ord(ch) < 0x10000 for ch in text):
        return lambda i: i
    before = [0, *accumulate(2 if ord(ch) >= 0x10000 else 1 for ch in text)]
    return before.__getitem__

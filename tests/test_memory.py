"""Freed heap handed back to the OS at most once per interval."""

from __future__ import annotations

import time

from app.memory import Trimmer, malloc_trim


def test_trims_at_most_once_per_interval() -> None:
    calls: list[int] = []
    trimmer = Trimmer(0.05, lambda pad: calls.append(pad) or 1)
    assert not trimmer.maybe()  # the interval counts from the start
    time.sleep(0.06)
    assert trimmer.maybe() and calls == [0]
    assert not trimmer.maybe()
    time.sleep(0.06)
    assert trimmer.maybe() and calls == [0, 0] and trimmer.trims == 2


def test_zero_never_trims() -> None:
    calls: list[int] = []
    trimmer = Trimmer(0, lambda pad: calls.append(pad) or 1)
    time.sleep(0.01)
    assert not trimmer.maybe() and calls == []


def test_glibc_malloc_trim_is_found_and_runs() -> None:
    trim = malloc_trim()
    assert trim is not None  # Debian's glibc, here and in the image
    assert trim(0) in (0, 1)
    trimmer = Trimmer(1e-9)
    time.sleep(0.001)
    assert trimmer.maybe() and trimmer.trims == 1

"""Checking many posts: chunks through ``Screener.check_many`` (``nlp.pipe``), in this
process or in worker processes that each load the models once.

Results come back in the order of the posts whatever the number of workers.
Workers are spawned, not forked: a fork of a process holding threads (the progress
display, tokenizers' pools) can deadlock, and spawn behaves the same on macOS.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from typing import TextIO

from app.config import Settings
from app.scan.reader import Post
from app.screener import Result, Screener

_worker: Screener | None = None


def _load(settings: Settings) -> None:
    global _worker
    _worker = Screener(settings)


def _check(texts: list[str], policy: str | None) -> list[Result]:
    assert _worker is not None, "the pool's initializer loads the screener"
    return _check_with(_worker, texts, policy)


def _check_with(screener: Screener, texts: list[str], policy: str | None) -> list[Result]:
    # An empty cell (an image-only post) has no text to leak; spaCy need not see it.
    full = [t for t in texts if t.strip()]
    results = iter(screener.check_many(full, policy) if full else [])
    empty = Result("pass", [], "", screener.policy(policy).policy)
    return [next(results) if t.strip() else empty for t in texts]


def _chunks(posts: Sequence[Post], size: int) -> list[list[str]]:
    return [[p.text for p in posts[i : i + size]] for i in range(0, len(posts), size)]


def check_posts(
    posts: Sequence[Post],
    settings: Settings,
    policy: str | None,
    workers: int = 1,
    progress: Callable[[int], None] = lambda n: None,
) -> list[Result]:
    """Every post checked under ``policy``, in order; ``progress(n)`` after each chunk."""
    chunks = _chunks(posts, settings.batch_size)
    results: list[Result] = []
    if workers <= 1:
        screener = Screener(settings)
        for chunk in chunks:
            results.extend(_check_with(screener, chunk, policy))
            progress(len(chunk))
        return results
    with ProcessPoolExecutor(
        max_workers=min(workers, len(chunks)),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_load,
        initargs=(settings,),
    ) as pool:
        for chunk_results in pool.map(_check, chunks, repeat(policy)):
            results.extend(chunk_results)
            progress(len(chunk_results))
    return results


class Progress:
    """A one-line progress display on a terminal's stderr; nothing when not a terminal."""

    def __init__(self, total: int, stream: TextIO | None = None, *, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total
        self.done = 0
        self._t0 = time.monotonic()
        self._first = 0  # posts done when the clock started
        self._drawn = 0.0

    def note(self, message: str) -> None:
        if self.enabled:
            self.stream.write(f"\r\x1b[K{message}")
            self.stream.flush()

    def __call__(self, n: int) -> None:
        if self.done == 0:
            # the rate counts from the first chunk back, once the models are loaded
            self._t0, self._first = time.monotonic(), n
        self.done += n
        now = time.monotonic()
        if self.enabled and (now - self._drawn > 0.1 or self.done >= self.total):
            self._drawn = now
            self.note(self._line(now))

    def _line(self, now: float) -> str:
        width = 28
        filled = width * self.done // max(self.total, 1)
        bar = "█" * filled + "░" * (width - filled)
        line = f"{bar} {self.done}/{self.total} posts"
        elapsed = now - self._t0
        if self.done > self._first and elapsed > 0 and self.done < self.total:
            rate = (self.done - self._first) / elapsed
            line += f"  {rate:.0f}/s  about {(self.total - self.done) / rate:.0f}s left"
        return line

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

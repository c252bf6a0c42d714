"""Rate limits: a moving window per identity; a batch costs one per item."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from limits import parse

from app.errors import PayloadTooLarge, TooManyRequests
from app.ratelimits import RateLimits, refuse_if_never_fits

FIVE = parse("5/minute")


def run_in_own_loop(coro: Coroutine[Any, Any, None]) -> None:
    """asyncio.run in a thread of its own: the session's Playwright driver (browser
    tests) keeps an event loop running in the main thread."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coro).result()


def test_the_limit_is_counted_per_identity() -> None:
    async def run() -> None:
        limits = RateLimits()
        for _ in range(5):
            await limits.spend("key:a", FIVE)
        with pytest.raises(TooManyRequests) as caught:
            await limits.spend("key:a", FIVE)
        assert 1 <= caught.value.retry_after <= 60
        assert caught.value.headers() == {"Retry-After": str(caught.value.retry_after)}
        assert caught.value.status == 429
        await limits.spend("key:b", FIVE)  # another key is not held back

    run_in_own_loop(run())


def test_a_cost_counts_as_that_many_checks_and_a_refusal_counts_none() -> None:
    async def run() -> None:
        limits = RateLimits()
        await limits.spend("key:a", FIVE, cost=4)
        with pytest.raises(TooManyRequests):
            await limits.spend("key:a", FIVE, cost=2)
        await limits.spend("key:a", FIVE, cost=1)  # the refused 2 were not counted
        await limits.spend("key:a", FIVE, cost=0)  # nothing to count: never refused

    run_in_own_loop(run())


def test_a_batch_bigger_than_the_whole_limit_is_413_not_429() -> None:
    refuse_if_never_fits(5, FIVE)
    with pytest.raises(PayloadTooLarge, match="Split the batch"):
        refuse_if_never_fits(6, FIVE)

"""Rate limits per API key, with the `limits` library's sliding window counter in memory.

The sliding window counter weighs the previous fixed window's count by how much of it
still overlaps the last period, so a burst at the edge of a fixed window cannot pass
twice the limit; unlike `limits`' exact moving window, whose memory store keeps one
entry per check (45 µs a request at 600/minute, growing with the limit), it keeps two
counters a key. The asyncio flavour runs its expiry sweep as a task on the event loop:
the threaded one starts a timer thread every 10 ms, which takes the GIL from checks.
A batch costs one per item: a check is a check, alone or in a batch. The counts live in
this process: each of `--workers N` keeps its own, so a key may make up to N times its
limit across the workers.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import SlidingWindowCounterRateLimiter

from app.errors import PayloadTooLarge, TooManyRequests


class RateLimits:
    def __init__(self) -> None:
        self._limiter = SlidingWindowCounterRateLimiter(MemoryStorage())

    async def spend(self, who: str, limit: RateLimitItem, cost: int = 1) -> None:
        """Count ``cost`` checks against ``who``, or raise TooManyRequests (nothing counted)."""
        if cost <= 0 or await self._limiter.hit(limit, who, cost=cost):
            return
        reset, _ = await self._limiter.get_window_stats(limit, who)
        retry_after = max(1, math.ceil(reset - time.time()))
        raise TooManyRequests(
            f"Rate limit of {limit} reached; retry in {retry_after} s.", retry_after=retry_after
        )


def refuse_if_never_fits(items: int, limit: RateLimitItem) -> None:
    """A batch bigger than the whole limit would get 429 for ever: say so instead."""
    if items > limit.amount:
        raise PayloadTooLarge(
            f"The batch has {items} items; the rate limit of {limit} can never admit it. "
            "Split the batch.",
            fields=[{"field": "items", "problem": f"more than {limit.amount} items"}],
        )

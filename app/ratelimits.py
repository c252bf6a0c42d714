"""Rate limits per API key, with the `limits` library's moving window in memory.

A moving window counts the checks of the last period (a minute, for "600/minute") at
every request, so a burst at the edge of a fixed window cannot pass twice the limit.
A batch costs one per item: a check is a check, alone or in a batch. The counts live in
this process: each of `--workers N` keeps its own, so a key may make up to N times its
limit across the workers.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from app.errors import PayloadTooLarge, TooManyRequests


class RateLimits:
    def __init__(self) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def spend(self, who: str, limit: RateLimitItem, cost: int = 1) -> None:
        """Count ``cost`` checks against ``who``, or raise TooManyRequests (nothing counted)."""
        if cost <= 0 or self._limiter.hit(limit, who, cost=cost):
            return
        reset, _ = self._limiter.get_window_stats(limit, who)
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

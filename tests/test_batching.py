"""The micro-batcher: requests that queue behind a running check go through together,
and each gets exactly what it would have got alone."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import anyio
import pytest

from app.batching import Batcher
from app.errors import NotFound
from app.memory import Trimmer
from app.screener import Result, Screener

pytestmark = pytest.mark.slow

T = TypeVar("T")

DRAFTS = [
    "So proud of my client Maria Lopez, she moved into 1420 Elm Street!",
    "Join us Saturday for our annual fundraiser, all welcome.",
    "Call our office at (217) 555-0100 for intake hours.",
    "My 3pm client relapsed again, I am so tired of this.",
    "Naloxone training Thursday, open to all.",
    "Text Jamal at 217-555-0148 about the youth group.",
    "Our newest Suboxone graduate, Dee, is 90 days sober!",
]


def run(main: Callable[[], Awaitable[T]]) -> T:
    # The browser tests keep an event loop running in this thread for the session; an
    # event loop of our own must run in a thread of its own.
    out: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            out.append(asyncio.run(main()))  # type: ignore[arg-type]
        except BaseException as exc:  # re-raised in the test's thread
            failure.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return out[0]


def shape(results: Sequence[Result]) -> list[Any]:
    return [
        (r.verdict, r.policy.id, [(v.rule_id, v.start, v.end) for v in r.violations])
        for r in results
    ]


def batcher(screener: Screener, max_items: int = 32) -> Batcher:
    return Batcher(screener, anyio.CapacityLimiter(1), max_items)


def test_one_request_alone_is_one_batch_of_its_texts(screener: Screener) -> None:
    async def main() -> tuple[Batcher, list[Result]]:
        b = batcher(screener)
        return b, await b.check(DRAFTS[:3], None)

    b, results = run(main)
    assert shape(results) == shape(screener.check_many(DRAFTS[:3]))
    assert (b.batches, b.texts) == (1, 3)


def test_requests_that_arrive_together_are_checked_together(screener: Screener) -> None:
    async def main() -> tuple[Batcher, list[list[Result]]]:
        b = batcher(screener)
        out = await asyncio.gather(*(b.check([d], None) for d in DRAFTS))
        return b, list(out)

    b, out = run(main)
    assert [shape(r) for r in out] == [shape([screener.check(d)]) for d in DRAFTS]
    assert (b.batches, b.texts) == (1, len(DRAFTS))


def test_requests_that_queue_behind_a_running_check_go_together(screener: Screener) -> None:
    async def main() -> tuple[Batcher, list[list[Result]]]:
        limiter = anyio.CapacityLimiter(1)
        b = Batcher(screener, limiter, 32)
        async with limiter:  # a check (or a reload) is running
            first = asyncio.ensure_future(b.check([DRAFTS[0]], None))
            await asyncio.sleep(0.05)  # the first has been taken, and waits for its turn
            rest = [asyncio.ensure_future(b.check([d], None)) for d in DRAFTS[1:]]
            await asyncio.sleep(0.05)
        out = await asyncio.gather(first, *rest)
        return b, list(out)

    b, out = run(main)
    assert [shape(r) for r in out] == [shape([screener.check(d)]) for d in DRAFTS]
    assert (b.batches, b.texts) == (2, len(DRAFTS))


def test_a_batch_holds_at_most_max_items_and_never_splits_a_request(screener: Screener) -> None:
    async def main() -> tuple[Batcher, list[list[Result]]]:
        b = batcher(screener, max_items=3)
        jobs = [[DRAFTS[0]], DRAFTS[1:3], DRAFTS[3:5], [DRAFTS[5]], DRAFTS[:5]]
        out = await asyncio.gather(*(b.check(j, None) for j in jobs))
        return b, list(out)

    b, out = run(main)
    # 1 + 2, then 2 + 1, then the five-text request alone: over the limit, but whole
    assert (b.batches, b.texts) == (3, 11)
    assert [len(r) for r in out] == [1, 2, 2, 1, 5]
    assert shape(out[1] + out[2]) == shape(screener.check_many(DRAFTS[1:5]))
    assert shape(out[4]) == shape(screener.check_many(DRAFTS[:5]))


def test_each_request_gets_its_own_policy_in_a_mixed_batch(screener: Screener) -> None:
    draft = "Ran into a client of ours at Target, she looked awful."

    async def main() -> list[list[Result]]:
        b = batcher(screener)
        return list(
            await asyncio.gather(
                b.check([DRAFTS[1]], None),
                b.check([draft], "strict"),
                b.check([draft], None),
                b.check([draft], "strict"),
            )
        )

    out = run(main)
    assert [r[0].policy.id for r in out] == ["default", "strict", "default", "strict"]
    assert shape(out[1]) == shape([screener.check(draft, "strict")])
    assert shape(out[2]) == shape([screener.check(draft, "default")])


def test_an_error_reaches_only_the_requests_of_its_policy(screener: Screener) -> None:
    async def main() -> list[Any]:
        b = batcher(screener)
        return list(
            await asyncio.gather(
                b.check([DRAFTS[0]], None),
                b.check([DRAFTS[1]], "no-such-policy"),
                b.check([DRAFTS[2]], None),
                return_exceptions=True,
            )
        )

    first, bad, third = run(main)
    assert isinstance(bad, NotFound)
    assert shape(first) == shape([screener.check(DRAFTS[0])])
    assert shape(third) == shape([screener.check(DRAFTS[2])])


def test_a_request_whose_caller_left_is_not_checked(screener: Screener) -> None:
    async def main() -> tuple[Batcher, list[Any]]:
        b = batcher(screener)
        tasks = [asyncio.ensure_future(b.check([d], None)) for d in DRAFTS[:4]]
        await asyncio.sleep(0)  # all four queued, none taken yet
        tasks[2].cancel()
        out = await asyncio.gather(*tasks, return_exceptions=True)
        return b, out

    b, out = run(main)
    assert isinstance(out[2], asyncio.CancelledError)
    assert [shape(out[n]) for n in (0, 1, 3)] == [
        shape([screener.check(DRAFTS[n])]) for n in (0, 1, 3)
    ]
    assert b.texts == 3


def test_the_batcher_starts_again_after_going_idle(screener: Screener) -> None:
    async def main() -> tuple[Batcher, list[Result], list[Result]]:
        b = batcher(screener)
        first = await b.check([DRAFTS[0]], None)
        second = await b.check([DRAFTS[1]], None)
        return b, first, second

    b, first, second = run(main)
    assert (b.batches, b.texts) == (2, 2)
    assert shape(first + second) == shape(screener.check_many(DRAFTS[:2]))


def test_an_empty_request_costs_nothing(screener: Screener) -> None:
    async def main() -> tuple[Batcher, list[Result]]:
        b = batcher(screener)
        return b, await b.check([], None)

    b, results = run(main)
    assert results == [] and b.batches == 0


def test_freed_heap_is_handed_back_after_a_batch_once_its_interval_is_up(
    screener: Screener,
) -> None:
    calls: list[int] = []
    trimmer = Trimmer(1e-9, lambda pad: calls.append(pad) or 1)

    async def main() -> None:
        b = Batcher(screener, anyio.CapacityLimiter(1), 32, trimmer)
        await b.check(DRAFTS[:2], None)
        await b.check(DRAFTS[2:4], None)

    run(main)
    assert calls == [0, 0] and trimmer.trims == 2

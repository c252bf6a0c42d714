"""Micro-batching: checks that arrive while one is running go through the model together.

spaCy's NER costs about twice as much per draft parsed alone as per draft parsed in a
batch of eight or more through ``nlp.pipe`` (the transition decoder and the layers'
matrix products run once per batch, not once per text). Under load many requests wait
for the one check a process runs at a time; the batcher hands them to
``Screener.check_many`` together instead of one after another.

There is no timer: a request that arrives at an idle process starts at once, alone, so
batching costs nothing without load. Requests that arrive while a batch is running wait
for it (they would have waited anyway) and then go together, up to ``max_items`` texts.
A request's texts are never split across batches, and results come back in its order.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

import anyio
import anyio.to_thread

from app.memory import Trimmer
from app.screener import Result, Screener

log = logging.getLogger("screener.batch")


@dataclass(eq=False)
class _Job:
    texts: Sequence[str]
    policy: str | None
    done: asyncio.Future[list[Result]] = field(repr=False)


# What a batch gives each job: its results, or the error its policy group raised.
_Outcome = list[Result] | Exception


class Batcher:
    """Queues checks and runs them in batches, one batch at a time, in ``limiter``'s turn
    (a reload of the rules takes its turn on the same limiter)."""

    def __init__(
        self,
        screener: Screener,
        limiter: anyio.CapacityLimiter,
        max_items: int,
        trimmer: Trimmer | None = None,
    ) -> None:
        self.screener = screener
        self._limiter = limiter
        self._max_items = max_items
        self._trimmer = trimmer
        self._queue: deque[_Job] = deque()
        self._drainer: asyncio.Task[None] | None = None
        # figures for the benchmark and the tests: batches run and texts checked
        self.batches = 0
        self.texts = 0

    async def check(self, texts: Sequence[str], policy: str | None) -> list[Result]:
        """The results for ``texts`` under ``policy``, checked with whatever else is queued."""
        if not texts:
            return []
        loop = asyncio.get_running_loop()
        job = _Job(texts, policy, loop.create_future())
        self._queue.append(job)
        if self._drainer is None:
            self._drainer = loop.create_task(self._drain())
        # A caller that goes away (client disconnected) cancels only its own future; the
        # batch it is in finishes for the others.
        return await job.done

    async def _drain(self) -> None:
        try:
            while self._queue:
                jobs = self._take()
                if not jobs:
                    continue
                try:
                    outcomes = await anyio.to_thread.run_sync(
                        self._run, jobs, limiter=self._limiter
                    )
                except BaseException:  # cancelled: the server is shutting down
                    for job in jobs:
                        if not job.done.done():
                            job.done.cancel()
                    raise
                for job, outcome in zip(jobs, outcomes, strict=True):
                    if job.done.done():  # its caller went away meanwhile
                        continue
                    if isinstance(outcome, Exception):
                        job.done.set_exception(outcome)
                    else:
                        job.done.set_result(outcome)
        finally:
            self._drainer = None

    def _take(self) -> list[_Job]:
        """The queued jobs that fit in one batch (always at least one), oldest first;
        jobs whose caller has gone are dropped unchecked."""
        jobs: list[_Job] = []
        size = 0
        while self._queue:
            job = self._queue[0]
            if job.done.done():
                self._queue.popleft()
                continue
            if jobs and size + len(job.texts) > self._max_items:
                break
            jobs.append(self._queue.popleft())
            size += len(job.texts)
        return jobs

    def _run(self, jobs: Sequence[_Job]) -> list[_Outcome]:
        """In a worker thread: one ``check_many`` per policy among ``jobs``; each job's
        slice of the results, or the error of its policy's check."""
        t0 = time.perf_counter()
        outcomes: list[_Outcome] = [[] for _ in jobs]
        by_policy: dict[str | None, list[int]] = {}
        for n, job in enumerate(jobs):
            by_policy.setdefault(job.policy, []).append(n)
        for policy, members in by_policy.items():
            texts = [t for n in members for t in jobs[n].texts]
            try:
                results = self.screener.check_many(texts, policy)
            except Exception as exc:  # handed to each of its callers to raise
                for n in members:
                    outcomes[n] = exc
                continue
            self.batches += 1
            self.texts += len(texts)
            at = 0
            for n in members:
                outcomes[n] = results[at : at + len(jobs[n].texts)]
                at += len(jobs[n].texts)
        log.debug(
            "batch requests=%d texts=%d policies=%d ms=%.1f",
            len(jobs),
            sum(len(j.texts) for j in jobs),
            len(by_policy),
            (time.perf_counter() - t0) * 1000,
        )
        if self._trimmer is not None:
            self._trimmer.maybe()
        return outcomes

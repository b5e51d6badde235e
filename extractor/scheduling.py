"""Run one coroutine per item with a bounded number in flight, yielding results as they finish.

Linear in the number of items: at most ``window`` tasks exist at a time (each wait looks at those only), and
items are drawn from the iterable as slots free up, so a long generator of articles is never read ahead whole.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
ORDERED_LOOKAHEAD = 4  # ordered: tasks started per slot, so a slow first item does not idle the others


async def as_finished(
    run: Callable[[T], Awaitable[R]], items: Iterable[T], concurrency: int = 1, *, ordered: bool = False
) -> AsyncIterator[R]:
    """``run(item)`` for every item, at most ``concurrency`` running at once; results as they finish (items
    finished together: in input order), or in input order when ``ordered``. Leaving early cancels the rest."""
    concurrency = max(1, concurrency)
    semaphore = asyncio.Semaphore(concurrency)
    window = concurrency * ORDERED_LOOKAHEAD if ordered else concurrency
    source = iter(items)
    numbers = itertools.count()
    in_flight: dict[asyncio.Future[R], int] = {}  # task -> input position (dicts keep insertion order)

    async def guarded(item: T) -> R:
        async with semaphore:
            return await run(item)

    def fill() -> None:
        for item in itertools.islice(source, window - len(in_flight)):
            in_flight[asyncio.ensure_future(guarded(item))] = next(numbers)

    try:
        fill()
        while in_flight:
            if ordered:
                head = next(iter(in_flight))
                result = await head
                del in_flight[head]
                fill()
                yield result
                continue
            done, _ = await asyncio.wait(list(in_flight), return_when=asyncio.FIRST_COMPLETED)
            finished = sorted(done, key=in_flight.__getitem__)
            for task in finished:
                del in_flight[task]
            fill()
            for task in finished:
                yield task.result()
    finally:
        for task in in_flight:
            task.cancel()

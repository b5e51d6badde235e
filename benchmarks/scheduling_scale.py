"""Scheduling many articles: the bounded scheduler (scheduling.as_finished) against the loop it replaced.

    python benchmarks/scheduling_scale.py                  # 2,000 / 8,000 / 32,000 instant items, concurrency 4
    python benchmarks/scheduling_scale.py --items 5000 --concurrency 8

The replaced loop (kept here as the baseline, measured in the same run) started one task per article up front
and then, per completion, waited on every task still pending and looked each finished one up in the full
list, so its cost grew with the square of the number of articles. Each item is a coroutine that yields to the
event loop once and returns, so the numbers are the scheduler's own overhead, not a model's. Prints seconds,
items per second and the ratio old / new for each size.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable

from extractor.scheduling import as_finished


async def replaced_loop(
    run: Callable[[int], Awaitable[int]], items: Iterable[int], concurrency: int
) -> AsyncIterator[int]:
    """The loop aextract_many and BatchRunner.run used before (unordered branch)."""
    semaphore = asyncio.Semaphore(max(1, concurrency))

    async def one(item: int) -> int:
        async with semaphore:
            return await run(item)

    pending = [asyncio.ensure_future(one(i)) for i in items]
    waiting = set(pending)
    while waiting:
        done, waiting = await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        for task in sorted(done, key=pending.index):
            yield task.result()


async def item(number: int) -> int:
    await asyncio.sleep(0)
    return number


async def drain(stream: AsyncIterator[int]) -> int:
    count = 0
    async for _ in stream:
        count += 1
    return count


def timed(make: Callable[[], AsyncIterator[int]], expected: int) -> float:
    started = time.perf_counter()
    count = asyncio.run(drain(make()))
    elapsed = time.perf_counter() - started
    assert count == expected, (count, expected)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, nargs="*", default=[2000, 8000, 32000])
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    print(f"{'items':>8} {'old s':>9} {'new s':>9} {'old /s':>10} {'new /s':>10} {'old / new':>10}")
    for n in args.items:
        old = timed(lambda n=n: replaced_loop(item, range(n), args.concurrency), n)
        new = timed(lambda n=n: as_finished(item, range(n), args.concurrency), n)
        print(f"{n:>8} {old:>9.2f} {new:>9.2f} {n / old:>10.0f} {n / new:>10.0f} {old / new:>10.1f}")


if __name__ == "__main__":
    main()

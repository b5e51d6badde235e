"""scheduling.as_finished: bounded concurrency, results as they finish, lazy input, early exit cancels."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

from extractor.scheduling import ORDERED_LOOKAHEAD, as_finished


class Probe:
    """Coroutines that sleep ``delay[item]`` and record how many run at once and how many items were drawn."""

    def __init__(self, delays: dict[int, float]) -> None:
        self.delays = delays
        self.running = self.most_running = self.drawn = 0
        self.cancelled: list[int] = []

    def items(self) -> Iterator[int]:
        for item in sorted(self.delays):
            self.drawn += 1
            yield item

    async def run(self, item: int) -> int:
        self.running += 1
        self.most_running = max(self.most_running, self.running)
        try:
            await asyncio.sleep(self.delays[item])
        except asyncio.CancelledError:
            self.cancelled.append(item)
            raise
        finally:
            self.running -= 1
        return item


async def collect(probe: Probe, concurrency: int, ordered: bool) -> list[int]:
    return [item async for item in as_finished(probe.run, probe.items(), concurrency, ordered=ordered)]


def test_a_slow_item_holds_back_nothing_and_at_most_concurrency_run() -> None:
    probe = Probe({0: 0.2, 1: 0.0, 2: 0.01, 3: 0.0, 4: 0.02})
    results = asyncio.run(collect(probe, 2, ordered=False))
    assert sorted(results) == [0, 1, 2, 3, 4] and results[-1] == 0  # the slow first item comes last
    assert probe.most_running == 2


def test_ordered_keeps_input_order_and_runs_others_while_the_first_is_slow() -> None:
    probe = Probe({0: 0.1, 1: 0.0, 2: 0.0, 3: 0.0})
    assert asyncio.run(collect(probe, 2, ordered=True)) == [0, 1, 2, 3]
    assert probe.most_running == 2


def test_items_are_drawn_as_slots_free_up_not_read_ahead_whole() -> None:
    probe = Probe(dict.fromkeys(range(1000), 0.0))

    async def first_two() -> list[int]:
        got = []
        async for item in as_finished(probe.run, probe.items(), 3):
            got.append(item)
            if len(got) == 2:
                break
        return got

    assert asyncio.run(first_two()) == [0, 1]
    assert probe.drawn <= 3 + 3  # the first window, refilled once: never the 1,000
    ordered = Probe(dict.fromkeys(range(1000), 0.0))
    asyncio.run(anext_only(ordered, 2))
    assert ordered.drawn <= 2 * ORDERED_LOOKAHEAD + 1


async def anext_only(probe: Probe, concurrency: int) -> int:
    stream = as_finished(probe.run, probe.items(), concurrency, ordered=True)
    try:
        return await anext(stream)
    finally:
        await stream.aclose()


def test_leaving_early_cancels_what_is_still_running() -> None:
    probe = Probe({0: 0.0, 1: 5.0, 2: 5.0})

    async def first_only() -> int:
        stream = as_finished(probe.run, probe.items(), 3)
        try:
            return await anext(stream)
        finally:
            await stream.aclose()
            await asyncio.sleep(0)  # let the cancellations land

    assert asyncio.run(first_only()) == 0
    assert sorted(probe.cancelled) == [1, 2]

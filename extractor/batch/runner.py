"""A batch around ``Extractor``: cache look-ups, the run log, progress and cost, nothing of the pipeline changed.

runner = BatchRunner(extractor, cache=ResultCache(), runlog=RunLog(), prices=load_price_table(None))
async for result in runner.run(articles, concurrency=8):
    ...
runner.summary()   # articles, cache hits, failures, tokens, estimated cost
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from extractor.articles import Article
from extractor.batch.cache import ResultCache, cache_key
from extractor.batch.runlog import LoggingBackend, RunLog, current_article
from extractor.evaluation.prices import Price, cost_usd, price_for
from extractor.pipeline import Extractor
from extractor.results import Result
from extractor.scheduling import as_finished


@dataclass
class BatchStats:
    """What a batch did so far (the progress line and the summary read it)."""

    total: int = 0
    done: int = 0
    cached: int = 0
    failed: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float | None = None
    started: float = field(default_factory=time.perf_counter)

    def add_cost(self, cost: float | None) -> None:
        if cost is not None:
            self.cost_usd = (self.cost_usd or 0.0) + cost

    def line(self) -> str:
        cost = f" · ~${self.cost_usd:.4f}" if self.cost_usd is not None else ""
        return (f"{self.tokens_in:,} in / {self.tokens_out:,} out tokens · {self.failed} failed · "
                f"{self.cached} cached{cost}")  # fmt: skip

    def summary(self) -> str:
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        asked = self.done - self.cached
        per_article = ""
        if self.cost_usd is not None and asked:
            per_article = f" (~${self.cost_usd / asked:.5f} per article asked)"
        cost = f"; estimated cost ${self.cost_usd:.4f}{per_article}" if self.cost_usd is not None else ""
        return (f"{self.done} article(s) in {elapsed:.1f} s ({rate:.2f}/s): {self.cached} from the cache, "
                f"{self.failed} failed; {self.tokens_in:,} tokens in, {self.tokens_out:,} out "
                f"(retries and verifier calls included){cost}")  # fmt: skip


def make_progress(console: Console) -> Progress:
    """done/total, rate, ETA, tokens, failures and cache hits on one line (stderr)."""
    return Progress(
        TextColumn("[bold]extract"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[stats]}"),
        console=console,
        transient=False,
    )


class BatchRunner:
    """Runs articles through ``extractor`` with a cache, a run log, cost accounting and optional progress."""

    def __init__(
        self,
        extractor: Extractor[Any],
        *,
        cache: ResultCache | None = None,
        runlog: RunLog | None = None,
        prices: dict[str, Price] | None = None,
        progress: Progress | None = None,
        command: str = "extract",
    ) -> None:
        self.extractor = extractor
        self.cache = cache
        self.runlog = runlog
        self.price = price_for(extractor.backend.model, extractor.backend.name, prices or {})
        self.progress = progress
        self.stats = BatchStats()
        if runlog is not None:
            runlog.start_run(command)
            if not isinstance(extractor.backend, LoggingBackend):
                extractor.backend = LoggingBackend(extractor.backend, runlog, self.price)

    async def one(self, article: Article) -> Result[Any]:
        """The cached result for ``article``, or a new one (cached when it succeeded)."""
        key = cache_key(self.extractor, article) if self.cache is not None else None
        if self.cache is not None and key is not None:
            cached = self.cache.get(key, self.extractor.schema, article)
            if cached is not None:
                self.stats.cached += 1
                return cached
        current_article.set(article.id)
        result = await self.extractor.aextract(article)
        self.stats.tokens_in += result.meta.tokens_in
        self.stats.tokens_out += result.meta.tokens_out
        self.stats.add_cost(cost_usd(result.meta.tokens_in, result.meta.tokens_out, self.price))
        if self.cache is not None and key is not None:
            self.cache.put(key, result)
        return result

    async def run(
        self, articles: Iterable[Article], concurrency: int = 1, *, ordered: bool = False
    ) -> AsyncIterator[Result[Any]]:
        """Results as they finish (``ordered``: in input order), at most ``concurrency`` articles in flight."""
        articles = list(articles)
        self.stats.total = len(articles)
        task_id = self.progress.add_task("extract", total=len(articles), rate="", stats="") if self.progress else None
        async for result in as_finished(self.one, articles, concurrency, ordered=ordered):
            yield self._count(result, task_id)

    def _count(self, result: Result[Any], task_id: Any) -> Result[Any]:
        self.stats.done += 1
        if not result.ok:
            self.stats.failed += 1
        if self.progress is not None and task_id is not None:
            elapsed = time.perf_counter() - self.stats.started
            rate = f"{self.stats.done / elapsed:.2f}/s" if elapsed > 0 else ""
            self.progress.update(task_id, completed=self.stats.done, rate=rate, stats=self.stats.line())
        return result

    def finish(self) -> None:
        """Record the run's totals in the log."""
        if self.runlog is not None:
            s = self.stats
            self.runlog.finish_run(s.done, s.cached, s.failed, s.tokens_in, s.tokens_out, s.cost_usd)

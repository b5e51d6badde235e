"""run_eval drives any extractor over the gold articles; run_and_close closes what it opened, once."""

from collections.abc import AsyncIterator, Iterable
from typing import Any

import pytest
from evalfixtures import analysis_gold, failed_analysis_result, strike_gold, strike_result

from extractor.articles import Article
from extractor.results import Result
from extractor.schemas.conflict import ConflictReport

# eval_run imports the pipeline, which needs extractor.verify (skipped only while that package cannot be imported).
eval_run = pytest.importorskip("extractor.eval_run", reason="extractor.pipeline is not importable yet")
run_and_close, run_eval = eval_run.run_and_close, eval_run.run_eval


class FakeBackend:
    def __init__(self) -> None:
        self.closed = 0


class FakeExtractor:
    """Answers from canned results, records which articles it was given."""

    def __init__(self, results: dict[str, Result[Any]], backend: FakeBackend | None = None) -> None:
        self.results, self.seen = results, []  # type: ignore[var-annotated]
        self.backend = backend or FakeBackend()

    async def aextract_many(self, articles: Iterable[Article], concurrency: int = 1) -> AsyncIterator[Result[Any]]:
        for article in articles:
            self.seen.append((article.id, article.published))
            yield self.results[article.id]

    async def aclose(self) -> None:
        self.backend.closed += 1


CANNED = {"g001": strike_result(), "g002": failed_analysis_result()}


async def test_run_eval_feeds_gold_articles_and_scores_results() -> None:
    fake = FakeExtractor(CANNED)
    results, report = await run_eval([strike_gold(), analysis_gold()], fake, split="all")  # type: ignore[arg-type]
    assert [str(p) for _, p in fake.seen] == ["2024-03-08", "2024-04-02"]  # the gold's Article, with its date
    assert [r.article_id for r in results] == ["g001", "g002"]
    assert report.headline["claims_f1"] == 0.7273 and report.n_failed == 1
    assert fake.backend.closed == 0  # run_eval leaves the extractor open


async def test_run_and_close_runs_both_and_closes_a_shared_backend_once() -> None:
    shared = FakeBackend()
    first = FakeExtractor(CANNED, shared)
    empty = ConflictReport(events=[], actors=[], claims=[])
    valid_g002 = strike_result(empty).model_copy(update={"article_id": "g002"})
    second = FakeExtractor(dict(CANNED, g002=valid_g002), shared)
    gold = [strike_gold(), analysis_gold()]
    results, report, other = await run_and_close(gold, first, second)  # type: ignore[arg-type]
    assert [r.ok for r in results] == [True, False]  # A's results are returned
    assert other is not None
    assert (report.headline["schema_valid_rate"], other.headline["schema_valid_rate"]) == (0.5, 1.0)
    assert len(first.seen) == len(second.seen) == 2
    assert shared.closed == 1


async def test_run_and_close_closes_a_separate_second_backend() -> None:
    first, second = FakeExtractor(CANNED), FakeExtractor(CANNED)
    await run_and_close([strike_gold(), analysis_gold()], first, second)  # type: ignore[arg-type]
    assert first.backend.closed == second.backend.closed == 1

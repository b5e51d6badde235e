"""The gold set, replayed from HTTP recorded off the embedded model, scored and gated on eval/baseline.json.

Each gold article has its own cassette (``tests/cassettes/test_eval_replay/test_gold_article[<id>].yaml``), so
a long recording keeps every article it finished. `make record-eval` records the articles that have no
cassette yet (``--record-mode=new_episodes`` replays the rest) and rewrites the baseline from the run.
A changed prompt, schema or model makes replay fail with a re-record hint, never replay a stale answer.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest

from extractor.articles import Article
from extractor.evaluation import compare_to_baseline, load_baseline, load_gold, save_results, write_baseline
from extractor.evaluation.report import build_report
from extractor.evaluation.results_io import load_results
from extractor.pipeline import Extractor
from extractor.results import Result
from tests.conftest import RERECORD_HINT, ROOT
from tests.test_extract_recorded import local_like_backend

GOLD = Path(os.environ.get("EXTRACTOR_GOLD_DIR") or ROOT / "eval" / "gold")  # override: record from a snapshot
CASSETTES = ROOT / "tests" / "cassettes" / "test_eval_replay"
BASELINE = ROOT / "eval" / "baseline.json"
BASELINE_RESULTS = ROOT / "eval" / "baseline_results.jsonl"
WORSE_PROMPT = ROOT / "tests" / "data" / "worse_extract.md.j2"
WORSE_SUBSET = 3  # recorded dev articles the deliberately worse prompt runs on
GOLD_ARTICLES = load_gold(GOLD) if GOLD.is_dir() else []
RESULTS: dict[str, Result[Any]] = {}


def recording(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--record-mode") != "none"


def has_cassette(gold_id: str) -> bool:
    return (CASSETTES / f"test_gold_article[{gold_id}].yaml").exists()


def extract(base_url: str, prompt: str | Path, articles: list[Article]) -> list[Result[Any]]:
    extractor = Extractor(local_like_backend(base_url), prompt=str(prompt))

    async def run() -> list[Result[Any]]:
        try:
            return [result async for result in extractor.aextract_many(articles)]
        finally:
            await extractor.aclose()

    results = asyncio.run(run())
    if any(r.error and "cassette" in r.error.lower() for r in results):
        pytest.fail(RERECORD_HINT)
    return results


def test_every_article_of_the_shipped_gold_set_is_recorded(request: pytest.FixtureRequest) -> None:
    """The baseline covers the whole set: an article enters eval/gold/ with its recording (else eval/pending/)."""
    if os.environ.get("EXTRACTOR_GOLD_DIR") or recording(request):
        pytest.skip("recording now, or a gold folder of your own")
    missing = [g.id for g in GOLD_ARTICLES if not has_cassette(g.id)]
    assert not missing, f"no recording for {missing}: run `make record-eval`, or move them to eval/pending/"
    assert {row.id for row in load_baseline(BASELINE).articles} == {g.id for g in GOLD_ARTICLES}


@pytest.mark.vcr
@pytest.mark.parametrize("gold", GOLD_ARTICLES, ids=[g.id for g in GOLD_ARTICLES])
def test_gold_article(gold: Any, llm_base_url: str, request: pytest.FixtureRequest) -> None:
    if not recording(request) and not has_cassette(gold.id):
        pytest.skip(f"{gold.id} is not recorded yet: run `make record-eval`")
    (result,) = extract(llm_base_url, "extract", [gold.article])
    RESULTS[gold.id] = result  # a failed article is data too: it lowers the schema-valid rate and recall
    assert result.meta.attempts, "no request was made"


def test_gold_set_meets_the_baseline(request: pytest.FixtureRequest) -> None:
    recorded = [g for g in GOLD_ARTICLES if g.id in RESULTS]
    if not recorded:
        pytest.skip("no gold article ran in this session")
    report = build_report(recorded, [RESULTS[g.id] for g in recorded])
    out = os.environ.get("EXTRACTOR_EVAL_OUT")
    if out:
        save_results([RESULTS[g.id] for g in recorded], Path(out) / "results.jsonl")
    if recording(request) or os.environ.get("EXTRACTOR_WRITE_BASELINE"):
        write_baseline(report, BASELINE)  # recording: this run becomes the baseline
        save_results([RESULTS[g.id] for g in recorded], BASELINE_RESULTS)
        return
    baseline = load_baseline(BASELINE)
    if {row.id for row in baseline.articles} != set(RESULTS):
        pytest.skip("only part of the recorded gold set ran (-k?); the gate needs all of it")
    assert report.headline["schema_valid_rate"] >= 0.9
    failures = compare_to_baseline(report, baseline, max_drop=0.02)
    assert failures == [], failures


@pytest.mark.vcr
def test_a_deliberately_worse_prompt_fails_the_gate(llm_base_url: str) -> None:
    baseline_results = {r.article_id: r for r in load_results(BASELINE_RESULTS)} if BASELINE_RESULTS.exists() else {}
    dev = [g for g in GOLD_ARTICLES if g.split == "dev" and g.id in baseline_results][:WORSE_SUBSET]
    if len(dev) < WORSE_SUBSET:
        pytest.fail("eval/baseline_results.jsonl lacks the dev articles: run `make record-eval`")
    baseline = build_report(dev, [baseline_results[g.id] for g in dev])
    worse = build_report(dev, extract(llm_base_url, WORSE_PROMPT, [g.article for g in dev]))
    failures = compare_to_baseline(worse, baseline, max_drop=0.02)
    assert any(f.startswith("claims_f1") for f in failures), failures

"""Corroboration end to end on model output: every article of eval/corroboration extracted by the embedded model
(replayed from HTTP recorded off llama-server), one ledger per split (dev, heldout), scored against the gold
(model claims aligned to the analyst's first) and gated on eval/corroboration/baseline.json (max drop 0.02).

Each article has its own cassette (``tests/cassettes/test_recorded_ledger/test_article[<id>].yaml``), so a long
recording keeps every article it finished. Record, or resume a recording (it starts the embedded model on
127.0.0.1, replays the articles already recorded, and rewrites the baseline and model_results.jsonl):

    .venv/bin/pytest --record-mode=new_episodes tests/corroboration/test_recorded_ledger.py

Before the first recording these tests skip and say what is missing; once any cassette exists, an article
without one fails with the command to record it. A changed prompt, schema or model fails replay (requests are
matched on their JSON body): delete the stale cassettes and record again.
"""

from __future__ import annotations

import asyncio
import os
import warnings
from pathlib import Path
from typing import Any

import pytest

from extractor.articles import read_path
from extractor.corroboration.scoring import score_splits
from extractor.evaluation.corroboration_metrics import compare_scores, load_baseline_scores, write_baseline_scores
from extractor.evaluation.results_io import load_results, save_results
from extractor.pipeline import Extractor
from extractor.results import Result
from tests.conftest import ROOT
from tests.test_extract_recorded import local_like_backend

HERE = ROOT / "eval" / "corroboration"
GOLD = HERE / "gold.json"
ANALYST = HERE / "analyst_results.jsonl"
BASELINE = HERE / "baseline.json"
MODEL_RESULTS = HERE / "model_results.jsonl"  # the recorded run's results: `extractor eval corroboration` reads them
CASSETTES = ROOT / "tests" / "cassettes" / "test_recorded_ledger"
RECORD_COMMAND = ".venv/bin/pytest --record-mode=new_episodes tests/corroboration/test_recorded_ledger.py"
WRITE_BASELINE_ENV = "EXTRACTOR_WRITE_CORROBORATION_BASELINE"
MAX_DROP = 0.02
ARTICLES = list(read_path(HERE / "articles.jsonl"))
RESULTS: dict[str, Result[Any]] = {}


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(CASSETTES)


def recording(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--record-mode") not in (None, "none")


def cassette(article_id: str) -> Path:
    return CASSETTES / f"test_article[{article_id}].yaml"


def missing() -> list[str]:
    return [a.id for a in ARTICLES if not cassette(a.id).exists()]


def started() -> bool:
    """Whether a recording was ever made: from then on a missing cassette is a failure, not a skip."""
    return len(missing()) < len(ARTICLES)


def test_every_article_is_recorded(request: pytest.FixtureRequest) -> None:
    if recording(request):
        pytest.skip("recording now")
    if not started():
        message = (
            f"corroboration on model output is not recorded yet: no cassette for any of the {len(ARTICLES)} "
            f"articles of eval/corroboration/articles.jsonl in {CASSETTES.relative_to(ROOT)}; record with "
            f"`{RECORD_COMMAND}`"
        )
        warnings.warn(message, stacklevel=1)  # in the warnings summary of every run, not only with -rs
        pytest.skip(message)
    assert not missing(), f"no cassette for {missing()}: resume the recording with `{RECORD_COMMAND}`"
    assert BASELINE.exists(), f"no {BASELINE.relative_to(ROOT)}: record with `{RECORD_COMMAND}`"


@pytest.mark.vcr
@pytest.mark.parametrize("article", ARTICLES, ids=[a.id for a in ARTICLES])
def test_article(article: Any, llm_base_url: str, request: pytest.FixtureRequest) -> None:
    if not recording(request) and not cassette(article.id).exists():
        if started():
            pytest.fail(f"{article.id} has no cassette: record it with `{RECORD_COMMAND}`")
        pytest.skip("not recorded yet (see test_every_article_is_recorded)")
    extractor = Extractor(local_like_backend(llm_base_url), prompt="extract")

    async def run() -> list[Result[Any]]:
        try:
            return [result async for result in extractor.aextract_many([article])]
        finally:
            await extractor.aclose()

    (result,) = asyncio.run(run())
    if result.error and "cassette" in result.error.lower():
        pytest.fail(
            f"the recorded HTTP for {article.id} no longer matches (prompt, schema, model or article changed): "
            f"delete {cassette(article.id).relative_to(ROOT)} and record with `{RECORD_COMMAND}`"
        )
    RESULTS[article.id] = result  # a failed article is data too: its claims are missing from the ledger
    assert result.meta.attempts, "no request was made"


def test_ledger_meets_the_baseline(request: pytest.FixtureRequest) -> None:
    if not RESULTS:
        pytest.skip("no article ran in this session")
    if set(RESULTS) != {a.id for a in ARTICLES}:
        pytest.skip("only part of the articles ran (-k?); the ledger needs all of them")
    results = [RESULTS[a.id] for a in ARTICLES]
    scores = score_splits(results, GOLD, reference=load_results(ANALYST))
    for name, split in scores.items():
        assert split["aligned_claims"], f"{name}: no model claim aligned to a gold claim"
    if recording(request) or os.environ.get(WRITE_BASELINE_ENV):
        meta = results[0].meta
        write_baseline_scores(
            BASELINE, scores,
            {"source": "embedded model via tests/corroboration/test_recorded_ledger.py", "model": meta.model,
             "prompt_hash": meta.prompt_hash, "schema_hash": meta.schema_hash},
        )  # fmt: skip
        save_results(results, MODEL_RESULTS)
        return
    assert BASELINE.exists(), f"no {BASELINE.relative_to(ROOT)}: record with `{RECORD_COMMAND}`"
    failures = compare_scores(scores, load_baseline_scores(BASELINE), MAX_DROP)
    assert failures == [], failures

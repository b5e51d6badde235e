"""The whole gold set, replayed from HTTP recorded off the embedded model, scored and gated on eval/baseline.json.

`make record-eval` re-records (runs the model on 127.0.0.1 over every gold article) and rewrites
the baseline. A changed prompt, schema or model makes replay fail with a re-record hint.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from extractor.eval_run import run_eval
from extractor.evaluation import compare_to_baseline, load_baseline, load_gold, save_results, write_baseline
from extractor.evaluation.report import EvalReport, build_report
from extractor.pipeline import Extractor
from tests.conftest import RERECORD_HINT, ROOT
from tests.test_extract_recorded import local_like_backend

GOLD = Path(os.environ.get("EXTRACTOR_GOLD_DIR") or ROOT / "eval" / "gold")  # override: record from a snapshot
BASELINE = ROOT / "eval" / "baseline.json"
BASELINE_RESULTS = ROOT / "eval" / "baseline_results.jsonl"
WORSE_PROMPT = ROOT / "tests" / "data" / "worse_extract.md.j2"
WORSE_SUBSET = 6  # dev articles the deliberately worse prompt is recorded on
pytestmark = [pytest.mark.vcr, pytest.mark.skipif(not GOLD.is_dir(), reason="no gold set")]


def _run(base_url: str, prompt: str | Path, gold: list) -> tuple[list, EvalReport]:
    extractor = Extractor(local_like_backend(base_url), prompt=str(prompt))

    async def go() -> tuple[list, EvalReport]:
        try:
            return await run_eval(gold, extractor)
        finally:
            await extractor.aclose()

    results, report = asyncio.run(go())
    stale = [r for r in results if r.error and "overwrite existing cassette" in r.error.lower()]
    if stale or any(r.error and "CannotOverwriteExistingCassette" in r.error for r in results):
        pytest.fail(RERECORD_HINT)
    return results, report


def test_gold_set_replays_and_meets_the_baseline(llm_base_url: str, request: pytest.FixtureRequest) -> None:
    gold = load_gold(GOLD)
    results, report = _run(llm_base_url, "extract", gold)
    out = os.environ.get("EXTRACTOR_EVAL_OUT")
    if out:
        save_results(results, Path(out) / "results.jsonl")
    if request.config.getoption("--record-mode") != "none":
        write_baseline(report, BASELINE)  # recording: this run becomes the baseline
        save_results(results, BASELINE_RESULTS)
        return
    assert report.n_articles == len(gold) >= 40
    assert report.headline["schema_valid_rate"] >= 0.9
    failures = compare_to_baseline(report, load_baseline(BASELINE), max_drop=0.02)
    assert failures == [], failures


def test_a_deliberately_worse_prompt_fails_the_gate(llm_base_url: str) -> None:
    dev = [g for g in load_gold(GOLD, "dev")][:WORSE_SUBSET]
    baseline_results = {r.article_id: r for r in _saved_baseline_results()}
    baseline = build_report(dev, [baseline_results[g.id] for g in dev if g.id in baseline_results])
    _, worse = _run(llm_base_url, WORSE_PROMPT, dev)
    failures = compare_to_baseline(worse, baseline, max_drop=0.02)
    assert any(f.startswith("claims_f1") for f in failures), failures


def _saved_baseline_results() -> list:
    from extractor.evaluation.results_io import load_results

    if not BASELINE_RESULTS.exists():
        pytest.fail("eval/baseline_results.jsonl is missing: run `make record-eval`")
    return load_results(BASELINE_RESULTS)

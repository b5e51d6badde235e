"""Run the pipeline on a gold set and score it (the only evaluation code that touches the pipeline).

Layering: ``extractor.evaluation`` sits below the pipeline and never calls a model; this
module sits above both, so ``extractor eval`` can either run the model or re-score saved results.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extractor.evaluation.gold import GoldArticle
from extractor.evaluation.prices import Price
from extractor.evaluation.report import EvalReport, build_report
from extractor.evaluation.results_io import load_results
from extractor.pipeline import Extractor
from extractor.results import Result
from extractor.schemas.conflict import ConflictReport

log = logging.getLogger(__name__)


async def run_eval(
    gold: list[GoldArticle],
    extractor: Extractor[Any],
    concurrency: int = 1,
    *,
    split: str = "all",
    prices: dict[str, Price] | None = None,
) -> tuple[list[Result[Any]], EvalReport]:
    """Extract every gold article (in gold order) and score the results. The extractor stays open."""
    results: list[Result[Any]] = []
    async for result in extractor.aextract_many([g.article for g in gold], concurrency):
        if result.ok:
            log.info("%s: extracted in %.1f s", result.article_id, result.meta.latency_s)
        else:
            log.warning("%s failed: %s", result.article_id, result.error)
        results.append(result)
    return results, build_report(gold, results, split=split, prices=prices)


async def run_and_close(
    gold: list[GoldArticle],
    first: Extractor[Any],
    second: Extractor[Any] | None = None,
    concurrency: int = 1,
    *,
    split: str = "all",
    prices: dict[str, Price] | None = None,
) -> tuple[list[Result[Any]], EvalReport, EvalReport | None]:
    """Run ``first`` (and then ``second``, for an A/B comparison) on the gold set, closing both afterwards.

    Runs are sequential, so two configurations never compete for one local model.
    """
    try:
        results, report = await run_eval(gold, first, concurrency, split=split, prices=prices)
        other = None
        if second is not None:
            _, other = await run_eval(gold, second, concurrency, split=split, prices=prices)
    finally:
        await first.aclose()
        if second is not None and second.backend is not first.backend:
            await second.aclose()
    return results, report, other


def rescore(
    gold: Sequence[GoldArticle],
    results_path: Path | str,
    *,
    schema: type[BaseModel] = ConflictReport,
    split: str = "all",
    prices: dict[str, Price] | None = None,
) -> tuple[list[Result[Any]], EvalReport]:
    """Score results saved earlier (``--results``) without a model; results for other articles are ignored."""
    results = load_results(results_path, schema)
    wanted = {g.id for g in gold}
    extra = sorted({r.article_id for r in results} - wanted)
    if extra:
        log.warning("%d saved result(s) are not in the chosen gold articles and are ignored: %s", len(extra), extra[:5])
    kept = [r for r in results if r.article_id in wanted]
    if not kept:
        raise ValueError(
            f"{results_path}: no saved result has the id of a chosen gold article; fix: check --gold/--split"
        )
    return kept, build_report(gold, kept, split=split, prices=prices)

"""Run the pipeline on a gold set and score it (the only evaluation code that touches the pipeline).

Layering: ``extractor.evaluation`` sits below the pipeline and never calls a model; this
module sits above both, so ``extractor eval`` can either run the model or re-score saved results.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extractor import verification
from extractor.errors import BadInput
from extractor.evaluation.gold import GoldArticle
from extractor.evaluation.matching import match_claims
from extractor.evaluation.names import ActorIndex
from extractor.evaluation.prices import Price
from extractor.evaluation.report import EvalReport, build_report
from extractor.evaluation.results_io import load_results
from extractor.pipeline import Extractor
from extractor.results import Result
from extractor.schemas.conflict import ConflictReport
from extractor.verification.calibration import Example, brier_score, choose_strength, fit_weights
from extractor.verification.confidence import dump_weights

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
    order = {g.article.id: i for i, g in enumerate(gold)}
    results.sort(key=lambda r: order.get(r.article_id, len(order)))  # they come as they finish
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
    policy: Path | None = None,
    weights: Path | None = None,
) -> tuple[list[Result[Any]], EvalReport]:
    """Score results saved earlier (``--results``) without a model; results for other articles are ignored.

    With ``policy`` or ``weights``, or when a result was verified by an older verifier, the saved reports are
    verified again (under them, else the defaults) before scoring, so the scores are this verifier's.
    """
    results = load_results(results_path, schema)
    wanted = {g.id for g in gold}
    extra = sorted({r.article_id for r in results} - wanted)
    if extra:
        log.warning("%d saved result(s) are not in the chosen gold articles and are ignored: %s", len(extra), extra[:5])
    kept = [r for r in results if r.article_id in wanted]
    if not kept:
        raise BadInput(
            f"{results_path}: no saved result has the id of a chosen gold article; fix: check --gold/--split"
        )
    stale = sum(1 for r in kept if r.meta.verifier not in (None, verification.VERIFIER_VERSION))
    if stale and not (policy or weights):
        log.info("%d saved result(s) come from an older verifier: verified again with %s", stale,
                 verification.VERIFIER_VERSION)  # fmt: skip
    if policy or weights or stale:
        kept = reverify_results(gold, kept, policy, weights)
    return kept, build_report(gold, kept, split=split, prices=prices)


def _verified(
    gold: Sequence[GoldArticle], results: Sequence[Result[Any]], policy: Path | None, weights: Path | None
) -> list[tuple[GoldArticle, Result[Any], list[dict[str, float]]]]:
    """Every result with its gold article; those with claims verified again, with each claim's signals."""
    articles = {g.id: g for g in gold}
    loaded_policy, loaded_weights = verification.load_policy(policy), verification.load_weights(weights)
    verified = []
    for result in results:
        article = articles.get(result.article_id)
        if article is None or result.report is None or not hasattr(result.report, "claims"):
            verified.append((article, result, []))
            continue
        outcome = verification.check(
            result.report, article.article.text, published=article.article.published, policy=loaded_policy,
            weights=loaded_weights,
        )  # fmt: skip
        meta = result.meta.model_copy(update={"verifier": verification.VERIFIER_VERSION})
        verified.append((article, result.model_copy(update={"report": outcome.report, "meta": meta}), outcome.signals))
    return verified


def reverify_results(
    gold: Sequence[GoldArticle], results: Sequence[Result[Any]], policy: Path | None, weights: Path | None
) -> list[Result[Any]]:
    """``results`` verified again under ``policy`` and ``weights`` (None: the defaults)."""
    return [result for _, result, _ in _verified(gold, results, policy, weights)]


def calibration_examples(
    gold: Sequence[GoldArticle],
    results: Sequence[Result[Any]],
    policy: Path | None = None,
    weights: Path | None = None,
) -> list[Example]:
    """The signals of every predicted claim matched to a gold claim, labelled with the gold ``should_flag``."""
    return [example for group in examples_by_article(gold, results, policy, weights) for example in group]


def examples_by_article(
    gold: Sequence[GoldArticle],
    results: Sequence[Result[Any]],
    policy: Path | None = None,
    weights: Path | None = None,
) -> list[list[Example]]:
    """``calibration_examples``, one list per article (in gold order) with at least one matched claim."""
    groups = []
    for article, result, signals in _verified(gold, results, policy, weights):
        if article is None or not signals:
            continue
        claims = list(result.report.claims)
        matching = match_claims(article.claims, claims, ActorIndex(article.actors))
        group = [Example(signals[pair.pred], article.claims[pair.gold].should_flag) for pair in matching.pairs]
        if group:
            groups.append(group)
    return groups


def fit_confidence(
    gold: Sequence[GoldArticle],
    results: Sequence[Result[Any]],
    out: Path,
    *,
    policy: Path | None = None,
    weights: Path | None = None,
    strength: float | None = None,
) -> str:
    """Fit confidence weights to the matched claims of ``results``, write them to ``out``; a one-line summary.
    ``strength``: how many pseudo-claims pull each weight towards its starting value; None: the one of
    ``STRENGTHS`` with the lowest 5-fold cross-validated Brier on these articles."""
    groups = examples_by_article(gold, results, policy, weights)
    examples = [example for group in groups for example in group]
    if not examples:
        raise BadInput("no predicted claim matched a gold claim: nothing to fit; fix: check --gold/--split")
    prior = verification.load_weights(weights)
    chosen = ""
    if strength is None:
        strength, scores = choose_strength(groups, prior)
        table = ", ".join(("unfitted" if math.isinf(s) else f"{s:g}") + f" {b:.3f}" for s, b in sorted(scores.items()))
        chosen = f"strength {strength:g} chosen by 5-fold cross-validation (held-out Brier: {table})"
    fitted = fit_weights(examples, prior, strength)
    known = {g.id for g in gold}
    ids = sorted({r.article_id for r in results if r.report is not None and r.article_id in known})
    before, after = brier_score(examples, prior), brier_score(examples, fitted)
    comment = (
        f"Confidence weights fitted by `extractor eval fit-weights` on {len(examples)} matched claims of\n"
        f"{len(ids)} gold article(s) ({ids[0]}..{ids[-1]}), starting from {prior.source}.\n"
        f"Brier on those claims: {before:.3f} before, {after:.3f} after (strength {strength:g}).\n"
        + (f"{chosen}.\n" if chosen else "")
        + "Check them on held-out articles (--split test --weights THIS_FILE) before relying on them."
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dump_weights(fitted, comment), encoding="utf-8")
    return (
        f"confidence weights fitted on {len(examples)} claims: Brier {before:.3f} -> {after:.3f}"
        + (f"; {chosen}" if chosen else f" (strength {strength:g})")
        + f"; written to {out} (use with --weights)"
    )

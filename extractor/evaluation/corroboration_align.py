"""Which claim of a model's extraction is which claim of the gold extraction, article by article.

The corroboration gold (eval/corroboration/gold.json) names claims as ``article_id#index`` into the analyst's
extractions; a model extracts the same articles into claims of its own, in its own order and number. Each
model claim is paired with at most one analyst claim of the same article (greedy best-first, as
``matching.greedy_match``) on statement similarity (rapidfuzz ``token_set_ratio``), overlapping evidence
(character ranges of the located spans) and equal kind. Unpaired model claims are outside the gold; unpaired
gold claims count as missed (singletons) when scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rapidfuzz import fuzz

from extractor.evaluation.matching import greedy_match
from extractor.evaluation.names import normalize

TEXT_WEIGHT, EVIDENCE_WEIGHT, KIND_WEIGHT = 0.5, 0.3, 0.2
THRESHOLD = 0.5  # without shared evidence: same kind and statements at least 60% alike


def _ranges(claim: Any) -> list[tuple[int, int]]:
    return [
        (span.char_start, span.char_end)
        for span in getattr(claim, "spans", None) or []
        if span.char_start is not None and span.char_end is not None
    ]


def _overlap(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    return any(start_a < end_b and start_b < end_a for start_a, end_a in a for start_b, end_b in b)


def claim_similarity(gold: Any, pred: Any) -> float:
    """0..1: statement similarity, shared evidence and same kind, weighted."""
    text = fuzz.token_set_ratio(normalize(gold.statement), normalize(pred.statement)) / 100
    evidence = 1.0 if _overlap(_ranges(gold), _ranges(pred)) else 0.0
    kind = 1.0 if gold.kind == pred.kind else 0.0
    return TEXT_WEIGHT * text + EVIDENCE_WEIGHT * evidence + KIND_WEIGHT * kind


def align_claims(predicted: Iterable[Any], reference: Iterable[Any]) -> dict[str, str]:
    """``article_id#index`` of each predicted claim -> that of the reference claim it is paired with (results
    with ``article_id`` and a ``report``; articles missing from either side pair nothing)."""
    gold_claims = {r.article_id: r.report.claims for r in reference if r.report is not None}
    out: dict[str, str] = {}
    for result in predicted:
        if result.report is None or result.article_id not in gold_claims:
            continue
        gold, pred = gold_claims[result.article_id], result.report.claims
        similarity = [[claim_similarity(g, p) for p in pred] for g in gold]
        for pair in greedy_match(similarity, THRESHOLD, len(pred)).pairs:
            out[f"{result.article_id}#{pair.pred}"] = f"{result.article_id}#{pair.gold}"
    return out

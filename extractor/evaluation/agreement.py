"""How well the verifier's flag codes agree with the gold's reasons, per code, on matched claims.

The gold labels follow the written rule (eval/README.md) as a reader applies it; the verifier is code that
tries to apply the same rule. Their agreement is measured here and reported, never enforced on the labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extractor.evaluation.counts import ArticleCounts, Tally
from extractor.evaluation.intervals import Interval
from extractor.evaluation.resampling import ALL_CODES, code_keys
from extractor.evaluation.scoring import LABELLED_CODES


def _row(tally: Tally, decisions: int, found: dict[str, Interval], code: str) -> dict[str, Any]:
    neither = decisions - tally.tp - tally.fp - tally.fn
    precision, recall = code_keys(code)
    missing = Interval(value=None).model_dump()
    return {
        "both": tally.tp,
        "verifier_only": tally.fp,
        "gold_only": tally.fn,
        "neither": neither,
        "agreement": round((tally.tp + neither) / decisions, 4) if decisions else None,
        "precision": found[precision].model_dump() if precision in found else missing,
        "recall": found[recall].model_dump() if recall in found else missing,
    }


def agreement_section(counts: Sequence[ArticleCounts], found: dict[str, Interval]) -> dict[str, Any]:
    """Per flag code on matched claims: claims where the verifier raised it and the gold gives it as a reason
    (``both``), only one of them does (``verifier_only``, ``gold_only``) or neither; ``agreement`` is the share of
    matched claims on which they agree; ``precision`` (of the verifier's code against the gold's reason) and
    ``recall`` carry their intervals from ``found`` (``resampling.code_keys``). Every code a gold label may give is
    listed; ``all`` pools them."""
    matched = sum(c.claims.tp for c in counts)
    totals: dict[str, Tally] = {}
    for article in counts:
        for code, tally in article.codes.items():
            total = totals.setdefault(code, Tally())
            total.tp, total.fp, total.fn = total.tp + tally.tp, total.fp + tally.fp, total.fn + tally.fn
    for code in LABELLED_CODES:
        totals.setdefault(code, Tally())
    rows = {code: _row(totals[code], matched, found, code) for code in sorted(totals)}
    if totals:
        pooled = Tally(
            tp=sum(t.tp for t in totals.values()),
            fp=sum(t.fp for t in totals.values()),
            fn=sum(t.fn for t in totals.values()),
        )
        rows[ALL_CODES] = _row(pooled, matched * len(totals), found, ALL_CODES)
    return {"matched_claims": matched, "codes": rows}

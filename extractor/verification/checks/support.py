"""Confidence only: a claim another source denies, and independent sources that say the same."""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check


@claim_check(order=130, weights={"contested": -0.171, "extra_independent_source": 0.200})
def support(ctx: ClaimContext) -> Finding:
    signals: dict[str, float] = {}
    if ctx.fact.denied_by:
        signals["contested"] = 1.0
    extra = max(0, min(2, len(ctx.fact.sources) - 1))
    if extra:
        signals["extra_independent_source"] = float(extra)
    return [], signals

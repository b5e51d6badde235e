"""Every number a claim states must be in its evidence ("Eight" supports 8)."""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check, flag
from extractor.verification.numbers import missing_numbers, numbers_in


@claim_check(
    order=20,
    codes={"number_not_in_evidence": "a number in the claim (or an event's casualty figure) is not in its evidence"},
    weights={"number_not_in_evidence": -0.300},
)
def number_not_in_evidence(ctx: ClaimContext) -> Finding:
    evidence = ctx.fact.evidence_text
    missing = missing_numbers(numbers_in(ctx.claim.statement), evidence) if evidence else set()
    if not missing:
        return [], {}
    return [flag("number_not_in_evidence", f"{sorted(missing)} in the claim but not in its evidence")], {
        "number_not_in_evidence": 1.0
    }

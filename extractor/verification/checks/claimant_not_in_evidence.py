"""The claimant must be named in or next to the evidence."""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check, flag


@claim_check(
    order=40,
    codes={"claimant_not_in_evidence": "the claimant is not named in or next to the evidence"},
    weights={"claimant_not_in_evidence": 0.000},
)
def claimant_not_in_evidence(ctx: ClaimContext) -> Finding:
    if ctx.fact.claimant_in_evidence or not ctx.fact.evidence_text:
        return [], {}
    message = f"{ctx.claim.claimant!r} is not named in or next to the evidence"
    return [flag("claimant_not_in_evidence", message)], {"claimant_not_in_evidence": 1.0}

"""Hedged wording in the cue or the evidence (alleged, reportedly, could not be independently verified)."""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check, flag


@claim_check(
    order=70,
    codes={"hedged_attribution": "the wording is hedged (alleged, reportedly, could not be independently verified)"},
    weights={"hedged_attribution": -0.168},
)
def hedged_attribution(ctx: ClaimContext) -> Finding:
    if not ctx.fact.hedged:
        return [], {}
    message = f"hedged wording ({ctx.claim.cue or 'in the evidence'})"
    return [flag("hedged_attribution", message)], {"hedged_attribution": 1.0}

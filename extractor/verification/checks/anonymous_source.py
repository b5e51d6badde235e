"""An unnamed claimant that no other source backs."""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check, flag


@claim_check(
    order=80,
    codes={"anonymous_source": "the claimant is unnamed"},
    weights={"anonymous_source": -0.123},
)
def anonymous_source(ctx: ClaimContext) -> Finding:
    if not ctx.fact.anonymous or ctx.fact.support >= 2:
        return [], {}
    message = f"{ctx.claim.claimant!r} is not named and no other source says the same"
    return [flag("anonymous_source", message)], {"anonymous_source": 1.0}

"""A party to the events asserting something no independent source in the article backs."""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check, flag


@claim_check(
    order=60,
    codes={"single_interested_source": "only a party to the events asserts it; nothing independent backs it"},
    weights={"single_interested_source": -0.295},
)
def single_interested_source(ctx: ClaimContext) -> Finding:
    if not ctx.fact.party or ctx.independent:
        return [], {}
    message = f"{ctx.claim.claimant} is a party to the events and no independent source in the article says the same"
    return [flag("single_interested_source", message)], {"single_interested_source": 1.0}

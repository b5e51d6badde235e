"""Direct involvement of a state named by the policy needs better support than one interested voice."""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check, flag
from extractor.verification.policy import without_affiliations


def _reasons(ctx: ClaimContext) -> list[str]:
    fact, policy, who = ctx.fact, ctx.policy, ctx.claim.claimant
    reasons = []
    if fact.author:
        reasons.append("it is the outlet's own unattributed assertion")
    if fact.anonymous:
        reasons.append(f"{who!r} is anonymous")
    if fact.hedged:
        reasons.append("the attribution is hedged")
    if fact.party and not ctx.independent:
        reasons.append(f"{who} is a party to the events and no independent source in the article supports it")
    elif fact.support < policy.min_sources and not reasons:
        reasons.append(f"only {fact.support} source(s) in the article, {policy.min_sources} needed")
    if policy.require_non_party and not fact.non_party_sources and not reasons:
        reasons.append("no source that is not a party to the events supports it")
    return reasons


@claim_check(
    order=100,
    codes={
        "state_involvement_unsupported": "direct state involvement resting on a party, an anonymous source, hedging "
        "or the outlet's own word"
    },
    weights={"state_involvement_unsupported": 0.000},
)
def state_involvement_unsupported(ctx: ClaimContext) -> Finding:
    state = ctx.policy.is_high_stakes(ctx.claim.kind, without_affiliations(ctx.claim.statement))
    reasons = _reasons(ctx) if state else []
    if not reasons:
        return [], {}
    message = f"direct involvement of {state}: " + "; ".join(reasons)
    return [flag("state_involvement_unsupported", message)], {"state_involvement_unsupported": 1.0}

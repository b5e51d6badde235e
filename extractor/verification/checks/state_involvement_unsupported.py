"""Direct involvement of a state named by the policy needs better support than one interested voice."""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check, flag
from extractor.verification.policy import without_affiliations


def _reasons(ctx: ClaimContext, state: str) -> list[str]:
    """Why the claim of direct involvement needs a look, each in one plain sentence naming the source."""
    fact, policy, who = ctx.fact, ctx.policy, ctx.claim.claimant
    says = f"says {state} was directly involved"
    reasons = []
    if fact.author:
        reasons.append(f"only the outlet's own unattributed assertion {says}; it names no source")
    if fact.anonymous:
        reasons.append(f"only {who!r}, an unnamed source, {says}")
    if fact.hedged:
        reasons.append(f"the article only hedges that {state} was directly involved (alleged, reportedly, ...)")
    if fact.self_claim:
        return reasons  # a party announcing its own attack: an admission, not an attribution (hedging still counts)
    if fact.party and not ctx.independent:
        reasons.append(f"only {who}, a party to the events, {says}; no independent source in the article")
    elif fact.support < policy.min_sources and not reasons:
        reasons.append(f"{fact.support} source(s) in the article {says}, {policy.min_sources} needed")
    if policy.require_non_party and not fact.non_party_sources and not reasons:
        reasons.append(f"no source that is not a party to the events {says}")
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
    if ctx.fact.clears_adversary or ctx.fact.background:  # a state cleared, or the outlet's background
        return [], {}
    state = ctx.policy.is_high_stakes(ctx.claim.kind, without_affiliations(ctx.claim.statement))
    reasons = _reasons(ctx, state) if state else []
    if not reasons:
        return [], {}
    message = "; ".join(reasons)
    return [flag("state_involvement_unsupported", message)], {"state_involvement_unsupported": 1.0}

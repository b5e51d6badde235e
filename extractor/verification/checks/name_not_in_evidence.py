"""Every name a claim states must be in the article; a state named by the policy, next to the evidence."""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check, flag
from extractor.verification.names import missing_names
from extractor.verification.policy import Policy


def names_message(names: list[str], policy: Policy) -> str:
    states = [n for n in names if policy.actor_pattern.search(n)]
    others = [n for n in names if n not in states]
    parts = []
    if states:
        parts.append(f"{', '.join(states)} named in the claim but not in or next to its evidence")
    if others:
        parts.append(f"{', '.join(others)} named in the claim but nowhere in the article")
    return "; ".join(parts)


@claim_check(
    order=30,
    codes={
        "name_not_in_evidence": "a name in the claim is nowhere in the article (a state named by the policy: "
        "not in or next to the evidence)"
    },
    weights={"name_not_in_evidence": -0.200},
)
def name_not_in_evidence(ctx: ClaimContext) -> Finding:
    names = missing_names(ctx.claim.statement, ctx.fact.window_text, ctx.text, ctx.parties, ctx.policy.actor_pattern)
    if not (names and ctx.fact.evidence_text):
        return [], {}
    return [flag("name_not_in_evidence", names_message(names, ctx.policy))], {"name_not_in_evidence": 1.0}

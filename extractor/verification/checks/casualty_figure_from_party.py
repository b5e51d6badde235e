"""A casualty figure given only by a party to the fighting."""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check, flag


@claim_check(
    order=110,
    codes={"casualty_figure_from_party": "the casualty figure comes only from a party to the fighting"},
    weights={"casualty_figure_from_party": 0.000},
)
def casualty_figure_from_party(ctx: ClaimContext) -> Finding:
    if ctx.claim.kind != "casualties" or not ctx.fact.party or ctx.independent:
        return [], {}
    message = (
        f"only {ctx.claim.claimant}, a party to the events, gives this figure; no independent source in the article"
    )
    return [flag("casualty_figure_from_party", message)], {"casualty_figure_from_party": 1.0}

"""A casualty figure given only by a party to the fighting, unless it is an admission: its own losses, or harm its
own side caused (eval/README.md, rule of 2026-12-08)."""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check, flag
from extractor.verification.interest import admits_losses


@claim_check(
    order=110,
    codes={"casualty_figure_from_party": "the casualty figure comes only from a party to the fighting"},
    weights={"casualty_figure_from_party": 0.000},
)
def casualty_figure_from_party(ctx: ClaimContext) -> Finding:
    if ctx.claim.kind != "casualties" or not ctx.fact.party or ctx.independent:
        return [], {}
    if (ctx.fact.self_claim and admits_losses(ctx.claim.statement)) or ctx.fact.admits_harm:
        return [], {}  # an admission: its own losses, or harm its own side caused
    message = (
        f"only {ctx.claim.claimant}, a party to the events, gives this figure; no independent source in the article"
    )
    return [flag("casualty_figure_from_party", message)], {"casualty_figure_from_party": 1.0}

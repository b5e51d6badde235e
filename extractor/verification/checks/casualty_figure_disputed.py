"""Another source in the article gives a different casualty figure."""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check, flag


@claim_check(
    order=120,
    codes={"casualty_figure_disputed": "another source in the article gives a different figure"},
    weights={"casualty_figure_disputed": -0.192},
)
def casualty_figure_disputed(ctx: ClaimContext) -> Finding:
    if not ctx.fact.disputed_by:
        return [], {}
    others = ", ".join(sorted({ctx.claims[j].claimant for j in ctx.fact.disputed_by}))
    return [flag("casualty_figure_disputed", f"{others} give(s) a different figure")], {"casualty_figure_disputed": 1.0}

"""The outlet's own unattributed word on a contestable kind of fact about an incident (not its background)."""

from __future__ import annotations

from extractor.verification.checks import CONTESTABLE_KINDS, ClaimContext, Finding, claim_check, flag


@claim_check(
    order=90,
    codes={"author_assertion": "the outlet's own unattributed assertion of a contested or high-stakes fact"},
    weights={"author_assertion": -0.228},
)
def author_assertion(ctx: ClaimContext) -> Finding:
    if not ctx.fact.author or ctx.claim.kind not in CONTESTABLE_KINDS or ctx.fact.background:
        return [], {}
    message = "the outlet asserts this itself without naming a source"
    return [flag("author_assertion", message)], {"author_assertion": 1.0}

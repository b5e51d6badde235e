"""A statement must be what its evidence says (content.py): most of its content words stand in the evidence.

Where it came from: an answer on an unseen article carried the prompt example's own claim ("supplied targeting
data for the attack") pinned to a real sentence that says nothing of the kind; the span was exact and no check
said so. Threshold chosen on dev (70 articles, 2026-12-08): below 0.4 of the statement's content words in its
evidence flags 2 of 257 matched claims and 12 of 363 unmatched ones.

Examples (tests/verification/test_content.py):
    "Iran supplied targeting data for the attack" on "Iran's foreign ministry denied any role"  -> flagged
    "the Houthis fired two missiles at the Sea Falcon" on its own sentence                     -> not flagged
"""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check, flag
from extractor.verification.content import coverage, missing_words

MIN_COVERAGE = 0.4


@claim_check(
    order=25,
    codes={"statement_not_in_evidence": "most of the statement's words are not in its evidence sentences"},
    weights={"statement_not_in_evidence": -0.300},
)
def statement_not_in_evidence(ctx: ClaimContext) -> Finding:
    evidence = ctx.fact.evidence_text
    share = coverage(ctx.claim.statement, evidence) if evidence else None
    if share is None or share >= MIN_COVERAGE:
        return [], {}
    missing = ", ".join(missing_words(ctx.claim.statement, evidence)[:6])
    message = f"the evidence does not say this: {missing} not in the cited sentence(s) ({share:.0%} of its words are)"
    return [flag("statement_not_in_evidence", message)], {"statement_not_in_evidence": 1.0}

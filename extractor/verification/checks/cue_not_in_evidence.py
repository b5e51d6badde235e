"""The reporting word should stand in or next to the evidence (confidence only: no flag)."""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check


@claim_check(order=50, weights={"cue_not_in_evidence": 0.000})
def cue_not_in_evidence(ctx: ClaimContext) -> Finding:
    if ctx.fact.cue_in_evidence or not ctx.fact.evidence_text:
        return [], {}
    return [], {"cue_not_in_evidence": 1.0}  # the reporting word was paraphrased or made up

"""Repairs made before the checks (realign.py) are flagged there and lower confidence here."""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check

REPAIR_CODES = {
    "evidence_reassigned": "the model cited other sentences; the evidence was moved to the one carrying the claim",
    "casualty_field_corrected": "the model put a figure under injured/fatalities; the evidence reports the other",
}


@claim_check(order=200, codes=REPAIR_CODES, weights={"evidence_reassigned": -0.129, "casualty_field_corrected": -0.050})
def repairs(ctx: ClaimContext) -> Finding:
    repaired = any(f.code in REPAIR_CODES for f in ctx.claim.flags)
    return [], ({"evidence_reassigned": 1.0} if repaired else {})

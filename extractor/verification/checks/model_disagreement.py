"""Self-consistency: a claim the extra samples (``--samples N``) do not repeat."""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from extractor.verification.checks import ClaimContext, Finding, claim_check, flag
from extractor.verification.parties import Parties, normalize

SAMPLE_MATCH = 70.0  # token_set_ratio of statements for a sample's claim to count as the same claim


def sample_agreement(claim: Any, canonical: str, samples: list[Any], parties: Parties) -> float:
    """The share of samples holding a claim from the same source with a statement this much alike."""
    seen = 0
    statement = normalize(claim.statement)
    for sample in samples:
        for other in getattr(sample, "claims", None) or []:
            same_source = parties.canonical(other.claimant) == canonical
            if same_source and fuzz.token_set_ratio(statement, normalize(other.statement)) >= SAMPLE_MATCH:
                seen += 1
                break
    return seen / len(samples)


@claim_check(
    order=210,
    codes={"model_disagreement": "the claim appeared in only some of the self-consistency samples"},
    weights={"model_disagreement": -0.200},
)
def model_disagreement(ctx: ClaimContext) -> Finding:
    if not ctx.samples:
        return [], {}
    rate = sample_agreement(ctx.claim, ctx.fact.canonical, ctx.samples, ctx.parties)
    flags = []
    if rate == 0.0:
        flags.append(flag("model_disagreement", f"seen in none of {len(ctx.samples)} self-consistency samples"))
    return flags, ({"model_disagreement": 1.0 - rate} if rate < 1.0 else {})

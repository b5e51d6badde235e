"""The LLM verifier pass (``--verify-with-llm``): evidence that does not (fully) entail the claim."""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check, flag

FAILED = {"partly": "only partly entails", "not": "does not entail", "missing": "gave no verdict on"}


@claim_check(
    order=220,
    codes={"entailment_failed": "the LLM verifier found the evidence does not (fully) entail the claim"},
    weights={"entailment_partly": -0.200, "entailment_failed": -0.400},
)
def entailment_failed(ctx: ClaimContext) -> Finding:
    if ctx.entailment is None:
        return [], {}
    verdict = ctx.entailment.get(ctx.fact.index, "missing")  # no verdict counts as failure, not as neutral
    if verdict not in FAILED:
        return [], {}
    message = f"the LLM verifier says the evidence {FAILED[verdict]} the claim"
    return [flag("entailment_failed", message)], {
        "entailment_partly" if verdict == "partly" else "entailment_failed": 1.0
    }

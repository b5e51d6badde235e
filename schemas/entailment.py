"""What the optional LLM verifier pass writes: one entailment verdict per claim (pydantic only)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Verdict(BaseModel):
    """Does the quoted evidence say what the claim says?"""

    claim: int = Field(description="the claim's number as given")
    verdict: Literal["entailed", "partly", "not"] = Field(
        description="entailed: the evidence says it; partly: only some of it; not: the evidence does not say it"
    )


class EntailmentVerdicts(BaseModel):
    """One verdict for every numbered claim."""

    verdicts: list[Verdict] = Field(description="one item per claim, in order")

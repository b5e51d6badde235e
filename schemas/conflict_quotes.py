"""ConflictReport variant whose evidence is verbatim quotes instead of sentence ids.

Kept to measure the two evidence styles against each other (benchmarks/extraction_modes.py);
the verifier aligns the quotes to the source (exact, normalized or fuzzy) to get offsets.
"""

from __future__ import annotations

from pydantic import Field, field_validator

from .conflict import Claim, ConflictReport, Event

QUOTE_DESCRIPTION = "short verbatim quotes from the article that state this"


class QuoteEvent(Event):
    evidence: list[str] = Field(default_factory=list, description=QUOTE_DESCRIPTION)  # type: ignore[assignment]

    @field_validator("evidence")
    @classmethod
    def _check_evidence(cls, quotes: list[str]) -> list[str]:
        return quotes


class QuoteClaim(Claim):
    evidence: list[str] = Field(default_factory=list, description=QUOTE_DESCRIPTION)  # type: ignore[assignment]

    @field_validator("evidence")
    @classmethod
    def _check_evidence(cls, quotes: list[str]) -> list[str]:
        return quotes


class QuoteConflictReport(ConflictReport):
    events: list[QuoteEvent] = Field(description="events the article reports; [] if none")  # type: ignore[assignment]
    claims: list[QuoteClaim] = Field(  # type: ignore[assignment]
        max_length=12,
        description="attributed assertions: responsibility, state involvement, casualties, denials, motives",
    )

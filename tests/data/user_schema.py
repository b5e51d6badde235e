"""A user's own schema, to show that extractor works with any pydantic model."""

from pydantic import BaseModel, Field


class Strike(BaseModel):
    target: str = Field(description="what was hit")
    evidence: list[int] = Field(default_factory=list, description="ids of the sentences that say so")


class StrikeReport(BaseModel):
    strikes: list[Strike] = Field(description="every strike in the article")

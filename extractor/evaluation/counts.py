"""Per-article counts: what each headline metric sums over one article, saved in the report's article rows.

A report that keeps them can be resampled later (intervals, paired comparisons, the gate) without the gold
set or the results; reports of format ``extractor-eval/1`` have none.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from extractor.evaluation.scoring import ArticleScore, Counts


class Tally(BaseModel):
    """True positives, false positives, false negatives of one article."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @classmethod
    def of(cls, counts: Counts) -> Tally:
        """The same counts, as saved in the report."""
        return cls(tp=counts.tp, fp=counts.fp, fn=counts.fn)


class ArticleCounts(BaseModel):
    """Everything a headline metric or a flag code's agreement adds up over this article."""

    valid: bool = Field(description="the result passed the schema")
    events: Tally = Field(default_factory=Tally)
    claims: Tally = Field(default_factory=Tally, description="tp: matched claims")
    flags: Tally = Field(default_factory=Tally, description="should_flag over the gold claims, missed ones as fn")
    claimant_right: int = Field(0, description="matched claims whose claimant is right")
    reasons_expected: int = 0
    reasons_caught: int = 0
    spans: int = 0
    spans_located: int = Field(0, description="spans found exactly, normalized or fuzzily")
    codes: dict[str, Tally] = Field(
        default_factory=dict, description="per flag code on matched claims: raised and given, raised only, given only"
    )
    calibration: list[tuple[float, bool]] = Field(
        default_factory=list, description="(confidence, should_flag) of each matched claim"
    )


def article_counts(score: ArticleScore) -> ArticleCounts:
    """The counts of one scored article."""
    reason_hits = [hit for hits in score.reasons.values() for hit in hits]
    return ArticleCounts(
        valid=score.valid,
        events=Tally.of(score.events),
        claims=Tally.of(score.claims),
        flags=Tally.of(score.flags),
        claimant_right=sum(score.claim_fields["claimant"]),
        reasons_expected=len(reason_hits),
        reasons_caught=sum(reason_hits),
        spans=sum(score.spans.values()),
        spans_located=sum(n for status, n in score.spans.items() if status != "not_found"),
        codes={code: Tally.of(tally) for code, tally in sorted(score.code_agreement.items())},
        calibration=list(score.calibration),
    )

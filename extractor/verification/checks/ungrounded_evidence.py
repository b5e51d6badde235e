"""Grounding: every evidence span must be found in the article (also applied to events)."""

from __future__ import annotations

from typing import Any

from extractor.verification.checks import ClaimContext, Finding, claim_check, flag


def grounding(item: Any) -> Finding:
    """Flags and signals of an event's or claim's spans: none found, some missing, only fuzzy matches."""
    spans = item.spans
    missing = [s for s in spans if s.status == "not_found"]
    if not spans or len(missing) == len(spans):
        what = "no evidence was given" if not spans else f"{len(missing)} evidence span(s) not found in the article"
        return [flag("ungrounded_evidence", what)], {"ungrounded_evidence": 1.0}
    signals: dict[str, float] = {}
    flags = []
    if missing:
        flags.append(flag("ungrounded_evidence", f"{len(missing)} of {len(spans)} evidence spans not found"))
        signals["partly_ungrounded"] = 1.0
    elif all(s.status == "fuzzy" for s in spans):
        signals["fuzzy_only"] = 1.0
    return flags, signals


@claim_check(
    order=10,
    codes={"ungrounded_evidence": "the evidence cannot be found in the article"},
    weights={"ungrounded_evidence": -0.550, "partly_ungrounded": -0.250, "fuzzy_only": -0.080},
)
def ungrounded_evidence(ctx: ClaimContext) -> Finding:
    return grounding(ctx.claim)

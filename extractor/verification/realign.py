"""Deterministic repairs of a small model's slips, each one flagged so nothing is silently changed.

- Evidence: a 1.5B model often writes a claim's statement nearly word for word from a sentence
  yet cites a neighbouring sentence id. When the cited sentences do not carry the claim's words
  and one other sentence clearly does, the evidence moves there (flag ``evidence_reassigned``).
- Duplicates: the same claim (claimant and statement) written twice is kept once.
- Casualty fields: a figure written as injured that the evidence reports only as killed (or the
  reverse) moves to the right field (flag ``casualty_field_corrected``).
- Spelling: a tokenisation artefact such as "U. S." for the article's "U.S." is written as the article
  writes it, in every text field the model filled (not flagged: the words are the article's own).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel
from rapidfuzz import fuzz

from extractor.schemas.conflict import Flag
from extractor.sentences import Sentence
from extractor.verification.attribution import casualty_kind
from extractor.verification.parties import normalize

# Scores are rapidfuzz partial_ratio (0-100) of the statement against a sentence, plus bonuses.
MIN_BEST = 75.0  # the sentence we move to must carry the claim's words this well
MIN_GAIN = 15.0  # and be this much better than the best cited sentence
CUE_BONUS = 10.0  # the claim's reporting cue occurs in the sentence
CLAIMANT_BONUS = 5.0  # a word of the claimant's name occurs in the sentence
# Initials the tokeniser split apart: "U. S.", "U. K.", "U. N." (two or more single capitals, each with a period).
SPACED_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.[ \u00a0]+)+[A-Z]\.")
_SPACE = re.compile(r"\s+")


def _scores(claim: Any, sentences: list[tuple[int, str, frozenset[str]]]) -> dict[int, float]:
    """Each sentence's score for ``claim``; ``sentences``: (id, normalized text, its words)."""
    statement = normalize(claim.statement)
    cue = normalize(claim.cue or "")
    claimant_words = [w for w in normalize(claim.claimant or "").split() if len(w) > 3 and w != "author"]
    scores: dict[int, float] = {}
    for sentence_id, text, words in sentences:
        score = float(fuzz.partial_ratio(statement, text)) if statement else 0.0
        if cue and cue in text:
            score += CUE_BONUS
        if any(w in words for w in claimant_words):
            score += CLAIMANT_BONUS
        scores[sentence_id] = score
    return scores


def realign_claims(report: Any, sentences: list[Sentence]) -> int:
    """Move mis-cited claim evidence to the sentence that carries the claim; returns how many moved."""
    by_id = {s.id: s for s in sentences}
    normalized: list[tuple[int, str, frozenset[str]]] | None = None  # once per report, when a claim needs it
    moved = 0
    for claim in getattr(report, "claims", None) or []:
        evidence = getattr(claim, "evidence", None)
        if not sentences or not isinstance(evidence, list) or not isinstance(getattr(claim, "statement", None), str):
            continue  # a user schema without sentence-id evidence: nothing to repair
        if not evidence and getattr(claim, "spans", None):
            continue  # another tool's report carrying its evidence as spans: grounded as given
        cited = [i for i in evidence if isinstance(i, int) and i in by_id]
        if len(cited) != len(evidence):
            continue  # quotes, not ids
        if normalized is None:
            normalized = [(s.id, text, frozenset(text.split())) for s in sentences for text in [normalize(s.text)]]
        scores = _scores(claim, normalized)
        best_id = max(scores, key=lambda i: scores[i])
        cited_best = max((scores[i] for i in cited), default=0.0)
        if best_id in cited or scores[best_id] < MIN_BEST or scores[best_id] - cited_best < MIN_GAIN:
            continue
        original = list(claim.evidence)
        claim.evidence = [best_id]
        claim.spans = []
        claim.flags = [
            *claim.flags,
            Flag(
                code="evidence_reassigned",
                message=f"the model cited sentence(s) {original}; the claim's words stand in sentence {best_id}",
            ),
        ]
        moved += 1
    return moved


def drop_duplicate_claims(report: Any) -> int:
    """Keep the first of claims with the same claimant and statement; returns how many were dropped."""
    claims = getattr(report, "claims", None)
    if not claims:
        return 0
    seen: set[tuple[str, str]] = set()
    kept = []
    for claim in claims:
        key = (normalize(str(getattr(claim, "claimant", ""))), normalize(str(getattr(claim, "statement", ""))))
        if key not in seen:
            seen.add(key)
            kept.append(claim)
    report.claims = kept
    return len(claims) - len(kept)


def correct_casualty_fields(report: Any) -> int:
    """Move a figure to fatalities/injured when the (grounded) evidence reports it only as the other."""
    moved = 0
    for event in getattr(report, "events", None) or []:
        for wrong, right, word in (("injured", "fatalities", "killed"), ("fatalities", "injured", "injured")):
            value = getattr(event, wrong, None)
            if value is None or getattr(event, right) is not None or casualty_kind(value, event.spans) != word:
                continue
            setattr(event, right, value)
            setattr(event, wrong, None)
            event.flags = [
                *event.flags,
                Flag(
                    code="casualty_field_corrected",
                    message=f"the model wrote {value} as {wrong}; the evidence reports {value} {word}",
                ),
            ]
            moved += 1
    return moved


def respell_initials(value: str, article: str) -> str:
    """``value`` with spaced initials ("U. S.") closed up ("U.S.") where the article writes them closed up
    and never spaced (so "J. R. Smith", written so in the article, stays)."""

    def closed(match: re.Match[str]) -> str:
        spaced = match.group(0)
        joined = _SPACE.sub("", spaced)
        return joined if joined in article and spaced not in article else spaced

    return SPACED_INITIALS.sub(closed, value) if "." in value else value


def respell_report(report: Any, article: str) -> int:
    """Close up tokenisation artefacts in every string the model wrote (see ``respell_initials``), in place;
    returns how many strings changed. Spans and flags are not touched: spans quote the article."""
    changed = 0
    items = [item for name in ("events", "actors", "claims") for item in getattr(report, name, None) or []]
    for item in items:
        if not isinstance(item, BaseModel):
            continue
        for name in type(item).model_fields:
            value = getattr(item, name)
            if isinstance(value, str):
                new: Any = respell_initials(value, article)
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                new = [respell_initials(v, article) for v in value]
            else:
                continue
            if new != value:
                setattr(item, name, new)
                changed += 1
    return changed

"""One-to-one matching of predicted events and claims to gold ones.

Method: build a similarity matrix (gold x predicted, 0..1), then assign greedily best-first:
take the highest-scoring pair above the threshold, remove its row and column, repeat. Ties
break on the lower gold index, then the lower predicted index, so results are deterministic.
Greedy is a 1/2-approximation of the optimal (Hungarian) assignment; with the well-separated
scores these similarities give it picks the same pairs in practice, and needs no scipy.

Events: 0.25 each for type (same sub-event type 1, same parent event type 0.5), date (equal,
or within the coarser precision: same week/month/year), location (rapidfuzz token_set_ratio
of location, else country) and actors (alias-aware Jaccard overlap of perpetrators and of
targets, averaged). A pair matches at >= ``EVENT_THRESHOLD``.

Claims: 0.6 x statement similarity (token_set_ratio of normalized text) + 0.4 x claimant
similarity (alias-aware; "author" matches only "author"; the best of the claimant as written and
the report actor the verifier resolved it to, ``names.claimant_forms``), + ``EVIDENCE_BONUS`` when a
predicted evidence span overlaps a gold evidence range. A pair needs a statement similarity
of at least ``STATEMENT_FLOOR`` (``STATEMENT_FLOOR_WITH_EVIDENCE`` when the evidence overlaps)
and a total of at least ``CLAIM_THRESHOLD``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rapidfuzz import fuzz

from extractor.evaluation.gold import GoldClaim, GoldEvent, GoldSpan
from extractor.evaluation.names import ActorIndex, claimant_forms, is_author, normalize

EVENT_WEIGHTS = {"type": 0.25, "date": 0.25, "location": 0.25, "actors": 0.25}
EVENT_THRESHOLD = 0.5
STATEMENT_WEIGHT, CLAIMANT_WEIGHT = 0.6, 0.4
EVIDENCE_BONUS = 0.1
STATEMENT_FLOOR = 0.6
STATEMENT_FLOOR_WITH_EVIDENCE = 0.45
CLAIM_THRESHOLD = 0.65
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}

G = TypeVar("G")
P = TypeVar("P")


@dataclass(frozen=True)
class Pair:
    """Gold item ``gold`` matched to predicted item ``pred`` (indices) with similarity ``score``."""

    gold: int
    pred: int
    score: float


@dataclass
class Matching:
    """The pairs, plus the gold items nobody predicted (misses) and the predictions matching no gold item."""

    pairs: list[Pair] = field(default_factory=list)
    unmatched_gold: list[int] = field(default_factory=list)
    unmatched_pred: list[int] = field(default_factory=list)


def greedy_match(similarity: Sequence[Sequence[float]], threshold: float, n_pred: int | None = None) -> Matching:
    """Best-first one-to-one assignment over ``similarity[gold][pred]``; pairs below ``threshold`` never match."""
    n_gold = len(similarity)
    n_pred = n_pred if n_pred is not None else (len(similarity[0]) if similarity else 0)
    candidates = sorted(
        ((-score, g, p) for g, row in enumerate(similarity) for p, score in enumerate(row) if score >= threshold),
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for negative, g, p in candidates:
        if g in used_gold or p in used_pred:
            continue
        used_gold.add(g)
        used_pred.add(p)
        pairs.append(Pair(g, p, round(-negative, 6)))
    pairs.sort(key=lambda pair: pair.gold)
    return Matching(
        pairs=pairs,
        unmatched_gold=[g for g in range(n_gold) if g not in used_gold],
        unmatched_pred=[p for p in range(n_pred) if p not in used_pred],
    )


def _match(gold: Sequence[G], pred: Sequence[P], score: Callable[[G, P], float], threshold: float) -> Matching:
    matrix = [[score(g, p) for p in pred] for g in gold]
    return greedy_match(matrix, threshold, n_pred=len(pred))


def _parse_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def dates_agree(gold_date: Any, gold_precision: str | None, pred_date: Any, pred_precision: str | None) -> bool:
    """Equal dates, or within the coarser precision of the two (week: 6 days apart at most; month; year).

    Two missing dates agree; one missing date does not.
    """
    if not gold_date and not pred_date:
        return True
    left, right = _parse_date(gold_date), _parse_date(pred_date)
    if left is None or right is None:
        return False
    rank = max(_PRECISION_RANK.get(gold_precision or "day", 0), _PRECISION_RANK.get(pred_precision or "day", 0))
    if rank == 0:
        return left == right
    if rank == 1:
        return abs((left - right).days) <= 6
    if rank == 2:
        return (left.year, left.month) == (right.year, right.month)
    return left.year == right.year


def text_similarity(a: str | None, b: str | None) -> float:
    """rapidfuzz token_set_ratio of the normalized texts, 0..1; 1.0 when both are empty, 0.0 when one is."""
    left, right = normalize(a), normalize(b)
    if not left and not right:
        return 1.0
    if not left or not right:
        return 0.0
    return fuzz.token_set_ratio(left, right) / 100.0


def type_similarity(gold: GoldEvent, pred: Any) -> float:
    """1 for the same sub-event type, 0.5 for the same parent event type, else 0."""
    if gold.sub_event_type == getattr(pred, "sub_event_type", None):
        return 1.0
    return 0.5 if gold.event_type == getattr(pred, "event_type", None) else 0.0


def location_similarity(gold: GoldEvent, pred: Any) -> float:
    """Similarity of the locations (the countries when neither side has a location)."""
    gold_place, pred_place = gold.location, getattr(pred, "location", None)
    if not gold_place and not pred_place:
        gold_place, pred_place = gold.country, getattr(pred, "country", None)
    return text_similarity(gold_place, pred_place)


def event_similarity(gold: GoldEvent, pred: Any, actors: ActorIndex) -> float:
    """Weighted type, date, location and actor agreement, 0..1."""
    actor_score = (
        actors.overlap(gold.perpetrators, getattr(pred, "perpetrators", []) or [])
        + actors.overlap(gold.targets, getattr(pred, "targets", []) or [])
    ) / 2
    date_ok = dates_agree(
        gold.date, gold.date_precision, getattr(pred, "date", None), getattr(pred, "date_precision", None)
    )
    parts = {
        "type": type_similarity(gold, pred),
        "date": 1.0 if date_ok else 0.0,
        "location": location_similarity(gold, pred),
        "actors": actor_score,
    }
    return sum(EVENT_WEIGHTS[name] * value for name, value in parts.items())


def claimant_similarity(gold: str, pred: str | None, actors: ActorIndex) -> float:
    """1 for the same actor (alias-aware); "author" only matches "author"; else fuzzy name similarity."""
    if is_author(gold) or is_author(pred):
        return 1.0 if is_author(gold) and is_author(pred) else 0.0
    if actors.same(gold, pred):
        return 1.0
    return text_similarity(gold, pred)


def spans_overlap(gold: Sequence[GoldSpan], pred: Sequence[Any]) -> bool:
    """Whether any located predicted span shares a character with any gold evidence range."""
    for span in pred:
        start, end = getattr(span, "char_start", None), getattr(span, "char_end", None)
        if start is None or end is None:
            continue
        if any(max(start, g.char_start) < min(end, g.char_end) for g in gold):
            return True
    return False


def claim_similarity(gold: GoldClaim, pred: Any, actors: ActorIndex, pred_actors: Iterable[Any] = ()) -> float:
    """Statement and claimant similarity plus the evidence bonus, 0..1; 0 below the statement floor.

    ``pred_actors``: the predicted report's actors (the aliases of the actor a claimant resolved to)."""
    statement = text_similarity(gold.statement, getattr(pred, "statement", None))
    overlap = spans_overlap(gold.evidence, getattr(pred, "spans", []) or [])
    if statement < (STATEMENT_FLOOR_WITH_EVIDENCE if overlap else STATEMENT_FLOOR):
        return 0.0
    claimant = max(
        (claimant_similarity(gold.claimant, name, actors) for name in claimant_forms(pred, pred_actors)),
        default=claimant_similarity(gold.claimant, None, actors),
    )
    return min(1.0, STATEMENT_WEIGHT * statement + CLAIMANT_WEIGHT * claimant + (EVIDENCE_BONUS if overlap else 0.0))


def match_events(gold: Sequence[GoldEvent], pred: Sequence[Any], actors: ActorIndex) -> Matching:
    """Gold events matched one-to-one to predicted events."""
    return _match(gold, pred, lambda g, p: event_similarity(g, p, actors), EVENT_THRESHOLD)


def match_claims(
    gold: Sequence[GoldClaim], pred: Sequence[Any], actors: ActorIndex, pred_actors: Iterable[Any] = ()
) -> Matching:
    """Gold claims matched one-to-one to predicted claims (``pred_actors``: the predicted report's actors)."""
    listed = list(pred_actors)
    return _match(gold, pred, lambda g, p: claim_similarity(g, p, actors, listed), CLAIM_THRESHOLD)

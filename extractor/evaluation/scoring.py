"""Score one article: match its predictions to the gold labels and count what agrees.

Everything here is per article and additive, so totals over a gold set are sums (micro averages).
A failed result (no report) predicts nothing: every gold item is a miss.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, get_args

from extractor.evaluation.gold import FlagCode, GoldArticle, GoldClaim, GoldEvent
from extractor.evaluation.matching import Matching, dates_agree, match_claims, match_events, text_similarity
from extractor.evaluation.names import ActorIndex, claimant_forms, is_author, normalize
from extractor.results import Result

LOCATION_OK = 0.85  # location counts as right at token_set_ratio >= 85
CLAIMANT_FUZZY_OK = 0.9  # claimant counts as right when the same actor, or names this similar
EVENT_FIELDS = ("sub_event_type", "date", "date_precision", "location", "perpetrators", "fatalities")
# claimant: the claimant as written or the report actor the verifier resolved it to names the gold claimant's actor;
# claimant_text: the claimant as written alone (what resolution adds is the difference)
CLAIM_FIELDS = ("claimant", "claimant_text", "kind", "status", "cue")
LABELLED_CODES = frozenset(get_args(FlagCode))


@dataclass
class Counts:
    """True positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        return self


@dataclass
class ArticleScore:
    """What one article contributes to every metric."""

    id: str
    split: str
    tags: list[str]
    valid: bool
    error: str | None = None
    events: Counts = field(default_factory=Counts)
    claims: Counts = field(default_factory=Counts)
    flags: Counts = field(default_factory=Counts)
    flags_expected: int = 0
    event_fields: dict[str, list[bool]] = field(default_factory=lambda: {f: [] for f in EVENT_FIELDS})
    claim_fields: dict[str, list[bool]] = field(default_factory=lambda: {f: [] for f in CLAIM_FIELDS})
    reasons: dict[str, list[bool]] = field(default_factory=dict)
    calibration: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, should_flag)
    matched_flags: list[tuple[bool, bool]] = field(default_factory=list)  # matched claims: (flagged, should_flag)
    code_hits: dict[str, list[bool]] = field(default_factory=dict)  # flag code on a matched claim -> should_flag
    code_reasons: dict[str, list[bool]] = field(default_factory=dict)  # ... -> the gold gives that code as a reason
    reason_support: Counter[str] = field(default_factory=Counter)  # matched gold claims giving each reason
    # per flag code on matched claims, the verifier against the gold's reasons: raised and given (tp), raised only
    # (fp), given only (fn)
    code_agreement: dict[str, Counts] = field(default_factory=dict)
    resolved: list[bool] = field(default_factory=list)  # predicted claims (not the outlet's): claimant_actor set
    spans: Counter[str] = field(default_factory=Counter)
    attempts: int = 0
    latency_s: float | None = None
    tokens_in: int = 0
    tokens_out: int = 0


def _counts(matching: Matching) -> Counts:
    return Counts(len(matching.pairs), len(matching.unmatched_pred), len(matching.unmatched_gold))


def event_field_checks(gold: GoldEvent, pred: Any, actors: ActorIndex) -> dict[str, bool]:
    """Which fields of a matched predicted event are right (date: within precision; location: fuzzy)."""
    return {
        "sub_event_type": getattr(pred, "sub_event_type", None) == gold.sub_event_type,
        "date": dates_agree(
            gold.date, gold.date_precision, getattr(pred, "date", None), getattr(pred, "date_precision", None)
        ),
        "date_precision": getattr(pred, "date_precision", None) == gold.date_precision,
        "location": text_similarity(gold.location, getattr(pred, "location", None)) >= LOCATION_OK,
        "perpetrators": actors.keys(gold.perpetrators) == actors.keys(getattr(pred, "perpetrators", []) or []),
        "fatalities": getattr(pred, "fatalities", None) == gold.fatalities,
    }


def claimant_right(gold: str, pred: str | None, actors: ActorIndex) -> bool:
    """Same actor (alias-aware), or a near-identical name; "author" only equals "author"."""
    if is_author(gold) or is_author(pred):
        return is_author(gold) and is_author(pred)
    return actors.same(gold, pred) or text_similarity(gold, pred) >= CLAIMANT_FUZZY_OK


def claim_field_checks(
    gold: GoldClaim, pred: Any, actors: ActorIndex, pred_actors: Sequence[Any] = ()
) -> dict[str, bool]:
    """Which fields of a matched predicted claim are right (cue: same words, case and punctuation aside).

    ``claimant``: the claimant as written or its resolved actor (any name the predicted report's ``pred_actors``
    give it) is the gold claimant's actor; ``claimant_text``: the claimant as written is."""
    forms = claimant_forms(pred, pred_actors) or [""]
    return {
        "claimant": any(claimant_right(gold.claimant, name, actors) for name in forms),
        "claimant_text": claimant_right(gold.claimant, getattr(pred, "claimant", None), actors),
        "kind": getattr(pred, "kind", None) == gold.kind,
        "status": getattr(pred, "status", None) == gold.status,
        "cue": normalize(getattr(pred, "cue", None)) == normalize(gold.cue),
    }


def _count_agreement(agreement: dict[str, Counts], raised: set[str], given: set[str]) -> None:
    """One matched claim: each code a label may give (``gold.FlagCode``) that the verifier raised or the gold gives,
    counted as both, raised only or given only (the verifier's other codes, e.g. repairs, are no reasons)."""
    for code in (raised | given) & LABELLED_CODES:
        tally = agreement.setdefault(code, Counts())
        if code in raised and code in given:
            tally.tp += 1
        elif code in raised:
            tally.fp += 1
        else:
            tally.fn += 1


def _score_flags(score: ArticleScore, gold: list[GoldClaim], pred: list[Any], matching: Matching) -> None:
    """Flag counts, reason hits and (confidence, should_flag) pairs; unmatched gold claims are misses."""
    matched = {pair.gold: pred[pair.pred] for pair in matching.pairs}
    for index, claim in enumerate(gold):
        predicted = matched.get(index)
        codes = {f.code for f in getattr(predicted, "flags", None) or []}
        flagged = bool(codes)
        score.flags_expected += claim.should_flag
        if claim.should_flag and flagged:
            score.flags.tp += 1
        elif claim.should_flag:
            score.flags.fn += 1
        elif flagged:
            score.flags.fp += 1
        for reason in claim.reasons:
            score.reasons.setdefault(reason, []).append(reason in codes)
        if predicted is not None:
            score.matched_flags.append((flagged, claim.should_flag))
            score.reason_support.update(set(claim.reasons))
            for code in codes:
                score.code_hits.setdefault(code, []).append(claim.should_flag)
                score.code_reasons.setdefault(code, []).append(code in claim.reasons)
            _count_agreement(score.code_agreement, codes, set(claim.reasons))
        confidence = getattr(predicted, "confidence", None)
        if confidence is not None:
            score.calibration.append((float(confidence), claim.should_flag))


def score_article(gold: GoldArticle, result: Result[Any] | None) -> ArticleScore:
    """Match the result's events and claims to ``gold`` and count agreement; ``None`` means no result."""
    report = result.report if result is not None else None
    error = result.error if result is not None else "no result for this article"
    score = ArticleScore(id=gold.id, split=gold.split, tags=list(gold.tags), valid=report is not None, error=error)
    if result is not None:
        meta = result.meta
        score.attempts, score.latency_s = len(meta.attempts), meta.latency_s
        score.tokens_in, score.tokens_out = meta.tokens_in, meta.tokens_out
    actors = ActorIndex(gold.actors)
    events = list(getattr(report, "events", None) or [])
    claims = list(getattr(report, "claims", None) or [])
    event_matching = match_events(gold.events, events, actors)
    pred_actors = list(getattr(report, "actors", None) or [])
    claim_matching = match_claims(gold.claims, claims, actors, pred_actors)
    score.events, score.claims = _counts(event_matching), _counts(claim_matching)
    for pair in event_matching.pairs:
        for name, ok in event_field_checks(gold.events[pair.gold], events[pair.pred], actors).items():
            score.event_fields[name].append(ok)
    for pair in claim_matching.pairs:
        for name, ok in claim_field_checks(gold.claims[pair.gold], claims[pair.pred], actors, pred_actors).items():
            score.claim_fields[name].append(ok)
    score.resolved = [
        getattr(c, "claimant_actor", None) is not None for c in claims if not is_author(getattr(c, "claimant", None))
    ]
    _score_flags(score, gold.claims, claims, claim_matching)
    for item in [*events, *claims]:
        score.spans.update(span.status for span in getattr(item, "spans", None) or [])
    return score

"""Aggregate per-article scores into metric sections (micro averages over the gold set) and headline numbers.

Every section is a dict with the same keys on every run (undefined values are None), so
reports from different prompts or models compare key by key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, get_args

from extractor.evaluation.gold import FlagCode
from extractor.evaluation.prices import Price, cost_usd
from extractor.evaluation.scoring import CLAIM_FIELDS, EVENT_FIELDS, ArticleScore, Counts
from extractor.evaluation.stats import auroc, brier, ece, mean, percentile, prf, reliability, share

SPAN_STATUSES = ("exact", "normalized", "fuzzy", "not_found")
HEADLINE = (
    "events_f1",
    "claims_f1",
    "claimant_accuracy",
    "flag_f1",
    "flag_recall",
    "reason_recall",
    "auroc",
    "ece",
    "brier",
    "grounded_rate",
    "schema_valid_rate",
)
# The direction of every metric that is gated, compared or marked in a table (the one place it is stated):
# these are better lower, all others better higher (claimant_accuracy, each code's precision, ...).
LOWER_IS_BETTER = frozenset({"ece", "brier", "cost_usd", "latency_p50_s", "tokens_in", "tokens_out"})


def rounded(value: float | None, digits: int = 4) -> float | None:
    """``value`` rounded for stable reports; None stays None."""
    return None if value is None else round(value, digits)


def _total(counts: Sequence[Counts]) -> Counts:
    total = Counts()
    for count in counts:
        total += count
    return total


def _prf_dict(total: Counts) -> dict[str, Any]:
    precision, recall, f1 = prf(total.tp, total.fp, total.fn)
    return {
        "precision": rounded(precision),
        "recall": rounded(recall),
        "f1": rounded(f1),
        "gold": total.tp + total.fn,
        "predicted": total.tp + total.fp,
        "matched": total.tp,
    }


def _accuracy(scores: Sequence[ArticleScore], attribute: str, names: Sequence[str]) -> dict[str, float | None]:
    return {name: rounded(share([ok for s in scores for ok in getattr(s, attribute)[name]])) for name in names}


EVENT_COUNT_BUCKETS = ("0", "1", "2", "3", "4+")


def _event_bucket(gold_events: int) -> str:
    return str(gold_events) if gold_events < 4 else "4+"


def events_by_gold_count(scores: Sequence[ArticleScore]) -> dict[str, dict[str, Any]]:
    """Event recall and precision over articles grouped by how many events the gold gives them (0, 1, 2, 3, 4+):
    does a multi-incident article lose its second incident, does a background piece get an invented one."""
    groups: dict[str, list[ArticleScore]] = {}
    for score in scores:
        groups.setdefault(_event_bucket(score.events.tp + score.events.fn), []).append(score)
    rows = {}
    for bucket in EVENT_COUNT_BUCKETS:
        members = groups.get(bucket)
        if members:
            total = _total([s.events for s in members])
            rows[bucket] = {"articles": len(members), **_prf_dict(total)}
    return rows


def event_metrics(scores: Sequence[ArticleScore]) -> dict[str, Any]:
    """Event P/R/F1, per-field accuracy over matched pairs, and recall by the gold's events per article."""
    return {
        **_prf_dict(_total([s.events for s in scores])),
        "accuracy": _accuracy(scores, "event_fields", EVENT_FIELDS),
        "by_gold_count": events_by_gold_count(scores),
    }


def claim_metrics(scores: Sequence[ArticleScore]) -> dict[str, Any]:
    """Claim P/R/F1, claimant/kind/status/cue accuracy over matched pairs, and the share of predicted claimants
    (the outlet's own voice aside) the verifier resolved to an actor of the report (``claimant_resolved``)."""
    return {
        **_prf_dict(_total([s.claims for s in scores])),
        "accuracy": _accuracy(scores, "claim_fields", CLAIM_FIELDS),
        "claimant_resolved": rounded(share([ok for s in scores for ok in s.resolved])),
    }


def matched_flag_metrics(scores: Sequence[ArticleScore]) -> dict[str, Any]:
    """should_flag P/R/F1 on matched claims only, and the flagged share of them against the gold share."""
    pairs = [pair for s in scores for pair in s.matched_flags]
    tp = sum(1 for flagged, gold in pairs if flagged and gold)
    fp = sum(1 for flagged, gold in pairs if flagged and not gold)
    fn = sum(1 for flagged, gold in pairs if gold and not flagged)
    precision, recall, f1 = prf(tp, fp, fn)
    return {
        "n": len(pairs),
        "precision": rounded(precision),
        "recall": rounded(recall),
        "f1": rounded(f1),
        "flagged_share": rounded(share([flagged for flagged, _ in pairs])),
        "gold_share": rounded(share([gold for _, gold in pairs])),
    }


def _merged(scores: Sequence[ArticleScore], attribute: str) -> dict[str, list[bool]]:
    merged: dict[str, list[bool]] = {}
    for score in scores:
        for code, found in getattr(score, attribute).items():
            merged.setdefault(code, []).extend(found)
    return merged


def code_precision(scores: Sequence[ArticleScore]) -> dict[str, dict[str, Any]]:
    """Per flag code, on matched claims: ``raised``; ``right`` and ``precision``: of those, how often the gold says
    the claim needs a look; ``reason_right`` and ``reason_precision``: how often the gold gives this very code as a
    reason; ``support``: matched gold claims giving it as a reason (a code the gold never gives has support 0)."""
    hits, reasons = _merged(scores, "code_hits"), _merged(scores, "code_reasons")
    support: Counter[str] = Counter()
    for score in scores:
        support.update(score.reason_support)
    return {
        code: {
            "raised": len(hits.get(code, [])),
            "right": sum(hits.get(code, [])),
            "precision": rounded(share(hits.get(code, []))),
            "reason_right": sum(reasons.get(code, [])),
            "reason_precision": rounded(share(reasons.get(code, []))),
            "support": support[code],
        }
        for code in sorted(set(hits) | set(support))
    }


def flag_metrics(scores: Sequence[ArticleScore]) -> dict[str, Any]:
    """should_flag P/R/F1 (over matched claims; missed gold claims count against recall), the same on matched
    claims only (``matched``), reason recall, and the precision of each flag code raised (``codes``)."""
    total = _total([s.flags for s in scores])
    precision, recall, f1 = prf(total.tp, total.fp, total.fn)
    reasons: dict[str, dict[str, Any]] = {}
    all_hits: list[bool] = []
    for code in get_args(FlagCode):
        hits = [hit for s in scores for hit in s.reasons.get(code, [])]
        all_hits += hits
        reasons[code] = {"expected": len(hits), "caught": sum(hits), "recall": rounded(share(hits))}
    return {
        "precision": rounded(precision),
        "recall": rounded(recall),
        "f1": rounded(f1),
        "expected": sum(s.flags_expected for s in scores),
        "caught": total.tp,
        "false_alarms": total.fp,
        "reason_recall": rounded(share(all_hits)),
        "reasons": reasons,
        "matched": matched_flag_metrics(scores),
        "codes": code_precision(scores),
    }


def calibration_metrics(scores: Sequence[ArticleScore], bins: int = 10) -> dict[str, Any]:
    """AUROC of 1 - confidence for should_flag; ECE, Brier and reliability of confidence for "needs no flag"."""
    pairs = [pair for s in scores for pair in s.calibration]
    confidences = [c for c, _ in pairs]
    trustworthy = [not flag for _, flag in pairs]
    table = reliability(confidences, trustworthy, bins)
    for row in table:
        row["mean_confidence"], row["observed"] = rounded(row["mean_confidence"]), rounded(row["observed"])
    return {
        "n": len(pairs),
        "auroc": rounded(auroc([1 - c for c in confidences], [flag for _, flag in pairs])),
        "ece": rounded(ece(confidences, trustworthy, bins)),
        "brier": rounded(brier(confidences, trustworthy)),
        "reliability": table,
    }


def grounding_metrics(scores: Sequence[ArticleScore]) -> dict[str, Any]:
    """Share of predicted evidence spans by alignment status, and the located share."""
    counts: Counter[str] = Counter()
    for score in scores:
        counts.update(score.spans)
    total = sum(counts.values())
    shares = {status: rounded(counts[status] / total) if total else None for status in SPAN_STATUSES}
    grounded = rounded(1 - counts["not_found"] / total) if total else None
    return {"spans": total, **shares, "grounded_rate": grounded}


def runtime_metrics(scores: Sequence[ArticleScore], price: Price | None) -> dict[str, Any]:
    """Schema-valid rate, attempts, latency percentiles, tokens and the estimated cost."""
    latencies = [s.latency_s for s in scores if s.latency_s is not None]
    tokens_in, tokens_out = sum(s.tokens_in for s in scores), sum(s.tokens_out for s in scores)
    return {
        "schema_valid_rate": rounded(share([s.valid for s in scores])),
        "failed": sum(1 for s in scores if not s.valid),
        "mean_attempts": rounded(mean([s.attempts for s in scores])),
        "latency_p50_s": rounded(percentile(latencies, 50), 3),
        "latency_p95_s": rounded(percentile(latencies, 95), 3),
        "tokens_in": tokens_in,
        "tokens_out": tokens_out,
        "cost_usd": rounded(cost_usd(tokens_in, tokens_out, price), 6),
        "price_per_1m": None if price is None else {"input": price.input, "output": price.output},
    }


def tag_metrics(scores: Sequence[ArticleScore]) -> dict[str, dict[str, Any]]:
    """Events F1, claims F1 and flag recall per gold tag."""
    by_tag: dict[str, list[ArticleScore]] = {}
    for score in scores:
        for tag in score.tags:
            by_tag.setdefault(tag, []).append(score)
    return {
        tag: {
            "n": len(members),
            "events_f1": _prf_dict(_total([s.events for s in members]))["f1"],
            "claims_f1": _prf_dict(_total([s.claims for s in members]))["f1"],
            "flag_recall": flag_metrics(members)["recall"],
        }
        for tag, members in sorted(by_tag.items())
    }


def split_metrics(scores: Sequence[ArticleScore]) -> dict[str, dict[str, Any]]:
    """Per gold split (dev, test): events and claims F1, claimant accuracy, flag precision and recall on matched
    claims, so one report over several splits still shows each split's numbers."""
    by_split: dict[str, list[ArticleScore]] = {}
    for score in scores:
        by_split.setdefault(score.split, []).append(score)
    rows = {}
    for split, members in sorted(by_split.items()):
        matched = matched_flag_metrics(members)
        rows[split] = {
            "n": len(members),
            "events_f1": _prf_dict(_total([s.events for s in members]))["f1"],
            "claims_f1": _prf_dict(_total([s.claims for s in members]))["f1"],
            "claimant_accuracy": _accuracy(members, "claim_fields", ("claimant",))["claimant"],
            "claimant_text_accuracy": _accuracy(members, "claim_fields", ("claimant_text",))["claimant_text"],
            "flag_precision": matched["precision"],
            "flag_recall": matched["recall"],
        }
    return rows


def compute_sections(scores: Sequence[ArticleScore], price: Price | None = None) -> dict[str, Any]:
    """All metric sections: events, claims, flags, calibration, grounding, runtime, by_tag, by_split."""
    return {
        "events": event_metrics(scores),
        "claims": claim_metrics(scores),
        "flags": flag_metrics(scores),
        "calibration": calibration_metrics(scores),
        "grounding": grounding_metrics(scores),
        "runtime": runtime_metrics(scores, price),
        "by_tag": tag_metrics(scores),
        "by_split": split_metrics(scores),
    }


def headline(sections: dict[str, Any]) -> dict[str, float | None]:
    """The numbers a change is judged on (keys in ``HEADLINE`` order)."""
    values = {
        "events_f1": sections["events"]["f1"],
        "claims_f1": sections["claims"]["f1"],
        "claimant_accuracy": sections["claims"]["accuracy"]["claimant"],
        "flag_f1": sections["flags"]["f1"],
        "flag_recall": sections["flags"]["recall"],
        "reason_recall": sections["flags"]["reason_recall"],
        "auroc": sections["calibration"]["auroc"],
        "ece": sections["calibration"]["ece"],
        "brier": sections["calibration"]["brier"],
        "grounded_rate": sections["grounding"]["grounded_rate"],
        "schema_valid_rate": sections["runtime"]["schema_valid_rate"],
    }
    return {name: values[name] for name in HEADLINE}

"""The headline metrics and each flag code's agreement, recomputed from the counts of a resample of articles.

Per-article counts are laid out as columns once, so the totals of a resample are sums over its drawn article
indices; AUROC, ECE and Brier use the claims of the drawn articles (an article drawn twice counts twice).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter

from extractor.evaluation.counts import ArticleCounts
from extractor.evaluation.scoring import LABELLED_CODES
from extractor.evaluation.stats import bin_index, clip, prf

BINS = 10  # as calibration_metrics: ECE over ten equal-width bins
ALL_CODES = "all"  # the agreement row pooled over every flag code
_TALLIED = ("events", "claims", "flags")


def code_keys(code: str) -> tuple[str, str]:
    """The metric names of a flag code's agreement: ``code:<code>:precision`` and ``code:<code>:recall``."""
    return f"code:{code}:precision", f"code:{code}:recall"


def _ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


class _RankedClaims:
    """Matched claims of every article sorted once by 1 - confidence and grouped by tied score (weighted AUROC)."""

    def __init__(self, counts: Sequence[ArticleCounts]) -> None:
        scored = sorted(
            ((1 - confidence, flag, article) for article, c in enumerate(counts) for confidence, flag in c.calibration),
            key=lambda item: item[0],
        )
        self.groups: list[tuple[list[int], list[int]]] = []  # per tied score: articles of its positives, negatives
        start = 0
        while start < len(scored):
            end = start
            while end < len(scored) and scored[end][0] == scored[start][0]:
                end += 1
            tied = scored[start:end]
            self.groups.append(([a for _, f, a in tied if f], [a for _, f, a in tied if not f]))
            start = end

    def auroc(self, weights: Sequence[int]) -> float | None:
        """P(score of a flag-worthy claim > score of another), ties 1/2, each claim weighted by its article's draws."""
        below = positives = 0
        pairs = 0.0
        for pos, neg in self.groups:
            p = sum(map(weights.__getitem__, pos))
            q = sum(map(weights.__getitem__, neg))
            pairs += p * (below + q / 2)
            below += q
            positives += p
        return pairs / (positives * below) if positives and below else None


class Columns:
    """The counts of a list of articles, by column; ``metrics`` gives every resampled metric of a draw.

    ``codes``: the flag codes whose agreement is resampled (default: every code a gold label may give)."""

    def __init__(self, counts: Sequence[ArticleCounts], codes: Iterable[str] | None = None) -> None:
        self.n = len(counts)
        found = {code for c in counts for code in c.codes}
        self.codes = sorted(set(codes) if codes is not None else found | LABELLED_CODES)
        columns: dict[str, list[float]] = {}
        for part in _TALLIED:
            for kind in ("tp", "fp", "fn"):
                columns[f"{part}.{kind}"] = [getattr(getattr(c, part), kind) for c in counts]
        for name in ("claimant_right", "reasons_expected", "reasons_caught", "spans", "spans_located"):
            columns[name] = [getattr(c, name) for c in counts]
        columns["articles"] = [1] * len(counts)
        columns["valid"] = [int(c.valid) for c in counts]
        columns["calibrated"] = [len(c.calibration) for c in counts]
        columns["squared_error"] = [sum((conf - (not flag)) ** 2 for conf, flag in c.calibration) for c in counts]
        for b in range(BINS):
            columns[f"bin{b}.confidence"] = [_in_bin(c, b, outcome=False) for c in counts]
            columns[f"bin{b}.observed"] = [_in_bin(c, b, outcome=True) for c in counts]
        for code in self.codes:
            for kind in ("tp", "fp", "fn"):
                columns[f"code:{code}.{kind}"] = [
                    getattr(c.codes[code], kind) if code in c.codes else 0 for c in counts
                ]
        self.columns = columns
        self._ranked = _RankedClaims(counts)
        self._code_columns = [(code, *(f"code:{code}.{kind}" for kind in ("tp", "fp", "fn"))) for code in self.codes]

    def totals(self, draw: Sequence[int] | None = None) -> dict[str, float]:
        """Each column summed over the drawn article indices (every article once without a draw)."""
        if draw is None:
            return {name: sum(column) for name, column in self.columns.items()}
        pick = itemgetter(*draw) if len(draw) > 1 else lambda column: [column[i] for i in draw]
        return {name: sum(pick(column)) for name, column in self.columns.items()}

    def metrics(self, draw: Sequence[int] | None = None) -> dict[str, float | None]:
        """Headline metrics (``HEADLINE`` names) and each flag code's agreement precision and recall for a draw."""
        t = self.totals(draw)
        weights = [1] * self.n
        if draw is not None:
            weights = [0] * self.n
            for index in draw:
                weights[index] += 1
        calibrated = t["calibrated"]
        values: dict[str, float | None] = {
            "events_f1": prf(*_tally(t, "events"))[2],
            "claims_f1": prf(*_tally(t, "claims"))[2],
            "claimant_accuracy": _ratio(t["claimant_right"], t["claims.tp"]),
            "flag_f1": prf(*_tally(t, "flags"))[2],
            "flag_recall": prf(*_tally(t, "flags"))[1],
            "reason_recall": _ratio(t["reasons_caught"], t["reasons_expected"]),
            "auroc": self._ranked.auroc(weights),
            "ece": _ratio(sum(abs(t[f"bin{b}.confidence"] - t[f"bin{b}.observed"]) for b in range(BINS)), calibrated),
            "brier": _ratio(t["squared_error"], calibrated),
            "grounded_rate": _ratio(t["spans_located"], t["spans"]),
            "schema_valid_rate": _ratio(t["valid"], t["articles"]),
        }
        pooled_tp = pooled_fp = pooled_fn = 0.0
        for code, tp_name, fp_name, fn_name in self._code_columns:
            tp, fp, fn = t[tp_name], t[fp_name], t[fn_name]
            pooled_tp, pooled_fp, pooled_fn = pooled_tp + tp, pooled_fp + fp, pooled_fn + fn
            values.update(_agreement(code, tp, fp, fn))
        if self.codes:
            values.update(_agreement(ALL_CODES, pooled_tp, pooled_fp, pooled_fn))
        return values


def _tally(totals: dict[str, float], part: str) -> tuple[float, float, float]:
    return totals[f"{part}.tp"], totals[f"{part}.fp"], totals[f"{part}.fn"]


def _agreement(code: str, tp: float, fp: float, fn: float) -> dict[str, float | None]:
    precision, recall = code_keys(code)
    return {precision: _ratio(tp, tp + fp), recall: _ratio(tp, tp + fn)}


def _in_bin(counts: ArticleCounts, b: int, *, outcome: bool) -> float:
    """Sum of the clipped confidences (or of "needs no flag") of an article's claims in bin ``b``."""
    total = 0.0
    for confidence, flag in counts.calibration:
        clipped = clip(confidence)
        if bin_index(clipped, BINS) == b:
            total += float(not flag) if outcome else clipped
    return total

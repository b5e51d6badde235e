"""The arithmetic: precision/recall/F1, AUROC (Mann-Whitney), Brier, ECE, reliability bins, percentiles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1.

    Conventions for empty cases: nothing predicted and nothing expected is perfect (1, 1, 1);
    predicting nothing when something was expected gives precision 0; predicting something
    when nothing was expected gives recall 0 (a hallucination on a "no event" article scores 0).
    """
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    recall = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def mean(values: Sequence[float]) -> float | None:
    """Arithmetic mean, None for no values."""
    return sum(values) / len(values) if values else None


def share(flags: Sequence[bool]) -> float | None:
    """Fraction of True, None for no values."""
    return sum(1 for f in flags if f) / len(flags) if flags else None


def _midranks(values: Sequence[float]) -> list[float]:
    """1-based ranks; tied values share the mean of their ranks."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def auroc(scores: Sequence[float], labels: Sequence[bool]) -> float | None:
    """Area under the ROC curve of ``scores`` for positive ``labels``: P(score_pos > score_neg), ties 1/2.

    Computed as the Mann-Whitney U statistic from mid-ranks; None when either class is absent.
    """
    if len(scores) != len(labels):
        raise ValueError("scores and labels differ in length")  # a caller's bug: the argument contract
    n_pos = sum(1 for label in labels if label)
    n_neg = len(labels) - n_pos
    if n_pos == 0 or n_neg == 0:
        return None
    ranks = _midranks(scores)
    rank_sum = sum(rank for rank, label in zip(ranks, labels, strict=True) if label)
    u = rank_sum - n_pos * (n_pos + 1) / 2
    return u / (n_pos * n_neg)


def brier(confidences: Sequence[float], outcomes: Sequence[bool]) -> float | None:
    """Mean squared difference between confidence and the 0/1 outcome; None for no values."""
    if not confidences:
        return None
    return sum((c - float(o)) ** 2 for c, o in zip(confidences, outcomes, strict=True)) / len(confidences)


def clip(confidence: float) -> float:
    """``confidence`` held to [0, 1]."""
    return min(max(confidence, 0.0), 1.0)


def bin_index(confidence: float, bins: int = 10) -> int:
    """The equal-width bin of a confidence in [0, 1]; 1.0 falls in the last bin."""
    return min(int(confidence * bins), bins - 1)


def reliability(confidences: Sequence[float], outcomes: Sequence[bool], bins: int = 10) -> list[dict[str, Any]]:
    """Equal-width confidence bins [0, 0.1), ..., [0.9, 1.0]: count, mean confidence, observed rate."""
    grouped: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for confidence, outcome in zip(confidences, outcomes, strict=True):
        clipped = clip(confidence)
        grouped[bin_index(clipped, bins)].append((clipped, outcome))
    table = []
    for index, members in enumerate(grouped):
        table.append(
            {
                "bin": f"{index / bins:.1f}-{(index + 1) / bins:.1f}",
                "n": len(members),
                "mean_confidence": mean([c for c, _ in members]),
                "observed": share([o for _, o in members]),
            }
        )
    return table


def ece(confidences: Sequence[float], outcomes: Sequence[bool], bins: int = 10) -> float | None:
    """Expected calibration error: bin-size-weighted |mean confidence - observed rate|; None for no values."""
    total = len(confidences)
    if not total:
        return None
    error = 0.0
    for row in reliability(confidences, outcomes, bins):
        if row["n"]:
            error += row["n"] / total * abs(row["mean_confidence"] - row["observed"])
    return error


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0-100) with linear interpolation between order statistics; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

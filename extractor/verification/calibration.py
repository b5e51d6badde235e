"""Fit the confidence weights to labelled claims (the gold set's dev split), staying near the shipped priors.

The fit minimises the squared gap between the (unclamped) confidence and "this claim needs no flag"
(the Brier score), plus a pull of ``strength`` pseudo-claims towards the prior weights, by exact
coordinate descent. Penalties stay
penalties (never above 0) and bonuses stay bonuses, so the fit can only re-weigh a signal, never
turn a warning into a reward. Signals absent from the data keep their prior.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from extractor.verification.confidence import Weights, WeightsError, combine

MAX_PENALTY = 1.0  # no single signal may move confidence by more than this
MAX_BONUS = 0.2
DEFAULT_STRENGTH = 3.0  # pseudo-claims at the starting weights, when none is chosen by cross-validation
STRENGTHS = (0.0, 3.0, 10.0, 30.0, 100.0)  # the strengths cross-validation chooses from


@dataclass(frozen=True)
class Example:
    """One labelled claim: the verifier's signals and whether the gold set says it needs a flag."""

    signals: Mapping[str, float]
    should_flag: bool


def brier_score(examples: Sequence[Example], weights: Weights) -> float:
    """Mean squared gap between confidence and 1 for claims that need no flag, 0 for those that do."""
    if not examples:
        return float("nan")
    gaps = [(combine(e.signals, weights) - (0.0 if e.should_flag else 1.0)) ** 2 for e in examples]
    return sum(gaps) / len(gaps)


def fit_weights(
    examples: Sequence[Example], prior: Weights, strength: float = DEFAULT_STRENGTH, rounds: int = 300
) -> Weights:
    """Weights fitted to ``examples``, regularised towards ``prior`` (``strength`` = pseudo-claims at the prior)."""
    if not examples:
        raise WeightsError("no labelled claims to fit the confidence weights on")
    names = list(prior.adjust)
    unknown = {n for e in examples for n in e.signals} - set(names)
    if unknown:
        raise KeyError(f"no weight for {sorted(unknown)} in {prior.source}")
    rows = [[float(e.signals.get(n, 0.0)) for n in names] for e in examples]
    targets = [0.0 if e.should_flag else 1.0 for e in examples]
    base, adjust = prior.base, [prior.adjust[n] for n in names]
    predictions = [base + sum(w * x for w, x in zip(adjust, row, strict=True)) for row in rows]
    for _ in range(rounds):
        moved = 0.0
        # the intercept: every claim carries it
        new_base = (sum(t - p + base for t, p in zip(targets, predictions, strict=True)) + strength * prior.base) / (
            len(rows) + strength
        )
        new_base = min(prior.ceiling, max(prior.floor, new_base))
        predictions = [p + new_base - base for p in predictions]
        moved, base = max(moved, abs(new_base - base)), new_base
        for k, name in enumerate(names):
            xs = [row[k] for row in rows]
            weight_of_data = sum(x * x for x in xs)
            if weight_of_data == 0.0:
                continue
            pull = sum(x * (t - p + adjust[k] * x) for x, t, p in zip(xs, targets, predictions, strict=True))
            value = (pull + strength * prior.adjust[name]) / (weight_of_data + strength)
            value = min(0.0, max(-MAX_PENALTY, value)) if prior.adjust[name] <= 0 else min(MAX_BONUS, max(0.0, value))
            delta = value - adjust[k]
            predictions = [p + delta * x for p, x in zip(predictions, xs, strict=True)]
            moved, adjust[k] = max(moved, abs(delta)), value
        if moved < 1e-6:
            break
    fitted = {name: round(value, 3) for name, value in zip(names, adjust, strict=True)}
    return replace(prior, base=round(base, 3), adjust=fitted, source="fitted")


def cross_validated_brier(
    groups: Sequence[Sequence[Example]], prior: Weights, strength: float, folds: int = 5
) -> float:
    """Brier of weights fitted with ``strength`` on the other folds, on each fold of ``groups`` (one group per
    article, folds taken round-robin, so an article's claims are never fitted and judged together)."""
    folds = max(2, min(folds, len(groups)))
    squared, count = 0.0, 0
    for k in range(folds):
        held = [e for i, group in enumerate(groups) if i % folds == k for e in group]
        train = [e for i, group in enumerate(groups) if i % folds != k for e in group]
        if not held or not train:
            continue
        squared += brier_score(held, fit_weights(train, prior, strength)) * len(held)
        count += len(held)
    return squared / count if count else float("nan")


def choose_strength(
    groups: Sequence[Sequence[Example]], prior: Weights, strengths: Sequence[float] = STRENGTHS, folds: int = 5
) -> tuple[float, dict[float, float]]:
    """The strength with the lowest cross-validated Brier (ties: the stronger pull), and every strength's Brier;
    the starting weights unfitted are scored too (key ``inf``)."""
    scores = {strength: cross_validated_brier(groups, prior, strength, folds) for strength in strengths}
    judged = [e for group in groups for e in group]
    scores[float("inf")] = brier_score(judged, prior)
    best = min(strengths, key=lambda strength: (round(scores[strength], 4), -strength))
    return best, scores

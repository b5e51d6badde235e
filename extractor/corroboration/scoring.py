"""Corroboration scored against a gold file, split by split (eval/corroboration/gold.json: "dev", "heldout").

Each split is corroborated on its own articles only (its ledger never sees another split's claims), then its
groups are scored with ``extractor.evaluation.corroboration_metrics``. Results that are not the gold's own
analyst extractions (a model's) are first aligned claim by claim to them
(``extractor.evaluation.corroboration_align``); the analyst's extractions align to themselves.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from extractor.corroboration import corroborate
from extractor.corroboration.features import ResultLike
from extractor.corroboration.grouping import Settings
from extractor.evaluation.corroboration_align import align_claims
from extractor.evaluation.corroboration_metrics import ALL, labels_from_records, load_gold, load_splits, relabel, score


def gold_results_path(gold: Path) -> Path | None:
    """The analyst extractions a gold file names (``"results"``, beside it), if any."""
    named = json.loads(gold.read_text(encoding="utf-8")).get("results")
    return gold.parent / named if named else None


def split_names(gold: Path) -> list[str]:
    """The gold file's splits in file order ("dev", "heldout"), or ["all"] when it has none."""
    names = list(dict.fromkeys(load_splits(gold).values()))
    return names or [ALL]


def score_split(
    results: Sequence[ResultLike], gold: Path, split: str = ALL, *, reference: Sequence[ResultLike] | None = None,
    settings: Settings | None = None, outlets: Mapping[str, str] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Scores of one split as a dict (``CorroborationScores.as_dict()`` plus ``aligned_claims`` and
    ``articles``). With ``reference`` (the gold's analyst results), ``results`` are aligned to it first."""
    splits = load_splits(gold)
    labels = load_gold(gold, split)
    chosen = [r for r in results if split == ALL or splits.get(r.article_id) == split]
    ledger = corroborate(chosen, outlets=outlets, settings=settings)
    predicted = labels_from_records(ledger.records())
    aligned = None
    if reference is not None:
        mapping = align_claims(chosen, reference)
        predicted = relabel(predicted, mapping)
        aligned = len(mapping)
    out = score(labels, predicted).as_dict()
    out.update(split=split, articles=len(chosen), aligned_claims=aligned, settings=ledger.settings)
    return out


def score_splits(
    results: Iterable[ResultLike], gold: Path, splits: Sequence[str] | None = None, *,
    reference: Sequence[ResultLike] | None = None, settings: Settings | None = None,
    outlets: Mapping[str, str] | None = None,
) -> dict[str, dict[str, Any]]:  # fmt: skip
    """``score_split`` for each split (default: every split of the gold file), keyed by split."""
    results = list(results)
    return {
        name: score_split(results, gold, name, reference=reference, settings=settings, outlets=outlets)
        for name in (splits or split_names(gold))
    }

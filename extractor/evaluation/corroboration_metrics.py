"""Scores for a corroboration ledger against gold groups (eval/corroboration/gold.json).

Works on plain data: a group is its member refs ("article_id#claim_index") with an origin count and a status,
so this module needs nothing of ``extractor.corroboration``.

- grouping: B-cubed precision, recall and F1 over every claim (Bagga & Baldwin 1998);
- origins and status: for each gold group, the predicted group holding most of its claims (ties: the
  smaller one, then the smaller id); accuracy of its origin count and of its status.

Splits: a gold file may list its articles per split (``"splits": {"dev": [...], "heldout": [...]}``) and mark
each group with its split; ``load_gold(path, split)`` keeps one split. ``compare_scores`` is the baseline gate.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.errors import BadInput

ALL = "all"
GATED_METRICS = ("precision", "recall", "f1", "origin_accuracy", "status_accuracy")


@dataclass(frozen=True)
class GroupLabel:
    id: str
    members: frozenset[str]
    origins: int | None = None
    status: str | None = None
    split: str | None = None


@dataclass
class CorroborationScores:
    precision: float
    recall: float
    f1: float
    claims: int
    gold_groups: int
    predicted_groups: int
    origin_accuracy: float
    status_accuracy: float
    misses: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def load_splits(path: Path | str) -> dict[str, str]:
    """Article id -> split, from a gold file's ``"splits"`` (empty when it has none)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {article: name for name, articles in (data.get("splits") or {}).items() for article in articles}


def load_gold(path: Path | str, split: str = ALL) -> list[GroupLabel]:
    """The gold groups of a gold file (``{"groups": [{"id", "members", "origins", "status", "split"}, ...]}``),
    those of one split unless ``split`` is "all". Each claim must be in one group, and a group's claims in
    articles of its own split."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    groups = [
        GroupLabel(g["id"], frozenset(g["members"]), g.get("origins"), g.get("status"), g.get("split"))
        for g in data["groups"]
    ]
    splits = load_splits(path)
    names = sorted(set(splits.values()))
    if split != ALL and split not in names:
        raise BadInput(f"{path}: no split {split!r}; fix: one of {', '.join([*names, ALL])}")
    seen: dict[str, str] = {}
    for g in groups:
        for ref in g.members:
            if ref in seen:
                raise BadInput(f"{path}: claim {ref} is in gold groups {seen[ref]} and {g.id}; fix: one group each")
            seen[ref] = g.id
            article = ref.rpartition("#")[0]
            if splits and splits.get(article) != g.split:
                raise BadInput(f"{path}: group {g.id} ({g.split}) holds {ref} of split {splits.get(article)}")
    return [g for g in groups if split == ALL or g.split == split]


def labels_from_records(records: Iterable[Mapping[str, Any]]) -> list[GroupLabel]:
    """Predicted groups from ledger records (``Ledger.records()`` or its JSONL lines)."""
    out = []
    for r in records:
        if r.get("type") != "claim_group":
            continue
        refs = frozenset(f"{m['article_id']}#{m['claim_index']}" for m in r["members"])
        out.append(GroupLabel(r["id"], refs, r.get("origin_count"), r.get("status")))
    return out


def relabel(predicted: Sequence[GroupLabel], refs: Mapping[str, str]) -> list[GroupLabel]:
    """Predicted groups with their member refs renamed (model claim ref -> the gold claim it was aligned to);
    a ref with no counterpart becomes ``"unaligned:<ref>"``, outside every gold group, so scoring ignores it."""
    return [
        GroupLabel(p.id, frozenset(refs.get(m, f"unaligned:{m}") for m in p.members), p.origins, p.status, p.split)
        for p in predicted
    ]


def compare_scores(
    current: Mapping[str, Mapping[str, Any]], baseline: Mapping[str, Mapping[str, Any]], max_drop: float = 0.02
) -> list[str]:
    """The baseline gate: "<split> <metric>: <baseline> -> <now>" for each gated metric of each baseline split
    that dropped by more than ``max_drop`` (a split missing now fails too)."""
    failures = []
    for split in sorted(baseline):
        if split not in current:
            failures.append(f"{split}: not scored (the baseline has it)")
            continue
        for metric in GATED_METRICS:
            was, now = baseline[split].get(metric), current[split].get(metric)
            if was is not None and (now is None or now < was - max_drop - 1e-9):
                failures.append(f"{split} {metric}: {was} -> {now} (max drop {max_drop})")
    return failures


BASELINE_KEYS = (*GATED_METRICS, "claims", "gold_groups", "predicted_groups", "aligned_claims", "articles")


def write_baseline_scores(
    path: Path | str, scores: Mapping[str, Mapping[str, Any]], meta: Mapping[str, Any] | None = None
) -> None:
    """Save per-split scores as a corroboration baseline (``{"meta", "splits": {split: {metric: value}}}``)."""
    splits = {name: {k: s[k] for k in BASELINE_KEYS if k in s} for name, s in sorted(scores.items())}
    data = {"meta": dict(meta or {}), "splits": splits}
    Path(path).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_baseline_scores(path: Path | str) -> dict[str, dict[str, Any]]:
    """The per-split scores of a corroboration baseline written by ``write_baseline_scores``."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("splits"), dict):
        raise BadInput(f'{path}: not a corroboration baseline; fix: a JSON object with "splits"')
    return data["splits"]


def b_cubed(gold: Sequence[GroupLabel], predicted: Sequence[GroupLabel]) -> tuple[float, float, float, int]:
    """B-cubed precision, recall, F1 over the claims in gold (a claim missing from the prediction is a
    singleton there; predicted claims outside gold are ignored)."""
    gold_of = {ref: g.members for g in gold for ref in g.members}
    pred_of = {ref: p.members for p in predicted for ref in p.members}
    items = sorted(gold_of)
    if not items:
        return 0.0, 0.0, 0.0, 0
    known = frozenset(items)  # built once: per claim it made scoring quadratic (minutes at 100,000 claims)
    precision = recall = 0.0
    for ref in items:
        g = gold_of[ref]
        p = pred_of.get(ref, frozenset({ref})) & known
        shared = len(g & p)
        precision += shared / len(p)
        recall += shared / len(g)
    precision /= len(items)
    recall /= len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, len(items)


def _best(gold: GroupLabel, predicted: Sequence[GroupLabel]) -> GroupLabel | None:
    scored = [(len(gold.members & p.members), -len(p.members), p.id, p) for p in predicted if gold.members & p.members]
    if not scored:
        return None
    return max(scored, key=lambda t: (t[0], t[1], [-ord(c) for c in t[2]]))[3]


def score(gold: Sequence[GroupLabel], predicted: Sequence[GroupLabel]) -> CorroborationScores:
    precision, recall, f1, claims = b_cubed(gold, predicted)
    hits = {"origins": 0, "status": 0}
    totals = {"origins": 0, "status": 0}
    misses = []
    for g in gold:
        p = _best(g, predicted)
        miss: dict[str, Any] = {}
        for name in hits:  # origin count and status: right when the best-matching group has the gold value
            wanted = getattr(g, name)
            if wanted is None:
                continue
            totals[name] += 1
            if p is not None and getattr(p, name) == wanted:
                hits[name] += 1
            else:
                miss[name] = {"gold": wanted, "predicted": getattr(p, name) if p else None}
        if p is None or p.members != g.members:
            miss["members"] = {
                "missing": sorted(g.members - (p.members if p else frozenset())),
                "extra": sorted((p.members - g.members) if p else ()),
            }
        if miss:
            misses.append({"gold": g.id, "predicted": p.id if p else None, **miss})
    return CorroborationScores(
        precision=round(precision, 4),
        recall=round(recall, 4),
        f1=round(f1, 4),
        claims=claims,
        gold_groups=len(gold),
        predicted_groups=len(predicted),
        origin_accuracy=round(hits["origins"] / totals["origins"], 4) if totals["origins"] else 0.0,
        status_accuracy=round(hits["status"] / totals["status"], 4) if totals["status"] else 0.0,
        misses=misses,
    )

"""Scores for a corroboration ledger against gold groups (eval/corroboration/gold.json).

Works on plain data: a group is its member refs ("article_id#claim_index") with an origin count and a status,
so this module needs nothing of ``extractor.corroboration``.

- grouping: B-cubed precision, recall and F1 over every claim (Bagga & Baldwin 1998);
- origins and status: for each gold group, the predicted group holding most of its claims (ties: the
  smaller one, then the smaller id); accuracy of its origin count and of its status.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class GroupLabel:
    id: str
    members: frozenset[str]
    origins: int | None = None
    status: str | None = None


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


def load_gold(path: Path | str) -> list[GroupLabel]:
    """The gold groups of a gold file: ``{"groups": [{"id", "members", "origins", "status"}, ...]}``."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    groups = [GroupLabel(g["id"], frozenset(g["members"]), g.get("origins"), g.get("status")) for g in data["groups"]]
    seen: dict[str, str] = {}
    for g in groups:
        for ref in g.members:
            if ref in seen:
                raise ValueError(f"{path}: claim {ref} is in gold groups {seen[ref]} and {g.id}; fix: one group each")
            seen[ref] = g.id
    return groups


def labels_from_records(records: Iterable[Mapping[str, Any]]) -> list[GroupLabel]:
    """Predicted groups from ledger records (``Ledger.records()`` or its JSONL lines)."""
    out = []
    for r in records:
        if r.get("type") != "claim_group":
            continue
        refs = frozenset(f"{m['article_id']}#{m['claim_index']}" for m in r["members"])
        out.append(GroupLabel(r["id"], refs, r.get("origin_count"), r.get("status")))
    return out


def b_cubed(gold: Sequence[GroupLabel], predicted: Sequence[GroupLabel]) -> tuple[float, float, float, int]:
    """B-cubed precision, recall, F1 over the claims in gold (a claim missing from the prediction is a
    singleton there; predicted claims outside gold are ignored)."""
    gold_of = {ref: g.members for g in gold for ref in g.members}
    pred_of = {ref: p.members for p in predicted for ref in p.members}
    items = sorted(gold_of)
    if not items:
        return 0.0, 0.0, 0.0, 0
    precision = recall = 0.0
    for ref in items:
        g = gold_of[ref]
        p = pred_of.get(ref, frozenset({ref})) & frozenset(items)
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

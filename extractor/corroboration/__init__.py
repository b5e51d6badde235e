"""Corroboration across articles: one claim, many reports, how many independent origins.

    from extractor import corroborate
    from extractor.evaluation import load_results
    ledger = corroborate(load_results("a.jsonl") + load_results("b.jsonl"))
    for group in ledger.groups:
        print(group.status, group.origin_count, group.statement, [f["code"] for f in group.flags])

Reads saved results only (any object with ``article_id``, ``title`` and a ConflictReport ``report``):
this package imports the schemas, the standard library and rapidfuzz, never a backend or the pipeline.
Per-article results are not rewritten; the ledger refers to them by article id and claim index.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from extractor.corroboration.features import ClaimRecord, Names, ResultLike, claim_records, outlet_of
from extractor.corroboration.grouping import SCORERS, Settings, match_edges
from extractor.corroboration.ledger import (
    STATUSES,
    ClaimGroup,
    Ledger,
    MergedEvent,
    Origin,
    build_groups,
    event_records,
    merge_events,
)

__all__ = [
    "SCORERS",
    "STATUSES",
    "ClaimGroup",
    "Ledger",
    "MergedEvent",
    "Origin",
    "Settings",
    "corroborate",
    "outlet_of",
]


def names_of(results: Iterable[ResultLike]) -> Names:
    names = Names()
    for result in sorted(results, key=lambda r: r.article_id):
        if result.report is not None:
            names.add_report(result.report)
    return names


def records_of(results: Iterable[ResultLike], outlets: Mapping[str, str] | None = None) -> list[ClaimRecord]:
    return [r for result in sorted(results, key=lambda r: r.article_id) for r in claim_records(result, outlets)]


def assemble(
    results: list[ResultLike], edges: Iterable[tuple[str, str]], names: Names, settings: Settings,
    outlets: Mapping[str, str] | None = None, records: list[ClaimRecord] | None = None,
) -> Ledger:  # fmt: skip
    """The ledger from the results and the claim pairs already known to match."""
    records = records_of(results, outlets) if records is None else records
    outlet_map = {r.article_id: outlet_of(r.article_id, outlets) for r in results}
    groups, copies = build_groups(records, edges, names, settings, outlet_map)
    events = merge_events([e for r in sorted(results, key=lambda r: r.article_id) for e in event_records(r, outlets)],
                          settings)  # fmt: skip
    return Ledger(groups, events, sorted(outlet_map), copies, settings.as_dict())


def corroborate(
    results: Iterable[ResultLike], *, outlets: Mapping[str, str] | None = None, settings: Settings | None = None
) -> Ledger:
    """Group the claims of many articles that assert the same thing, count their independent origins and
    merge their events. Deterministic: the same results (in any order) give the same ledger."""
    settings = settings or Settings()
    unique: dict[str, ResultLike] = {}
    for result in results:
        unique[result.article_id] = result  # a later copy of an article replaces the earlier one
    ordered = [unique[a] for a in sorted(unique)]
    names = names_of(ordered)
    records = records_of(ordered, outlets)
    edges = match_edges(records, names, settings)
    return assemble(ordered, edges, names, settings, outlets, records)

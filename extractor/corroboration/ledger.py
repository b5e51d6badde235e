"""The corroboration ledger: claim groups with their origins, status and corpus-level flags, and merged events.

Origins of a group: each claimant resolved across articles (the articles' actor lists say which names are one
actor); the outlet's own voice ("author") is the outlet, and outlets whose articles are near-copies (word
5-shingle Jaccard of their evidence >= ``copy_jaccard``) are one outlet: a wire story reprinted by ten sites is
one report. Two claims of a group whose evidence texts are near-copies are one origin too.

Status: ``contested`` when the group holds a denial (or a claim the article marks denied or contested) or
casualty claims with different figures; else ``independently_corroborated`` with two or more origins of which
at least one is not a party; else ``single_origin``.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import combinations, product
from typing import Any

from extractor.corroboration.features import ClaimRecord, Names, ResultLike, jaccard, norm_name, outlet_of, shingles
from extractor.corroboration.grouping import (
    SCORERS,
    Settings,
    UnionFind,
    date_windows,
    denial_links,
    place_words,
    places_compatible_text,
)
from extractor.schemas.claimants import is_author

STATUSES = ("single_origin", "independently_corroborated", "contested")


@dataclass
class Origin:
    key: str  # "outlet:<outlet>" or "source:<resolved actor>"
    label: str  # as most often written
    party: bool
    kind: str | None  # actor kind from the articles' actor lists; "outlet" for the outlet's own reporting
    articles: list[str]


@dataclass
class ClaimGroup:
    id: str
    statement: str
    kind: str
    status: str
    members: list[dict[str, Any]]  # {"article_id", "claim_index", "outlet", "claimant", "statement"}
    articles: list[str]
    outlets: list[str]
    origins: list[Origin]
    flags: list[dict[str, str]]
    figures: list[int] = field(default_factory=list)

    @property
    def origin_count(self) -> int:
        return len(self.origins)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["origin_count"] = self.origin_count
        out["party_origins"] = sum(o.party for o in self.origins)
        out["non_party_origins"] = sum(not o.party for o in self.origins)
        return {"type": "claim_group", **out}


@dataclass
class EventReport:
    article_id: str
    event_index: int
    outlet: str
    date: str | None
    location: str | None
    fatalities: int | None
    casualty_source: str | None


@dataclass
class MergedEvent:
    id: str
    sub_event_type: str
    event_type: str | None
    location: str | None
    country: str | None
    dates: list[str]
    fatalities: int | None  # the lowest figure reported (ACLED)
    reports: list[EventReport]
    notes: str
    flags: list[dict[str, str]]

    def to_dict(self) -> dict[str, Any]:
        return {"type": "event", **asdict(self)}


@dataclass
class Ledger:
    groups: list[ClaimGroup]
    events: list[MergedEvent]
    articles: list[str]
    copies: list[list[str]]  # clusters of near-copy articles (two or more)
    settings: dict[str, Any]

    def records(self) -> list[dict[str, Any]]:
        """One JSON object a line: groups, then events."""
        return [g.to_dict() for g in self.groups] + [e.to_dict() for e in self.events]

    def group_of(self, article_id: str, claim_index: int) -> ClaimGroup | None:
        for group in self.groups:
            if any(m["article_id"] == article_id and m["claim_index"] == claim_index for m in group.members):
                return group
        return None


def _digest(prefix: str, refs: Iterable[str]) -> str:
    return prefix + hashlib.sha1("|".join(sorted(refs)).encode()).hexdigest()[:10]


def _ref_key(ref: str) -> tuple[str, int]:
    article, _, index = ref.rpartition("#")
    return article, int(index.lstrip("e") or 0)


def copy_clusters(records: Sequence[ClaimRecord], settings: Settings) -> dict[str, str]:
    """article id -> the representative (smallest id) of its near-copy cluster. Articles are compared on the
    word shingles of all their claims' evidence; an inverted index keeps this from comparing every pair."""
    texts: dict[str, list[str]] = defaultdict(list)
    for r in records:
        texts[r.article_id].append(r.evidence_text)
    sets = {a: shingles(" ".join(t), settings.shingle_size) for a, t in texts.items()}
    index: dict[int, list[str]] = defaultdict(list)
    for article in sorted(sets):
        for s in sets[article]:
            index[s].append(article)
    overlap: Counter[tuple[str, str]] = Counter()
    for articles in index.values():
        if len(articles) > 200:  # boilerplate shared by everything tells nothing
            continue
        for i, a in enumerate(articles):
            for b in articles[i + 1 :]:
                overlap[(a, b)] += 1
    uf = UnionFind(sets)
    for (a, b), shared in overlap.items():
        union = len(sets[a]) + len(sets[b]) - shared
        if union and shared / union >= settings.copy_jaccard:
            uf.union(a, b)
    return {a: uf.find(a) for a in sets}


def _origins(
    members: list[ClaimRecord], names: Names, copies: Mapping[str, str], outlets: Mapping[str, str],
    settings: Settings,
) -> list[Origin]:  # fmt: skip
    def key_of(m: ClaimRecord) -> str:
        if is_author(m.claimant):
            return "outlet:" + outlets[copies.get(m.article_id, m.article_id)]
        return "source:" + (names.key(m.claimant_name) or norm_name(m.claimant))

    uf = UnionFind(key_of(m) for m in members)
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if a.article_id != b.article_id and jaccard(a.shingles, b.shingles) >= settings.copy_jaccard:
                uf.union(key_of(a), key_of(b))  # one text reprinted: one origin
    by_root: dict[str, list[ClaimRecord]] = defaultdict(list)
    for m in members:
        by_root[uf.find(key_of(m))].append(m)
    origins = []
    for root in sorted(by_root):
        ms = by_root[root]
        keys = sorted({key_of(m) for m in ms})
        source_keys = [k for k in keys if k.startswith("source:")]
        key = source_keys[0] if source_keys else keys[0]  # a named source rather than the outlet repeating it
        written = Counter(m.claimant if not is_author(m.claimant) else outlets[m.article_id] for m in ms)
        label = min(written, key=lambda w: (-written[w], w))
        kind = "outlet" if key.startswith("outlet:") else names.kind(key.removeprefix("source:"))
        party = any(m.claimant_is_party for m in ms if not is_author(m.claimant))
        origins.append(Origin(key, label, party, kind, sorted({m.article_id for m in ms})))
    return origins


def _representative(members: list[ClaimRecord], settings: Settings) -> ClaimRecord:
    pool = [m for m in members if m.kind != "denial"] or members
    pool = pool[:50]
    scorer = SCORERS[settings.scorer]
    return max(pool, key=lambda m: (sum(scorer(m.compare_text, o.compare_text) for o in pool), -pool.index(m)))


def _group(
    refs: list[str], by_ref: Mapping[str, ClaimRecord], names: Names, copies: Mapping[str, str],
    outlets: Mapping[str, str], settings: Settings,
) -> ClaimGroup:  # fmt: skip
    members = sorted((by_ref[r] for r in refs), key=lambda m: (m.article_id, m.index))
    rep = _representative(members, settings)
    kinds = Counter(m.kind for m in members if m.kind != "denial")
    kind = min(kinds, key=lambda k: (-kinds[k], k)) if kinds else "denial"
    origins = _origins(members, names, copies, outlets, settings)
    outlet_names = sorted({m.outlet for m in members})
    figures = sorted({m.figures[0] for m in members if m.figures and m.kind == "casualties"})
    denied = any(m.kind == "denial" or m.status in ("denied", "contested") for m in members)
    flags: dict[str, str] = {}
    for m in members:
        for code in m.flags:
            flags.setdefault(code, f"raised on {m.article_id} claim {m.index}")
    if len(figures) > 1:
        flags["casualty_figure_disputed"] = "the reports give different figures: " + ", ".join(map(str, figures))
    if denied and any(m.kind != "denial" for m in members):
        denials = sorted({m.claimant for m in members if m.kind == "denial"})
        flags["denied_elsewhere"] = "denied by " + ", ".join(denials) if denials else "marked contested"
    if len(figures) > 1 or (denied and any(m.kind != "denial" for m in members)):
        status = "contested"
    elif len(origins) >= 2 and any(not o.party for o in origins):
        status = "independently_corroborated"
    else:
        status = "single_origin"
    independent = [o for o in origins if not o.party and o.kind != "outlet"]
    if "single_interested_source" in flags and independent:
        del flags["single_interested_source"]
        flags["corroborated_at_corpus_level"] = "also stated by " + ", ".join(o.label for o in independent)
    if len(origins) == 1 and len({copies.get(m.article_id, m.article_id) for m in members}) >= 2:
        flags["circular_reporting"] = (
            f"{len(outlet_names)} outlets repeat it, all resting on one origin: {origins[0].label}"
        )
        if origins[0].party and kind in ("state_involvement", "responsibility", "casualties"):
            flags.setdefault("single_interested_source", f"only {origins[0].label}, a party, says so")
    return ClaimGroup(
        id=_digest("c", refs),
        statement=rep.statement,
        kind=kind,
        status=status,
        members=[
            {
                "article_id": m.article_id,
                "claim_index": m.index,
                "outlet": m.outlet,
                "claimant": m.claimant,
                "kind": m.kind,
                "statement": m.statement,
            }
            for m in members
        ],
        articles=sorted({m.article_id for m in members}),
        outlets=outlet_names,
        origins=origins,
        flags=[{"code": c, "message": flags[c]} for c in sorted(flags)],
        figures=figures,
    )


def build_groups(
    records: Sequence[ClaimRecord], edges: Iterable[tuple[str, str]], names: Names, settings: Settings,
    outlets: Mapping[str, str],
) -> tuple[list[ClaimGroup], list[list[str]]]:  # fmt: skip
    by_ref = {r.ref: r for r in records}
    uf = UnionFind(sorted(by_ref))
    for a, b in edges:
        if a in by_ref and b in by_ref:
            uf.union(a, b)
    for a, b in denial_links(records, uf, names, settings):
        uf.union(a, b)
    copies = copy_clusters(records, settings)
    article_outlets = {a: outlets.get(a) or outlet_of(a) for a in copies}
    for r in records:
        article_outlets[r.article_id] = r.outlet
    groups = [_group(refs, by_ref, names, copies, article_outlets, settings) for refs in uf.groups()]
    groups.sort(key=lambda g: (-len(g.articles), g.members[0]["article_id"], g.members[0]["claim_index"]))
    clusters: dict[str, list[str]] = defaultdict(list)
    for article, root in copies.items():
        clusters[root].append(article)
    return groups, sorted(sorted(c) for c in clusters.values() if len(c) > 1)


# --- events ---------------------------------------------------------------------------------------------


@dataclass
class _EventRecord:
    ref: str
    report: EventReport
    sub_event_type: str
    event_type: str | None
    place: str
    country: str
    day: int | None


def event_records(result: ResultLike, outlets: Mapping[str, str] | None = None) -> list[_EventRecord]:
    report = result.report
    if report is None:
        return []
    out = []
    for index, event in enumerate(report.events):
        day = None
        if event.date:
            try:
                import datetime as dt

                day = dt.date.fromisoformat(event.date[:10]).toordinal()
            except ValueError:
                day = None
        out.append(
            _EventRecord(
                ref=f"{result.article_id}#e{index}",
                report=EventReport(
                    result.article_id,
                    index,
                    outlet_of(result.article_id, outlets),
                    event.date,
                    event.location,
                    event.fatalities,
                    event.casualty_source,
                ),
                sub_event_type=event.sub_event_type,
                event_type=event.event_type,
                place=norm_name(event.location),
                country=norm_name(event.country),
                day=day,
            )
        )
    return out


def _events_match(a: _EventRecord, b: _EventRecord, settings: Settings) -> bool:
    if a.sub_event_type != b.sub_event_type:
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if a.day is not None and b.day is not None and abs(a.day - b.day) > settings.date_window:
        return False
    if not (a.place and b.place):
        return a.day is not None and a.day == b.day and bool(a.country) and a.country == b.country
    return places_compatible_text(a.place, b.place, settings)


def merge_events(records: Sequence[_EventRecord], settings: Settings) -> list[MergedEvent]:
    blocks: dict[tuple[str, str], list[_EventRecord]] = defaultdict(list)
    for r in records:
        for word in place_words(r.place) or [r.country or "?"]:
            blocks[(r.sub_event_type, word)].append(r)
    uf = UnionFind(r.ref for r in records)
    for key in sorted(blocks):  # within a block, only events whose dates may lie within the window
        for left, right in date_windows(blocks[key], lambda r: r.day, settings.date_window):
            pairs = combinations(left, 2) if right is None else product(left, right)
            for a, b in pairs:
                if _events_match(a, b, settings):
                    uf.union(a.ref, b.ref)
    by_ref = {r.ref: r for r in records}
    merged = []
    for refs in uf.groups():
        ms = sorted((by_ref[r] for r in refs), key=lambda m: _ref_key(m.ref))
        figures = sorted({m.report.fatalities for m in ms if m.report.fatalities is not None})
        places = Counter(m.report.location for m in ms if m.report.location)
        countries = Counter(m.country for m in ms if m.country)
        notes, flags = "", []
        if len(figures) > 1:
            parts = [
                f"{m.report.fatalities} ({m.report.casualty_source or 'no source'}, {m.report.article_id})"
                for m in ms if m.report.fatalities is not None
            ]  # fmt: skip
            notes = "fatality reports differ: " + "; ".join(parts) + f"; the lowest, {figures[0]}, is kept (ACLED)"
            flags.append({"code": "casualty_figure_disputed", "message": notes})
        merged.append(
            MergedEvent(
                id=_digest("e", refs),
                sub_event_type=ms[0].sub_event_type,
                event_type=ms[0].event_type,
                location=min(places, key=lambda p: (-places[p], p)) if places else None,
                country=min(countries, key=lambda c: (-countries[c], c)) if countries else None,
                dates=sorted({m.report.date for m in ms if m.report.date}),
                fatalities=figures[0] if figures else None,
                reports=[m.report for m in ms],
                notes=notes,
                flags=flags,
            )
        )
    merged.sort(key=lambda e: (-len(e.reports), e.reports[0].article_id, e.reports[0].event_index))
    return merged

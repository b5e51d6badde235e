"""Grouping stays about linear when one place fills a block: thousands of claims about one city over many days
cost their days, not their square (counted in candidate pairs, not timed)."""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace

from extractor.corroboration import Settings, names_of, records_of
from extractor.corroboration.grouping import (
    SCORERS,
    UnionFind,
    candidate_pairs,
    claim_blocks,
    compatible,
    date_windows,
    match_edges,
)
from extractor.corroboration.ledger import _events_match, event_records, merge_events
from extractor.schemas.conflict import Actor, Claim, ConflictReport, Event, Span


def one_city(stories: int, outlets: int = 3, seed: int = 0) -> list[SimpleNamespace]:
    """``stories`` stories all in one city, one a day (the first two undated), each told by ``outlets`` articles."""
    rng = random.Random(seed)
    start = dt.date(2025, 1, 1)
    results = []
    for s in range(stories):
        actor = f"Brigade {s % 7} Front"
        day = None if s < 2 else (start + dt.timedelta(days=s)).isoformat()
        event = Event(
            sub_event_type="Shelling/artillery/missile attack",
            country="Nowhere",
            location="Brannoch city",
            date=day,
            evidence=[1],
        )
        for outlet in range(outlets):
            statements = [
                (
                    "responsibility",
                    f"{actor} fighters shelled the {rng.choice(['market', 'port', 'depot'])} in Brannoch",
                ),
                ("casualties", f"{rng.randint(2, 40)} civilians were killed in Brannoch"),
            ]
            claims = [
                Claim(statement=t, kind=k, claimant="author", evidence=[1], spans=[Span(text=t, status="exact")])
                for k, t in statements
            ]
            actors = [Actor(name=actor, aliases=[], kind="non_state_armed_group")]
            report = ConflictReport(events=[event], actors=actors, claims=claims)
            results.append(SimpleNamespace(article_id=f"o{outlet}-{s}", title=None, published=None, report=report))
    return results


def pairs_for(stories: int) -> tuple[int, int]:
    results = one_city(stories)
    records = records_of(results)
    blocks = claim_blocks(records, names_of(results))
    return candidate_pairs(blocks, Settings()), max(len(b) for b in blocks.values())


def test_candidate_pairs_grow_about_linearly_with_one_city():
    small, biggest = pairs_for(200)
    large, biggest_large = pairs_for(400)
    assert biggest_large == 2 * biggest  # the city's block does grow with the corpus...
    assert large <= 2.5 * small  # ...but what is compared does not grow with its square (it was 4x)


def test_date_windows_cover_every_pair_within_the_window_once():
    rng = random.Random(1)
    days = [None if rng.random() < 0.1 else rng.randrange(0, 60) for _ in range(300)]
    for window in (0, 1, 2, 5):
        seen: list[tuple[int, int]] = []
        for left, right in date_windows(range(len(days)), lambda i: days[i], window):
            if right is None:
                seen += [(min(a, b), max(a, b)) for i, a in enumerate(left) for b in left[i + 1 :]]
            else:
                seen += [(min(a, b), max(a, b)) for a in left for b in right]
        assert len(seen) == len(set(seen))  # no pair twice
        wanted = {
            (a, b)
            for a in range(len(days))
            for b in range(a + 1, len(days))
            if days[a] is None or days[b] is None or abs(days[a] - days[b]) <= window
        }
        assert wanted <= set(seen)


def test_cut_blocks_find_the_edges_every_pair_would():
    results = one_city(60)
    records, names, settings = records_of(results), names_of(results), Settings()
    scorer = SCORERS[settings.scorer]
    every_pair = {
        (min(a.ref, b.ref), max(a.ref, b.ref))
        for i, a in enumerate(records)
        for b in records[i + 1 :]
        if claim_blocks([a], names).keys() & claim_blocks([b], names).keys()
        and scorer(a.compare_text, b.compare_text) >= settings.threshold
        and compatible(a, b, names, settings)
    }
    assert every_pair and match_edges(records, names, settings) == every_pair


def test_cut_event_blocks_merge_as_every_pair_would():
    results = one_city(40, outlets=2)
    # days 12 apart: only the undated stories' events may join stories, the dated ones stay apart
    for r in results:
        for e in r.report.events:
            if e.date:
                e.date = (
                    dt.date.fromisoformat(e.date) + dt.timedelta(days=11 * int(r.article_id.split("-")[1]))
                ).isoformat()
    records = [e for r in results for e in event_records(r)]
    uf = UnionFind(e.ref for e in records)
    for i, a in enumerate(records):
        for b in records[i + 1 :]:
            if _events_match(a, b, Settings()):
                uf.union(a.ref, b.ref)
    merged = merge_events(records, Settings())
    assert sorted(sorted(f"{r.article_id}#e{r.event_index}" for r in m.reports) for m in merged) == uf.groups()

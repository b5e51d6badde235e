"""Which claims of different articles assert the same thing: blocking, then a pair test, then union-find.

Blocking: a claim goes into one block per (kind, resolved actor it mentions) and per (kind, place word);
a denial also goes into the blocks of every kind it may deny. Only claims sharing a block are compared, and
within a block only claims whose dates may lie within ``date_window`` days (``date_windows``): a block of
thousands of claims about one city costs about linear time, not its square.
The pair test: same kind (or one is a denial), overlapping actors when both mention some, compatible
places and countries, dates within ``date_window`` days, and statement similarity (rapidfuzz, figures
and denial words left out) at least ``threshold``. Groups are the connected components: single linkage,
so the edges, hence the groups, do not depend on the order results come in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz import fuzz, process

from extractor.corroboration.features import ClaimRecord, Names

SCORERS: dict[str, Callable[..., float]] = {
    "token_set_ratio": fuzz.token_set_ratio,
    "token_sort_ratio": fuzz.token_sort_ratio,
    "WRatio": fuzz.WRatio,
    "partial_token_set_ratio": fuzz.partial_token_set_ratio,
}
_GENERIC_PLACE_WORDS = frozenset(
    [
        "province",
        "city",
        "district",
        "near",
        "town",
        "village",
        "area",
        "region",
        "governorate",
        "county",
        "outskirts",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "camp",
        "base",
    ]
)
T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """How claims and events are matched. The defaults were chosen on eval/corroboration's dev split (its README)."""

    scorer: str = "token_set_ratio"
    threshold: float = 60.0
    place_threshold: float = 80.0
    date_window: int = 2  # days
    copy_jaccard: float = 0.6  # word 5-shingle Jaccard at which two evidence texts are one origin
    shingle_size: int = 5
    max_block: int = 5000  # unused since every block is cut by date (``date_windows``); kept for stored ledgers

    def as_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def place_words(place: str) -> list[str]:
    return sorted({w for w in place.split() if len(w) > 2 and w not in _GENERIC_PLACE_WORDS})


def actor_keys(record: ClaimRecord, names: Names) -> frozenset[str]:
    return names.keys_of(record.mentions)


def blocks_of(record: ClaimRecord, names: Names) -> set[tuple[str, str]]:
    kinds = (record.kind,)
    keys = {f"a:{k}" for k in actor_keys(record, names)} | {f"p:{w}" for w in place_words(record.place)}
    if not keys:
        keys = {"none"}
    return {(kind, key) for kind in kinds for key in keys}


def places_compatible_text(a: str, b: str, settings: Settings) -> bool:
    """Places one of which holds all the other's distinctive words, or spelled nearly alike."""
    if not (a and b) or a == b:
        return True
    words_a, words_b = set(place_words(a)), set(place_words(b))
    if words_a <= words_b or words_b <= words_a:
        return True  # "Karvel" and "Karvel fuel depot"; not "Brannoch market" and "Brannoch hospital"
    return fuzz.ratio(" ".join(sorted(words_a)), " ".join(sorted(words_b))) >= max(settings.place_threshold, 90)


def places_compatible(a: ClaimRecord, b: ClaimRecord, settings: Settings) -> bool:
    """Same country when both give one, and compatible places (``places_compatible_text``): "Deir ez-Zor
    province" and "Deir ez-Zor" agree; "Town41" and "Town42" (a plain ratio under 90) do not."""
    if a.country and b.country and a.country != b.country:
        return False
    return places_compatible_text(a.place, b.place, settings)


def compatible(a: ClaimRecord, b: ClaimRecord, names: Names, settings: Settings) -> bool:
    """Everything but the statement similarity."""
    if a.kind != b.kind and "denial" not in (a.kind, b.kind):
        return False
    if a.kind != b.kind:  # a denial must name the actor, or the place, of the claim it denies
        keys = actor_keys(a, names), actor_keys(b, names)
        if not (keys[0] & keys[1]) and ((keys[0] and keys[1]) or not (a.place and b.place)):
            return False
    keys_a, keys_b = actor_keys(a, names), actor_keys(b, names)
    if keys_a and keys_b and not keys_a & keys_b:
        return False
    if a.date and b.date and abs((a.date - b.date).days) > settings.date_window:
        return False
    return places_compatible(a, b, settings)


def date_windows(
    members: Sequence[T], day_of: Callable[[T], int | None], window: int
) -> Iterator[tuple[Sequence[T], Sequence[T] | None]]:
    """A block cut by date so that only pairs that may lie within ``window`` days are compared: ``(part,
    None)`` stands for every pair within ``part``, ``(left, right)`` for every pair across the two. Dated
    members go into buckets of ``window`` days (ordinal day // window); a bucket is compared with itself
    and the next one (two days at most ``window`` apart are in one bucket or neighbours), and the undated
    members with each other and with every bucket. Every pair within the window is covered exactly once,
    and a block holding thousands of claims about one city over a year costs its days, not its square."""
    width = max(window, 1)
    undated: list[T] = []
    buckets: dict[int, list[T]] = defaultdict(list)
    for m in members:
        day = day_of(m)
        if day is None:
            undated.append(m)
        else:
            buckets[day // width].append(m)
    if undated:
        yield undated, None
    for bucket in sorted(buckets):
        yield buckets[bucket], None
        if bucket + 1 in buckets:
            yield buckets[bucket], buckets[bucket + 1]
        if undated:
            yield buckets[bucket], undated


def _claim_day(record: ClaimRecord) -> int | None:
    return record.date.toordinal() if record.date is not None else None


def candidate_pairs(blocks: Mapping[tuple[str, str], Sequence[ClaimRecord]], settings: Settings) -> int:
    """How many claim pairs ``match_edges`` scores for these blocks (a pair sharing two blocks counts
    twice): what grouping costs, for tests that it stays about linear in the claims."""
    total = 0
    for key in sorted(blocks):
        for left, right in date_windows(blocks[key], _claim_day, settings.date_window):
            total += len(left) * (len(left) - 1) // 2 if right is None else len(left) * len(right)
    return total


def claim_blocks(records: Iterable[ClaimRecord], names: Names) -> dict[tuple[str, str], list[ClaimRecord]]:
    """Block key -> the claims in it (``blocks_of``), in input order."""
    blocks: dict[tuple[str, str], list[ClaimRecord]] = defaultdict(list)
    for record in records:
        for block in blocks_of(record, names):
            blocks[block].append(record)
    return blocks


def match_edges(
    records: Iterable[ClaimRecord],
    names: Names,
    settings: Settings,
    only: Callable[[ClaimRecord, ClaimRecord], bool] | None = None,
) -> set[tuple[str, str]]:
    """Pairs (ref, ref), smaller ref first, of claims that assert the same thing. ``only`` restricts which
    pairs are compared (the incremental ledger compares only pairs involving new claims)."""
    scorer = SCORERS[settings.scorer]
    blocks = claim_blocks(records, names)
    edges: set[tuple[str, str]] = set()

    def take(a: ClaimRecord, b: ClaimRecord) -> None:
        if a.ref == b.ref:
            return
        pair = (a.ref, b.ref) if a.ref < b.ref else (b.ref, a.ref)
        if pair in edges or (only is not None and not only(a, b)):
            return
        if compatible(a, b, names, settings):
            edges.add(pair)

    for key in sorted(blocks):
        for left, right in date_windows(blocks[key], _claim_day, settings.date_window):
            if right is None:
                texts = [m.compare_text for m in left]
                for i, a in enumerate(left[:-1]):
                    hits = process.extract(
                        a.compare_text, texts[i + 1 :], scorer=scorer, score_cutoff=settings.threshold, limit=None
                    )
                    for _text, _score, j in hits:
                        take(a, left[i + 1 + j])
            else:
                texts = [m.compare_text for m in right]
                for a in left:
                    hits = process.extract(
                        a.compare_text, texts, scorer=scorer, score_cutoff=settings.threshold, limit=None
                    )
                    for _text, _score, j in hits:
                        take(a, right[j])
    return edges


def denial_links(
    records: Sequence[ClaimRecord], groups: UnionFind, names: Names, settings: Settings
) -> list[tuple[str, str]]:
    """Each group of denials joins the one group of other claims it denies: the best-scoring group whose claims
    share an actor with it and are compatible in place and date (ties: the smaller ref). A denial is
    compared this way only, so it can never bridge two different claims."""
    scorer = SCORERS[settings.scorer]
    by_actor: dict[str, list[ClaimRecord]] = defaultdict(list)
    for r in records:
        if r.kind != "denial":
            for key in actor_keys(r, names):
                by_actor[key].append(r)
            for word in place_words(r.place):
                by_actor[f"@{word}"].append(r)
    best: dict[str, tuple[float, str, str]] = {}  # denial group root -> (score, target root, denial ref)
    for d in records:
        if d.kind != "denial":
            continue
        root = groups.find(d.ref)
        seen: set[str] = set()
        for key in sorted(actor_keys(d, names) or {f"@{w}" for w in place_words(d.place)}):
            for r in by_actor[key]:
                if r.ref in seen:
                    continue
                seen.add(r.ref)
                score = scorer(d.compare_text, r.compare_text)
                if score < settings.threshold or not compatible(d, r, names, settings):
                    continue
                target = groups.find(r.ref)
                current = best.get(root)
                if current is None or (score, _neg(target)) > (current[0], _neg(current[1])):
                    best[root] = (score, target, d.ref)
    return sorted((ref, target) for _score, target, ref in best.values())


def _neg(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


class UnionFind:
    def __init__(self, items: Iterable[str] = ()) -> None:
        self.parent: dict[str, str] = {i: i for i in items}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        while parent != self.parent[parent]:
            self.parent[parent] = self.parent[self.parent[parent]]
            parent = self.parent[parent]
        self.parent[item] = parent
        return parent

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for item in self.parent:
            out[self.find(item)].append(item)
        return sorted((sorted(v) for v in out.values()), key=lambda g: g[0])

"""Corroboration at scale: N synthetic claims (default 100,000) grouped; time and peak memory.

    nice -n 19 python benchmarks/corroboration_scale.py --claims 20000
    python benchmarks/corroboration_scale.py                      # the full 100k: on a quiet machine

Synthetic stories: each has a place, a date, two actors from a shared pool and four claims, told by five
articles in slightly different words (a word dropped, words swapped, a filler added), so 20 claims a story
and the right grouping is known (four groups a story). Prints the time to build the ledger, its size, the
B-cubed F1 against the known grouping, and peak memory (tracemalloc, or ru_maxrss with --no-tracemalloc).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import time
import tracemalloc
from types import SimpleNamespace

from extractor.corroboration import Settings, corroborate
from extractor.evaluation.corroboration_metrics import GroupLabel, b_cubed, labels_from_records
from extractor.schemas.conflict import Actor, Claim, ConflictReport, Event, Span

TEMPLATES = (
    ("responsibility", "{a} fighters carried out the attack on {p} using drones and rockets"),
    ("state_involvement", "{b} supplied the weapons used by {a} in the strike on {p}"),
    ("casualties", "{n} civilians were killed and many more wounded in {p}"),
    ("intent_or_motive", "{a} said the attack on {p} avenged the raid on its commanders last month"),
)
FILLERS = ("reportedly", "on the day", "according to witnesses", "again")


def vary(text: str, rng: random.Random) -> str:
    words = text.split()
    roll = rng.random()
    if roll < 0.3 and len(words) > 6:
        del words[rng.randrange(1, len(words) - 1)]
    elif roll < 0.6:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    elif roll < 0.8:
        words.insert(rng.randrange(len(words)), rng.choice(FILLERS))
    return " ".join(words)


def synthetic(claims: int, seed: int = 0) -> tuple[list[SimpleNamespace], list[GroupLabel]]:
    rng = random.Random(seed)
    stories = max(1, claims // (5 * len(TEMPLATES)))
    pool = [f"Brigade {i} Front" for i in range(max(10, stories // 4))]
    states = [f"Statestan {i}" for i in range(max(5, stories // 50))]
    start = dt.date(2025, 1, 1)
    results, gold = [], {}
    for s in range(stories):
        a, b = rng.choice(pool), rng.choice(states)
        place, day, dead = f"Town{s} district", (start + dt.timedelta(days=s % 365)).isoformat(), rng.randint(2, 40)
        actors = [Actor(name=a, aliases=[], kind="non_state_armed_group"), Actor(name=b, aliases=[], kind="government")]
        event = Event(sub_event_type="Air/drone strike", country="Nowhere", location=place, date=day, evidence=[1])
        for outlet in range(5):
            article_id = f"outlet{outlet}-{s}"
            claim_list = []
            for k, (kind, template) in enumerate(TEMPLATES):
                statement = vary(template.format(a=a, b=b, p=place, n=dead), rng)
                claim_list.append(
                    Claim(
                        statement=statement,
                        kind=kind,
                        claimant=rng.choice([a, b, "author", f"official {s}"]),
                        evidence=[1],
                        spans=[Span(text=statement, status="exact")],
                    )
                )
                gold.setdefault(f"{s}-{k}", set()).add(f"{article_id}#{k}")
            report = ConflictReport(events=[event], actors=actors, claims=claim_list)
            results.append(SimpleNamespace(article_id=article_id, title=None, published=None, report=report))
    return results, [GroupLabel(g, frozenset(m)) for g, m in gold.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--scorer", default=Settings().scorer)
    parser.add_argument("--threshold", type=float, default=Settings().threshold)
    parser.add_argument("--no-tracemalloc", action="store_true", help="ru_maxrss only (tracemalloc slows Python)")
    args = parser.parse_args()
    results, gold = synthetic(args.claims)
    n = sum(len(r.report.claims) for r in results)
    settings = Settings(scorer=args.scorer, threshold=args.threshold)
    if not args.no_tracemalloc:
        tracemalloc.start()
    began = time.perf_counter()
    ledger = corroborate(results, settings=settings)
    elapsed = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1] if not args.no_tracemalloc else None
    tracemalloc.stop()
    precision, recall, f1, _ = b_cubed(gold, labels_from_records(ledger.records()))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"claims={n} articles={len(results)} scorer={settings.scorer} threshold={settings.threshold}")
    print(f"groups={len(ledger.groups)} (known {len(gold)}) events={len(ledger.events)}")
    print(f"time={elapsed:.1f}s ({n / elapsed:,.0f} claims/s)")
    if peak is not None:
        print(f"peak traced memory during corroborate={peak / 2**20:.0f} MiB")
    print(f"process max RSS={rss:.0f} MiB (inputs included)")
    print(f"B-cubed P={precision:.3f} R={recall:.3f} F1={f1:.3f}")


if __name__ == "__main__":
    main()

"""B - A of two reports, with the interval that fits what they keep: paired, unpaired, or none.

Paired (both reports keep per-article counts): every resample draws the same articles, among those both runs
have, for A and for B, so what the articles share cancels out. Unpaired (a report of format 1 keeps no counts):
the two runs' own intervals combined as if independent; a side without one borrows the other's width.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from extractor.evaluation.intervals import (
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    Interval,
    paired,
    small_set_note,
    unpaired,
)
from extractor.evaluation.metrics import HEADLINE
from extractor.evaluation.report import EvalReport
from extractor.evaluation.resampling import Columns, code_keys
from extractor.evaluation.scoring import LABELLED_CODES

Method = Literal["paired", "unpaired", "none"]


@dataclass(frozen=True)
class Differences:
    """B - A of each headline metric (and flag code agreement, when known) with its interval, and how it was got."""

    method: Method
    articles: int  # paired: the articles both runs have; otherwise the articles of A
    intervals: dict[str, Interval]
    note: str  # one line: how the intervals were computed (and whether the set is small), or why not paired


def _common(a: EvalReport, b: EvalReport) -> list[tuple[int, int]]:
    """Index pairs (in A, in B) of the articles both reports have, in A's order."""
    where_b = {row.id: index for index, row in enumerate(b.articles)}
    return [(index, where_b[row.id]) for index, row in enumerate(a.articles) if row.id in where_b]


def own_intervals(report: EvalReport) -> dict[str, Interval]:
    """The intervals a report carries: headline metrics and flag-code agreement (empty for format 1)."""
    found = dict(report.intervals.headline) if report.intervals else {}
    if report.intervals:
        for code, row in (report.agreement.get("codes") or {}).items():
            precision, recall = code_keys(code)
            found[precision], found[recall] = Interval(**row["precision"]), Interval(**row["recall"])
    return found


def _stand_in(value: float | None, like: Interval) -> Interval:
    """An interval as wide as ``like`` around ``value`` (a side that has none, on the same gold articles)."""
    if value is None or like.value is None or not like.known:
        return Interval(value=value)
    assert like.ci_low is not None and like.ci_high is not None
    return Interval(value=value, ci_low=value - (like.value - like.ci_low), ci_high=value + (like.ci_high - like.value))


def _headline_only(a: EvalReport, b: EvalReport) -> dict[str, Interval]:
    return {
        name: unpaired(Interval(value=a.headline.get(name)), Interval(value=b.headline.get(name))) for name in HEADLINE
    }


def _paired(
    a: EvalReport, b: EvalReport, common: list[tuple[int, int]], resamples: int, seed: int, names: tuple[str, str]
) -> Differences:
    counts_a = [a.articles[i].counts for i, _ in common]
    counts_b = [b.articles[j].counts for _, j in common]
    codes = LABELLED_CODES | {code for c in [*counts_a, *counts_b] if c for code in c.codes}
    found = paired(Columns(counts_a, codes), Columns(counts_b, codes), resamples, seed)  # type: ignore[arg-type]
    note = f"paired bootstrap over the {len(common)} article(s) both runs have"
    if not len(common) == len(a.articles) == len(b.articles):
        note += f" ({names[0]} has {len(a.articles)}, {names[1]} {len(b.articles)})"
    note += f", {resamples} resamples, seed {seed}"
    small = small_set_note(len(common))
    return Differences("paired", len(common), found, note + (f"; {small}" if small else ""))


def _why_not_paired(
    a: EvalReport, b: EvalReport, common: list[tuple[int, int]], resamples: int, names: tuple[str, str]
) -> str:
    if not resamples:
        return "no resamples asked for (--resamples 0)"
    if not common:
        return "the runs have no article in common"
    old = [
        f"{name} ({r.format})"
        for name, r in zip(names, (a, b), strict=True)
        if any(x.counts is None for x in r.articles)
    ]
    return f"{' and '.join(old)} keeps no per-article counts"


def differences(
    a: EvalReport,
    b: EvalReport,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    names: tuple[str, str] = ("A", "B"),
) -> Differences:
    """B - A of the headline metrics, paired when both reports keep per-article counts, else unpaired; ``names``
    are what the note calls A and B."""
    common = _common(a, b)
    rows = [a.articles[i] for i, _ in common] + [b.articles[j] for _, j in common]
    if resamples and common and all(row.counts is not None for row in rows):
        return _paired(a, b, common, resamples, seed, names)
    why = _why_not_paired(a, b, common, resamples, names)
    own_a, own_b = own_intervals(a), own_intervals(b)
    if not resamples or not (own_a or own_b):
        return Differences("none", len(a.articles), _headline_only(a, b), f"no interval: {why}")
    nothing = Interval(value=None)
    found = {}
    for name in sorted(set(own_a) | set(own_b) | set(HEADLINE)):
        value_a = a.headline.get(name) if name in HEADLINE else own_a.get(name, nothing).value
        value_b = b.headline.get(name) if name in HEADLINE else own_b.get(name, nothing).value
        side_a = own_a[name] if name in own_a else _stand_in(value_a, own_b.get(name, nothing))
        side_b = own_b[name] if name in own_b else _stand_in(value_b, own_a.get(name, nothing))
        found[name] = unpaired(side_a, side_b)
    lacking, having = names if not own_a else names[::-1]
    borrowed = "" if own_a and own_b else f"; {lacking} has no interval of its own, {having}'s width stands in"
    note = f"unpaired, from each run's own interval (wider than paired): {why}{borrowed}"
    return Differences("unpaired", len(a.articles), found, note)

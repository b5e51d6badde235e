"""95 % intervals by bootstrap over articles: of one run's metrics, and of the paired difference B - A of two runs.

Articles are drawn with replacement (a fixed seed, so the same input gives the same interval), every metric is
recomputed from the drawn articles' counts, and the interval is the 2.5th to 97.5th percentile of the resampled
values (a resample on which a metric is undefined, e.g. AUROC with one class, is left out for that metric).
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Literal

from pydantic import BaseModel

from extractor.evaluation.resampling import Columns
from extractor.evaluation.stats import percentile

DEFAULT_RESAMPLES = 2000
DEFAULT_SEED = 2024
LEVEL = 0.95
SMALL_SET = 30  # fewer articles than this: the report says the set is small
METHOD = "bootstrap over articles, percentile"


class Interval(BaseModel):
    """A number and its interval; the bounds are None when there is none (no resamples, or never defined)."""

    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None

    @property
    def known(self) -> bool:
        """Both bounds are there."""
        return self.ci_low is not None and self.ci_high is not None

    @property
    def width(self) -> float | None:
        """ci_high - ci_low."""
        return None if self.ci_low is None or self.ci_high is None else self.ci_high - self.ci_low

    def bounds(self, signed: bool = False) -> str:
        """``[0.412, 0.530]`` (``[-0.020, +0.013]`` when signed); a dash without bounds."""
        if self.ci_low is None or self.ci_high is None:
            return "–"
        spec = "+.3f" if signed else ".3f"
        return f"[{self.ci_low + 0.0:{spec}}, {self.ci_high + 0.0:{spec}}]"  # + 0.0: no "-0.000"


class Bootstrap(BaseModel):
    """How a report's intervals were computed, and each headline metric's interval."""

    method: Literal["bootstrap over articles, percentile"] = METHOD
    level: float = LEVEL
    resamples: int
    seed: int
    articles: int
    small_set: bool
    note: str | None = None
    headline: dict[str, Interval]


def small_set_note(articles: int) -> str | None:
    """What to say about a set of this many articles (None when it is not small)."""
    if articles >= SMALL_SET:
        return None
    return (
        f"a small set: {articles} article(s), fewer than {SMALL_SET}; the intervals are wide and a difference "
        "inside them is noise"
    )


def draws(n: int, resamples: int, seed: int = DEFAULT_SEED) -> Iterator[list[int]]:
    """``resamples`` lists of ``n`` article indices drawn with replacement, the same for the same seed."""
    rng = random.Random(seed)
    population = range(n)
    for _ in range(resamples if n else 0):
        yield rng.choices(population, k=n)


def distinct_draws(n: int, resamples: int, seed: int = DEFAULT_SEED) -> Counter[tuple[int, ...]]:
    """The draws as sorted index tuples with how often each came up (a small set repeats draws: each is
    computed once)."""
    return Counter(tuple(sorted(draw)) for draw in draws(n, resamples, seed))


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _interval(value: float | None, samples: Sequence[float], level: float = LEVEL) -> Interval:
    tail = (1 - level) / 2 * 100
    if value is None or not samples:
        return Interval(value=_rounded(value))
    return Interval(
        value=_rounded(value),
        ci_low=_rounded(percentile(samples, tail)),
        ci_high=_rounded(percentile(samples, 100 - tail)),
    )


def bootstrap(columns: Columns, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED) -> dict[str, Interval]:
    """Every metric of ``columns`` (headline names, flag-code agreement) with its interval."""
    point = columns.metrics()
    samples: dict[str, list[float]] = {name: [] for name in point}
    for draw, times in distinct_draws(columns.n, resamples, seed).items():
        for name, value in columns.metrics(draw).items():
            if value is not None:
                samples[name] += [value] * times
    return {name: _interval(value, samples[name]) for name, value in point.items()}


def _differences(a: dict[str, float | None], b: dict[str, float | None]) -> dict[str, float | None]:
    return {name: None if a.get(name) is None or b[name] is None else b[name] - a[name] for name in b}  # type: ignore[operator]


def paired(a: Columns, b: Columns, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED) -> dict[str, Interval]:
    """B - A of every metric with its paired interval: each resample draws the same articles for both runs.

    ``a`` and ``b`` hold the same articles in the same order (the articles both runs have)."""
    if a.n != b.n:
        # a caller's bug (the argument contract, as zip(strict=True)), not the user's input
        raise ValueError(f"paired runs need the same articles ({a.n} vs {b.n})")
    point = _differences(a.metrics(), b.metrics())
    samples: dict[str, list[float]] = {name: [] for name in point}
    for draw, times in distinct_draws(a.n, resamples, seed).items():
        for name, value in _differences(a.metrics(draw), b.metrics(draw)).items():
            if value is not None:
                samples[name] += [value] * times
    return {name: _interval(value, samples[name]) for name, value in point.items()}


def unpaired(a: Interval, b: Interval) -> Interval:
    """B - A when the runs cannot be paired: each side's half-widths added in quadrature (independent runs)."""
    if a.value is None or b.value is None:
        return Interval(value=None)
    value = b.value - a.value
    if not (a.known and b.known):
        return Interval(value=_rounded(value))
    assert a.ci_low is not None and a.ci_high is not None and b.ci_low is not None and b.ci_high is not None
    below = math.hypot(a.ci_high - a.value, b.value - b.ci_low)
    above = math.hypot(a.value - a.ci_low, b.ci_high - b.value)
    return Interval(value=_rounded(value), ci_low=_rounded(value - below), ci_high=_rounded(value + above))

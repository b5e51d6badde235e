"""Side by side: two EvalReports on the same gold set (two prompts, or two models), with deltas B - A.

Each headline metric and each flag code's agreement with the gold carries the 95 % interval of B - A: paired
over the articles both runs have when both reports keep per-article counts (``pairing``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console
from rich.table import Table
from rich.text import Text

from extractor.evaluation.intervals import DEFAULT_RESAMPLES, DEFAULT_SEED, Interval
from extractor.evaluation.metrics import LOWER_IS_BETTER
from extractor.evaluation.pairing import Method, differences
from extractor.evaluation.report import EvalReport
from extractor.evaluation.resampling import code_keys
from extractor.evaluation.writers import fmt, run_line

_EPSILON = 1e-9
EXTRA_METRICS = ("cost_usd", "latency_p50_s", "tokens_in", "tokens_out")  # directions: metrics.LOWER_IS_BETTER


@dataclass(frozen=True)
class MetricDelta:
    """One metric in A and B; ``better`` says whether B improves on A (None: equal or undefined); ``interval``: of
    B - A (None when there is none)."""

    name: str
    a: float | None
    b: float | None
    interval: Interval | None = None

    @property
    def delta(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a

    @property
    def better(self) -> bool | None:
        delta = self.delta
        if delta is None or abs(delta) <= _EPSILON:
            return None
        return delta < 0 if self.name in LOWER_IS_BETTER else delta > 0

    @property
    def clear(self) -> bool | None:
        """The interval of B - A excludes zero (None: no interval)."""
        if self.interval is None or self.interval.ci_low is None or self.interval.ci_high is None:
            return None
        return self.interval.ci_low > _EPSILON or self.interval.ci_high < -_EPSILON


@dataclass(frozen=True)
class ArticleDelta:
    """One article whose claims F1, events F1, flags or failure differ between A and B."""

    id: str
    claims_f1: tuple[float, float]
    events_f1: tuple[float, float]
    flags_caught: tuple[int, int]
    flags_false: tuple[int, int]
    flags_expected: int
    error: tuple[str | None, str | None]


@dataclass
class Comparison:
    """Headline metrics of A and B, each flag code's agreement with the gold (``codes``), how the intervals were
    computed (``method``, ``note``) and the articles that changed (largest claims F1 change first)."""

    a: EvalReport
    b: EvalReport
    metrics: list[MetricDelta] = field(default_factory=list)
    codes: list[MetricDelta] = field(default_factory=list)
    method: Method = "none"
    note: str = ""
    articles: list[ArticleDelta] = field(default_factory=list)
    only_in_one: list[str] = field(default_factory=list)


def _code_deltas(a: EvalReport, b: EvalReport, intervals: dict[str, Interval]) -> list[MetricDelta]:
    """Precision and recall of each flag code against the gold's reasons, where either report has them."""
    codes_a, codes_b = a.agreement.get("codes") or {}, b.agreement.get("codes") or {}
    rows = []
    for code in sorted(set(codes_a) | set(codes_b), key=lambda c: (c == "all", c)):
        for kind, key in zip(("precision", "recall"), code_keys(code), strict=True):
            value_a = (codes_a.get(code) or {}).get(kind, {}).get("value")
            value_b = (codes_b.get(code) or {}).get(kind, {}).get("value")
            if value_a is not None or value_b is not None:
                rows.append(MetricDelta(f"{code} {kind}", value_a, value_b, intervals.get(key)))
    return rows


def compare_reports(
    a: EvalReport, b: EvalReport, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED
) -> Comparison:
    """Headline and runtime metrics side by side with the interval of B - A, per flag code agreement, and the
    per-article differences."""
    found = differences(a, b, resamples, seed)
    metrics = [
        MetricDelta(name, a.headline.get(name), b.headline.get(name), found.intervals.get(name)) for name in a.headline
    ]
    metrics += [MetricDelta(name, a.runtime.get(name), b.runtime.get(name)) for name in EXTRA_METRICS]
    rows_a, rows_b = {r.id: r for r in a.articles}, {r.id: r for r in b.articles}
    articles = []
    for article_id in sorted(rows_a.keys() & rows_b.keys()):
        x, y = rows_a[article_id], rows_b[article_id]
        delta = ArticleDelta(
            id=article_id,
            claims_f1=(x.claims_f1, y.claims_f1),
            events_f1=(x.events_f1, y.events_f1),
            flags_caught=(x.flags_caught, y.flags_caught),
            flags_false=(x.flags_false, y.flags_false),
            flags_expected=x.flags_expected,
            error=(x.error, y.error),
        )
        unchanged = (
            abs(x.claims_f1 - y.claims_f1) <= _EPSILON
            and abs(x.events_f1 - y.events_f1) <= _EPSILON
            and delta.flags_caught[0] == delta.flags_caught[1]
            and delta.flags_false[0] == delta.flags_false[1]
            and (x.error is None) == (y.error is None)
        )
        if not unchanged:
            articles.append(delta)
    articles.sort(key=lambda d: (-abs(d.claims_f1[1] - d.claims_f1[0]), -abs(d.events_f1[1] - d.events_f1[0]), d.id))
    only = sorted(rows_a.keys() ^ rows_b.keys())
    return Comparison(
        a=a, b=b, metrics=metrics, codes=_code_deltas(a, b, found.intervals), method=found.method, note=found.note,
        articles=articles, only_in_one=only,
    )  # fmt: skip


def _mark(m: MetricDelta) -> str:
    """better / worse; "within noise" when the interval of B - A includes zero."""
    if m.better is None:
        return ""
    word = "better" if m.better else "worse"
    return f"{word}, within noise" if m.clear is False else word


def _style(m: MetricDelta) -> str:
    return "" if m.better is None or m.clear is False else ("green" if m.better else "red")


def _cells(m: MetricDelta) -> list[str]:
    digits = 4 if m.name == "cost_usd" else 3
    bounds = m.interval.bounds(signed=True) if m.interval else "–"
    return [m.name, fmt(m.a, digits), fmt(m.b, digits), _delta_text(m.delta), bounds, _mark(m)]


COMPARISON_HEADER = ["metric", "A", "B", "Δ (B − A)", "95 % interval of B − A", ""]


def _delta_text(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:+d}" if isinstance(value, int) else f"{value:+.3f}"


def _pair(values: tuple[float, float]) -> str:
    return f"{values[0]:.3f} → {values[1]:.3f} ({values[1] - values[0]:+.3f})"


def _article_cells(d: ArticleDelta) -> list[str]:
    failed = ["failed" if e else "ok" for e in d.error]
    return [
        d.id,
        _pair(d.claims_f1),
        _pair(d.events_f1),
        f"{d.flags_caught[0]}→{d.flags_caught[1]} of {d.flags_expected}",
        f"{d.flags_false[0]}→{d.flags_false[1]}",
        "" if failed[0] == failed[1] else f"{failed[0]} → {failed[1]}",
    ]


ARTICLE_HEADER = ["id", "claims F1 A → B", "events F1 A → B", "flags caught", "false flags", "run"]


def render_comparison(comparison: Comparison, console: Console) -> None:
    """The side-by-side table on the terminal."""
    console.rule(Text("A vs B", style="bold"))
    console.print(Text(f"A: {run_line(comparison.a)}", style="dim"))
    console.print(Text(f"B: {run_line(comparison.b)}", style="dim"))
    console.print(Text(f"B − A intervals: {comparison.note}", style="dim"))
    for title, rows in (
        ("", comparison.metrics),
        ("Flag codes against the gold's reasons (matched claims)", comparison.codes),
    ):
        if not rows:
            continue
        table = Table(title=title or None, show_edge=False)
        for column in COMPARISON_HEADER:
            table.add_column(column, justify="left" if column == "metric" else "right")
        for m in rows:
            table.add_row(*map(Text, _cells(m)), style=_style(m))
        console.print(table)
    if comparison.articles:
        articles = Table(title="Articles that changed", show_edge=False)
        for column in ARTICLE_HEADER:
            articles.add_column(column)
        for delta in comparison.articles:
            articles.add_row(*map(Text, _article_cells(delta)))
        console.print(articles)
    else:
        console.print(Text("no per-article differences"))
    if comparison.only_in_one:
        console.print(Text.assemble(("only in one report:", "yellow"), " ", ", ".join(comparison.only_in_one)))


def comparison_markdown(comparison: Comparison) -> str:
    """The side-by-side table as Markdown."""
    lines = ["### A vs B", "", f"- A: `{run_line(comparison.a)}`", f"- B: `{run_line(comparison.b)}`", ""]
    lines += [f"B − A intervals: {comparison.note}.", ""]
    for title, rows in (
        ("", comparison.metrics),
        ("Flag codes against the gold's reasons (matched claims)", comparison.codes),
    ):
        if not rows:
            continue
        lines += [f"{title}:", ""] if title else []
        lines += ["| " + " | ".join(COMPARISON_HEADER) + " |", "|---|---:|---:|---:|---:|---|"]
        lines += ["| " + " | ".join(_cells(m)) + " |" for m in rows]
        lines.append("")
    if comparison.articles:
        lines += ["| " + " | ".join(ARTICLE_HEADER) + " |", "|---|---|---|---|---|---|"]
        lines += ["| " + " | ".join(_article_cells(d)) + " |" for d in comparison.articles]
    else:
        lines.append("No per-article differences.")
    if comparison.only_in_one:
        lines += ["", f"Only in one report: {', '.join(comparison.only_in_one)}"]
    return "\n".join(lines) + "\n"

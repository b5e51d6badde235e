"""EvalReport: one evaluation run as stable JSON (``extractor-eval/2``), built from gold labels and results.

The JSON report is also the baseline file (eval/baseline.json) the gate compares against. Format 2 adds each
article's counts (``articles[].counts``), the headline intervals (``intervals``) and the verifier's agreement with
the gold per flag code (``agreement``); a format-1 report still loads, without them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from extractor.errors import BadInput
from extractor.evaluation.agreement import agreement_section
from extractor.evaluation.counts import ArticleCounts, article_counts
from extractor.evaluation.gold import GoldArticle
from extractor.evaluation.intervals import (
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    SMALL_SET,
    Bootstrap,
    bootstrap,
    small_set_note,
)
from extractor.evaluation.metrics import HEADLINE, compute_sections, headline, rounded
from extractor.evaluation.prices import Price, price_for
from extractor.evaluation.resampling import Columns
from extractor.evaluation.scoring import ArticleScore, score_article
from extractor.evaluation.stats import prf
from extractor.results import Result

EVAL_FORMAT = "extractor-eval/2"
READABLE_FORMATS = ("extractor-eval/1", EVAL_FORMAT)  # format 1: no counts, intervals or agreement
_META_FIELDS = ("model", "backend", "mode", "prompt", "prompt_hash", "schema_name", "schema_hash", "verifier")


class ReportError(BadInput):
    """A saved report that cannot be read; the message names the file and the fix."""


class ArticleRow(BaseModel):
    """One gold article's outcome."""

    id: str
    split: str
    tags: list[str] = Field(default_factory=list)
    events_precision: float
    events_recall: float
    events_f1: float
    claims_precision: float
    claims_recall: float
    claims_f1: float
    flags_expected: int = Field(description="gold claims that should be flagged")
    flags_caught: int = Field(description="of those, matched and flagged")
    flags_false: int = Field(description="matched claims flagged although they need no flag")
    latency_s: float | None = None
    tokens_in: int = 0
    tokens_out: int = 0
    attempts: int = 0
    error: str | None = None
    counts: ArticleCounts | None = Field(None, description="what this article adds to each metric (format 2)")


class EvalReport(BaseModel):
    """Metrics of one model + prompt + schema on one gold split, with per-article rows."""

    format: Literal["extractor-eval/1", "extractor-eval/2"] = EVAL_FORMAT
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))
    extractor_version: str = "unknown"
    model: str
    backend: str
    mode: str
    prompt: str
    prompt_hash: str
    schema_name: str
    schema_hash: str
    verifier: str | None = None
    split: str
    n_articles: int
    n_failed: int
    headline: dict[str, float | None]
    events: dict[str, Any]
    claims: dict[str, Any]
    flags: dict[str, Any]
    calibration: dict[str, Any]
    grounding: dict[str, Any]
    runtime: dict[str, Any]
    by_tag: dict[str, dict[str, Any]] = Field(default_factory=dict)
    by_split: dict[str, dict[str, Any]] = Field(default_factory=dict)
    intervals: Bootstrap | None = Field(None, description="95 % intervals of the headline metrics (format 2)")
    agreement: dict[str, Any] = Field(default_factory=dict, description="verifier vs gold per flag code (format 2)")
    articles: list[ArticleRow]

    def label(self) -> str:
        """``model · prompt@hash · schema@hash``: what produced these numbers."""
        return f"{self.model} · {self.prompt}@{self.prompt_hash} · {self.schema_name}@{self.schema_hash}"


def _most_common(results: Sequence[Result[Any]], name: str) -> str | None:
    values = Counter(getattr(r.meta, name) for r in results)
    return values.most_common(1)[0][0] if values else None


def run_meta(results: Sequence[Result[Any]]) -> dict[str, Any]:
    """Model, backend, prompt and schema identity of a run (the most common value when results disagree)."""
    meta: dict[str, Any] = {name: _most_common(results, name) for name in _META_FIELDS}
    for name in _META_FIELDS:
        if meta[name] is None and name != "verifier":
            meta[name] = "unknown"
    versions = Counter(r.meta.extractor_version for r in results)
    meta["extractor_version"] = versions.most_common(1)[0][0] if versions else "unknown"
    return meta


def article_row(score: ArticleScore) -> ArticleRow:
    """The per-article line of the report."""
    events = prf(score.events.tp, score.events.fp, score.events.fn)
    claims = prf(score.claims.tp, score.claims.fp, score.claims.fn)
    return ArticleRow(
        id=score.id,
        split=score.split,
        tags=score.tags,
        events_precision=round(events[0], 4),
        events_recall=round(events[1], 4),
        events_f1=round(events[2], 4),
        claims_precision=round(claims[0], 4),
        claims_recall=round(claims[1], 4),
        claims_f1=round(claims[2], 4),
        flags_expected=score.flags_expected,
        flags_caught=score.flags.tp,
        flags_false=score.flags.fp,
        latency_s=rounded(score.latency_s, 3),
        tokens_in=score.tokens_in,
        tokens_out=score.tokens_out,
        attempts=score.attempts,
        error=None if score.valid else score.error,
        counts=article_counts(score),
    )


def build_report(
    gold: Sequence[GoldArticle],
    results: Sequence[Result[Any]],
    split: str = "all",
    prices: dict[str, Price] | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> EvalReport:
    """Score ``results`` against ``gold`` (by article id; a gold article without a result counts as failed), with
    the intervals of ``resamples`` bootstrap resamples of the articles (0: none)."""
    by_id = {r.article_id: r for r in results}
    scores = [score_article(g, by_id.get(g.id)) for g in gold]
    used = [by_id[g.id] for g in gold if g.id in by_id]
    meta = run_meta(used)
    price = price_for(meta["model"], meta["backend"], prices or {})
    sections = compute_sections(scores, price)
    report = EvalReport(
        **meta,
        split=split,
        n_articles=len(gold),
        n_failed=sum(1 for s in scores if not s.valid),
        headline=headline(sections),
        **sections,
        articles=[article_row(s) for s in scores],
    )
    return with_intervals(report, resamples, seed)


def article_counts_of(report: EvalReport) -> list[ArticleCounts] | None:
    """Every article's counts, or None when the report does not keep them (format 1)."""
    counts = [row.counts for row in report.articles]
    return None if any(c is None for c in counts) else [c for c in counts if c is not None]


def with_intervals(report: EvalReport, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED) -> EvalReport:
    """``report`` with its headline intervals and flag-code agreement computed again from its articles' counts.

    ``resamples`` 0 drops the intervals (the agreement counts stay); a report without counts is returned as is."""
    counts = article_counts_of(report)
    if counts is None:
        return report
    found = bootstrap(Columns(counts), resamples, seed)
    intervals = Bootstrap(
        resamples=resamples,
        seed=seed,
        articles=len(counts),
        small_set=len(counts) < SMALL_SET,
        note=small_set_note(len(counts)),
        headline={name: found[name] for name in HEADLINE},
    )
    return report.model_copy(
        update={"intervals": intervals if resamples else None, "agreement": agreement_section(counts, found)}
    )


def write_json(report: EvalReport, path: Path | str) -> None:
    """Write the report as indented JSON (parent folders are created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def load_report(path: Path | str) -> EvalReport:
    """A saved JSON report (or baseline), validated."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(f"{path}: no such file; fix: write one with --json or --update-baseline") from None
    except json.JSONDecodeError as exc:
        raise ReportError(f"{path}: not valid JSON ({exc.msg}); fix: regenerate it with --json") from None
    if not isinstance(raw, dict) or raw.get("format") not in READABLE_FORMATS:
        found = raw.get("format") if isinstance(raw, dict) else None
        expected = " or ".join(repr(f) for f in READABLE_FORMATS)
        raise ReportError(f"{path}: format is {found!r}, expected {expected}; fix: regenerate it with --json")
    try:
        return EvalReport.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ReportError(f"{path}: {where}: {first['msg']}; fix: regenerate it with --json") from None

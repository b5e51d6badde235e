"""The eval report page: headline against the baseline, the gate, per-field bars, reliability, flags, articles."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from extractor.evaluation import ActorIndex, EvalReport, GoldArticle, match_claims, match_events
from extractor.evaluation.metrics import LOWER_IS_BETTER
from extractor.html import svg
from extractor.html.env import environment
from extractor.html.review import anchor_id
from extractor.results import Result


def _event_text(event: Any) -> str:
    where = getattr(event, "location", None) or getattr(event, "country", None) or "?"
    return f"{getattr(event, 'sub_event_type', '?')} at {where}, {getattr(event, 'date', None) or 'no date'}"


def _claim_text(claim: Any) -> str:
    return f"{getattr(claim, 'claimant', '?')}: {getattr(claim, 'statement', '')}"


def article_details(gold: Sequence[GoldArticle], results: Sequence[Result[Any]]) -> dict[str, dict[str, list[str]]]:
    """Per gold article: events and claims missed or invented, claims wrongly flagged and flags missed."""
    by_id = {r.article_id: r for r in results}
    details: dict[str, dict[str, list[str]]] = {}
    for article in gold:
        result = by_id.get(article.id)
        report = result.report if result is not None else None
        events = list(getattr(report, "events", None) or [])
        claims = list(getattr(report, "claims", None) or [])
        actors = ActorIndex(article.actors)
        em = match_events(article.events, events, actors)
        cm = match_claims(article.claims, claims, actors)
        matched = {pair.gold: claims[pair.pred] for pair in cm.pairs}
        wrong, missed_flags = [], []
        for index, claim in enumerate(article.claims):
            predicted = matched.get(index)
            codes = sorted({f.code for f in getattr(predicted, "flags", None) or []})
            if predicted is not None and codes and not claim.should_flag:
                wrong.append(f"{_claim_text(predicted)} [{', '.join(codes)}]")
            elif predicted is not None and claim.should_flag and not codes:
                missed_flags.append(f"{_claim_text(predicted)} [expected: {', '.join(claim.reasons) or 'a flag'}]")
        details[article.id] = {
            "missed events": [_event_text(article.events[i]) for i in em.unmatched_gold],
            "invented events": [_event_text(events[i]) for i in em.unmatched_pred],
            "missed claims": [_claim_text(article.claims[i]) for i in cm.unmatched_gold],
            "invented claims": [_claim_text(claims[i]) for i in cm.unmatched_pred],
            "wrongly flagged": wrong,
            "flag missed": missed_flags,
        }
    return details


def _headline(report: EvalReport, baseline: EvalReport | None) -> list[dict[str, Any]]:
    rows = []
    for name, value in report.headline.items():
        base = baseline.headline.get(name) if baseline else None
        delta = None if value is None or base is None else value - base
        lower = name in LOWER_IS_BETTER
        better = None if delta is None or abs(delta) < 1e-9 else (delta < 0) == lower
        rows.append({"name": name, "value": value, "base": base, "delta": delta, "lower": lower, "better": better})
    return rows


def eval_html(
    report: EvalReport,
    baseline: EvalReport | None = None,
    failures: list[str] | None = None,
    max_drop: float | None = None,
    details: dict[str, dict[str, list[str]]] | None = None,
    review_href: str | None = None,
) -> str:
    """The report as one self-contained HTML page; ``review_href`` links each article to its review view."""
    base = baseline
    sections = [
        (f"{name} {metric}", section.get(metric), base and getattr(base, name).get(metric))
        for name in ("events", "claims", "flags")
        for metric in ("precision", "recall", "f1")
        for section in [getattr(report, name)]
    ]
    fields = [(f"event {k}", v, base and base.events["accuracy"].get(k)) for k, v in report.events["accuracy"].items()]
    fields += [(f"claim {k}", v, base and base.claims["accuracy"].get(k)) for k, v in report.claims["accuracy"].items()]
    reasons = [
        {"code": code, **r, "missed": r["expected"] - r["caught"]} for code, r in report.flags["reasons"].items()
    ]
    articles = sorted(report.articles, key=lambda r: (r.error is None, r.claims_f1, r.events_f1, r.id))
    return (
        environment()
        .get_template("eval.html.j2")
        .render(
            report=report,
            baseline=baseline,
            headline=_headline(report, baseline),
            failures=failures,
            max_drop=max_drop,
            prf_svg=svg.bars(sections, "Precision, recall and F1 (dashed tick: baseline)"),
            fields_svg=svg.bars(fields, "Per-field accuracy over matched pairs (dashed tick: baseline)"),
            reliability_svg=svg.reliability(report.calibration.get("reliability", []), report.calibration.get("ece")),
            calibration=report.calibration,
            flags=report.flags,
            reasons=reasons,
            articles=articles,
            details=details or {},
            review_href=review_href,
            anchor_id=anchor_id,
        )
    )


def write_eval_html(report: EvalReport, path: Path | str, **kwargs: Any) -> Path:
    """Write the eval report page (parent folders are created); keyword arguments as for :func:`eval_html`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(eval_html(report, **kwargs), encoding="utf-8")
    return path

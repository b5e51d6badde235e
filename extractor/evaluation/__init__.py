"""Evaluation against a labelled gold set: load, match, score, report, gate and compare.

    gold = load_gold("eval/gold", split="dev")
    report = build_report(gold, results)          # results: one pipeline Result per gold article
    failures = compare_to_baseline(report, load_baseline("eval/baseline.json"), max_drop=0.02)
    gate = run_gate(report, baseline)             # every gated metric's check, with the interval of its drop

Running the pipeline on the gold set lives in ``extractor.eval_run`` (this package never
imports the pipeline or the backends).
"""

from extractor.evaluation.compare import Comparison, compare_reports, comparison_markdown, render_comparison
from extractor.evaluation.gate import (
    DEFAULT_BASELINE,
    GATED_HIGHER,
    GATED_LOWER,
    GateCheck,
    GateResult,
    baseline_mismatch,
    compare_to_baseline,
    load_baseline,
    run_gate,
    write_baseline,
)
from extractor.evaluation.gold import GoldActor, GoldArticle, GoldClaim, GoldError, GoldEvent, GoldSpan, load_gold
from extractor.evaluation.intervals import DEFAULT_RESAMPLES, DEFAULT_SEED, Bootstrap, Interval
from extractor.evaluation.matching import Matching, Pair, greedy_match, match_claims, match_events
from extractor.evaluation.names import ActorIndex, normalize
from extractor.evaluation.pairing import Differences, differences
from extractor.evaluation.prices import DEFAULT_PRICES, Price, PriceError, load_price_table, load_prices
from extractor.evaluation.report import EvalReport, ReportError, build_report, load_report, with_intervals, write_json
from extractor.evaluation.results_io import load_results, save_results
from extractor.evaluation.writers import render_report, report_markdown, write_markdown

__all__ = [
    "DEFAULT_BASELINE",
    "DEFAULT_PRICES",
    "DEFAULT_RESAMPLES",
    "DEFAULT_SEED",
    "GATED_HIGHER",
    "GATED_LOWER",
    "ActorIndex",
    "Bootstrap",
    "Comparison",
    "Differences",
    "EvalReport",
    "GateCheck",
    "GateResult",
    "GoldActor",
    "GoldArticle",
    "GoldClaim",
    "GoldError",
    "GoldEvent",
    "GoldSpan",
    "Interval",
    "Matching",
    "Pair",
    "Price",
    "PriceError",
    "ReportError",
    "baseline_mismatch",
    "build_report",
    "compare_reports",
    "compare_to_baseline",
    "comparison_markdown",
    "differences",
    "greedy_match",
    "load_baseline",
    "load_gold",
    "load_price_table",
    "load_prices",
    "load_report",
    "load_results",
    "match_claims",
    "match_events",
    "normalize",
    "render_comparison",
    "render_report",
    "report_markdown",
    "run_gate",
    "save_results",
    "with_intervals",
    "write_baseline",
    "write_json",
    "write_markdown",
]

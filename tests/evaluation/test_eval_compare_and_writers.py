"""Side-by-side comparison and the terminal/Markdown writers name what produced each number."""

import io
import re

import pytest
from evalfixtures import analysis_gold, failed_analysis_result, strike_gold, strike_prediction, strike_result
from rich.console import Console

from extractor.evaluation.compare import compare_reports, comparison_markdown, render_comparison
from extractor.evaluation.report import EvalReport, build_report
from extractor.evaluation.writers import render_report, report_markdown
from extractor.schemas.conflict import Flag


@pytest.fixture
def report_a() -> EvalReport:
    return build_report([strike_gold(), analysis_gold()], [strike_result(), failed_analysis_result()])


@pytest.fixture
def report_b() -> EvalReport:
    """Prompt B: the missed anonymous-official claim is found and flagged; same failure on g002."""
    report = strike_prediction()
    extra = report.claims[0].model_copy(
        update={"statement": "Five people were killed in the strike", "claimant": "an Iraqi security official",
                "kind": "casualties", "flags": [Flag(code="anonymous_source", message="unnamed")],
                "confidence": 0.2, "spans": []}
    )  # fmt: skip
    report.claims.append(extra)
    result = strike_result(report, prompt="extract_quotes", prompt_hash="fff000fff000")
    return build_report([strike_gold(), analysis_gold()], [result, failed_analysis_result()])


def record() -> Console:
    return Console(file=io.StringIO(), width=200, record=True)


def test_comparison_has_deltas_and_only_changed_articles(report_a: EvalReport, report_b: EvalReport) -> None:
    comparison = compare_reports(report_a, report_b)
    claims = next(m for m in comparison.metrics if m.name == "claims_f1")
    assert (claims.a, claims.b) == (0.7273, 0.8333)
    assert claims.delta == pytest.approx(0.106) and claims.better is True
    ece = next(m for m in comparison.metrics if m.name == "ece")
    assert ece.better is (ece.b < ece.a)  # lower is better
    assert [d.id for d in comparison.articles] == ["g001"]  # g002 failed in both: unchanged
    assert comparison.articles[0].flags_caught == (2, 3)


def test_comparison_markdown_and_table_show_both_sides(report_a: EvalReport, report_b: EvalReport) -> None:
    comparison = compare_reports(report_a, report_b)
    markdown = comparison_markdown(comparison)
    # one of two articles changed: resamples of the other alone show no change, so the interval reaches 0
    assert "| claims_f1 | 0.727 | 0.833 | +0.106 | [+0.000, +0.109] | better, within noise |" in markdown
    assert "paired bootstrap over the 2 article(s) both runs have" in markdown and "a small set" in markdown
    assert "| anonymous_source recall | – | 1.000 | – | – |  |" in markdown  # per flag code, where data exist
    assert "extract@abc123abc123" in markdown and "extract_quotes@fff000fff000" in markdown
    assert "| g001 | 0.800 → 0.909 (+0.109)" in markdown
    console = record()
    render_comparison(comparison, console)
    text = console.export_text()
    assert "Δ (B − A)" in text and "+0.106" in text and "g001" in text
    assert "95 % interval of B − A" in text and "[+0.000, +0.109]" in text
    assert "Flag codes against the gold's reasons" in text


def test_same_report_has_no_article_differences(report_a: EvalReport) -> None:
    comparison = compare_reports(report_a, report_a)
    assert comparison.articles == [] and all(m.better is None for m in comparison.metrics)
    assert "No per-article differences." in comparison_markdown(comparison)


def test_markdown_names_model_hashes_and_gate_verdict(report_a: EvalReport, report_b: EvalReport) -> None:
    passed = report_markdown(report_b, baseline=report_a, failures=[], max_drop=0.02)
    assert "gpt-4o-mini" in passed and "fff000fff000" in passed and "def456def456" in passed
    assert "**Gate: passed** (max drop 0.02)" in passed
    assert re.search(r"\| claims_f1 \| 0\.833 \| \[[0-9.]+, [0-9.]+\] \| [0-9.]+ \| 0\.727 \| \+0\.106 \|", passed)
    failed = report_markdown(report_a, baseline=report_b, failures=["claims_f1 dropped by 0.106"], max_drop=0.02)
    assert "**Gate: failed**" in failed and "- claims_f1 dropped by 0.106" in failed
    assert "Gate" not in report_markdown(report_a)  # no baseline given, no verdict
    assert "| g002 | test |" in failed  # per-article rows


def test_terminal_table_names_model_and_hashes(report_a: EvalReport) -> None:
    console = record()
    render_report(report_a, console)
    text = console.export_text()
    assert "gpt-4o-mini" in text and "extract@abc123abc123" in text and "ConflictReport@def456def456" in text
    assert "claims_f1" in text and "0.727" in text and "g002" in text


def test_table_and_markdown_show_flags_on_matched_claims_and_precision_per_code(report_a: EvalReport) -> None:
    console = record()
    render_report(report_a, console)
    text = console.export_text()
    assert "flagged 0.750 vs gold 0.500" in text
    assert "Flag codes on matched claims" in text and "reason precision" in text
    assert re.search(r"hedged_attribution +1 +0 +0\.000 +0 +0\.000 +0", text.replace("│", " "))
    markdown = report_markdown(report_a)
    assert "| hedged_attribution | 1 | 0 | 0.000 | 0 | 0.000 | 0 |" in markdown  # raised once, never right
    assert "| state_involvement_unsupported | 0 | 0 | – | 0 | – | 1 |" in markdown  # expected, never raised
    assert "| dev | 1 | 0.667 | 0.800 | 1.000 | 1.000 | 0.667 | 1.000 |" in markdown  # one row per split

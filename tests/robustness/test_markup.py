"""Untrusted text (article ids, model names, paths, server errors) prints as text in eval tables and on stderr:
markup-looking text neither crashes rich nor styles the output."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from rich.console import Console

from extractor.evaluation.compare import compare_reports, render_comparison
from extractor.evaluation.report import EvalReport, build_report
from extractor.evaluation.writers import render_report
from tests.robustness.helpers import GOOD, jsonl, run_cli, stderr_of

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "evaluation"))
from evalfixtures import analysis_gold, failed_analysis_result, strike_gold, strike_result

NASTY = "[/] [bold red]x[/bold red] [link=file:///etc]y[/link] [/"


@pytest.fixture
def nasty_report() -> EvalReport:
    report = build_report([strike_gold(), analysis_gold()], [strike_result(), failed_analysis_result()])
    articles = [a.model_copy(update={"id": f"{a.id}{NASTY}", "error": NASTY}) for a in report.articles]
    return report.model_copy(update={"model": NASTY, "split": NASTY, "articles": articles})


def test_eval_tables_print_untrusted_text_verbatim(nasty_report: EvalReport) -> None:
    console = Console(file=io.StringIO(), width=400, record=True)
    render_report(nasty_report, console)
    render_comparison(compare_reports(nasty_report, nasty_report.model_copy(update={"articles": []})), console)
    text = console.export_text()
    assert text.count(NASTY) >= 3


def test_extract_errors_with_markup_print_verbatim(tmp_path: Path) -> None:
    inputs = jsonl(tmp_path / "in.jsonl", [{"id": NASTY, "text": GOOD}])
    result = run_cli(["extract", str(inputs), "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--timeout", "5"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert NASTY in stderr_of(result)

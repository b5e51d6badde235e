"""The baseline gate names every headline metric that got worse by at least the margin.

These tests pin the margin rule on reports without intervals (``resamples=0``: the margin alone decides, as for
edited headlines); test_eval_intervals.py checks the interval rule on paired runs.
"""

from pathlib import Path

import pytest
from evalfixtures import analysis_gold, failed_analysis_result, strike_gold, strike_result

from extractor.evaluation import gate
from extractor.evaluation.gate import baseline_mismatch, load_baseline, write_baseline
from extractor.evaluation.report import EvalReport, ReportError, build_report


def compare_to_baseline(report: EvalReport, baseline: EvalReport, max_drop: float = 0.02) -> list[str]:
    """The gate without intervals: the margin alone."""
    return gate.compare_to_baseline(report, baseline, max_drop, resamples=0)


@pytest.fixture
def report() -> EvalReport:
    return build_report([strike_gold(), analysis_gold()], [strike_result(), failed_analysis_result()], resamples=0)


def with_headline(report: EvalReport, **values: float | None) -> EvalReport:
    return report.model_copy(update={"headline": {**report.headline, **values}})


def test_identical_report_passes(report: EvalReport) -> None:
    assert compare_to_baseline(report, report, max_drop=0.0) == []


def test_drop_beyond_margin_fails_naming_the_metric(report: EvalReport) -> None:
    baseline = with_headline(report, claims_f1=report.headline["claims_f1"] + 0.05)
    failures = compare_to_baseline(report, baseline, max_drop=0.02)
    assert len(failures) == 1 and failures[0].startswith("claims_f1 dropped by 0.050")


def test_drop_within_margin_passes(report: EvalReport) -> None:
    baseline = with_headline(report, claims_f1=report.headline["claims_f1"] + 0.019, events_f1=0.68)
    assert compare_to_baseline(report, baseline, max_drop=0.02) == []
    at_margin = with_headline(report, claims_f1=report.headline["claims_f1"] + 0.02)
    assert [f.split()[0] for f in compare_to_baseline(report, at_margin, max_drop=0.02)] == ["claims_f1"]


def test_lower_is_better_metrics_fail_on_a_rise_only(report: EvalReport) -> None:
    worse = with_headline(report, ece=report.headline["ece"] - 0.1)  # the baseline was better calibrated
    assert [f.split()[0] for f in compare_to_baseline(report, worse)] == ["ece"]
    assert "ece rose by 0.100" in compare_to_baseline(report, worse)[0]
    better = with_headline(report, brier=report.headline["brier"] + 0.1)  # now lower than the baseline
    assert compare_to_baseline(report, better) == []


def test_several_drops_are_all_named(report: EvalReport) -> None:
    baseline = with_headline(report, flag_recall=0.9, schema_valid_rate=1.0, auroc=1.0)
    named = {failure.split()[0] for failure in compare_to_baseline(report, baseline)}
    assert named == {"flag_recall", "schema_valid_rate"}  # auroc is 1.0 in both


def test_metric_that_became_undefined_fails_and_ungated_metrics_are_ignored(report: EvalReport) -> None:
    now = with_headline(report, auroc=None, reason_recall=0.0, grounded_rate=0.0)
    failures = compare_to_baseline(now, report)
    assert len(failures) == 1 and failures[0].startswith("auroc is undefined")
    assert compare_to_baseline(report, with_headline(report, auroc=None)) == []  # nothing to compare against


def test_baseline_round_trip(report: EvalReport, tmp_path: Path) -> None:
    path = tmp_path / "eval" / "baseline.json"
    write_baseline(report, path)
    loaded = load_baseline(path)
    assert loaded == report
    assert compare_to_baseline(report, loaded, max_drop=0.0) == []


def test_unreadable_baseline_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text('{"format": "something-else"}')
    with pytest.raises(ReportError, match=r"baseline\.json: format is 'something-else'"):
        load_baseline(path)
    with pytest.raises(ReportError, match="no such file"):
        load_baseline(tmp_path / "none.json")


def test_mismatched_gold_sets_are_reported(report: EvalReport) -> None:
    dev_only = build_report([strike_gold()], [strike_result()], split="dev")
    problems = baseline_mismatch(dev_only, report)
    assert any("split 'all'" in p for p in problems) and any("gold articles differ" in p for p in problems)
    assert baseline_mismatch(report, report) == []

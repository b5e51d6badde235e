"""Bootstrap intervals over articles, paired intervals of B - A, the gate that fails only a drop beyond the noise,
and the verifier's agreement with the gold per flag code."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from evalfixtures import analysis_gold, failed_analysis_result, flag, strike_gold, strike_prediction, strike_result
from rich.console import Console

from extractor.evaluation.counts import ArticleCounts
from extractor.evaluation.gate import run_gate
from extractor.evaluation.gold import GoldArticle
from extractor.evaluation.metrics import HEADLINE
from extractor.evaluation.pairing import differences
from extractor.evaluation.report import (
    EvalReport,
    article_counts_of,
    build_report,
    load_report,
    with_intervals,
    write_json,
)
from extractor.evaluation.resampling import Columns
from extractor.evaluation.stats import auroc, brier, ece
from extractor.evaluation.writers import render_report, report_markdown
from extractor.results import Result
from extractor.schemas.conflict import ConflictReport

ROOT = Path(__file__).resolve().parents[2]


def unflagged() -> ConflictReport:
    """The strike prediction with every flag gone: the flag-worthy claims are missed."""
    report = strike_prediction()
    return report.model_copy(update={"claims": [c.model_copy(update={"flags": []}) for c in report.claims]})


def less_sure(report: ConflictReport | None = None) -> ConflictReport:
    """A prediction (the strike one by default) a little more confident in the two claims that need a look (Brier
    +0.0072 for the strike article)."""
    report = report or strike_prediction()
    shifted = {0.4: 0.42, 0.3: 0.32}
    claims = [c.model_copy(update={"confidence": shifted.get(c.confidence, c.confidence)}) for c in report.claims]
    return report.model_copy(update={"claims": claims})


def without_claims() -> ConflictReport:
    return strike_prediction().model_copy(update={"claims": []})


def unsure() -> ConflictReport:
    """The strike prediction with every claim at confidence 0.5."""
    report = strike_prediction()
    return report.model_copy(update={"claims": [c.model_copy(update={"confidence": 0.5}) for c in report.claims]})


def strike_set(predictions: list[ConflictReport | None], **options: Any) -> EvalReport:
    """One copy of the strike article per prediction (ids s00, s01, ...); None: that article's run failed."""
    golds: list[GoldArticle] = []
    results: list[Result[Any]] = []
    for index, prediction in enumerate(predictions):
        gold = strike_gold()
        ident = f"s{index:02d}"
        golds.append(gold.model_copy(update={"id": ident, "article": gold.article.model_copy(update={"id": ident})}))
        result = failed_analysis_result() if prediction is None else strike_result(prediction)
        results.append(result.model_copy(update={"article_id": ident}))
    return build_report(golds, results, **options)


def mixed(n: int) -> list[ConflictReport | None]:
    """Articles that differ from each other: good, claims missed, flags missed, unsure, in turn."""
    return [[strike_prediction(), without_claims(), unflagged(), unsure()][i % 4] for i in range(n)]


@pytest.fixture
def report() -> EvalReport:
    return build_report([strike_gold(), analysis_gold()], [strike_result(), failed_analysis_result()])


def test_every_headline_metric_has_an_interval_around_its_value() -> None:
    report = strike_set(mixed(12))
    assert report.intervals is not None and list(report.intervals.headline) == list(HEADLINE)
    for name in HEADLINE:
        found = report.intervals.headline[name]
        assert found.value == report.headline[name], name
        assert found.ci_low is not None and found.ci_high is not None
        assert found.ci_low <= found.value <= found.ci_high, name
    assert report.intervals.headline["claims_f1"].width > 0.05  # the articles differ: the interval is not a point


def test_a_resample_counts_an_article_drawn_twice_twice(report: EvalReport) -> None:
    counts = article_counts_of(report)
    assert counts is not None
    drawn = Columns(counts).metrics([0, 0, 1])
    copied = Columns([counts[0], counts[0], counts[1]]).metrics()
    assert drawn.keys() == copied.keys()
    assert all(drawn[k] == pytest.approx(copied[k]) for k in drawn)


def test_resampled_auroc_ece_and_brier_match_the_plain_formulas_with_ties() -> None:
    first = ArticleCounts(valid=True, calibration=[(0.9, False), (0.4, True), (0.5, True), (0.05, True)])
    second = ArticleCounts(valid=True, calibration=[(0.5, False), (1.0, False), (0.4, False), (1.2, True)])
    pairs = first.calibration * 2 + second.calibration
    confidences, flags = [c for c, _ in pairs], [f for _, f in pairs]
    values = Columns([first, second]).metrics([0, 1, 0])
    assert values["auroc"] == pytest.approx(auroc([1 - c for c in confidences], flags))
    assert values["ece"] == pytest.approx(ece(confidences, [not f for f in flags]))
    assert values["brier"] == pytest.approx(brier(confidences, [not f for f in flags]))


def test_intervals_are_reproducible_and_narrow_as_the_set_grows() -> None:
    small, large = strike_set(mixed(9)), strike_set(mixed(36))
    assert small.intervals == strike_set(mixed(9)).intervals  # fixed seed: the same input, the same interval
    assert with_intervals(small, seed=7).intervals != small.intervals
    assert large.intervals is not None and small.intervals is not None
    for name in ("claims_f1", "flag_recall"):
        assert large.intervals.headline[name].width < 0.75 * small.intervals.headline[name].width, name


def test_resamples_can_be_set_or_turned_off() -> None:
    report = strike_set(mixed(6), resamples=100)
    assert report.intervals is not None and report.intervals.resamples == 100
    none = with_intervals(report, resamples=0)
    assert none.intervals is None and none.agreement["codes"]  # the agreement counts stay


def test_small_sets_say_that_they_are_small() -> None:
    small, large = strike_set(mixed(9)), strike_set(mixed(30))
    assert small.intervals is not None and small.intervals.small_set
    assert "a small set: 9 article(s), fewer than 30" in (small.intervals.note or "")
    assert large.intervals is not None and not large.intervals.small_set and large.intervals.note is None
    console = Console(file=io.StringIO(), width=200, record=True)
    render_report(small, console)
    text = console.export_text()
    assert "95 % interval" in text and "width" in text and "a small set: 9 article(s)" in text
    assert "a small set" in report_markdown(small) and "a small set" not in report_markdown(large)


def as_format_1(report: EvalReport, tmp_path: Path) -> EvalReport:
    """The report as an older extractor saved it: no counts, intervals or agreement."""
    data = report.model_dump(mode="json")
    data.update(format="extractor-eval/1")
    for key in ("intervals", "agreement"):
        data.pop(key)
    for row in data["articles"]:
        row.pop("counts")
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return load_report(path)


def test_reports_without_counts_still_load(report: EvalReport, tmp_path: Path) -> None:
    shipped = load_report(ROOT / "eval" / "baseline.json")  # the saved baseline, whatever format it was written in
    assert shipped.headline and shipped.articles
    old = as_format_1(report, tmp_path)
    assert old.format == "extractor-eval/1" and old.intervals is None and old.articles[0].counts is None
    assert old.headline == report.headline
    assert with_intervals(old) == old  # nothing to resample


def test_a_report_round_trips_with_its_counts_and_intervals(report: EvalReport, tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    write_json(report, path)
    loaded = load_report(path)
    assert loaded == report
    assert with_intervals(loaded).intervals == report.intervals  # recomputed from the saved counts alone


def test_paired_difference_of_a_run_with_itself_is_exactly_zero() -> None:
    report = strike_set(mixed(12))
    found = differences(report, report)
    assert found.method == "paired" and found.articles == 12
    for name in HEADLINE:
        assert (found.intervals[name].ci_low, found.intervals[name].ci_high) == (0.0, 0.0), name


def test_paired_interval_is_narrower_than_unpaired(tmp_path: Path) -> None:
    """Articles that differ a lot, each made a little worse: pairing cancels what the articles share."""
    before = mixed(30)
    a, b = strike_set(before), strike_set([p if p is None else less_sure(p) for p in before])
    paired = differences(a, b)
    unpaired = differences(as_format_1(a, tmp_path), b)
    assert unpaired.method == "unpaired" and "A (extractor-eval/1) keeps no per-article counts" in unpaired.note
    assert "A has no interval of its own, B's width stands in" in unpaired.note
    change, loose = paired.intervals["brier"], unpaired.intervals["brier"]
    assert change.value == pytest.approx(loose.value, abs=1e-4) and change.value > 0
    assert change.width is not None and loose.width is not None and change.width < 0.5 * loose.width
    assert change.ci_low is not None and change.ci_low > 0  # paired: clearly worse
    assert loose.ci_low is not None and loose.ci_low < 0  # unpaired: lost in the spread between articles


def test_gate_passes_a_noise_sized_drop_and_fails_a_real_one() -> None:
    """28 articles. Noise: one article's run fails, so schema_valid_rate drops by 1/28 and flag recall by 2/84, both
    more than the max drop, yet a resample often leaves that article out: the interval reaches 0 and the gate
    passes. Real: 20 articles lose their flags: the interval of the drop excludes 0 and the gate fails."""
    baseline = strike_set([strike_prediction() for _ in range(28)])
    noise = run_gate(strike_set([strike_prediction() for _ in range(27)] + [None]), baseline, max_drop=0.02)
    assert noise.method == "paired" and noise.failures == []
    checks = {check.name: check for check in noise.checks}
    for name in ("schema_valid_rate", "flag_recall"):
        worse = checks[name].worse
        assert worse.value is not None and worse.value >= 0.02, name
        assert worse.ci_low is not None and worse.ci_low <= 0 < (worse.ci_high or 0), name
    assert "schema_valid_rate dropped by 0.036" in checks["schema_valid_rate"].message(0.02)
    assert "passes, the interval includes 0 (noise)" in checks["schema_valid_rate"].message(0.02)
    assert all("95 % interval [" in line for line in noise.lines())  # printed either way

    real = run_gate(strike_set([strike_prediction() for _ in range(8)] + [unflagged() for _ in range(20)]), baseline)
    assert [f.split()[0] for f in real.failures] == ["flag_f1", "flag_recall"]
    recall = next(c for c in real.checks if c.name == "flag_recall")
    assert recall.worse.ci_low is not None and recall.worse.ci_low > 0.3
    assert real.failures[1].startswith("flag_recall dropped by 0.476 (0.667 → 0.19")
    assert "; 95 % interval [+0.3" in real.failures[1] and "(paired); max drop 0.020): fails" in real.failures[1]


def test_gate_passes_a_clear_change_smaller_than_the_max_drop() -> None:
    baseline = strike_set([strike_prediction() for _ in range(28)])
    result = run_gate(strike_set([less_sure() for _ in range(28)]), baseline, max_drop=0.02)
    brier_check = next(c for c in result.checks if c.name == "brier")
    assert brier_check.worse.ci_low is not None and brier_check.worse.ci_low > 0  # every article got worse ...
    assert result.failures == []  # ... by less than the margin
    assert "passes, less than the max drop 0.020" in brier_check.message(0.02)
    assert brier_check.failed is False
    strict = run_gate(strike_set([less_sure() for _ in range(28)]), baseline, max_drop=0.005)
    assert "brier" in [f.split()[0] for f in strict.failures]


def test_gate_against_a_baseline_without_counts_compares_unpaired_and_says_so(tmp_path: Path) -> None:
    baseline = strike_set(mixed(30))
    worse = strike_set([unflagged() for _ in range(30)])
    old = as_format_1(baseline, tmp_path)
    result = run_gate(worse, old)
    assert result.method == "unpaired"
    assert "the baseline (extractor-eval/1) keeps no per-article counts" in result.note
    assert "this run's width stands in" in result.note
    assert "flag_recall" in {f.split()[0] for f in result.failures}
    assert all("(unpaired)" in line for line in result.lines())
    markdown = report_markdown(worse, old, gate=result)
    assert "**Gate: failed**" in markdown and "unpaired" in markdown and "- events_f1 did not get worse" in markdown


def test_agreement_of_verifier_and_gold_per_flag_code_on_matched_claims(report: EvalReport) -> None:
    """Matched: CENTCOM's strike (nothing raised, nothing given), the casualty figure (from_party raised and given,
    disputed given only), the Iran claim (single_interested_source both, state_involvement given only), the denial
    (hedged_attribution raised only). The missed anonymous figure and the failed article are not matched."""
    agreement = report.agreement
    codes = agreement["codes"]
    assert agreement["matched_claims"] == 4
    pick = ("both", "verifier_only", "gold_only", "neither")
    assert [codes["casualty_figure_from_party"][k] for k in pick] == [1, 0, 0, 3]
    assert [codes["casualty_figure_disputed"][k] for k in pick] == [0, 0, 1, 3]
    assert [codes["single_interested_source"][k] for k in pick] == [1, 0, 0, 3]
    assert [codes["state_involvement_unsupported"][k] for k in pick] == [0, 0, 1, 3]
    assert [codes["hedged_attribution"][k] for k in pick] == [0, 1, 0, 3]
    assert codes["hedged_attribution"]["precision"]["value"] == 0.0 and codes["hedged_attribution"]["agreement"] == 0.75
    assert codes["author_assertion"]["precision"] == {"value": None, "ci_low": None, "ci_high": None}
    pooled = codes["all"]
    assert [pooled[k] for k in pick] == [2, 1, 2, 4 * 9 - 5]
    assert pooled["precision"]["value"] == 0.6667 and pooled["recall"]["value"] == 0.5
    assert pooled["precision"]["ci_low"] is not None and pooled["precision"]["ci_high"] is not None
    markdown = report_markdown(report)
    assert "Verifier against the gold's reasons, per flag code (matched claims), over 4 matched claims" in markdown
    assert "| hedged_attribution | 0 | 1 | 0 | 3 | 0.750 | 0.000 |" in markdown


def test_agreement_leaves_out_codes_no_label_may_give() -> None:
    prediction = strike_prediction()
    prediction.claims[0].flags.append(flag("evidence_reassigned"))  # a repair, not a reason a claim needs a look
    report = build_report([strike_gold()], [strike_result(prediction)])
    assert "evidence_reassigned" in report.flags["codes"] and "evidence_reassigned" not in report.agreement["codes"]
    assert report.agreement["codes"]["all"]["verifier_only"] == 1  # hedged_attribution on the denial only

"""Scoring a hand-made prediction against hand-made gold: every number checked by hand."""

import pytest
from evalfixtures import analysis_gold, failed_analysis_result, strike_gold, strike_result

from extractor.evaluation.metrics import HEADLINE
from extractor.evaluation.prices import Price
from extractor.evaluation.report import EvalReport, build_report
from extractor.evaluation.writers import events_by_count_line


@pytest.fixture
def report() -> EvalReport:
    return build_report(
        [strike_gold(), analysis_gold()],
        [strike_result(), failed_analysis_result()],
        prices={"gpt-4o-mini": Price(input=1.0, output=2.0)},
    )


def test_identity_and_stable_keys(report: EvalReport) -> None:
    assert report.format == "extractor-eval/2"
    assert (report.model, report.prompt_hash, report.schema_hash) == ("gpt-4o-mini", "abc123abc123", "def456def456")
    assert list(report.headline) == list(HEADLINE)
    assert (report.n_articles, report.n_failed) == (2, 1)


def test_event_counts_and_field_accuracy(report: EvalReport) -> None:
    # one gold event matched (despite "Al Qaim", "US forces", "KH" spellings), one hallucinated clash
    events = report.events
    assert (events["gold"], events["predicted"], events["matched"]) == (1, 2, 1)
    assert (events["precision"], events["recall"], events["f1"]) == (0.5, 1.0, 0.6667)
    assert events["accuracy"]["fatalities"] == 0.0  # 5 predicted, 3 in gold
    assert events["accuracy"]["location"] == events["accuracy"]["perpetrators"] == events["accuracy"]["date"] == 1.0


def test_claim_counts_and_field_accuracy(report: EvalReport) -> None:
    # strike: 4 of 5 gold claims matched, 1 extra; the failed article misses its one claim
    claims = report.claims
    assert (claims["gold"], claims["predicted"], claims["matched"]) == (6, 5, 4)
    assert (claims["precision"], claims["recall"], claims["f1"]) == (0.8, 0.6667, 0.7273)
    assert claims["accuracy"] == {"claimant": 1.0, "claimant_text": 1.0, "kind": 0.75, "status": 1.0, "cue": 0.75}
    assert claims["claimant_resolved"] == 0.0  # the hand-made prediction was never verified


def test_flags_count_missed_gold_claims_against_recall(report: EvalReport) -> None:
    flags = report.flags
    # caught: casualty claim, Iran claim; false alarm: the denial; missed: the anonymous figure
    # (claim not extracted) and the author assertion (article failed)
    assert (flags["expected"], flags["caught"], flags["false_alarms"]) == (4, 2, 1)
    assert (flags["precision"], flags["recall"], flags["f1"]) == (0.6667, 0.5, 0.5714)
    assert flags["reason_recall"] == round(2 / 7, 4)
    assert flags["reasons"]["casualty_figure_disputed"] == {"expected": 2, "caught": 0, "recall": 0.0}
    assert flags["reasons"]["single_interested_source"] == {"expected": 1, "caught": 1, "recall": 1.0}
    assert flags["reasons"]["hedged_attribution"]["recall"] is None  # never expected


def test_calibration_on_matched_claims(report: EvalReport) -> None:
    calibration = report.calibration
    # (confidence, should_flag): (0.9, F) (0.4, T) (0.3, T) (0.6, F) -> flagged ones are least confident
    assert calibration["n"] == 4
    assert calibration["auroc"] == 1.0
    assert calibration["brier"] == pytest.approx((0.01 + 0.16 + 0.09 + 0.16) / 4)
    assert calibration["ece"] == pytest.approx((0.1 + 0.4 + 0.3 + 0.4) / 4)
    assert [row["n"] for row in calibration["reliability"]] == [0, 0, 0, 1, 1, 0, 1, 0, 0, 1]


def test_grounding_runtime_and_cost(report: EvalReport) -> None:
    grounding = report.grounding
    assert grounding["spans"] == 6
    assert (grounding["exact"], grounding["not_found"], grounding["grounded_rate"]) == (0.5, 0.1667, 0.8333)
    runtime = report.runtime
    assert runtime["schema_valid_rate"] == 0.5 and runtime["mean_attempts"] == 2.0
    assert (runtime["latency_p50_s"], runtime["latency_p95_s"]) == (3.0, 3.9)
    assert (runtime["tokens_in"], runtime["tokens_out"]) == (4000, 500)
    assert runtime["cost_usd"] == pytest.approx(4000 / 1e6 * 1.0 + 500 / 1e6 * 2.0)


def test_per_article_rows(report: EvalReport) -> None:
    strike, analysis = report.articles
    assert (strike.id, strike.claims_f1, strike.events_f1, strike.error) == ("g001", 0.8, 0.6667, None)
    assert (strike.flags_expected, strike.flags_caught, strike.flags_false) == (3, 2, 1)
    assert analysis.error and "validation" in analysis.error
    assert (analysis.claims_recall, analysis.attempts) == (0.0, 3)
    assert report.by_tag["no_event"]["claims_f1"] == 0.0


def test_perfect_prediction_and_missing_result() -> None:
    gold = strike_gold()
    from extractor.schemas.conflict import Claim, ConflictReport, Event

    perfect = ConflictReport(
        events=[Event(**e.model_dump(exclude={"evidence", "event_type"})) for e in gold.events],
        actors=[],
        claims=[
            Claim(**c.model_dump(exclude={"evidence", "should_flag", "reasons"}),
                  flags=[{"code": r, "message": r} for r in c.reasons] if c.should_flag else [],
                  confidence=0.2 if c.should_flag else 0.9)
            for c in gold.claims
        ],
    )  # fmt: skip
    report = build_report([gold], [strike_result(perfect)])
    assert report.headline["events_f1"] == report.headline["claims_f1"] == report.headline["flag_f1"] == 1.0
    assert report.headline["reason_recall"] == 1.0 and report.headline["auroc"] == 1.0
    assert report.claims["accuracy"] == {"claimant": 1.0, "claimant_text": 1.0, "kind": 1.0, "status": 1.0, "cue": 1.0}
    missing = build_report([gold], [])
    assert missing.n_failed == 1 and missing.articles[0].error == "no result for this article"
    assert missing.headline["claims_f1"] == 0.0 and missing.model == "unknown"


def test_local_backend_costs_nothing_and_unknown_model_has_no_cost() -> None:
    local = build_report([strike_gold()], [strike_result(backend="local", model="qwen2.5-coder-1.5b-instruct")])
    assert local.runtime["cost_usd"] == 0.0
    unknown = build_report([strike_gold()], [strike_result(model="some-new-model")], prices={})
    assert unknown.runtime["cost_usd"] is None


def test_flags_on_matched_claims_and_shares(report: EvalReport) -> None:
    # matched: CENTCOM's own strike (not flagged, needs none), the casualty figure and the Iran claim (flagged,
    # need one), Tehran's denial (flagged, gold says no): missed gold claims do not count here
    matched = report.flags["matched"]
    assert (matched["n"], matched["precision"], matched["recall"], matched["f1"]) == (4, 0.6667, 1.0, 0.8)
    assert (matched["flagged_share"], matched["gold_share"]) == (0.75, 0.5)


def test_precision_of_each_flag_code_raised(report: EvalReport) -> None:
    codes = report.flags["codes"]
    assert codes["single_interested_source"] == {
        "raised": 1, "right": 1, "precision": 1.0, "reason_right": 1, "reason_precision": 1.0, "support": 1,
    }  # fmt: skip
    assert codes["hedged_attribution"] == {  # on the denial, which needs no look: a noisy code shows
        "raised": 1, "right": 0, "precision": 0.0, "reason_right": 0, "reason_precision": 0.0, "support": 0,
    }  # fmt: skip
    # never raised but expected on a matched claim: listed with its support, precision undefined
    assert codes["state_involvement_unsupported"] == {
        "raised": 0, "right": 0, "precision": None, "reason_right": 0, "reason_precision": None, "support": 1,
    }  # fmt: skip
    assert set(codes) == {"casualty_figure_disputed", "casualty_figure_from_party", "hedged_attribution",
                          "single_interested_source", "state_involvement_unsupported"}  # fmt: skip


def test_numbers_per_split(report: EvalReport) -> None:
    dev, test = report.by_split["dev"], report.by_split["test"]
    assert (dev["n"], dev["claims_f1"], dev["claimant_accuracy"], dev["flag_precision"]) == (1, 0.8, 1.0, 0.6667)
    assert (test["n"], test["claims_f1"], test["claimant_accuracy"]) == (1, 0.0, None)  # failed: nothing matched


def test_event_recall_by_how_many_events_the_gold_gives_an_article(report: EvalReport) -> None:
    """The strike article (1 gold event, 1 matched, 1 invented) and the analysis piece (no gold event)."""
    by_count = report.events["by_gold_count"]
    assert list(by_count) == ["0", "1"]
    assert by_count["1"] == {"articles": 1, "precision": 0.5, "recall": 1.0, "f1": 0.6667, "gold": 1,
                             "predicted": 2, "matched": 1}  # fmt: skip
    assert (by_count["0"]["articles"], by_count["0"]["gold"], by_count["0"]["predicted"]) == (1, 0, 0)
    assert "1 (1 articles): recall 1.000, precision 0.500" in events_by_count_line(report)

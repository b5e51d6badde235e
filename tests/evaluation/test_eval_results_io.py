"""Saved results re-load exactly, so a run can be re-scored without the model."""

from pathlib import Path

import pytest
from evalfixtures import analysis_gold, failed_analysis_result, strike_gold, strike_result

from extractor.evaluation.report import build_report
from extractor.evaluation.results_io import load_results, save_results


def test_round_trip_rescores_identically(tmp_path: Path) -> None:
    results = [strike_result(), failed_analysis_result()]
    path = tmp_path / "out" / "results.jsonl"
    save_results(results, path)
    assert len(path.read_text().splitlines()) == 2
    loaded = load_results(path)
    assert [r.article_id for r in loaded] == ["g001", "g002"]
    assert loaded[0].report == results[0].report and loaded[1].error == results[1].error
    gold = [strike_gold(), analysis_gold()]
    first, second = build_report(gold, results), build_report(gold, loaded)
    assert first.model_dump(exclude={"created_at"}) == second.model_dump(exclude={"created_at"})


def test_single_indented_result_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(strike_result().model_dump_json(indent=2))
    assert [r.article_id for r in load_results(path)] == ["g001"]


def test_bad_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    path.write_text(strike_result().model_dump_json() + "\n" + '{"article_id": "g002"}\n')
    with pytest.raises(ValueError, match=r"results\.jsonl:2: meta: Field required"):
        load_results(path)
    with pytest.raises(ValueError, match="no such file"):
        load_results(tmp_path / "none.jsonl")


def test_results_from_an_older_verifier_are_verified_again_before_scoring(tmp_path: Path) -> None:
    from extractor import verification
    from extractor.eval_run import rescore

    old = strike_result()
    old = old.model_copy(update={"meta": old.meta.model_copy(update={"verifier": "verify/0"})})
    for claim in old.report.claims:
        claim.flags = []
        claim.confidence = None
    path = tmp_path / "results.jsonl"
    save_results([old], path)
    (scored,), _ = rescore([strike_gold()], path)
    assert scored.meta.verifier == verification.VERIFIER_VERSION
    assert all(claim.confidence is not None for claim in scored.report.claims)

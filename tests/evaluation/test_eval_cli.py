"""`extractor eval` end to end without a model: re-score saved results, write reports, gate, compare."""

import json
from pathlib import Path

import pytest
from evalfixtures import analysis_gold, failed_analysis_result, strike_gold, strike_result, write_gold_folder
from rich.console import Console
from typer.testing import CliRunner

from extractor.evaluation.metrics import HEADLINE
from extractor.evaluation.results_io import save_results

# The CLI imports the pipeline, which needs extractor.verify (skipped only while that package cannot be imported).
cli = pytest.importorskip("extractor.cli", reason="extractor.pipeline is not importable yet")
EXIT_BAD_INPUT, EXIT_OK, EXIT_PARTIAL, app = cli.EXIT_BAD_INPUT, cli.EXIT_OK, cli.EXIT_PARTIAL, cli.app

runner = CliRunner()
REPORT_KEYS = {
    "format", "created_at", "extractor_version", "model", "backend", "mode", "prompt", "prompt_hash", "schema_name",
    "schema_hash", "verifier", "split", "n_articles", "n_failed", "headline", "events", "claims", "flags",
    "calibration", "grounding", "runtime", "by_tag", "articles",
}  # fmt: skip
ROW_KEYS = {
    "id", "split", "tags", "events_precision", "events_recall", "events_f1", "claims_precision", "claims_recall",
    "claims_f1", "flags_expected", "flags_caught", "flags_false", "latency_s", "tokens_in", "tokens_out", "attempts",
    "error",
}  # fmt: skip


@pytest.fixture(autouse=True)
def wide_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    """Error messages unwrapped, so long temporary paths stay searchable."""
    monkeypatch.setattr(cli, "err", Console(stderr=True, width=1000))


@pytest.fixture
def setup(tmp_path: Path) -> dict[str, Path]:
    gold = write_gold_folder(tmp_path / "gold", [strike_gold(), analysis_gold()])
    results = tmp_path / "results.jsonl"
    save_results([strike_result(), failed_analysis_result()], results)
    return {"gold": gold, "results": results, "tmp": tmp_path}


def run(*args: str | Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["eval", *(str(a) for a in args)])


def flat(text: str) -> str:
    """Output with rich's line wrapping undone."""
    return " ".join(text.split())


def test_from_results_writes_a_report_with_stable_keys(setup: dict[str, Path]) -> None:
    out, md = setup["tmp"] / "report.json", setup["tmp"] / "summary.md"
    result = run("--gold", setup["gold"], "--from-results", setup["results"], "--json", out, "--markdown", md)
    assert result.exit_code == EXIT_OK, result.output
    report = json.loads(out.read_text())
    assert set(report) == REPORT_KEYS and report["format"] == "extractor-eval/1"
    assert list(report["headline"]) == list(HEADLINE)
    assert all(set(row) == ROW_KEYS for row in report["articles"])
    assert report["headline"]["claims_f1"] == 0.7273 and report["n_failed"] == 1
    assert "gpt-4o-mini" in result.output and "abc123abc123" in result.output  # the table on stdout
    summary = md.read_text()
    assert "abc123abc123" in summary and "def456def456" in summary and "Gate" not in summary


def test_split_selects_articles(setup: dict[str, Path]) -> None:
    out = setup["tmp"] / "dev.json"
    result = run("--gold", setup["gold"], "--split", "dev", "--from-results", setup["results"], "--json", out,
                 "--table", "none")  # fmt: skip
    assert result.exit_code == EXIT_OK, result.output
    report = json.loads(out.read_text())
    assert report["split"] == "dev" and [a["id"] for a in report["articles"]] == ["g001"]


def test_gate_fails_with_exit_1_naming_the_dropped_metric(setup: dict[str, Path]) -> None:
    baseline = setup["tmp"] / "baseline.json"
    assert run("--gold", setup["gold"], "--from-results", setup["results"], "--update-baseline", "--baseline",
               baseline, "--table", "none").exit_code == EXIT_OK  # fmt: skip
    assert json.loads(baseline.read_text())["format"] == "extractor-eval/1"
    passed = run("--gold", setup["gold"], "--from-results", setup["results"], "--baseline", baseline)
    assert passed.exit_code == EXIT_OK, passed.output
    data = json.loads(baseline.read_text())
    data["headline"]["claims_f1"] += 0.1
    data["headline"]["ece"] -= 0.05
    baseline.write_text(json.dumps(data))
    md = setup["tmp"] / "gate.md"
    failed = run("--gold", setup["gold"], "--from-results", setup["results"], "--baseline", baseline,
                 "--max-drop", "0.02", "--markdown", md, "--table", "none")  # fmt: skip
    assert failed.exit_code == EXIT_PARTIAL
    output = flat(failed.output)
    assert "claims_f1 dropped by 0.100 (0.827 → 0.727; allowed 0.020)" in output and "ece rose by 0.050" in output
    assert "flag_f1" not in output
    assert "**Gate: failed**" in md.read_text()
    loose = run("--gold", setup["gold"], "--from-results", setup["results"], "--baseline", baseline,
                "--max-drop", "0.2", "--table", "none")  # fmt: skip
    assert loose.exit_code == EXIT_OK


def test_compare_report_prints_side_by_side(setup: dict[str, Path]) -> None:
    old = setup["tmp"] / "old.json"
    assert run("--gold", setup["gold"], "--from-results", setup["results"], "--json", old,
               "--table", "none").exit_code == 0  # fmt: skip
    better = setup["tmp"] / "better.jsonl"
    save_results([strike_result(prompt_hash="fff000fff000")], better)  # g002 now has no result
    md = setup["tmp"] / "ab.md"
    result = run("--gold", setup["gold"], "--from-results", better, "--compare-report", old, "--markdown", md)
    assert result.exit_code == EXIT_OK, result.output
    assert "A vs B" in result.output and "Δ (B − A)" in result.output
    text = md.read_text()
    assert "### A vs B" in text and "abc123abc123" in text and "fff000fff000" in text
    assert "| g002 |" in text and "no result for this article" in text


def test_bad_gold_exits_2_naming_the_file(setup: dict[str, Path]) -> None:
    (setup["gold"] / "g002.txt").unlink()
    result = run("--gold", setup["gold"], "--from-results", setup["results"])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "g002.gold.json" in flat(result.output) and "g002.txt" in flat(result.output)


def test_bad_options_exit_2(setup: dict[str, Path]) -> None:
    base = ["--gold", setup["gold"], "--from-results", setup["results"]]
    assert run(*base, "--split", "train").exit_code == EXIT_BAD_INPUT
    assert run(*base, "--table", "html").exit_code == EXIT_BAD_INPUT
    combined = run(*base, "--compare-prompt", "other")
    assert combined.exit_code == EXIT_BAD_INPUT and "--compare-report" in flat(combined.output)
    both = run("--gold", setup["gold"], "--compare-prompt", "a", "--compare-model", "b")
    assert both.exit_code == EXIT_BAD_INPUT and "give one of" in flat(both.output)
    missing = run(*base, "--baseline", setup["tmp"] / "none.json")
    assert missing.exit_code == EXIT_BAD_INPUT and "none.json" in flat(missing.output)
    other = setup["tmp"] / "other.jsonl"
    save_results([strike_result().model_copy(update={"article_id": "zzz"})], other)
    unmatched = run("--gold", setup["gold"], "--from-results", other)
    assert unmatched.exit_code == EXIT_BAD_INPUT and "no saved result has the id" in flat(unmatched.output)


def test_help_has_examples_and_options() -> None:
    result = runner.invoke(app, ["eval", "--help"])
    assert result.exit_code == 0
    for option in ("--gold", "--split", "--from-results", "--baseline", "--max-drop", "--update-baseline",
                   "--compare-prompt", "--compare-model", "--markdown", "--json", "--results", "Examples"):  # fmt: skip
        assert option in result.output


def test_fit_weights_then_score_with_them(setup: dict[str, Path]) -> None:
    fitted, before, after = setup["tmp"] / "fitted.toml", setup["tmp"] / "before.json", setup["tmp"] / "after.json"
    base = ["--gold", setup["gold"], "--from-results", setup["results"], "--table", "none"]
    shipped = Path(cli.__file__).parent / "verification" / "weights.toml"  # given, so the saved claims are re-verified
    result = run(*base, "--json", before, "--weights", shipped, "--fit-weights", fitted)
    assert result.exit_code == EXIT_OK, result.output
    assert "confidence weights fitted on" in flat(result.output) and fitted.is_file()
    assert "matched claims" in fitted.read_text()
    assert run(*base, "--json", after, "--weights", fitted).exit_code == EXIT_OK
    brier = [json.loads(p.read_text())["calibration"]["brier"] for p in (before, after)]
    assert brier[1] < brier[0]  # scored again with the fitted weights, on the claims they were fitted to
    broken = setup["tmp"] / "broken.toml"
    broken.write_text("base = 0.5\n", encoding="utf-8")
    bad = run(*base, "--weights", broken)
    assert bad.exit_code == EXIT_BAD_INPUT and "broken.toml" in flat(bad.output) and "fix:" in flat(bad.output)

"""`extractor eval` end to end without a model: re-score saved results, write reports, gate, compare."""

import json
from pathlib import Path

import pytest
from evalfixtures import analysis_gold, failed_analysis_result, strike_gold, strike_result, write_gold_folder
from rich.console import Console
from typer.testing import CliRunner

import extractor
from extractor.evaluation.metrics import HEADLINE
from extractor.evaluation.results_io import save_results

# The CLI imports the pipeline, which needs extractor.verify (skipped only while that package cannot be imported).
cli = pytest.importorskip("extractor.cli", reason="extractor.pipeline is not importable yet")
EXIT_BAD_INPUT, EXIT_OK, EXIT_PARTIAL, app = cli.EXIT_BAD_INPUT, cli.EXIT_OK, cli.EXIT_PARTIAL, cli.app

runner = CliRunner()
REPORT_KEYS = {
    "format", "created_at", "extractor_version", "model", "backend", "mode", "prompt", "prompt_hash", "schema_name",
    "schema_hash", "verifier", "split", "n_articles", "n_failed", "headline", "events", "claims", "flags",
    "calibration", "grounding", "runtime", "by_tag", "by_split", "intervals", "agreement", "articles",
}  # fmt: skip
ROW_KEYS = {
    "id", "split", "tags", "events_precision", "events_recall", "events_f1", "claims_precision", "claims_recall",
    "claims_f1", "flags_expected", "flags_caught", "flags_false", "latency_s", "tokens_in", "tokens_out", "attempts",
    "error", "counts",
}  # fmt: skip


@pytest.fixture(autouse=True)
def wide_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    """Error messages unwrapped, so long temporary paths stay searchable."""
    monkeypatch.setattr(cli.common, "err", Console(stderr=True, width=1000))


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
    assert set(report) == REPORT_KEYS and report["format"] == "extractor-eval/2"
    assert list(report["headline"]) == list(HEADLINE)
    assert all(set(row) == ROW_KEYS for row in report["articles"])
    assert report["headline"]["claims_f1"] == 0.7273 and report["n_failed"] == 1
    claims = report["intervals"]["headline"]["claims_f1"]
    assert set(claims) == {"value", "ci_low", "ci_high"} and claims["ci_low"] <= 0.7273 <= claims["ci_high"]
    assert report["intervals"]["small_set"] is True and report["intervals"]["resamples"] == 2000
    assert "gpt-4o-mini" in result.output and "abc123abc123" in result.output  # the table on stdout
    assert "95 % interval" in result.output and "a small set: 2 article(s)" in flat(result.output)
    summary = md.read_text()
    assert "abc123abc123" in summary and "def456def456" in summary and "Gate" not in summary
    assert "95 % interval" in summary and "Verifier against the gold's reasons" in summary


def test_resamples_option_sets_or_drops_the_intervals(setup: dict[str, Path]) -> None:
    out = setup["tmp"] / "report.json"
    score = ["eval", "score", str(setup["results"]), "--gold", str(setup["gold"]), "--json", str(out)]
    assert runner.invoke(app, [*score, "--table", "none", "--resamples", "50"]).exit_code == EXIT_OK
    assert json.loads(out.read_text())["intervals"]["resamples"] == 50
    assert runner.invoke(app, [*score, "--table", "none", "--resamples", "0"]).exit_code == EXIT_OK
    report = json.loads(out.read_text())
    assert report["intervals"] is None and report["agreement"]["codes"]  # the agreement counts stay


def test_split_selects_articles(setup: dict[str, Path]) -> None:
    out = setup["tmp"] / "dev.json"
    result = run("--gold", setup["gold"], "--split", "dev", "--from-results", setup["results"], "--json", out,
                 "--table", "none")  # fmt: skip
    assert result.exit_code == EXIT_OK, result.output
    report = json.loads(out.read_text())
    assert report["split"] == "dev" and [a["id"] for a in report["articles"]] == ["g001"]


def test_gate_fails_with_exit_1_naming_the_dropped_metric(setup: dict[str, Path]) -> None:
    """An old baseline (format 1: no per-article counts) is still read: the gate compares unpaired, says so, and
    fails a drop beyond the max drop whose interval excludes 0."""
    baseline = setup["tmp"] / "baseline.json"
    assert run("--gold", setup["gold"], "--from-results", setup["results"], "--update-baseline", "--baseline",
               baseline, "--table", "none").exit_code == EXIT_OK  # fmt: skip
    assert json.loads(baseline.read_text())["format"] == "extractor-eval/2"
    passed = run("--gold", setup["gold"], "--from-results", setup["results"], "--baseline", baseline)
    assert passed.exit_code == EXIT_OK, passed.output
    assert "paired bootstrap over the 2 article(s)" in flat(passed.output)
    assert "claims_f1 did not get worse (0.727 → 0.727; 95 % interval [+0.000, +0.000] (paired)): passes" in flat(
        passed.output
    )
    data = json.loads(baseline.read_text())
    data["format"] = "extractor-eval/1"
    for key in ("intervals", "agreement"):
        data.pop(key)
    for row in data["articles"]:
        row.pop("counts")
    data["headline"]["claims_f1"] += 0.5
    data["headline"]["ece"] -= 0.05
    baseline.write_text(json.dumps(data))
    md = setup["tmp"] / "gate.md"
    failed = run("--gold", setup["gold"], "--from-results", setup["results"], "--baseline", baseline,
                 "--max-drop", "0.02", "--markdown", md, "--table", "none")  # fmt: skip
    assert failed.exit_code == EXIT_PARTIAL
    output = flat(failed.output)
    assert "the baseline (extractor-eval/1) keeps no per-article counts" in output and "unpaired" in output
    assert "claims_f1 dropped by 0.500 (1.227 → 0.727; 95 % interval" in output
    assert "ece rose by 0.050" in output and "passes, the interval includes 0 (noise)" in output
    assert "flag_f1 did not get worse" in output
    summary = md.read_text()
    assert "**Gate: failed**" in summary and "- claims_f1 dropped by 0.500" in summary
    assert "- flag_f1 did not get worse" in summary  # every gated metric is listed, passed or not
    loose = run("--gold", setup["gold"], "--from-results", setup["results"], "--baseline", baseline,
                "--max-drop", "0.6", "--table", "none")  # fmt: skip
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
    for text in ("run", "score", "fit-weights", "compare", "Examples", "--from-results", "deprecated"):
        assert text in result.output
    options = {
        "run": ("--gold", "--split", "--base-url", "--model-path", "--results", "--baseline", "--max-drop", "--json"),
        "score": (
            "RESULTS",
            "--gold",
            "--baseline",
            "--max-drop",
            "--update-baseline",
            "--markdown",
            "--json",
            "--resamples",
        ),
        "fit-weights": ("--out", "RESULTS", "--split", "--weights", "--base-url", "--strength"),
        "compare": ("--report-a", "--prompt-b", "--model-b", "--prompt", "--model", "--markdown", "--resamples"),
    }
    for command, names in options.items():
        help_text = runner.invoke(app, ["eval", command, "--help"], env={"COLUMNS": "200"}).output
        assert all(name in help_text for name in names), (command, help_text)


def test_fit_weights_then_score_with_them(setup: dict[str, Path]) -> None:
    fitted, before, after = setup["tmp"] / "fitted.toml", setup["tmp"] / "before.json", setup["tmp"] / "after.json"
    base = ["--gold", setup["gold"], "--from-results", setup["results"], "--table", "none"]
    shipped = Path(extractor.__file__).parent / "verification" / "weights.toml"  # given: saved claims re-verified
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


def test_new_spellings_score_fit_and_compare(setup: dict[str, Path]) -> None:
    gold, saved, tmp = ["--gold", str(setup["gold"])], str(setup["results"]), setup["tmp"]
    scored = runner.invoke(app, ["eval", "score", saved, *gold, "--json", str(tmp / "a.json"), "--table", "none"])
    assert scored.exit_code == EXIT_OK, scored.output
    assert json.loads((tmp / "a.json").read_text())["headline"]["claims_f1"] == 0.7273
    assert "deprecated" not in scored.output
    fitted = tmp / "w.toml"
    fit = runner.invoke(app, ["eval", "fit-weights", saved, *gold, "--out", str(fitted), "--table", "none"])
    assert fit.exit_code == EXIT_OK, fit.output
    assert "confidence weights fitted on" in flat(fit.output) and fitted.is_file()
    assert "chosen by 5-fold cross-validation" in flat(fit.output)  # no --strength: cross-validation picks it
    fixed = runner.invoke(app, ["eval", "fit-weights", saved, *gold, "--out", str(fitted), "--strength", "7"])
    assert fixed.exit_code == EXIT_OK and "(strength 7)" in flat(fixed.output), fixed.output
    assert "cross-validation" not in flat(fixed.output) and "strength 7" in fitted.read_text()
    compared = runner.invoke(app, ["eval", "compare", saved, *gold, "--report-a", str(tmp / "a.json")])
    assert compared.exit_code == EXIT_OK, compared.output
    assert "A vs B" in compared.output
    neither = runner.invoke(app, ["eval", "compare", saved, *gold])
    assert neither.exit_code == EXIT_BAD_INPUT and "give one of --report-a, --prompt-b, --model-b" in flat(
        neither.output
    )


def test_old_spellings_warn_on_stderr_and_name_the_new_command(setup: dict[str, Path]) -> None:
    result = run("--gold", setup["gold"], "--from-results", setup["results"], "--table", "none")
    assert result.exit_code == EXIT_OK, result.output
    warning = flat(result.stderr)
    assert "deprecated" in warning and f"use: extractor eval score {setup['results']} --gold {setup['gold']}" in warning
    assert "deprecated" not in result.stdout


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (["--split", "dev"], ["run", "--split", "dev"]),
        (["-v", "--results", "r.jsonl"], ["run", "-v", "--results", "r.jsonl"]),
        (["--from-results=r.jsonl", "--gold", "g"], ["score", "r.jsonl", "--gold", "g"]),
        (["--from-results", "r.jsonl", "--fit-weights", "w.toml"], ["fit-weights", "r.jsonl", "--out", "w.toml"]),
        (["--split", "dev", "--fit-weights", "w.toml"], ["fit-weights", "--out", "w.toml", "--split", "dev"]),
        (["--compare-prompt", "p.j2", "--split", "dev"], ["compare", "--prompt-b", "p.j2", "--split", "dev"]),
        (["--compare-model", "m"], ["compare", "--model-b", "m"]),
        (["--from-results", "b.jsonl", "--compare-report", "a.json"], ["compare", "b.jsonl", "--report-a", "a.json"]),
    ],
)
def test_old_flags_map_to_subcommands(old: list[str], new: list[str]) -> None:
    from extractor.cli.eval_legacy import modern_args

    assert modern_args(old) == new


def test_old_split_only_spelling_still_runs_the_model(setup: dict[str, Path]) -> None:
    unreachable = ["--base-url", "http://127.0.0.1:9/v1", "--max-retries", "0", "--table", "none"]
    result = run("--gold", setup["gold"], "--split", "dev", *unreachable)
    assert result.exit_code == cli.EXIT_BACKEND  # it ran (and could not reach the server)
    assert "use: extractor eval run --gold" in flat(result.stderr)

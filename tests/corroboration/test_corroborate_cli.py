"""``extractor corroborate`` and ``extractor eval corroboration``: formats, --gold and --split, the baseline
gate, --ledger, bad input (their own small app, so other commands' work in progress cannot break these tests)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from extractor.cli.corroborate_command import corroborate_command
from extractor.cli.corroboration_eval import eval_corroboration_command
from extractor.corroboration import corroborate
from extractor.evaluation.results_io import load_results

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "eval" / "corroboration" / "analyst_results.jsonl"
GOLD = ROOT / "eval" / "corroboration" / "gold.json"

app = typer.Typer()
app.command("corroborate")(corroborate_command)
app.command("eval-corroboration")(eval_corroboration_command)
runner = CliRunner()
GROUPS = len(corroborate(load_results(RESULTS)).groups)  # dev and held-out stories in one ledger


def run(*args: str):
    return runner.invoke(app, ["corroborate", *args])


def test_jsonl_to_a_file(tmp_path):
    out = tmp_path / "ledger.jsonl"
    result = run(str(RESULTS), "-o", str(out))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["type"] for r in records} == {"claim_group", "event"}
    assert sum(r["type"] == "claim_group" for r in records) == GROUPS


def test_csv_and_table():
    result = run(str(RESULTS), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == GROUPS and {r["status"] for r in rows} == {
        "single_origin", "independently_corroborated", "contested"
    }  # fmt: skip
    table = run(str(RESULTS), "--format", "table")
    assert table.exit_code == 0 and "contested" in table.stdout and "near-copies" in table.stdout


def test_gold_prints_the_metrics_per_split():
    result = run("--gold", str(GOLD))
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert list(metrics) == ["dev", "heldout"]
    assert metrics["dev"]["f1"] >= 0.95 and metrics["dev"]["status_accuracy"] == 1.0
    assert metrics["heldout"]["claims"] == metrics["heldout"]["aligned_claims"] == 48
    heldout = run(str(RESULTS), "--gold", str(GOLD), "--split", "heldout")
    assert heldout.exit_code == 0, heldout.output
    assert json.loads(heldout.stdout) == {"heldout": metrics["heldout"]}
    assert run("--gold", str(GOLD), "--split", "test").exit_code == 2
    assert run("--gold", str(GOLD), "--ledger", "x.db").exit_code == 2


def evaluate(*args: str):
    return runner.invoke(app, ["eval-corroboration", "--gold", str(GOLD), *args])


def test_eval_corroboration_table_and_json(tmp_path):
    result = evaluate("--json", str(tmp_path / "scores.json"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["split", "claims", "aligned", "P", "R", "F1", "origins", "status"]
    assert [line.split()[0] for line in lines[1:]] == ["dev", "heldout"]
    assert lines[1].split()[1:6] == ["52", "52", "1.000", "1.000", "1.000"]
    saved = json.loads((tmp_path / "scores.json").read_text())
    assert set(saved) == {"dev", "heldout"} and "misses" in saved["heldout"]


def test_eval_corroboration_gate(tmp_path):
    baseline = tmp_path / "baseline.json"
    assert evaluate("--update-baseline").exit_code == 2  # needs --baseline
    assert evaluate("--baseline", str(baseline), "--update-baseline").exit_code == 0
    assert set(json.loads(baseline.read_text())["splits"]) == {"dev", "heldout"}
    passed = evaluate("--baseline", str(baseline))
    assert passed.exit_code == 0, passed.output
    data = json.loads(baseline.read_text())
    data["splits"]["heldout"]["f1"] = 0.99
    baseline.write_text(json.dumps(data))
    failed = evaluate("--baseline", str(baseline))
    assert failed.exit_code == 1 and "heldout f1" in failed.output
    assert evaluate("--split", "dev", "--baseline", str(baseline)).exit_code == 0  # gates the splits it scored
    baseline.write_text("[]")
    assert evaluate("--baseline", str(baseline)).exit_code == 2


def test_incremental_ledger_matches_one_run(tmp_path):
    lines = RESULTS.read_text().splitlines()
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("\n".join(lines[:6]) + "\n")
    second.write_text("\n".join(lines[6:]) + "\n")
    db = tmp_path / "ledger.db"
    assert run(str(first), "--ledger", str(db), "-f", "jsonl").exit_code == 0
    added = run(str(second), "--ledger", str(db), "-f", "jsonl")
    assert added.exit_code == 0, added.output
    assert added.stdout == run(str(RESULTS), "-f", "jsonl").stdout


def test_bad_input_exits_2(tmp_path):
    assert run(str(RESULTS), "--format", "xml").exit_code == 2
    assert run(str(tmp_path / "missing.jsonl")).exit_code == 2
    assert run().exit_code == 2
    bad = tmp_path / "outlets.json"
    bad.write_text("[1, 2]")
    assert run(str(RESULTS), "--outlets", str(bad)).exit_code == 2
    assert run(str(RESULTS), "--scorer", "cosine").exit_code == 2

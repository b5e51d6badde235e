"""``extractor corroborate``: formats, --gold, --ledger, bad input (its own small app, so other commands'
work in progress cannot break these tests)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from extractor.cli.corroborate_command import corroborate_command

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "eval" / "corroboration" / "analyst_results.jsonl"
GOLD = ROOT / "eval" / "corroboration" / "gold.json"

app = typer.Typer()
app.command("corroborate")(corroborate_command)
app.command("noop")(lambda: None)  # two commands: typer keeps "corroborate" a subcommand
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["corroborate", *args])


def test_jsonl_to_a_file(tmp_path):
    out = tmp_path / "ledger.jsonl"
    result = run(str(RESULTS), "-o", str(out))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["type"] for r in records} == {"claim_group", "event"}
    assert sum(r["type"] == "claim_group" for r in records) == 18


def test_csv_and_table():
    result = run(str(RESULTS), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 18 and {r["status"] for r in rows} == {
        "single_origin", "independently_corroborated", "contested"
    }  # fmt: skip
    table = run(str(RESULTS), "--format", "table")
    assert table.exit_code == 0 and "contested" in table.stdout and "near-copies" in table.stdout


def test_gold_prints_the_metrics():
    result = run("--gold", str(GOLD))
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["f1"] >= 0.95 and metrics["status_accuracy"] == 1.0


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

"""The result tables in README.md and docs/ are the ones tools/readme_tables.py writes from the saved reports.

A stale table fails here: rewrite it with ``python tools/readme_tables.py``. The other tests pin down how the
script reads both report formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor.evaluation.report import build_report
from tests.conftest import ROOT
from tests.evaluation.evalfixtures import analysis_gold, failed_analysis_result, strike_gold, strike_result

sys.path.insert(0, str(ROOT / "tools"))
import doc_blocks
import readme_tables


def test_the_generated_tables_are_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "readme_tables.py"), "--check"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def format_2_report() -> dict[str, Any]:
    """A real format-2 report over two articles, one dev and one test (the test one failed)."""
    report = build_report([strike_gold(), analysis_gold()], [strike_result(), failed_analysis_result()])
    return json.loads(report.model_dump_json())


def format_1_report() -> dict[str, Any]:
    """The same report as format 1 writes it: no intervals, no per-article counts."""
    raw = format_2_report()
    raw["format"] = "extractor-eval/1"
    raw.pop("intervals")
    raw.pop("agreement")
    for row in raw["articles"]:
        row.pop("counts")
    return raw


def cells(lines: list[str], label: str) -> list[str]:
    row = next(line for line in lines if line.startswith(f"| {label} |"))
    return [cell.strip() for cell in row.strip("|").split("|")][1:]


def test_a_format_1_report_shows_its_values_and_a_dash_for_every_interval() -> None:
    raw = format_1_report()
    lines = readme_tables.results_block(raw, ROOT / "eval" / "baseline.json")
    assert "no intervals" in lines[0]
    dev, dev_ci, _test, test_ci, whole, whole_ci = cells(lines, "claims F1")
    assert dev == readme_tables.fmt(raw["by_split"]["dev"]["claims_f1"])
    assert whole == readme_tables.fmt(raw["headline"]["claims_f1"])
    assert dev_ci == test_ci == whole_ci == "–"
    assert cells(lines, "AUROC of 1 − confidence")[0] == "–"  # by_split of format 1 has no AUROC


def test_a_format_2_report_gives_each_split_the_interval_eval_score_split_would() -> None:
    raw = format_2_report()
    lines = readme_tables.results_full_block(raw, ROOT / "eval" / "baseline.json")
    dev_alone = build_report([strike_gold()], [strike_result()], split="dev").intervals
    assert dev_alone is not None
    for name, label in (("claims_f1", "claims F1"), ("events_f1", "events F1")):
        interval = dev_alone.headline[name]
        dev, dev_ci = cells(lines, label)[:2]
        assert dev == readme_tables.fmt(interval.value)
        assert dev_ci == readme_tables.bounds(interval.model_dump())
    whole = raw["intervals"]["headline"]["claims_f1"]
    assert cells(lines, "claims F1")[-1] == readme_tables.bounds(whole)
    assert "95 % intervals: bootstrap over articles" in lines[0]


def test_a_report_without_by_split_has_only_its_own_column() -> None:
    raw = format_1_report()
    raw["by_split"] = {}
    lines = readme_tables.results_block(raw, ROOT / "eval" / "baseline.json")
    header = next(line for line in lines if line.startswith("| metric |"))
    assert header.count("95 % interval") == 1 and "all (2 articles)" in header


def test_check_names_a_stale_block_and_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.md"
    page.write_text("intro\n<!-- results:start -->\nold table\n<!-- results:end -->\nafter\n", encoding="utf-8")
    block = doc_blocks.Block(page, "results", lambda: ["new table"], "report.json", "python tools/readme_tables.py")
    assert doc_blocks.run([block], check=True) == 1
    assert "old table" in page.read_text(encoding="utf-8")
    assert "does not match report.json" in capsys.readouterr().out
    assert doc_blocks.run([block], check=False) == 0
    assert page.read_text(encoding="utf-8") == "intro\n<!-- results:start -->\nnew table\n<!-- results:end -->\nafter\n"
    assert doc_blocks.run([block], check=True) == 0


def test_missing_markers_are_stale(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("no markers here\n", encoding="utf-8")
    block = doc_blocks.Block(page, "results", lambda: ["x"], "report.json", "python tools/readme_tables.py")
    assert doc_blocks.run([block], check=False) == 1
    assert page.read_text(encoding="utf-8") == "no markers here\n"

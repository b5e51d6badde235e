"""CLI parsing, output and exit codes that need no model."""

import json
from pathlib import Path

from typer.testing import CliRunner

from extractor.cli import EXIT_BACKEND, EXIT_BAD_INPUT, app

runner = CliRunner()
DATA = Path(__file__).parent / "data"


def test_help_lists_commands_with_examples() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("extract", "eval", "verify", "schema", "serve", "show", "model"):
        assert command in result.output
    extract_help = runner.invoke(app, ["extract", "--help"])
    assert "Examples" in extract_help.output and "--base-url" in extract_help.output


def test_schema_prints_json_schema_without_pipeline_fields() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert set(schema["properties"]) == {"events", "actors", "claims"}
    assert "confidence" not in schema["$defs"]["Claim"]["properties"]


def test_schema_accepts_a_user_model() -> None:
    result = runner.invoke(app, ["schema", "--schema", f"{DATA / 'user_schema.py'}:StrikeReport"])
    assert result.exit_code == 0
    assert "strikes" in json.loads(result.output)["properties"]


def test_missing_file_exits_2_and_names_it() -> None:
    result = runner.invoke(app, ["extract", "no/such/article.txt"])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "no/such/article.txt" in result.output and "nothing was run" in result.output


def test_bad_jsonl_record_exits_2_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"id": "a", "text": "Fine."}\n{"id": "b"}\n')
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == EXIT_BAD_INPUT
    assert f"{path}:2" in result.output and "'text'" in result.output


def test_unknown_format_and_bad_date_exit_2() -> None:
    assert runner.invoke(app, ["extract", str(DATA / "short_article.txt"), "--format", "xml"]).exit_code == 2
    result = runner.invoke(app, ["extract", str(DATA / "short_article.txt"), "--published", "yesterday"])
    assert result.exit_code == EXIT_BAD_INPUT and "YYYY-MM-DD" in result.output


def test_unreachable_server_fails_with_exit_3_and_still_writes_the_result(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = runner.invoke(
        app,
        ["extract", str(DATA / "short_article.txt"), "--base-url", "http://127.0.0.1:9/v1", "--max-retries", "0",
         "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == EXIT_BACKEND
    saved = json.loads(out.read_text())
    assert saved["report"] is None and "127.0.0.1:9" in saved["error"]
    assert saved["meta"]["attempts"] and saved["meta"]["attempts"][0]["ok"] is False

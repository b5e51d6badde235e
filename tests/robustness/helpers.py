"""Shared by the robustness tests: running the CLI against the stand-in server (tests/standin_server.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result as CliResult
from typer.testing import CliRunner

from extractor.backends.openai_compat import OpenAICompatBackend
from extractor.cli import app

GOOD = "Three rockets struck near the air base in Erbil on Monday evening, officials said."
FAULTY_MARK = "FAULTY-ARTICLE"
FAULTY = f"{FAULTY_MARK}: two drones were shot down over the port on Tuesday, the army said."


def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Transport retries without the real backoff (the count and the recording stay the same)."""
    monkeypatch.setattr(OpenAICompatBackend, "retry_base_delay", 0.01)
    monkeypatch.setattr(OpenAICompatBackend, "retry_max_delay", 1.0)


def jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def run_cli(args: list[str], stdin: str | bytes | None = None, env: dict[str, str] | None = None) -> CliResult:
    base_env = {"OPENAI_API_KEY": "", "OPENAI_BASE_URL": "", "EXTRACTOR_MODEL": ""}
    return CliRunner().invoke(app, args, input=stdin, env={**base_env, **(env or {})})


def stderr_of(result: CliResult) -> str:
    try:
        return result.stderr
    except ValueError:
        return result.output


def assert_no_traceback(result: CliResult) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


def read_results(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

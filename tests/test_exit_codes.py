"""Exit codes follow the cause: 3 when nothing answered, 4 when the model answered but never validly."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.cli.exit_codes import DOC_PATH, GENERATOR, error_classes, markdown
from extractor.cli.options import BackendChoice
from extractor.errors import EXIT_CODES, BackendUnavailable, BadInput, InsideEventLoop, NoValidAnswer, ServerUnreachable
from extractor.results import Attempt
from tests.conftest import ROOT

SHORT = ROOT / "tests" / "data" / "short_article.txt"


class FailingBackend:
    """A backend that fails every call the given way (no model: the cause is what is under test)."""

    name, model, mode, base_url = "openai", "m", "json", "http://127.0.0.1:9/v1"

    def __init__(self, error: type[Exception]) -> None:
        self.error = error

    async def complete(self, *_args: Any, **_kwargs: Any) -> Any:
        raise self.error("it failed", [Attempt(number=1, ok=False, error="it failed")])

    async def aclose(self) -> None:
        pass


@pytest.mark.parametrize(
    ("error", "code", "kind"), [(NoValidAnswer, 4, "invalid_answer"), (ServerUnreachable, 3, "unreachable")]
)
def test_every_article_failing_exits_with_its_cause(
    error: type[Exception], code: int, kind: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(BackendChoice, "make", lambda self: FailingBackend(error))
    out = tmp_path / "r.jsonl"
    result = CliRunner().invoke(app, ["extract", str(SHORT), "--format", "jsonl", "--out", str(out)])
    assert result.exit_code == code, result.output
    assert json.loads(out.read_text())["error_kind"] == kind


def test_eval_exits_by_cause_like_extract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(BackendChoice, "make", lambda self: FailingBackend(NoValidAnswer))
    gold = ROOT / "eval" / "gold" / "g001.gold.json"
    result = CliRunner().invoke(app, ["eval", "run", "--gold", str(gold), "--table", "none"])
    assert result.exit_code == 4, result.output


def test_an_error_raised_on_purpose_exits_with_its_code_and_prints_its_message_as_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unavailable(self: BackendChoice) -> Any:
        raise BackendUnavailable("no server at [bold]http://127.0.0.1:9[/bold]")

    monkeypatch.setattr(BackendChoice, "make", unavailable)
    result = CliRunner().invoke(app, ["extract", str(SHORT)])
    assert result.exit_code == 3, result.output
    assert "error: no server at [bold]http://127.0.0.1:9[/bold]" in result.stderr  # markup shown, not applied


@pytest.mark.parametrize("verbose", [False, True])
def test_anything_else_is_reported_as_a_bug_in_one_line(verbose: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: BackendChoice) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(BackendChoice, "make", broken)
    result = CliRunner().invoke(app, ["extract", str(SHORT), *(["-v"] if verbose else [])])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "internal error: ZeroDivisionError: division by zero" in result.stderr
    assert "please report it" in result.stderr and "-v prints the traceback" in result.stderr
    assert ("Traceback" in result.stderr) is verbose


ERRORS_FROM_FILES = ["GoldError", "PolicyError", "WeightsError", "PriceError", "ReportError", "BatchFileError",
                     "SchemaError", "PromptError", "ResultsError", "FileMissing"]  # fmt: skip


@pytest.mark.parametrize("name", ERRORS_FROM_FILES)
def test_every_bad_file_error_is_bad_input_and_still_a_value_error(name: str) -> None:
    cls = {c.__name__: c for c in error_classes()}[name]
    assert issubclass(cls, BadInput) and issubclass(cls, ValueError) and cls.exit_code == 2


def test_the_engine_failing_to_start_is_backend_unavailable() -> None:
    from extractor.backends.engine.server import EngineServer

    with pytest.raises(BackendUnavailable, match="not started"):
        _ = EngineServer().base_url


def test_a_sync_call_inside_an_event_loop_is_an_extractor_error() -> None:
    from extractor.pipeline import Extractor

    async def inside() -> None:
        with pytest.raises(InsideEventLoop, match="await aextract"):
            Extractor(FailingBackend(NoValidAnswer)).extract("Text.")  # type: ignore[arg-type]

    asyncio.run(inside())


def test_help_prints_the_exit_code_table() -> None:
    text = " ".join(CliRunner().invoke(app, ["--help"], env={"COLUMNS": "300"}).output.split())
    for row in EXIT_CODES:
        assert f"{row.code} {row.meaning}" in text


def test_the_exit_codes_page_is_current() -> None:
    page = (ROOT / DOC_PATH).read_text(encoding="utf-8")
    assert page == markdown(), f"{DOC_PATH} is stale: run python {GENERATOR}"

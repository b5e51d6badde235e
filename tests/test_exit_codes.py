"""Exit codes follow the cause: 3 when nothing answered, 4 when the model answered but never validly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.cli.options import BackendChoice
from extractor.errors import NoValidAnswer, ServerUnreachable
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

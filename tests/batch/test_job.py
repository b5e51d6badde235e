"""``extractor.batch.run``, the library call behind ``extractor extract``: usable without the CLI, with the same
resume, exit codes and messages; and ``ModelRun.options``, the one place the CLI builds pipeline Options."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from extractor import batch
from extractor.articles import Article
from extractor.backends.base import Completion
from extractor.cli.options import ModelRun
from extractor.errors import BadInput, NoValidAnswer, ServerUnreachable
from extractor.pipeline import Extractor, Options
from extractor.results import Attempt

TEXT = "Three rockets struck near the air base in Erbil on Monday evening, officials said."


class StubBackend:
    """Empty reports for every article, or a failure of the given kind for the ids in ``failing``."""

    name, model, mode, base_url = "openai", "stub", "json", "http://127.0.0.1:9/v1"

    def __init__(self, failing: dict[str, type[Exception]] | None = None) -> None:
        self.failing = failing or {}
        self.asked = 0
        self.closed = 0

    async def complete(self, messages: list[dict[str, str]], response_model: type[Any], **_: Any) -> Completion[Any]:
        self.asked += 1
        for mark, error in self.failing.items():
            if mark in messages[-1]["content"]:
                raise error("it failed", [Attempt(number=1, ok=False, error="it failed")])
        return Completion(response_model.model_validate({"events": [], "actors": [], "claims": []}))

    async def aclose(self) -> None:
        self.closed += 1


def articles(*ids: str) -> list[Article]:
    return [Article(id=i, text=f"{i.upper()}: {TEXT}") for i in ids]


def extractor(backend: StubBackend) -> Extractor[Any]:
    return Extractor(backend, options=Options(event_pass=False))


QUIET = batch.BatchOptions(cache=False, runlog=False)


def test_a_library_run_writes_resumes_and_closes(tmp_path: Path) -> None:
    out, said = tmp_path / "r.jsonl", []
    backend = StubBackend()
    first = batch.run(extractor(backend), articles("a", "b"), out, QUIET, say=lambda *line: said.append(line))
    assert (first.total, first.ran, first.failures, first.exit_code) == (2, 2, [], 0)
    assert {json.loads(line)["article_id"] for line in out.read_text().splitlines()} == {"a", "b"}
    assert backend.closed == 1
    again = batch.run(extractor(backend), articles("a", "b", "c"), out, QUIET, say=lambda *line: said.append(line))
    assert (again.total, again.ran) == (3, 1) and backend.asked == 3  # only c asked
    assert any(label == "resuming:" and "2 of 3 already in" in text for label, text, _ in said)
    assert len(out.read_text().splitlines()) == 3


@pytest.mark.parametrize(("failing", "code"), [({"A": NoValidAnswer, "B": NoValidAnswer}, 4),
                                               ({"A": ServerUnreachable, "B": NoValidAnswer}, 3),
                                               ({"A": NoValidAnswer}, 1)])  # fmt: skip
def test_the_outcome_carries_the_exit_code_of_its_cause(failing: dict[str, type[Exception]], code: int) -> None:
    stream = io.StringIO()
    outcome = batch.run(extractor(StubBackend(failing)), articles("a", "b"), options=QUIET, stream=stream,
                        say=lambda *_: None)  # fmt: skip
    assert outcome.exit_code == code and len(stream.getvalue().splitlines()) == 2
    assert "failed" in (outcome.failure_message() or "")


def test_bad_options_and_outputs_are_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="--format 'xml'"):
        batch.BatchOptions(fmt="xml")
    with pytest.raises(BadInput, match="is a folder"):
        batch.run(extractor(StubBackend()), articles("a"), tmp_path, QUIET)
    source = tmp_path / "in.jsonl"
    source.write_text("{}\n")
    with pytest.raises(BadInput, match="also an input"):
        batch.run(extractor(StubBackend()), articles("a"), source, batch.BatchOptions(inputs=(str(source),)))


def test_one_builder_turns_the_cli_choices_into_pipeline_options() -> None:
    options = ModelRun(no_verify=True, no_event_pass=True, max_retries=5).options(samples=2, policy=None)
    assert options == Options(verify=False, event_pass=False, max_retries=5, samples=2)
    built = ModelRun(prompt="extract").extractor(StubBackend(), Extractor(StubBackend()).schema, weights=None)
    assert built.options == Options() and built.prompt.name == "extract"

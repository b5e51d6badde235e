"""show/verify/schema on unusable files: the documented exit code and one line, never a traceback or silence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.pipeline import text_sha256
from extractor.results import Result, ResultMeta
from extractor.schemas.conflict import ConflictReport, Event
from extractor.verification import check
from tests.robustness.helpers import GOOD, assert_no_traceback, run_cli, stderr_of

UNUSABLE = {"empty": "", "null": "null", "deep": "[" * 100_000 + "]" * 100_000, "number": "3", "binary": None}


@pytest.mark.parametrize("command", ["show", "verify"])
@pytest.mark.parametrize("content", sorted(UNUSABLE))
def test_unusable_result_files_exit_2_with_a_reason(command: str, content: str, tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    if UNUSABLE[content] is None:
        path.write_bytes(b"\xff\xfe\x00garbage")
    else:
        path.write_text(UNUSABLE[content], encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    args = [command, str(path)] + (["--text", str(article)] if command == "verify" else [])
    result = run_cli(args)
    assert_no_traceback(result)
    assert result.exit_code == 2, result.output
    assert str(path) in stderr_of(result)


def test_a_schema_file_that_raises_on_import_is_bad_input(tmp_path: Path) -> None:
    schema = tmp_path / "boom.py"
    schema.write_text("raise RuntimeError('boom at import')\n", encoding="utf-8")
    for args in (["schema", "--schema", f"{schema}:X"], ["extract", "-", "--schema", f"{schema}:X"]):
        result = run_cli(args, stdin=GOOD)
        assert_no_traceback(result)
        assert result.exit_code == 2 and "boom at import" in stderr_of(result)


def _meta(**fields: object) -> ResultMeta:
    return ResultMeta(
        extractor_version="t", backend="openai", model="m", mode="json", prompt="p", prompt_hash="h",
        schema_name="ConflictReport", schema_hash="h", segmenter="s", temperature=0.0, **fields,
    )  # fmt: skip


def test_verify_refuses_another_article_unless_forced(tmp_path: Path) -> None:
    article, other = tmp_path / "a.txt", tmp_path / "other.txt"
    article.write_text(GOOD, encoding="utf-8")
    other.write_text("Completely unrelated text about the weather in spring.", encoding="utf-8")
    saved = Result[ConflictReport](
        article_id="a",
        report=ConflictReport(events=[], actors=[], claims=[]),
        meta=_meta(text_sha256=text_sha256(GOOD)),
    )
    path = tmp_path / "r.json"
    path.write_text(saved.model_dump_json(), encoding="utf-8")
    assert run_cli(["verify", str(path), "--text", str(article)]).exit_code == 0
    refused = run_cli(["verify", str(path), "--text", str(other)])
    assert refused.exit_code == 2 and "--force" in stderr_of(refused) and str(other) in stderr_of(refused)
    assert run_cli(["verify", str(path), "--text", str(other), "--force"]).exit_code == 0


@pytest.mark.parametrize("field", ["fatalities", "injured"])
def test_a_negative_casualty_figure_is_flagged(field: str) -> None:
    event = Event.model_validate({"event_type": "Battles", "sub_event_type": "Armed clash", field: -5})
    report = ConflictReport(events=[event], actors=[], claims=[])
    checked = check(report, GOOD).report
    assert any("cannot be negative" in f.message for f in checked.events[0].flags)
    assert json.dumps(checked.model_dump(mode="json"))  # still a valid report

"""End-to-end extraction replayed from HTTP recorded off the real embedded model (llama_cpp.server, 127.0.0.1).

Re-record with `make record` after changing a prompt, the schema or the model; a stale
cassette never replays (requests are matched on their JSON body).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.articles import read_path
from extractor.backends.local import EMBEDDED_MODE
from extractor.backends.model_files import DEFAULT_MODEL_NAME
from extractor.backends.openai_compat import OpenAICompatBackend
from extractor.cli import app
from extractor.pipeline import Extractor, prompt_hash
from extractor.prompts import load_prompt
from extractor.schema_io import schema_hash
from extractor.schemas.conflict import ConflictReport
from extractor.verification import load_policy
from tests.conftest import ROOT, assert_ok

pytestmark = pytest.mark.vcr
EXAMPLE = ROOT / "examples" / "article.txt"
SHORT = ROOT / "tests" / "data" / "short_article.txt"


def local_like_backend(base_url: str) -> OpenAICompatBackend:
    """What the embedded backend uses: the same model alias and instructor mode, over HTTP."""
    return OpenAICompatBackend(base_url=base_url, model=DEFAULT_MODEL_NAME, mode=EMBEDDED_MODE)


def extract_file(path: Path, base_url: str):
    article = next(read_path(path))
    with Extractor(local_like_backend(base_url)) as extractor:
        return article, extractor.extract(article)


def assert_grounded(report: ConflictReport, text: str) -> None:
    for item in [*report.events, *report.claims]:
        assert item.spans, f"no evidence for {item}"
        for span in item.spans:
            if span.char_start is not None:
                assert text[span.char_start : span.char_end] == span.text


def test_example_article(llm_base_url: str) -> None:
    article, result = extract_file(EXAMPLE, llm_base_url)
    assert_ok(result)
    report = result.report
    assert isinstance(report, ConflictReport)
    assert report.events and report.claims
    assert_grounded(report, article.text)
    meta = result.meta
    assert meta.prompt_hash == prompt_hash(load_prompt("extract"), load_policy(), load_prompt("events"))
    assert [a.step for a in meta.attempts if a.ok] == [None, "events"]  # the report, then the events pass
    assert meta.schema_hash == schema_hash(ConflictReport)
    assert meta.model == DEFAULT_MODEL_NAME and meta.mode == EMBEDDED_MODE
    assert meta.tokens_in > 500 and meta.tokens_out > 50
    assert meta.attempts and meta.attempts[-1].ok
    assert meta.verifier is not None
    strike = report.events[0]
    assert strike.date is not None and strike.date.startswith("2024-01-1")  # "Tuesday night" before 2024-01-17
    assert all(c.confidence is not None for c in report.claims)
    written = report.model_dump_json()
    assert "U.S." in article.text and "U.S." in written and "U. S." not in written  # no tokenisation artefact


def test_cli_table_on_recorded_answers(llm_base_url: str, tmp_path: Path) -> None:
    out = tmp_path / "short.json"
    runner = CliRunner()
    result = runner.invoke(
        app, ["extract", str(SHORT), "--base-url", llm_base_url, "--model", DEFAULT_MODEL_NAME, "--mode", EMBEDDED_MODE,
              "--out", str(out), "--html", str(tmp_path / "review.html")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    saved = json.loads(out.read_text())
    page = (tmp_path / "review.html").read_text()
    assert saved["article_id"] in page and "<script src=" not in page  # one self-contained review page
    ConflictReport.model_validate(saved["report"])
    table = runner.invoke(app, ["show", str(out)], terminal_width=200)
    assert table.exit_code == 0
    assert "Claims (flagged first)" in table.output and "Events" in table.output
    assert "Erbil" in table.output

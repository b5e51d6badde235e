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
from extractor.backends.model_files import DEFAULT_MODEL_NAME
from extractor.backends.openai_compat import OpenAICompatBackend
from extractor.cli import app
from extractor.pipeline import Extractor
from extractor.prompts import load_prompt
from extractor.schema_io import schema_hash
from extractor.schemas.conflict import ConflictReport
from extractor.verification.numbers import numbers_in
from tests.conftest import ROOT, SEED_ARTICLE, assert_ok

pytestmark = pytest.mark.vcr
EXAMPLE = ROOT / "examples" / "article.txt"
SHORT = ROOT / "tests" / "data" / "short_article.txt"


def local_like_backend(base_url: str) -> OpenAICompatBackend:
    """What the embedded backend uses: the same model alias and instructor mode, over HTTP."""
    return OpenAICompatBackend(base_url=base_url, model=DEFAULT_MODEL_NAME, mode="tools")


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
    assert meta.prompt_hash == load_prompt("extract").hash
    assert meta.schema_hash == schema_hash(ConflictReport)
    assert meta.model == DEFAULT_MODEL_NAME and meta.mode == "tools"
    assert meta.tokens_in > 500 and meta.tokens_out > 50
    assert meta.attempts and meta.attempts[-1].ok
    assert meta.verifier is not None
    strike = report.events[0]
    assert strike.date is not None and strike.date.startswith("2024-01-1")  # "Tuesday night" before 2024-01-17
    assert all(c.confidence is not None for c in report.claims)


@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="the seed article lives in ../shared/seed")
def test_seed_article_strike_casualties_and_iran_accusation(llm_base_url: str) -> None:
    article, result = extract_file(SEED_ARTICLE, llm_base_url)
    assert_ok(result)
    report = result.report
    assert_grounded(report, article.text)
    assert any("Jurf" in (e.location or "") for e in report.events), report.events
    # The eight dead, sourced to the militias: as the event's fatalities, or as the militias' casualty claim.
    in_event = any(e.fatalities == 8 and "militia" in (e.casualty_source or "").lower() for e in report.events)
    in_claim = any(
        c.kind == "casualties" and 8 in numbers_in(c.statement) and "militia" in c.claimant.lower()
        for c in report.claims
    )
    assert in_event or in_claim, report.claims
    for event in report.events:  # a figure in the wrong field is caught, never passed off
        if event.injured == 8:
            assert "number_not_in_evidence" in {f.code for f in event.flags}
    accusations = [
        c for c in report.claims
        if "iran" in c.statement.lower() and c.cue and "accus" in c.cue.lower()
    ]  # fmt: skip
    assert accusations, [c.statement for c in report.claims]
    for claim in accusations:
        assert claim.claimant.lower() != "author"
        assert any(word in claim.claimant for word in ("CENTCOM", "Central Command", "U.S. military"))
        assert "state_involvement_unsupported" in {f.code for f in claim.flags}


def test_cli_table_on_recorded_answers(llm_base_url: str, tmp_path: Path) -> None:
    out = tmp_path / "short.json"
    runner = CliRunner()
    result = runner.invoke(
        app, ["extract", str(SHORT), "--base-url", llm_base_url, "--model", DEFAULT_MODEL_NAME, "--mode", "tools",
              "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    saved = json.loads(out.read_text())
    ConflictReport.model_validate(saved["report"])
    table = runner.invoke(app, ["show", str(out)], terminal_width=200)
    assert table.exit_code == 0
    assert "Claims (flagged first)" in table.output and "Events" in table.output
    assert "Erbil" in table.output

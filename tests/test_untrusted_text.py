"""Untrusted text (ids, titles, model output, server messages) is printed as text, never parsed as markup."""

from __future__ import annotations

import io

from rich.console import Console

from extractor.render import render_table
from extractor.results import Result, ResultMeta
from extractor.schemas.conflict import Claim, ConflictReport, Event

HOSTILE = "[/INST] [bold]x[/bold] [/x] [link=javascript:alert(1)]y[/link]"


def meta() -> ResultMeta:
    return ResultMeta(extractor_version="t", backend="openai", model="m", mode="json", prompt="p", prompt_hash="h",
                      schema_name="s", schema_hash="h", segmenter="s", temperature=0.0)  # fmt: skip


def printed(result: Result) -> str:
    stream = io.StringIO()
    render_table(result, Console(file=stream, width=400))
    return stream.getvalue()


def test_a_failed_result_with_markup_in_its_id_and_error_prints_verbatim() -> None:
    result = Result(article_id=HOSTILE, error=f"server said {HOSTILE}", meta=meta())
    text = printed(result)
    assert text.count("[/INST]") == 2 and "[/x]" in text and "[bold]x[/bold]" in text


def test_model_output_with_markup_prints_verbatim_in_the_tables() -> None:
    report = ConflictReport(
        events=[Event(sub_event_type="Attack", location=HOSTILE)],
        actors=[],
        claims=[Claim(statement=HOSTILE, kind="other", claimant="[/]")],
    )
    text = printed(Result(article_id="a", title=HOSTILE, report=report, meta=meta()))
    assert text.count("[/x]") >= 3 and "[/]" in text

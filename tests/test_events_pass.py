"""The events pass: a second, events-only request whose incidents replace the report's own events.

Scripted stand-in backend (no model); what the model does with the prompt is scored on the recorded gold set."""

from __future__ import annotations

import logging

import pytest

from extractor.backends.base import NoValidAnswer, ServerUnreachable
from extractor.events_pass import EVENTS_ANSWER_TOKENS, reports_conflict_events
from extractor.pipeline import Extractor, Options
from extractor.results import Attempt
from extractor.schema_io import load_schema
from extractor.schemas.conflict import ConflictReport, Event
from extractor.schemas.conflict_quotes import QuoteConflictReport
from extractor.schemas.events import EventList
from tests.conftest import ROOT
from tests.test_pipeline_plumbing import TEXT, ScriptedBackend, claims_report


def event(where: str | None, when: str | None = None, kind: str = "Air/drone strike", **fields) -> Event:  # type: ignore[no-untyped-def]
    return Event(sub_event_type=kind, location=where, date_text=when, evidence=fields.pop("evidence", [1]), **fields)


def report_with(*events: Event) -> ConflictReport:
    return claims_report("the militia attacked the base").model_copy(update={"events": list(events)})


def test_the_listed_events_replace_the_reports_own() -> None:
    own = event("Erbil", "on Monday", evidence=[1])
    listed = EventList(events=[event("Erbil", "on Monday", evidence=[1]), event("Kelm", "on Tuesday", evidence=[2])])
    backend = ScriptedBackend(report_with(own), events=[listed])
    with Extractor(backend) as extractor:
        result = extractor.extract(TEXT, published="2024-01-09")
    assert result.ok and [e.date_text for e in result.report.events] == ["on Monday", "on Tuesday"]
    assert [e.date for e in result.report.events] == ["2024-01-08", "2024-01-09"]  # dated and grounded as usual
    assert all(e.spans for e in result.report.events)
    assert [a.step for a in result.meta.attempts] == [None, "events"]


def test_the_events_request_is_its_own_prompt_with_the_same_sentences_and_a_fixed_budget() -> None:
    backend = ScriptedBackend(report_with(event("Erbil")))
    with Extractor(backend) as extractor:
        extractor.extract(TEXT, published="2024-01-09", title="Erbil attack")
    (call,) = backend.event_calls
    system, user = call["messages"]
    assert "every incident" in system["content"] and "Erbil" not in system["content"]
    assert "[1] Rockets hit the base in Erbil" in user["content"] and "Title: Erbil attack" in user["content"]
    assert "reporting words" not in user["content"]  # the cue hints are for claims
    assert call["max_tokens"] == EVENTS_ANSWER_TOKENS


def test_no_valid_events_answer_keeps_the_reports_events(caplog: pytest.LogCaptureFixture) -> None:
    invalid = NoValidAnswer("no valid answer after 3 attempt(s)", [Attempt(number=1, ok=False, error="bad JSON")])
    backend = ScriptedBackend(report_with(event("Erbil", "on Monday")), events=[invalid])
    with caplog.at_level(logging.WARNING), Extractor(backend) as extractor:
        result = extractor.extract(TEXT, published="2024-01-09")
    assert result.ok and [e.location for e in result.report.events] == ["Erbil"]
    assert "events pass gave no valid answer" in caplog.text
    assert [(a.step, a.ok) for a in result.meta.attempts] == [(None, True), ("events", False)]
    assert result.meta.events_error_kind == "invalid_answer"


def test_no_events_answer_at_all_keeps_the_validated_report_and_says_so_in_meta() -> None:
    """A fault on the events request (server gone mid-article) costs the listed events, not the article."""
    gone = ServerUnreachable("connection refused", [Attempt(number=1, ok=False, error="connection refused")])
    backend = ScriptedBackend(report_with(event("Erbil")), events=[gone])
    with Extractor(backend) as extractor:
        result = extractor.extract(TEXT)
    assert result.ok and [e.location for e in result.report.events] == ["Erbil"]
    assert result.meta.events_error == "connection refused" and result.meta.events_error_kind == "unreachable"
    assert [(a.step, a.ok) for a in result.meta.attempts] == [(None, True), ("events", False)]


def test_a_long_article_names_the_part_whose_events_pass_failed() -> None:
    from extractor.chunking import split_into_parts
    from extractor.sentences import split_sentences
    from tests.test_chunking import long_article, part_report

    text = long_article()
    count = len(split_into_parts(split_sentences(text), text))
    gone = ServerUnreachable("connection reset", [Attempt(number=1, ok=False, error="connection reset")])
    listed = EventList(events=[event("Erbil", "on Monday", evidence=[1])])
    backend = ScriptedBackend(*[part_report(1, 1)] * count, events=[listed, gone] + [listed] * (count - 2))
    with Extractor(backend) as extractor:
        result = extractor.extract(text, published="2024-03-05")
    assert result.ok
    assert result.meta.events_error == f"part 2/{count}: connection reset"
    assert result.meta.events_error_kind == "unreachable"


def test_a_valid_events_answer_leaves_no_events_error() -> None:
    with Extractor(ScriptedBackend(report_with(event("Erbil")))) as extractor:
        result = extractor.extract(TEXT)
    assert result.ok and result.meta.events_error is None and result.meta.events_error_kind is None


def test_the_events_pass_can_be_turned_off_and_changes_the_prompt_hash() -> None:
    with Extractor(ScriptedBackend(report_with(event("Erbil")))) as on:
        with_pass = on.prompt_hash
    backend = ScriptedBackend(report_with(event("Erbil")))
    with Extractor(backend, options=Options(event_pass=False)) as off:
        result = off.extract(TEXT)
        assert off.prompt_hash != with_pass  # cached results of one never serve the other
    assert backend.event_calls == [] and result.ok and len(result.meta.attempts) == 1


def test_only_schemas_with_the_reports_events_get_the_pass() -> None:
    user_schema = load_schema(f"{ROOT / 'tests' / 'data' / 'user_schema.py'}:StrikeReport")
    assert reports_conflict_events(ConflictReport)
    assert not reports_conflict_events(QuoteConflictReport)  # its events carry quotes, not sentence ids
    assert not reports_conflict_events(user_schema)

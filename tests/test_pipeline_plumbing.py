"""Pipeline plumbing with a scripted stand-in backend (no model, no HTTP): user schemas, samples, the
LLM verifier pass, accounting and failures. Model behaviour itself is tested on recordings."""

from __future__ import annotations

import importlib
from typing import Any

from pydantic import BaseModel

from extractor.backends.base import Completion, ExtractionFailed
from extractor.pipeline import Extractor, Options
from extractor.results import Attempt
from extractor.schema_io import load_schema
from extractor.schemas.conflict import Claim, ConflictReport
from extractor.schemas.entailment import EntailmentVerdicts, Verdict
from extractor.schemas.events import EventList
from tests.conftest import ROOT

TEXT = "Rockets hit the base in Erbil on Monday, officials said.\nThe militia claimed the attack.\n"


class ScriptedBackend:
    """Returns the next scripted value for each call; records what it was asked.

    The events pass's requests go to ``event_calls`` and get the next of ``events`` when given, else the
    events of the report answered last (an echo), so tests about other things see the report's events."""

    name, model, mode, base_url = "scripted", "scripted-model", "json", None

    def __init__(self, *answers: BaseModel | Exception, events: list[EventList | Exception] | None = None) -> None:
        self.answers = list(answers)
        self.events = list(events) if events is not None else None
        self.calls: list[dict[str, Any]] = []
        self.event_calls: list[dict[str, Any]] = []
        self.last: Any = None

    async def complete(
        self, messages, response_model, *, context=None, temperature=0.0, max_retries=2, max_tokens=None
    ):
        call = {"messages": messages, "model": response_model, "temperature": temperature, "max_tokens": max_tokens}
        if response_model is EventList:
            self.event_calls.append(call)
            answer = self.events.pop(0) if self.events is not None else EventList(events=self.last.events)
        else:
            self.max_tokens = max_tokens
            self.calls.append(call)
            answer = self.last = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return Completion(answer, [Attempt(number=1, ok=True, tokens_in=100, tokens_out=20, latency_s=0.1)])

    async def aclose(self) -> None:
        pass


def claims_report(*statements: str) -> ConflictReport:
    claims = [Claim(statement=s, kind="responsibility", claimant="the militia", cue="claimed", evidence=[2])
              for s in statements]  # fmt: skip
    return ConflictReport(events=[], actors=[], claims=claims)


def test_user_schema_runs_without_claims_logic() -> None:
    schema = load_schema(f"{ROOT / 'tests' / 'data' / 'user_schema.py'}:StrikeReport")
    answer = schema.model_validate({"strikes": [{"target": "the base", "evidence": [1]}]})
    with Extractor(ScriptedBackend(answer), schema=schema) as extractor:
        result = extractor.extract(TEXT, published="2024-01-09")
    assert result.ok and result.report.strikes[0].target == "the base"
    assert result.meta.schema_name == "StrikeReport" and result.meta.verifier is None


def test_samples_and_llm_verifier_feed_the_verifier_and_are_accounted() -> None:
    main = claims_report("the militia attacked the base", "the militia used rockets")
    sample = claims_report("the militia attacked the base")
    verdicts = EntailmentVerdicts(verdicts=[Verdict(claim=0, verdict="entailed"), Verdict(claim=1, verdict="not")])
    backend = ScriptedBackend(main, sample, sample, verdicts)
    options = Options(samples=2, verify_with_llm=True)
    with Extractor(backend, options=options) as extractor:
        result = extractor.extract(TEXT)
    first, second = result.report.claims
    assert "model_disagreement" not in {f.code for f in first.flags}
    assert {"model_disagreement", "entailment_failed"} <= {f.code for f in second.flags}
    assert [call["temperature"] for call in backend.calls] == [0.0, 0.7, 0.7, 0.0]
    assert backend.calls[-1]["model"] is EntailmentVerdicts
    assert len(backend.event_calls) == 1  # samples compare claims: no events pass for them
    assert len(result.meta.attempts) == 5 and result.meta.tokens_in == 500 and result.meta.tokens_out == 100
    assert [a.number for a in result.meta.attempts] == [1, 2, 3, 4, 5]
    assert [a.step for a in result.meta.attempts] == [None, "events", None, None, None]


def test_failure_becomes_a_result_with_its_attempts() -> None:
    failed = ExtractionFailed("no valid answer after 3 attempt(s)", [Attempt(number=1, ok=False, error="bad JSON")])
    with Extractor(ScriptedBackend(failed)) as extractor:
        result = extractor.extract(TEXT)
    assert not result.ok and "no valid answer" in result.error
    assert result.meta.attempts[0].error == "bad JSON"


def test_prompt_carries_dates_hints_and_numbered_sentences() -> None:
    backend = ScriptedBackend(claims_report("the militia attacked the base"))
    with Extractor(backend) as extractor:
        extractor.extract(TEXT, published="2024-01-09", title="Erbil attack")
    system, user = backend.calls[0]["messages"]
    assert "Published: 2024-01-09 (Tuesday)" in user["content"]
    assert "[1] Rockets hit the base" in user["content"] and "[2] said" not in user["content"]
    assert "[1] said; [2] claimed" in user["content"]
    assert "Erbil" not in system["content"]


def test_the_llm_verifier_pass_repairs_and_checks_each_report_once(monkeypatch: Any) -> None:
    check_module = importlib.import_module("extractor.verification.check")  # the module, not its check()

    calls = {"repairs": 0, "checks": 0}

    def counted(name: str, original: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return original(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(check_module, "_repair", counted("repairs", check_module._repair))
    monkeypatch.setattr(check_module, "_check_claims", counted("checks", check_module._check_claims))
    doubled = claims_report("the militia attacked the base", "the militia attacked the base")  # one is a duplicate
    verdicts = EntailmentVerdicts(verdicts=[Verdict(claim=0, verdict="not")])
    backend = ScriptedBackend(doubled, verdicts)
    with Extractor(backend, options=Options(verify_with_llm=True)) as extractor:
        result = extractor.extract(TEXT)
    assert calls == {"repairs": 1, "checks": 1}
    asked = backend.calls[-1]["messages"][-1]["content"]
    assert asked.count("the militia attacked the base") == 1  # asked about the repaired claims (duplicate dropped)
    (only,) = result.report.claims
    assert "entailment_failed" in {f.code for f in only.flags}

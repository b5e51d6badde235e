"""The client path's optimisations change nothing that is sent or returned (benchmarks/client_throughput.py).

The backend builds its instructor client once, wraps each response model once with its JSON Schema kept,
keeps each llama.cpp grammar, and runs instructor's own steps without its per-call re-checks of the model.
Here the two paths (those steps, and instructor's public ``create()``) meet the same scripted answers in
every mode: the same request bodies, the same values, the same errors and attempts. No model and no
server: an in-process transport answers.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from typing import Any

import instructor
import pytest
from openai import AsyncOpenAI

from extractor.backends import http, openai_compat
from extractor.backends.grammar import compact_grammar
from extractor.backends.openai_compat import MODES, OpenAICompatBackend, cached_compact_grammar, prepared_model
from extractor.errors import ExtractionFailed
from extractor.schemas.conflict import ConflictReport
from extractor.schemas.entailment import EntailmentVerdicts

# A hand-written, schema-valid report (NOT model output): one claim citing sentence 2.
ARMY = {"name": "the army", "aliases": [], "kind": "state_forces", "affiliation": None}
CLAIM = {"statement": "two drones were shot down", "kind": "other", "claimant": "the army", "evidence": [2]}
VALID = json.dumps({"events": [], "actors": [ARMY], "claims": [CLAIM]})
OUT_OF_RANGE = VALID.replace("[2]", "[9]")  # valid JSON, but sentence 9 does not exist (context check)
NOT_A_REPORT = '{"events": "none", "claims": 3}'
MESSAGES = [{"role": "system", "content": "Extract."}, {"role": "user", "content": "[1] One.\n[2] Two drones."}]


def completion(content: str, mode: str, finish_reason: str = "stop") -> dict[str, Any]:
    """A chat completion carrying ``content`` the way ``mode`` expects it (a tool call for tools)."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if mode == "tools":
        call = {"id": "call_1", "type": "function", "function": {"name": "ConflictReport", "arguments": content}}
        message = {"role": "assistant", "content": None, "tool_calls": [call]}
    elif mode == "md_json":
        message["content"] = f"```json\n{content}\n```"
    return {"id": "x", "object": "chat.completion", "created": 0, "model": "m",
            "choices": [{"index": 0, "finish_reason": finish_reason, "message": message}],
            "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18}}  # fmt: skip


Step = Callable[[str], http.Response]
SCRIPTS: dict[str, list[Step]] = {
    "valid": [lambda mode: http.Response(200, json=completion(VALID, mode))],
    "re-asked after a context error": [
        lambda mode: http.Response(200, json=completion(OUT_OF_RANGE, mode)),
        lambda mode: http.Response(200, json=completion(VALID, mode)),
    ],
    "never valid": [lambda mode: http.Response(200, json=completion(NOT_A_REPORT, mode))] * 3,
    "cut off twice": [lambda mode: http.Response(200, json=completion(VALID[:40], mode, "length"))] * 3,
    "a 503, then valid": [
        lambda mode: http.Response(503, json={"error": {"message": "busy", "type": "x"}}),
        lambda mode: http.Response(200, json=completion(VALID, mode)),
    ],
    "a 400": [lambda mode: http.Response(400, json={"error": {"message": "bad request", "type": "x"}})],
    "not JSON at all": [lambda mode: http.Response(200, content=b"this is not JSON")] * 8,
}


def run(mode: str, script: list[Step], use_steps: bool, schema: type[Any] = ConflictReport) -> dict[str, Any]:
    """One ``complete()`` against ``script``: what was sent and what came back (timings left out)."""
    sent: list[Any] = []
    replies: Iterator[Step] = iter(script)

    def handler(request: http.Request) -> http.Response:
        sent.append(json.loads(request.content))
        return next(replies)(mode)

    backend = OpenAICompatBackend(base_url="http://127.0.0.1:9/v1", model="m", mode=mode)
    backend._client = AsyncOpenAI(base_url="http://127.0.0.1:9/v1", api_key="k", max_retries=0,
                                  http_client=http.async_client(transport=http.MockTransport(handler)))  # fmt: skip
    backend.use_steps = use_steps
    backend.retry_base_delay = 0.0

    async def call() -> Any:
        try:
            return await backend.complete(MESSAGES, schema, context={"sentence_count": 2}, max_retries=2)
        finally:
            await backend.aclose()

    try:
        done = asyncio.run(call())
    except ExtractionFailed as exc:
        outcome: Any = [type(exc).__name__, str(exc), _attempts(exc.attempts)]
    else:
        outcome = [type(done.value).__name__, done.value.model_dump_json(), _attempts(done.attempts)]
    return {"sent": sent, "outcome": outcome}


def _attempts(attempts: list[Any]) -> list[Any]:
    return [a.model_dump(exclude={"latency_s"}) for a in attempts]


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("case", list(SCRIPTS))
def test_instructors_steps_send_and_return_what_its_create_does(mode: str, case: str) -> None:
    public = run(mode, SCRIPTS[case], use_steps=False)
    steps = run(mode, SCRIPTS[case], use_steps=True)
    assert steps == public
    assert public["sent"], "nothing was sent"


def test_a_second_schema_on_the_same_backend_is_sent_as_before() -> None:
    script = [lambda mode: http.Response(200, json=completion('{"verdicts": []}', mode))]
    assert run("json", script, True, EntailmentVerdicts) == run("json", script, False, EntailmentVerdicts)


def test_the_instructor_client_is_built_once_per_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[Any] = []
    original = instructor.from_openai
    monkeypatch.setattr(instructor, "from_openai", lambda *a, **k: built.append(1) or original(*a, **k))
    backend = OpenAICompatBackend(base_url="http://127.0.0.1:9/v1", model="m", mode="json")
    replies = iter([completion(VALID, "json")] * 3)
    transport = http.MockTransport(lambda _r: http.Response(200, json=next(replies)))
    backend._client = AsyncOpenAI(base_url="http://127.0.0.1:9/v1", api_key="k", max_retries=0,
                                  http_client=http.async_client(transport=transport))  # fmt: skip

    async def three() -> None:
        for _ in range(3):
            await backend.complete(MESSAGES, ConflictReport, context={"sentence_count": 2})

    asyncio.run(three())
    assert len(built) == 1
    first = backend._instructor()
    backend._client = AsyncOpenAI(base_url="http://127.0.0.1:9/v1", api_key="k")  # swapped (batch files do)
    assert backend._instructor() is not first and len(built) == 2  # rebuilt around the new client


def test_a_response_model_is_wrapped_once_and_its_schema_copied_out() -> None:
    prepared = prepared_model(ConflictReport)
    assert prepared is prepared_model(ConflictReport) and issubclass(prepared, ConflictReport)
    fresh = instructor.openai_schema(ConflictReport).model_json_schema()
    first = prepared.model_json_schema()
    assert first == fresh and list(first) == list(fresh)
    first["properties"].clear()  # a caller that mutates its copy changes nothing for the next one
    assert prepared.model_json_schema() == fresh
    assert prepared.model_json_schema(mode="serialization") == instructor.openai_schema(
        ConflictReport
    ).model_json_schema(mode="serialization")


def test_the_grammar_is_built_once_per_schema_and_keeps_the_declared_order() -> None:
    schema = ConflictReport.model_json_schema()
    assert cached_compact_grammar(schema) == compact_grammar(schema)
    before = openai_compat._grammar_of.cache_info().hits
    assert cached_compact_grammar(ConflictReport.model_json_schema()) == compact_grammar(schema)
    assert openai_compat._grammar_of.cache_info().hits == before + 1
    reordered = {**schema, "properties": dict(reversed(list(schema["properties"].items())))}
    assert cached_compact_grammar(reordered) == compact_grammar(reordered) != compact_grammar(schema)


def test_instructor_internals_are_used_only_on_the_release_they_were_checked_against() -> None:
    import instructor

    from extractor.backends import openai_compat

    checked = instructor.__version__.split(".")[:2] == ["1", "17"]
    assert openai_compat.STEPS_AVAILABLE is checked  # another release: instructor's public create() path

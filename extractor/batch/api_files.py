"""OpenAI Batch API files through the online code path, so the two cannot drift.

``prepare``: each article is run through ``Extractor.aextract`` with the backend's HTTP client swapped for
one that keeps the JSON body it is handed; that body (exactly what the online run would POST, mode and
grammar included) becomes one ``/v1/chat/completions`` request line. With the events pass the report request
is answered with an empty report so the events request follows and is kept too: two lines, ``<id>`` and
``<id>#events`` (the events request does not depend on the report's answer).

``collect``: each response's body is handed back to the same pipeline as the HTTP answer (the report's, then
the events request's), so it is parsed, validated against the schema, verified (``verification.check``) and
turned into the same Result line as an online run. Re-asks are impossible offline: an invalid answer is a
failed Result (``invalid_answer``); a missing ``#events`` line fails the article, naming it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from openai import AsyncOpenAI

from extractor.articles import Article
from extractor.backends import http
from extractor.backends.openai_compat import OpenAICompatBackend
from extractor.errors import BadInput
from extractor.pipeline import Extractor
from extractor.results import Result

URL = "/v1/chat/completions"
EVENTS_SUFFIX = "#events"  # custom_id of an article's events request
_EMPTY_REPORT = {
    "id": "batch-prepare", "object": "chat.completion", "model": "batch-prepare",
    "choices": [{"index": 0, "finish_reason": "stop",
                 "message": {"role": "assistant", "content": '{"events":[],"actors":[],"claims":[]}'}}],
}  # fmt: skip


class BatchFileError(BadInput):
    """A batch file or setting that cannot be used; the message says why."""


def _backend(extractor: Extractor[Any]) -> OpenAICompatBackend:
    backend = getattr(extractor.backend, "inner", extractor.backend)  # under the run log's wrapper
    if not isinstance(backend, OpenAICompatBackend):
        raise BatchFileError("batch files need a server backend: pass --base-url/--model (not the embedded model)")
    if extractor.options.samples or extractor.options.verify_with_llm:
        raise BatchFileError("--samples and --verify-with-llm make extra calls: not available with batch files")
    return backend


def _route(backend: OpenAICompatBackend, handler: Callable[[http.Request], http.Response]) -> None:
    """Every request of ``backend`` goes to ``handler`` (no network), never re-sent."""
    backend._client = AsyncOpenAI(
        base_url="http://batch.invalid/v1", api_key="not-needed", max_retries=0,
        http_client=http.async_client(transport=http.MockTransport(handler)),
    )  # fmt: skip
    backend.transport_retries = 0


def custom_ids(extractor: Extractor[Any], article: Article) -> list[str]:
    """The request lines an article takes: its report, and with the events pass its events request."""
    return [article.id] + ([article.id + EVENTS_SUFFIX] if extractor.events_prompt is not None else [])


async def prepare(extractor: Extractor[Any], articles: Iterable[Article]) -> list[dict[str, Any]]:
    """Batch API request lines: one per article (``custom_id`` = the article id), two with the events pass."""
    backend = _backend(extractor)
    bodies: list[bytes] = []

    def capture(request: http.Request) -> http.Response:
        bodies.append(request.content)
        if len(bodies) == 1 and extractor.events_prompt is not None:
            return http.Response(200, json=_EMPTY_REPORT)  # so the events request is asked (and kept) too
        return http.Response(400, json={"error": {"message": "captured for a batch file", "type": "batch"}})

    _route(backend, capture)
    lines, seen = [], set()
    for article in articles:
        if article.id in seen:
            raise BatchFileError(f"article id {article.id!r} appears twice: custom_id must be unique")
        seen.add(article.id)
        bodies.clear()
        await extractor.aextract(article)
        ids = custom_ids(extractor, article)
        if len(bodies) > len(ids):
            raise BatchFileError(f"{article.id}: a long article needs a request per part; "
                                 "batch files take one report request per article: run it online")  # fmt: skip
        if len(bodies) < len(ids):
            raise BatchFileError(f"{article.id}: mode {backend.mode!r} cannot prepare the events request (it follows "
                                 "a valid report answer): use --no-event-pass or mode json_schema")  # fmt: skip
        lines += [
            {"custom_id": i, "method": "POST", "url": URL, "body": json.loads(b)}
            for i, b in zip(ids, bodies, strict=True)
        ]
    return lines


def _answer(line: dict[str, Any]) -> http.Response:
    """The HTTP answer a Batch API output line stands for."""
    response = line.get("response") or {}
    if line.get("error") or not isinstance(response, dict):
        error = line.get("error") or {"message": "no response"}
        return http.Response(500, json={"error": error})
    return http.Response(int(response.get("status_code") or 500), json=response.get("body") or {})


def read_responses(text: str) -> dict[str, dict[str, Any]]:
    """``{custom_id: output line}`` from a Batch API output file."""
    responses: dict[str, dict[str, Any]] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except ValueError as exc:
            raise BatchFileError(f"line {number}: not JSON ({exc})") from None
        if not isinstance(line, dict) or not isinstance(line.get("custom_id"), str):
            raise BatchFileError(f"line {number}: no custom_id (is this a Batch API output file?)")
        responses[line["custom_id"]] = line
    return responses


async def collect(
    extractor: Extractor[Any], responses: dict[str, dict[str, Any]], articles: Iterable[Article]
) -> list[Result[Any]]:
    """The Result of every article that has a response, in input order, made as an online run makes it."""
    backend = _backend(extractor)
    queue: list[dict[str, Any]] = []
    missing = {"error": {"message": "no line with this custom_id in the Batch API output"}}
    _route(backend, lambda _request: _answer(queue.pop(0) if queue else missing))
    extractor.options.max_retries = 0  # a re-ask cannot be answered offline
    results = []
    for article in articles:
        if article.id not in responses:
            continue
        ids = custom_ids(extractor, article)
        queue[:] = [responses.get(i, missing) for i in ids]  # asked in this order
        result = await extractor.aextract(article)
        absent = [i for i in ids if i not in responses]
        if result.ok and absent:  # online, a lost events answer is a passing fault; here the file lacks the line
            error = f"events pass: no line {absent[0]!r} in the Batch API output"
            result = result.model_copy(update={"report": None, "error": error, "error_kind": "unreachable"})
        results.append(result)
    return results

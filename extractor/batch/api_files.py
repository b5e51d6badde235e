"""OpenAI Batch API files through the online code path, so the two cannot drift.

``prepare``: each article is run through ``Extractor.aextract`` with the backend's HTTP client swapped for
one that keeps the JSON body it is handed and answers 400; that body (exactly what the online run would
POST, mode and grammar included) becomes one ``/v1/chat/completions`` request line.

``collect``: each response's body is handed back to the same pipeline as the HTTP answer, so it is parsed,
validated against the schema, verified (``verification.check``) and turned into the same Result line as an
online run. Re-asks are impossible offline: an invalid answer is a failed Result (``invalid_answer``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import httpx
from openai import AsyncOpenAI

from extractor.articles import Article
from extractor.backends.openai_compat import OpenAICompatBackend
from extractor.pipeline import Extractor
from extractor.results import Result

URL = "/v1/chat/completions"


class BatchFileError(ValueError):
    """A batch file or setting that cannot be used; the message says why."""


def _backend(extractor: Extractor[Any]) -> OpenAICompatBackend:
    backend = getattr(extractor.backend, "inner", extractor.backend)  # under the run log's wrapper
    if not isinstance(backend, OpenAICompatBackend):
        raise BatchFileError("batch files need a server backend: pass --base-url/--model (not the embedded model)")
    if extractor.options.samples or extractor.options.verify_with_llm:
        raise BatchFileError("--samples and --verify-with-llm make extra calls: not available with batch files")
    return backend


def _route(backend: OpenAICompatBackend, handler: Callable[[httpx.Request], httpx.Response]) -> None:
    """Every request of ``backend`` goes to ``handler`` (no network), never re-sent."""
    backend._client = AsyncOpenAI(
        base_url="http://batch.invalid/v1", api_key="not-needed", max_retries=0,
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
    )  # fmt: skip
    backend.transport_retries = 0


async def prepare(extractor: Extractor[Any], articles: Iterable[Article]) -> list[dict[str, Any]]:
    """One Batch API request line per article (``custom_id`` = the article id)."""
    backend = _backend(extractor)
    bodies: list[bytes] = []

    def capture(request: httpx.Request) -> httpx.Response:
        bodies.append(request.content)
        return httpx.Response(400, json={"error": {"message": "captured for a batch file", "type": "batch"}})

    _route(backend, capture)
    lines, seen = [], set()
    for article in articles:
        if article.id in seen:
            raise BatchFileError(f"article id {article.id!r} appears twice: custom_id must be unique")
        seen.add(article.id)
        bodies.clear()
        await extractor.aextract(article)
        if len(bodies) != 1:
            raise BatchFileError(f"{article.id}: a long article needs {len(bodies)} requests (one per part); "
                                 "batch files take one request per article: run it online")  # fmt: skip
        lines.append({"custom_id": article.id, "method": "POST", "url": URL, "body": json.loads(bodies[0])})
    return lines


def _answer(line: dict[str, Any]) -> httpx.Response:
    """The HTTP answer a Batch API output line stands for."""
    response = line.get("response") or {}
    if line.get("error") or not isinstance(response, dict):
        error = line.get("error") or {"message": "no response"}
        return httpx.Response(500, json={"error": error})
    return httpx.Response(int(response.get("status_code") or 500), json=response.get("body") or {})


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
    current: list[dict[str, Any]] = [{}]
    _route(backend, lambda _request: _answer(current[0]))
    extractor.options.max_retries = 0  # a re-ask cannot be answered offline
    results = []
    for article in articles:
        if article.id not in responses:
            continue
        current[0] = responses[article.id]
        results.append(await extractor.aextract(article))
    return results

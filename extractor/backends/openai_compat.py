"""Any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama_cpp.server) through the openai client and instructor."""

from __future__ import annotations

import os
import time
from typing import Any, TypeVar

import instructor
from instructor.core.exceptions import InstructorRetryException
from openai import AsyncOpenAI
from pydantic import BaseModel

from extractor.backends.base import Completion, ExtractionFailed
from extractor.results import Attempt

T = TypeVar("T", bound=BaseModel)

MODES = {
    "json": instructor.Mode.JSON,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "tools": instructor.Mode.TOOLS,
    "md_json": instructor.Mode.MD_JSON,
}
DEFAULT_MAX_TOKENS = 2048


def default_mode(base_url: str | None) -> str:
    """The instructor mode measured to work best for the server behind ``base_url`` (README: Modes)."""
    url = (base_url or "https://api.openai.com/v1").lower()
    if "api.openai.com" in url:
        return "tools"
    return "json"  # llama_cpp.server (json_schema answers 500), Ollama, vLLM and most others


class OpenAICompatBackend:
    """Chat completions against ``base_url``; validation errors are fed back to the model on retry."""

    name = "openai"

    def __init__(
        self,
        base_url: str | None = None,
        model: str | None = None,
        api_key: str | None = None,
        mode: str | None = None,
        timeout: float = 600.0,
        max_tokens: int = DEFAULT_MAX_TOKENS,
    ) -> None:
        self.base_url = base_url or os.environ.get("OPENAI_BASE_URL")
        self.model = model or os.environ.get("EXTRACTOR_MODEL") or "gpt-4o-mini"
        self.mode = mode or default_mode(self.base_url)
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r}: choose one of {', '.join(MODES)}")
        key = api_key or os.environ.get("OPENAI_API_KEY") or "not-needed"
        self.max_tokens = max_tokens
        self._client = AsyncOpenAI(base_url=self.base_url, api_key=key, timeout=timeout, max_retries=2)

    async def complete(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        *,
        context: dict[str, Any] | None = None,
        temperature: float = 0.0,
        max_retries: int = 2,
    ) -> Completion[T]:
        attempts: list[Attempt] = []
        started = [time.perf_counter()]
        client = instructor.from_openai(self._client, mode=MODES[self.mode])

        def on_kwargs(*_args: Any, **_kwargs: Any) -> None:
            started[0] = time.perf_counter()

        def on_response(response: Any) -> None:
            usage = getattr(response, "usage", None)
            attempts.append(
                Attempt(
                    number=len(attempts) + 1,
                    ok=True,
                    tokens_in=getattr(usage, "prompt_tokens", None),
                    tokens_out=getattr(usage, "completion_tokens", None),
                    latency_s=round(time.perf_counter() - started[0], 3),
                )
            )

        def on_error(error: Exception, *_args: Any, **_kwargs: Any) -> None:
            if attempts and attempts[-1].ok:
                attempts[-1].ok = False
                attempts[-1].error = _short(error)
            else:
                attempts.append(Attempt(number=len(attempts) + 1, ok=False, error=_short(error)))

        client.on("completion:kwargs", on_kwargs)
        client.on("completion:response", on_response)
        client.on("parse:error", on_error)
        try:
            value = await client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                response_model=response_model,
                context=context,
                max_retries=max_retries,
                temperature=temperature,
                max_tokens=self.max_tokens,
            )
        except InstructorRetryException as exc:
            if not attempts:  # no answer came back at all: the server could not be reached
                raise self._transport_failure(exc, attempts) from exc
            message = f"no valid answer after {len(attempts)} attempt(s): {_short(exc)}"
            raise ExtractionFailed(message, attempts) from exc
        except Exception as exc:  # transport errors: server down, 5xx after the client's own retries
            raise self._transport_failure(exc, attempts) from exc
        return Completion(value=value, attempts=attempts)

    def _transport_failure(self, exc: Exception, attempts: list[Attempt]) -> ExtractionFailed:
        attempts.append(Attempt(number=len(attempts) + 1, ok=False, error=_short(exc)))
        return ExtractionFailed(f"request to {self.base_url or 'OpenAI'} failed: {_short(exc)}", attempts)

    async def aclose(self) -> None:
        await self._client.close()


def _short(error: BaseException, limit: int = 500) -> str:
    """One line naming the error and its root cause (e.g. a cassette that did not match)."""
    text = f"{type(error).__name__}: {error}"
    root = error
    for _ in range(20):  # chains can be long, or even cyclic
        deeper = root.__cause__ or root.__context__
        if deeper is None:
            break
        root = deeper
    if root is not error:
        text += f" (caused by {type(root).__name__}: {root})"
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"

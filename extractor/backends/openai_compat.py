"""Any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama_cpp.server) through the openai client and instructor."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import instructor
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from openai import AsyncOpenAI
from pydantic import BaseModel, ValidationError

from extractor.backends.base import Completion, NoValidAnswer, ServerUnreachable
from extractor.backends.grammar import compact_grammar
from extractor.backends.registry import environment, profile_for
from extractor.results import Attempt

T = TypeVar("T", bound=BaseModel)

MODES = {
    "json": instructor.Mode.JSON,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "tools": instructor.Mode.TOOLS,
    "md_json": instructor.Mode.MD_JSON,
    # llama.cpp servers: the JSON schema as a whitespace-free grammar (``with_compact_grammar``)
    "gbnf": instructor.Mode.JSON_SCHEMA,
}
DEFAULT_MAX_TOKENS = 2048


TRUNCATED_NOTE = (
    "Your previous answer was cut off at the length limit. Answer again, shorter: only the main events, "
    "actors and claims, each statement in a few words, nothing repeated."
)
INVALID_NOTE = "Your previous answer was not valid: {errors}. Answer again, fixing exactly that."


def with_compact_grammar(create: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """``create`` with a llama.cpp ``grammar`` (no whitespace) in place of ``response_format: json_schema``.

    llama.cpp's own conversion of the schema lets the model pretty-print; this grammar admits exactly one
    compact spelling, and a llama.cpp server takes either field (README: Speed).
    """

    async def send(*args: Any, **kwargs: Any) -> Any:
        response_format = kwargs.get("response_format")
        if isinstance(response_format, dict) and response_format.get("type") == "json_schema":
            kwargs.pop("response_format")
            extra = dict(kwargs.pop("extra_body", None) or {})
            extra["grammar"] = compact_grammar(response_format["json_schema"]["schema"])
            kwargs["extra_body"] = extra
        return await create(*args, **kwargs)

    return send


class OpenAICompatBackend:
    """Chat completions against ``base_url`` through instructor; a failed answer is re-asked briefly.

    A re-ask repeats the original messages plus one short note (the validation errors, or "cut off"),
    never the failed answer itself: a small model that looped to ``max_tokens`` would otherwise read its
    own 2,000-token loop back and usually repeat it.
    """

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
        env = environment()
        self.base_url = base_url or env.base_url
        self.profile = profile_for(self.base_url)
        self.model = model or env.model or "gpt-4o-mini"
        self.mode = mode or self.profile.default_mode
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r}: choose one of {', '.join(MODES)}")
        key = api_key or env.api_key or "not-needed"
        self.max_tokens = max_tokens
        self._client = AsyncOpenAI(base_url=self.base_url, api_key=key, timeout=timeout, max_retries=2)

    def _instructor(self) -> Any:
        mode = MODES[self.mode]
        if self.mode != "gbnf":
            return instructor.from_openai(self._client, mode=mode)
        create = instructor.patch(create=with_compact_grammar(self._client.chat.completions.create), mode=mode)
        return instructor.AsyncInstructor(client=self._client, create=create, mode=mode)

    async def complete(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        *,
        context: dict[str, Any] | None = None,
        temperature: float = 0.0,
        max_retries: int = 2,
        max_tokens: int | None = None,
    ) -> Completion[T]:
        """A validated ``response_model``; ``context`` reaches its validators (messages are never templated)."""
        attempts: list[Attempt] = []
        started = [time.perf_counter()]
        client = self._instructor()

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

        client.on("completion:kwargs", on_kwargs)
        client.on("completion:response", on_response)
        asked, note = list(messages), ""
        for _ in range(max(0, max_retries) + 1):
            answered = len(attempts)
            try:
                value = await client.chat.completions.create(
                    model=self.model,
                    messages=asked,  # type: ignore[arg-type]
                    response_model=response_model,
                    max_retries=0,  # re-asks are ours (below): short, without the failed answer
                    temperature=temperature,
                    max_tokens=max_tokens or self.max_tokens,
                )
                if context:  # validators that need the article (sentence ids) see it here
                    value = response_model.model_validate(value.model_dump(), context=context)
                return Completion(value=value, attempts=attempts)
            except IncompleteOutputException as exc:
                if len(attempts) == answered:
                    raise self._transport_failure(exc, attempts) from exc
                attempts[-1].ok, attempts[-1].error = False, "cut off at max_tokens"
                if note == TRUNCATED_NOTE:
                    break  # cut off twice: a third try would loop the same way, at the same cost
                note = TRUNCATED_NOTE
            except (InstructorRetryException, ValidationError) as exc:
                if len(attempts) == answered:  # no answer came back at all: the server could not be reached
                    raise self._transport_failure(exc, attempts) from exc
                errors = _validation_errors(exc)
                note = INVALID_NOTE.format(errors=errors)
                attempts[-1].ok, attempts[-1].error = False, _short(exc)
            except Exception as exc:  # transport errors: server down, 5xx after the client's own retries
                raise self._transport_failure(exc, attempts) from exc
            asked = [*messages, {"role": "user", "content": note}]
        message = f"no valid answer after {len(attempts)} attempt(s): {attempts[-1].error}"
        raise NoValidAnswer(message, attempts)

    def _transport_failure(self, exc: Exception, attempts: list[Attempt]) -> ServerUnreachable:
        attempts.append(Attempt(number=len(attempts) + 1, ok=False, error=_short(exc)))
        return ServerUnreachable(f"request to {self.base_url or 'OpenAI'} failed: {_short(exc)}", attempts)

    async def aclose(self) -> None:
        await self._client.close()


def _validation_errors(error: BaseException, limit: int = 400) -> str:
    """The validation errors behind ``error`` in one line (what the re-ask tells the model)."""
    root: BaseException = error
    for _ in range(20):
        if isinstance(root, ValidationError):
            break
        deeper = root.__cause__ or root.__context__
        if deeper is None:
            break
        root = deeper
    if isinstance(root, ValidationError):
        text = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in root.errors()[:5])
    else:
        text = str(root)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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

"""Any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama_cpp.server) through the openai client and instructor."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from openai import AsyncOpenAI
from pydantic import BaseModel, ValidationError

from extractor.backends.base import Completion, NoValidAnswer, ServerUnreachable
from extractor.backends.grammar import compact_grammar
from extractor.backends.registry import environment, profile_for
from extractor.redact import redact, redact_url, register_secret, url_password
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
CONNECT_TIMEOUT = 10.0  # seconds to open a connection: a server that is not there fails fast
DEFAULT_READ_TIMEOUT = 600.0  # seconds between bytes of an answer (a CPU-bound model may think long)
TRANSPORT_RETRIES = 3  # re-sends after a connection error, a 429 or a 5xx (each recorded as an attempt)
RETRY_BASE_DELAY = 1.0  # seconds; doubled per retry, with jitter
RETRY_MAX_DELAY = 30.0  # the longest wait, also for a server's Retry-After


TRUNCATED_NOTE = (
    "Your previous answer was cut off at the length limit. Answer again with shorter statements and aliases, "
    "writing each event, actor and claim once."
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

    Transport failures (connection errors, 429 honouring Retry-After, 5xx) are retried here, not by the
    openai client, with exponential backoff and jitter, at most ``transport_retries`` times; each failed
    try is one ``Attempt(ok=False)``. The API key and a password in ``base_url`` are redacted from every
    error and from ``base_url`` as reported (``extractor.redact``).
    """

    transport_retries = TRANSPORT_RETRIES
    retry_base_delay = RETRY_BASE_DELAY
    retry_max_delay = RETRY_MAX_DELAY

    name = "openai"

    def __init__(
        self,
        base_url: str | None = None,
        model: str | None = None,
        api_key: str | None = None,
        mode: str | None = None,
        timeout: float = DEFAULT_READ_TIMEOUT,
        max_tokens: int = DEFAULT_MAX_TOKENS,
    ) -> None:
        env = environment()
        server_url = base_url or env.base_url
        self.base_url = redact_url(server_url)  # as reported in results and errors
        self.profile = profile_for(self.base_url)
        self.model = model or env.model or "gpt-4o-mini"
        self.mode = mode or self.profile.default_mode
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r}: choose one of {', '.join(MODES)}")
        key = api_key or env.api_key or "not-needed"
        self._secrets = [key, url_password(server_url)]
        for secret in self._secrets:
            register_secret(secret)
        self.max_tokens = max_tokens
        self._client = AsyncOpenAI(
            base_url=server_url,
            api_key=key,
            timeout=httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout)),
            max_retries=0,  # transport retries are ours (_send), each recorded as an attempt
        )

    def _clean(self, text: str) -> str:
        """``text`` with the API key and the URL's password masked."""
        return redact(text, self._secrets)

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

        async def send(asked: list[dict[str, str]]) -> Any:
            """One request, re-sent after transport failures (each recorded as a failed attempt)."""
            retries = 0
            while True:
                answered = len(attempts)
                try:
                    return await client.chat.completions.create(
                        model=self.model,
                        messages=asked,  # type: ignore[arg-type]
                        response_model=response_model,
                        max_retries=0,  # re-asks are ours (below): short, without the failed answer
                        temperature=temperature,
                        max_tokens=max_tokens or self.max_tokens,
                    )
                except (IncompleteOutputException, InstructorRetryException, ValidationError) as exc:
                    if len(attempts) != answered:  # the model answered: a re-ask, not a transport retry
                        raise
                    delay, failure = self._retry_delay(exc, retries), exc
                    if delay is None:
                        raise self._transport_failure(exc, attempts) from exc
                except Exception as exc:
                    delay, failure = self._retry_delay(exc, retries), exc
                    if delay is None:
                        raise self._transport_failure(exc, attempts) from exc
                error = f"{self._clean(_short(failure))} (retrying in {delay:.1f} s)"
                attempts.append(Attempt(number=len(attempts) + 1, ok=False, error=error))
                retries += 1
                await asyncio.sleep(delay)

        for _ in range(max(0, max_retries) + 1):
            try:
                value = await send(asked)
                if context:  # validators that need the article (sentence ids) see it here
                    value = response_model.model_validate(value.model_dump(), context=context)
                return Completion(value=value, attempts=attempts)
            except IncompleteOutputException:
                attempts[-1].ok, attempts[-1].error = False, "cut off at max_tokens"
                if note == TRUNCATED_NOTE:
                    break  # cut off twice: a third try would loop the same way, at the same cost
                note = TRUNCATED_NOTE
            except (InstructorRetryException, ValidationError) as exc:
                errors = self._clean(_validation_errors(exc))
                note = INVALID_NOTE.format(errors=errors)
                attempts[-1].ok, attempts[-1].error = False, self._clean(_short(exc))
            asked = [*messages, {"role": "user", "content": note}]
        message = f"no valid answer after {len(attempts)} attempt(s): {attempts[-1].error}"
        raise NoValidAnswer(message, attempts)

    def _retry_delay(self, exc: BaseException, retries: int) -> float | None:
        """Seconds to wait before re-sending after ``exc``, or None when it is not worth re-sending."""
        if retries >= self.transport_retries:
            return None
        cause = _root_api_error(exc)
        if isinstance(cause, openai.APIStatusError):
            status = cause.status_code
            if status != 429 and status < 500:
                return None
            after = _retry_after(cause.response)
            if after is not None:
                return min(after, self.retry_max_delay)
        elif not isinstance(cause, (openai.APIConnectionError, httpx.TransportError)):
            return None
        backoff = self.retry_base_delay * 2**retries
        return min(backoff + random.uniform(0, backoff / 2), self.retry_max_delay)

    def _transport_failure(self, exc: Exception, attempts: list[Attempt]) -> ServerUnreachable:
        error = self._clean(_short(exc))
        attempts.append(Attempt(number=len(attempts) + 1, ok=False, error=error))
        return ServerUnreachable(f"request to {self.base_url or 'OpenAI'} failed: {error}", attempts)

    async def aclose(self) -> None:
        await self._client.close()


def _root_api_error(error: BaseException) -> BaseException:
    """The openai/httpx error behind ``error`` (instructor wraps it), or ``error`` itself."""
    seen = error
    for _ in range(20):
        if isinstance(seen, (openai.APIError, httpx.TransportError)):
            return seen
        deeper = seen.__cause__ or seen.__context__
        if deeper is None:
            break
        seen = deeper
    return error


def _retry_after(response: httpx.Response | None) -> float | None:
    """A 429/503's Retry-After in seconds (a number; an HTTP date is not honoured), or None."""
    value = response.headers.get("retry-after") if response is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


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

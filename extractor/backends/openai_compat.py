"""Any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama_cpp.server) through the openai client and instructor."""

from __future__ import annotations

import asyncio
import contextvars
import copy
import functools
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from openai import AsyncOpenAI
from pydantic import BaseModel, ValidationError

from extractor.backends import http
from extractor.backends.base import Completion, NoValidAnswer, ServerUnreachable
from extractor.backends.grammar import compact_grammar
from extractor.backends.registry import BackendOptions, Profile, environment, profile_for
from extractor.errors import BadInput
from extractor.redact import redact, redact_url, register_secret, url_secrets
from extractor.results import Attempt

try:  # the steps of instructor's own create(), for InstructorSteps (a missing one: its public create() is used)
    from instructor.v2.core.messages import isolate_retry_kwargs
    from instructor.v2.core.registry import mode_registry
    from instructor.v2.core.retry import retry_async_v2
    from instructor.v2.validation.async_validators import reject_async_validators
except ImportError:  # pragma: no cover - another instructor layout
    STEPS_AVAILABLE = False
else:  # internals, not API: used only on the instructor release they were checked against
    STEPS_AVAILABLE = instructor.__version__.split(".")[:2] == ["1", "17"]

T = TypeVar("T", bound=BaseModel)
_handling: contextvars.ContextVar[bool] = contextvars.ContextVar("openai_compat_handling", default=False)


class _HandledHere(logging.Filter):
    """Instructor's "API call failed" / "Max retries exceeded" lines for a call made by ``complete``: it asks
    instructor for one try only and re-asks or retries itself, saying what happened. Such a line is kept
    as DEBUG (shown with -vv), never as an ERROR beside a run that then succeeded."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not _handling.get() or record.levelno < logging.WARNING:
            return True
        if not logging.getLogger(record.name).isEnabledFor(logging.DEBUG):
            return False
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return True


logging.getLogger("instructor.v2.retry").addFilter(_HandledHere())

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


@functools.lru_cache(maxsize=32)
def _grammar_of(schema_json: str) -> str:
    return compact_grammar(json.loads(schema_json))


def cached_compact_grammar(schema: dict[str, Any]) -> str:
    """``compact_grammar(schema)``, built once per distinct schema (it is the same for every article).

    The key keeps the schema's key order: the grammar spells properties in declaration order."""
    return _grammar_of(json.dumps(schema))


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
            extra["grammar"] = cached_compact_grammar(response_format["json_schema"]["schema"])
            kwargs["extra_body"] = extra
        return await create(*args, **kwargs)

    return send


class InstructorSteps:
    """What instructor's patched ``create`` does for one call, without what it re-derives from the model each time.

    Instructor's ``create`` checks the response model for async validators five times, wraps it in a new
    class and regenerates its JSON Schema on every call: most of instructor's own CPU per call, profiled
    with benchmarks/client_throughput.py. These are its remaining steps, in its order: the mode's request
    handler, its message converter, then its own ``retry_async_v2`` (hooks, parsing, exceptions); the
    model is wrapped and checked once (``prepared_model``). Same bodies, same results, same errors
    (tests/batch/test_client_path.py runs both paths in every mode).
    """

    def __init__(self, client: Any, create: Callable[..., Awaitable[Any]]) -> None:
        self.create, self.provider, self.mode = create, client.provider, client.mode
        self.handlers = mode_registry.get_handlers(self.provider, self.mode)

    async def __call__(self, response_model: type[T], hooks: Hooks, **kwargs: Any) -> T:
        prepared, request = self.handlers.request_handler(response_model=response_model, kwargs=kwargs)
        if self.handlers.message_converter and "messages" in request:
            request["messages"] = self.handlers.message_converter(request["messages"], autodetect_images=False)
        return await retry_async_v2(
            func=self.create, response_model=prepared, provider=self.provider, mode=self.mode, context=None,
            max_retries=0, args=(), kwargs=isolate_retry_kwargs(request), strict=True, hooks=hooks,
        )  # fmt: skip


_PREPARED: dict[type, type] = {}  # one entry per schema class used


def prepared_model(response_model: type[T]) -> type[T]:
    """``response_model`` as instructor wraps it before every call (``instructor.openai_schema``), made once.

    Instructor wraps a plain model in a new class and regenerates its JSON Schema on every call. Handed
    this wrapper, it skips the wrapping; the wrapper's ``model_json_schema`` keeps each schema it made and
    returns a fresh copy each time, so every request body stays byte for byte the same.
    """
    prepared = _PREPARED.get(response_model)
    if prepared is None:
        prepared = instructor.openai_schema(response_model)
        if STEPS_AVAILABLE:
            reject_async_validators(prepared)  # instructor's check, once per model instead of five times a call
        _remember_json_schema(prepared)
        _PREPARED[response_model] = prepared
    return prepared  # type: ignore[return-value]


def _remember_json_schema(model: type[BaseModel]) -> None:
    generate = model.model_json_schema  # the bound classmethod, before it is replaced
    made: dict[Any, tuple[str, Any]] = {}

    def model_json_schema(cls: type[BaseModel], *args: Any, **kwargs: Any) -> dict[str, Any]:
        try:
            key = (cls, args, tuple(sorted(kwargs.items())))
            hash(key)
        except TypeError:
            return generate(*args, **kwargs)
        if key not in made:
            schema = generate(*args, **kwargs)
            text = json.dumps(schema, ensure_ascii=False)
            made[key] = (text, None if json.loads(text) == schema else schema)  # a JSON round trip keeps it?
        text, exact = made[key]
        return json.loads(text) if exact is None else copy.deepcopy(exact)

    model.model_json_schema = classmethod(model_json_schema)  # type: ignore[method-assign, assignment]


class OpenAICompatBackend:
    """Chat completions against ``base_url`` through instructor; a failed answer is re-asked briefly.

    A re-ask repeats the original messages plus one short note (the validation errors, or "cut off"),
    never the failed answer itself: a small model that looped to ``max_tokens`` would otherwise read its
    own 2,000-token loop back and usually repeat it.

    Transport failures (connection errors, 429 honouring Retry-After, 5xx) are retried here, not by the
    openai client, with exponential backoff and jitter, at most ``transport_retries`` times; each failed
    try is one ``Attempt(ok=False)``. The API key and the secrets in ``base_url`` (a password, a secret-looking
    query value such as ``?api-key=``) are redacted from every error and from ``base_url`` as reported
    (``extractor.redact``).
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
        profile: Profile | None = None,
    ) -> None:
        env = environment()
        server_url = base_url or env.base_url
        self.base_url = redact_url(server_url)  # as reported in results and errors
        self.profile = profile or profile_for(self.base_url)
        self.model = model or env.model or "gpt-4o-mini"
        self.mode = mode or self.profile.default_mode
        if self.mode not in MODES:
            raise BadInput(f"unknown mode {self.mode!r}: choose one of {', '.join(MODES)}")
        key = api_key or env.api_key or "not-needed"
        self._secrets = [key, *url_secrets(server_url)]
        for secret in self._secrets:
            register_secret(secret)
        self.max_tokens = max_tokens
        self._client = AsyncOpenAI(
            base_url=server_url,
            api_key=key,
            timeout=http.timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout)),
            max_retries=0,  # transport retries are ours (_send), each recorded as an attempt
        )

    @classmethod
    def from_options(cls, options: BackendOptions, profile: Profile) -> OpenAICompatBackend:
        """The registry's constructor: the server ``options`` name, with ``profile``'s defaults."""
        return cls(base_url=options.base_url, model=options.model, api_key=options.api_key, mode=options.mode,
                   profile=profile)  # fmt: skip

    def _clean(self, text: str) -> str:
        """``text`` with the API key and the URL's password masked."""
        return redact(text, self._secrets)

    use_steps = STEPS_AVAILABLE  # False: every call through instructor's public create() (the tests compare)

    def _instructor(self) -> Any:
        """The instructor client around ``self._client``, built once (again only when the client is swapped)."""
        built = getattr(self, "_instructor_client", None)
        if built is not None and built[0] is self._client:
            return built[1]
        mode = MODES[self.mode]
        if self.mode != "gbnf":
            client = instructor.from_openai(self._client, mode=mode)
            raw_create = self._client.chat.completions.create
        else:
            raw_create = with_compact_grammar(self._client.chat.completions.create)
            create = instructor.patch(create=raw_create, mode=mode)
            client = instructor.AsyncInstructor(client=self._client, create=create, mode=mode)
        self._instructor_client = (self._client, client)
        self._steps = InstructorSteps(client, raw_create) if STEPS_AVAILABLE else None
        return client

    async def _structured(self, response_model: type[T], hooks: Hooks, **kwargs: Any) -> T:
        """One request through instructor (its steps, or its public create()), never re-asked by instructor."""
        client = self._instructor()
        handling = _handling.set(True)  # instructor's error lines for this request are ours to report
        try:
            if self.use_steps and self._steps is not None:
                return await self._steps(response_model, hooks, **kwargs)
            return await client.chat.completions.create(response_model=response_model, max_retries=0, hooks=hooks,
                                                        **kwargs)  # fmt: skip
        finally:
            _handling.reset(handling)

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
        prepared = prepared_model(response_model)
        hooks = Hooks()  # this call's own: the client is shared by concurrent calls

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

        hooks.on("completion:kwargs", on_kwargs)
        hooks.on("completion:response", on_response)
        asked, note = list(messages), ""

        async def send(asked: list[dict[str, str]]) -> Any:
            """One request, re-sent after transport failures (each recorded as a failed attempt)."""
            retries = 0
            while True:
                answered = len(attempts)
                try:
                    return await self._structured(  # re-asks are ours (below): short, without the failed answer
                        prepared,
                        hooks,
                        messages=asked,
                        model=self.model,
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
                error = f"{self._clean(_failure_text(failure))} (retrying in {delay:.1f} s)"
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
        elif not isinstance(cause, (openai.APIConnectionError, http.TransportError)) and _bad_body(exc) is None:
            return None
        backoff = self.retry_base_delay * 2**retries
        return min(backoff + random.uniform(0, backoff / 2), self.retry_max_delay)

    def _transport_failure(self, exc: Exception, attempts: list[Attempt]) -> ServerUnreachable:
        error = self._clean(_failure_text(exc))
        attempts.append(Attempt(number=len(attempts) + 1, ok=False, error=error))
        return ServerUnreachable(f"request to {self.base_url or 'OpenAI'} failed: {error}", attempts)

    async def aclose(self) -> None:
        await self._client.close()


def _root_api_error(error: BaseException) -> BaseException:
    """The openai/HTTP error behind ``error`` (instructor wraps it), or ``error`` itself."""
    seen = error
    for _ in range(20):
        if isinstance(seen, (openai.APIError, http.TransportError)):
            return seen
        deeper = seen.__cause__ or seen.__context__
        if deeper is None:
            break
        seen = deeper
    return error


def _bad_body(error: BaseException) -> json.JSONDecodeError | None:
    """The JSON error behind ``error`` when a reply's HTTP body was not JSON (the client could not read it:
    no answer came, so it is re-sent like a broken connection), else None. Asked only before any answer was
    recorded: a model's invalid content fails validation instead, and is re-asked."""
    seen: BaseException | None = error
    for _ in range(20):
        if seen is None or isinstance(seen, openai.APIError):
            return None
        if isinstance(seen, json.JSONDecodeError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _failure_text(error: BaseException) -> str:
    """``_short(error)``, or for a reply whose body is not JSON, that, in words."""
    bad = _bad_body(error)
    return f"the server's reply is not JSON ({bad})" if bad is not None else _short(error)


def _retry_after(response: Any) -> float | None:
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

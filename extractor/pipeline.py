"""Extractor: one article in, one self-describing Result out (async first, with a sync wrapper).

article -> numbered sentences (a long article: in parts) -> prompt -> backend (instructor) -> validated report
        -> resolved dates and grounded evidence -> verifier -> Result
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
import time
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from extractor import verification
from extractor.articles import Article
from extractor.backends import make_backend
from extractor.backends.base import Backend, Completion, ExtractionFailed, NoValidAnswer
from extractor.chunking import merge_reports, split_into_parts
from extractor.errors import InsideEventLoop
from extractor.events_pass import EVENTS_ANSWER_TOKENS, reports_conflict_events, with_listed_events
from extractor.prompts import DEFAULT_EVENTS_PROMPT, DEFAULT_EXTRACT_PROMPT, DEFAULT_VERIFY_PROMPT, Prompt, load_prompt
from extractor.results import Attempt, Result, ResultMeta
from extractor.scheduling import as_finished
from extractor.schema_io import DEFAULT_SCHEMA, schema_hash
from extractor.schemas.entailment import EntailmentVerdicts
from extractor.schemas.events import EventList
from extractor.sentences import SEGMENTER_VERSION, Sentence, numbered, split_sentences
from extractor.verification import resolve_event_dates
from extractor.verification.lexicon import first_cue
from extractor.version import __version__

log = logging.getLogger(__name__)
ReportT = TypeVar("ReportT", bound=BaseModel)


@dataclass
class Options:
    """What one extraction does besides the model call."""

    verify: bool = True
    samples: int = 0
    sample_temperature: float = 0.7
    verify_with_llm: bool = False
    policy: Path | str | None = None
    weights: Path | str | None = None  # confidence weights TOML; None: the ones that ship
    temperature: float = 0.0
    max_retries: int = 2
    article_timeout: float | None = 900.0  # seconds for one article, every request and retry included
    event_pass: bool = True  # a second, events-only request lists every incident (schemas/events.py)


@dataclass
class Reported(Completion[Any]):
    """A validated report whose events pass failed: why (``events_error``) and how (its ``kind``)."""

    events_error: str | None = None
    events_error_kind: str | None = None


def text_sha256(text: str) -> str:
    """The hash results keep of their article's text (``verify`` checks the text it is given against it)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


MAX_ANSWER_TOKENS = 2048
ANSWER_BASE_TOKENS = 400  # the JSON skeleton, one event and a few actors
ANSWER_TOKENS_PER_WORD = 3.0  # compact answers measured at 1.5-2.7 tokens per article word (README: Speed)


def answer_budget(sentences: list[Sentence]) -> int:
    """``max_tokens`` for one answer, scaled to the article: a looping answer costs seconds, not minutes."""
    words = sum(len(s.text.split()) for s in sentences)
    return min(MAX_ANSWER_TOKENS, int(ANSWER_BASE_TOKENS + ANSWER_TOKENS_PER_WORD * words))


def cue_hints(sentences: list[Sentence], policy: verification.Policy) -> str:
    """``[3] accused; [6] according to; [18] state involvement``: sentences that each deserve a claim."""
    hints = []
    for sentence in sentences:
        cue = first_cue(sentence.text)
        if cue is None and policy.is_high_stakes("state_involvement", sentence.text):
            cue = "state involvement"
        if cue:
            hints.append(f"[{sentence.id}] {cue}")
    return "; ".join(hints)


def prompt_hash(prompt: Prompt, policy: verification.Policy, events_prompt: Prompt | None = None) -> str:
    """The hash recorded for what is sent: the template's, combined with the events pass's template when
    there is one and with the policy's when that is not the default (the policy's high-stakes words shape
    the cue hints). The lexicon ships with the version."""
    fingerprint = policy.fingerprint()
    parts = [prompt.hash] + ([events_prompt.hash] if events_prompt is not None else [])
    if fingerprint != verification.load_policy().fingerprint():
        parts.append(fingerprint)
    if len(parts) == 1:
        return prompt.hash
    return hashlib.sha256(":".join(parts).encode()).hexdigest()[:12]


def as_article(article: Article | str, published: dt.date | str | None = None, title: str | None = None) -> Article:
    """An Article from text or an Article, with ``published``/``title`` overriding what it has."""
    if isinstance(article, str):
        article = Article(id="text", text=article)
    updates: dict[str, Any] = {}
    if published is not None:
        updates["published"] = dt.date.fromisoformat(published) if isinstance(published, str) else published
    if title is not None:
        updates["title"] = title
    return article.model_copy(update=updates) if updates else article


class Extractor(Generic[ReportT]):
    """Turns articles into verified reports. Reuse one instance: it keeps the backend (and its server) warm.

    ``backend``: a Backend, a registered backend's name (``backends.registry``), or None: chosen by
    ``make_backend(**backend_options)``."""

    def __init__(
        self,
        backend: Backend | str | None = None,
        *,
        schema: type[ReportT] = DEFAULT_SCHEMA,  # type: ignore[assignment]
        prompt: str | Prompt = DEFAULT_EXTRACT_PROMPT,
        options: Options | None = None,
        **backend_options: Any,
    ) -> None:
        if backend is None or isinstance(backend, str):  # a registered backend's name, or the default
            backend = make_backend(backend=backend, **backend_options)
        self.backend: Backend = backend
        self.schema = schema
        self.prompt = prompt if isinstance(prompt, Prompt) else load_prompt(prompt)
        self.options = options or Options()
        self.policy = verification.load_policy(self.options.policy)
        self.weights = verification.load_weights(self.options.weights)
        self._schema_hash = schema_hash(schema)
        use_events_pass = self.options.event_pass and reports_conflict_events(schema)
        self.events_prompt = load_prompt(DEFAULT_EVENTS_PROMPT) if use_events_pass else None
        self.prompt_hash = prompt_hash(self.prompt, self.policy, self.events_prompt)
        self._runner: asyncio.Runner | None = None

    def messages(self, article: Article, sentences: list[Sentence]) -> list[dict[str, str]]:
        """The chat messages for ``article`` (static instructions first, article last)."""
        return self.prompt.render(
            title=article.title,
            published=_published(article),
            sentences=numbered(sentences),
            cue_hints=cue_hints(sentences, self.policy),
        )

    def event_messages(self, article: Article, sentences: list[Sentence]) -> list[dict[str, str]]:
        """The events pass's chat messages for ``article`` (the same numbered sentences)."""
        assert self.events_prompt is not None
        return self.events_prompt.render(
            title=article.title, published=_published(article), sentences=numbered(sentences)
        )

    def _meta(self) -> ResultMeta:
        return ResultMeta(
            extractor_version=__version__,
            backend=self.backend.name,
            model=self.backend.model,
            base_url=self.backend.base_url,
            mode=self.backend.mode,
            prompt=self.prompt.name,
            prompt_hash=self.prompt_hash,
            schema_name=self.schema.__name__,
            schema_hash=self._schema_hash,
            segmenter=SEGMENTER_VERSION,
            temperature=self.options.temperature,
        )

    async def aextract(
        self, article: Article | str, published: dt.date | str | None = None, title: str | None = None
    ) -> Result[ReportT]:
        """Extract (and by default verify) one article. Failures come back as a Result with ``error`` set."""
        article = as_article(article, published, title)
        sentences = split_sentences(article.text)
        meta = self._meta()
        meta.text_sha256 = text_sha256(article.text)
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self.options.article_timeout):
                completion = await self._ask(article, sentences, self.options.temperature)
        except ExtractionFailed as exc:
            meta.attempts = exc.attempts
            meta.latency_s = round(time.perf_counter() - started, 3)
            return Result(
                article_id=article.id, title=article.title, published=article.published, error=str(exc),
                error_kind=exc.kind, meta=meta,
            )  # fmt: skip
        except TimeoutError:
            meta.latency_s = round(time.perf_counter() - started, 3)
            error = f"timed out after {self.options.article_timeout:g} s (--timeout) waiting for the model"
            meta.attempts = [Attempt(number=1, ok=False, error=error)]
            return Result(
                article_id=article.id, title=article.title, published=article.published, error=error,
                error_kind="timeout", meta=meta,
            )  # fmt: skip
        report = completion.value
        self._account(meta, completion.attempts)
        if isinstance(completion, Reported):
            meta.events_error, meta.events_error_kind = completion.events_error, completion.events_error_kind
        if self.options.verify:
            report = await self._verify(article, sentences, report, meta)
        else:
            resolve_event_dates(report, article.published)  # the model's report as it is, dated
        meta.latency_s = round(time.perf_counter() - started, 3)
        return Result(article_id=article.id, title=article.title, published=article.published, report=report, meta=meta)

    async def _verify(self, article: Article, sentences: list[Sentence], report: Any, meta: ResultMeta) -> Any:
        """Repairs and checks (verification.check, in its two halves), with samples and the LLM verifier pass
        when asked for: the verifier is asked about the repaired, grounded claims, then the checks run once."""
        started = time.perf_counter()
        checkable = hasattr(report, "claims")
        samples = await self._samples(article, sentences, meta) if checkable else None
        prepared = verification.prepare(report, article.text, published=article.published, sentences=sentences)
        entailment = None
        if checkable and self.options.verify_with_llm:
            entailment = await self._entailment(prepared.report, meta)
        outcome = prepared.finish(policy=self.policy, weights=self.weights, samples=samples, entailment=entailment)
        if outcome.repairs:
            log.info("%s: %s", article.id, outcome.repairs)
        if checkable:
            meta.verifier = verification.VERIFIER_VERSION
            meta.verify_latency_s = round(time.perf_counter() - started, 3)
        return outcome.report

    def _account(self, meta: ResultMeta, attempts: list[Attempt]) -> None:
        offset = len(meta.attempts)
        meta.attempts.extend(a.model_copy(update={"number": offset + a.number}) for a in attempts)
        meta.tokens_in = sum(a.tokens_in or 0 for a in meta.attempts)
        meta.tokens_out = sum(a.tokens_out or 0 for a in meta.attempts)

    async def _ask(
        self, article: Article, sentences: list[Sentence], temperature: float, *, list_events: bool = True
    ) -> Completion[Any]:
        """One structured extraction: the whole article, or a long one part by part and merged (chunking.py).
        ``list_events=False`` skips the events pass (self-consistency samples compare claims only).

        A part that fails is left out and named in the log and in ``Attempt.part``; only when every part
        fails does the extraction fail.
        """
        parts = split_into_parts(sentences, article.text)
        if len(parts) == 1:
            return await self._ask_whole(article, sentences, temperature, list_events)
        done: list[tuple[Any, int]] = []
        attempts: list[Attempt] = []
        failed: list[str] = []
        events_failed: list[tuple[str, str | None]] = []  # (part: error, kind) of each part's failed events pass
        failure_type: type[ExtractionFailed] = ExtractionFailed
        for number, part in enumerate(parts, 1):
            try:
                completion = await self._ask_whole(article, part.sentences, temperature, list_events)
            except ExtractionFailed as exc:
                last = part.offset + len(part.sentences)
                failed.append(f"part {number}/{len(parts)} (sentences {part.offset + 1}-{last}): {exc}")
                failure_type = type(exc) if len(failed) == 1 else failure_type
                attempts += _numbered_attempts(exc.attempts, number, len(attempts))
                continue
            attempts += _numbered_attempts(completion.attempts, number, len(attempts))
            done.append((completion.value, part.offset))
            if isinstance(completion, Reported) and completion.events_error is not None:
                events_failed.append((f"part {number}/{len(parts)}: {completion.events_error}",
                                      completion.events_error_kind))  # fmt: skip
        for problem in failed:
            log.warning("%s: %s", article.id, problem)
        if not done:
            raise failure_type(f"every part of the long article failed; {failed[0]}", attempts)
        log.info("%s: extracted in %d parts (%d failed)", article.id, len(parts), len(failed))
        if events_failed:
            error, kind = "; ".join(e for e, _ in events_failed), events_failed[0][1]
            return Reported(merge_reports(done), attempts, events_error=error, events_error_kind=kind)
        return Completion(merge_reports(done), attempts)

    async def _ask_whole(
        self, article: Article, sentences: list[Sentence], temperature: float, list_events: bool = True
    ) -> Completion[Any]:
        """One structured extraction; sentence ids outside the article fail validation and are fed back.

        With the events pass, a second request lists every incident and its events replace the report's; when
        it fails (no answer validates, or none comes back) the report keeps its own events: logged, attempts
        kept, and the failure in ``Reported.events_error`` (``ResultMeta.events_error``)."""
        completion = await self.backend.complete(
            self.messages(article, sentences),
            self.schema,
            context={"sentence_count": len(sentences)},
            temperature=temperature,
            max_retries=self.options.max_retries,
            max_tokens=answer_budget(sentences),
        )
        if self.events_prompt is None or not list_events:
            return completion
        try:
            listed = await self.backend.complete(
                self.event_messages(article, sentences),
                EventList,
                context={"sentence_count": len(sentences)},
                temperature=temperature,
                max_retries=self.options.max_retries,
                max_tokens=EVENTS_ANSWER_TOKENS,
            )
        except ExtractionFailed as exc:  # no valid list, or no answer: the validated report keeps its own events
            what = "gave no valid answer" if isinstance(exc, NoValidAnswer) else "failed"
            log.warning("%s: the events pass %s, the report keeps its own events: %s", article.id, what, exc)
            attempts = [*completion.attempts, *_events_step(exc.attempts, completion)]
            return Reported(completion.value, attempts, events_error=str(exc), events_error_kind=exc.kind)
        report = with_listed_events(completion.value, listed.value)
        return Completion(report, [*completion.attempts, *_events_step(listed.attempts, completion)])

    async def _samples(self, article: Article, sentences: list[Sentence], meta: ResultMeta) -> list[Any] | None:
        """Extra extractions at temperature > 0 for self-consistency (``--samples N``)."""
        if self.options.samples <= 0:
            return None
        samples = []
        for _ in range(self.options.samples):
            try:
                completion = await self._ask(article, sentences, self.options.sample_temperature, list_events=False)
            except ExtractionFailed as exc:
                log.warning("%s: a self-consistency sample failed: %s", article.id, exc)
                self._account(meta, exc.attempts)
                continue
            self._account(meta, completion.attempts)
            samples.append(completion.value)  # compared by claimant and statement: no grounding needed
        return samples

    async def _entailment(self, report: Any, meta: ResultMeta) -> dict[int, str] | None:
        """One structured call asking, per claim, whether its located evidence entails it."""
        claims = list(getattr(report, "claims", []) or [])
        if not claims:
            return {}
        prompt = load_prompt(DEFAULT_VERIFY_PROMPT)
        items = [
            {
                "index": i,
                "statement": c.statement,
                "claimant": c.claimant,
                "evidence": " ".join(s.text for s in c.spans),
            }
            for i, c in enumerate(claims)
        ]
        try:
            completion = await self.backend.complete(
                prompt.render(claims=items), EntailmentVerdicts, temperature=0.0, max_retries=self.options.max_retries
            )
        except ExtractionFailed as exc:
            log.warning("the LLM verifier pass failed: %s", exc)
            self._account(meta, exc.attempts)
            return None
        self._account(meta, completion.attempts)
        return {v.claim: v.verdict for v in completion.value.verdicts}

    def extract(
        self, article: Article | str, published: dt.date | str | None = None, title: str | None = None
    ) -> Result[ReportT]:
        """Synchronous :meth:`aextract`."""
        return self._sync(self.aextract(article, published, title))

    async def aextract_many(
        self, articles: Iterable[Article], concurrency: int = 1, *, ordered: bool = False
    ) -> AsyncIterator[Result[ReportT]]:
        """Results as they finish (``ordered``: in input order), at most ``concurrency`` requests in flight.

        Unordered, one slow article holds back nothing: every finished result is yielded at once. Articles are
        drawn from ``articles`` as slots free up (``scheduling.as_finished``).
        """
        async for result in as_finished(self.aextract, articles, concurrency, ordered=ordered):
            yield result

    async def aclose(self) -> None:
        await self.backend.aclose()

    def _sync(self, coroutine: Any) -> Any:
        """Run on this extractor's own event loop, so clients opened by one sync call serve the next."""
        _refuse_inside_loop(coroutine)
        if self._runner is None:
            self._runner = asyncio.Runner()
        return self._runner.run(coroutine)

    def close(self) -> None:
        """Release the backend (and stop the local server); needed after sync use."""
        if self._runner is None:
            _run(self.aclose())
            return
        try:
            self._runner.run(self.aclose())
        finally:
            self._runner.close()
            self._runner = None

    async def __aenter__(self) -> Extractor[ReportT]:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    def __enter__(self) -> Extractor[ReportT]:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _published(article: Article) -> str | None:
    return f"{article.published.isoformat()} ({article.published:%A})" if article.published else None


def _events_step(attempts: list[Attempt], first: Completion[Any]) -> list[Attempt]:
    """The events pass's attempts, numbered on from the report's and marked ``step='events'``."""
    before = len(first.attempts)
    return [a.model_copy(update={"number": before + i, "step": "events"}) for i, a in enumerate(attempts, 1)]


def _numbered_attempts(attempts: list[Attempt], part: int, before: int) -> list[Attempt]:
    """A part's attempts numbered on from ``before``, each marked with its part."""
    return [a.model_copy(update={"number": before + i, "part": part}) for i, a in enumerate(attempts, 1)]


def _refuse_inside_loop(coroutine: Any) -> None:
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # asyncio's documented answer for "no running loop"
        return
    coroutine.close()
    raise InsideEventLoop("extract() was called inside a running event loop: use `await aextract(...)` instead")


def _run(coroutine: Any) -> Any:
    """Run a coroutine from sync code (refusing inside a running loop, where ``await`` is the answer)."""
    _refuse_inside_loop(coroutine)
    return asyncio.run(coroutine)


async def aextract(
    text: str | Article,
    published: dt.date | str | None = None,
    *,
    title: str | None = None,
    schema: type[BaseModel] = DEFAULT_SCHEMA,
    backend: Backend | str | None = None,
    options: Options | None = None,
    **backend_options: Any,
) -> Result[Any]:
    """Extract one article with a throwaway Extractor (use :class:`Extractor` for many)."""
    extractor = Extractor(backend, schema=schema, options=options, **backend_options)
    try:
        return await extractor.aextract(text, published, title)
    finally:
        if backend is None or isinstance(backend, str):  # made here: closed here
            await extractor.aclose()


def extract(text: str | Article, published: dt.date | str | None = None, **options: Any) -> Result[Any]:
    """Synchronous :func:`aextract` (same keywords: title, schema, backend, options, backend options)."""
    return _run(aextract(text, published, **options))

"""Client throughput: the bare openai client, plain instructor and extractor against a stand-in server.

    nice -n 19 .venv/bin/python benchmarks/client_throughput.py          # 1,280 articles; 1, 8, 32, 128 (~4 min)
    nice -n 19 .venv/bin/python benchmarks/client_throughput.py --quick  # a smoke run (seconds)
    .venv/bin/python benchmarks/client_throughput.py --articles 640 --concurrency 32 --rounds 3

The server is tests/standin_server.py run as its own process: a STAND-IN OpenAI-compatible server on
127.0.0.1 that runs no model and answers every request with one fixed, hand-written ConflictReport
after a fixed delay (50 ms). The model costs nothing but the delay, so the figures are the clients'.
Every figure is printed beside the baseline it is compared with, measured in the same run.

1. Throughput (articles/s) at each concurrency, side by side:
   bare         the openai AsyncOpenAI client POSTing the exact bodies extractor sends (captured from it)
   instructor   plain instructor (from_openai, JSON mode, the same schema and messages; no toolkit)
   extractor    ``Extractor.aextract_many`` with its defaults (prompt, validation, verification; no cache
                or run log: the library path)
   no verify    the same with ``Options(verify=False)`` (``--no-verify``): the client path alone
   Extractor runs with ``event_pass=False`` throughout (``--no-event-pass``): one request per article, the
   bodies the bare clients send. With the events pass (the default) each article makes a second, shorter
   request, so a server that answers in fixed time serves half the articles per second.
   The three send byte-identical request bodies (checked first). At concurrency c each client gets at
   most 50*c articles (about 2.5 s of stand-in delay per slot) after a warm-up of c articles;
   ``--rounds R`` keeps each client's best of R. The CPU time of this process per article is printed
   beside each rate (the stand-in's CPU is its own process's).
2. Per-article overhead of the toolkit excluding the model, for a 1,000-word article: extractor's batch
   path (``BatchRunner.one``: split, prompt, validation, verification, cache look-up and write, run-log
   write) against an in-process transport that answers at once, minus the bare client's time for the
   same request on the same transport (the baseline); then each stage timed on its own.
3. A re-run over 1,000 cached articles (cache and run log on, as ``extractor extract`` runs): wall time
   and the model calls counted at the stand-in, against the first run that filled the cache.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import instructor
from openai import AsyncOpenAI

from extractor.articles import Article
from extractor.backends import http
from extractor.backends.openai_compat import OpenAICompatBackend
from extractor.batch.api_files import prepare
from extractor.batch.cache import ResultCache, cache_key
from extractor.batch.runlog import RunLog, request_hash
from extractor.batch.runner import BatchRunner
from extractor.pipeline import Extractor, Options
from extractor.results import Attempt, Result
from extractor.schemas.conflict import ConflictReport
from extractor.sentences import _split_cached, split_sentences
from extractor.verification import check

ROOT = Path(__file__).resolve().parents[1]
STANDIN = ROOT / "tests" / "standin_server.py"
DELAY_S = 0.05
MODEL = "standin-model"
NOWHERE = "http://127.0.0.1:9/v1"  # never contacted: an in-process transport answers
LEVELS = (1, 8, 32, 128)
PER_SLOT = 50  # articles per unit of concurrency at most: about 2.5 s of stand-in delay per slot
WARM = 1_000_000  # warm-up articles are numbered from here: their texts differ from the timed ones
TOWNS = ("Amara", "Basra", "Kirkuk", "Erbil", "Mosul", "Tikrit", "Najaf", "Karbala", "Hilla", "Ramadi")

# The stand-in's one answer, hand-written (NOT model output). Every article below has sentences 1-4 saying
# what it cites, so validation and verification do their usual work.
ANSWER = json.dumps(
    {
        "events": [
            {
                "sub_event_type": "Shelling/artillery/missile attack", "date_text": "on Monday evening",
                "country": "Iraq", "location": "the army base", "perpetrators": ["the Brigade of the Valley"],
                "targets": ["the army base"], "weapons": ["rockets"], "fatalities": None, "injured": 4,
                "casualty_source": "the provincial health office", "evidence": [1, 2],
            }
        ],
        "actors": [
            {"name": "the Brigade of the Valley", "aliases": ["the Brigade"], "kind": "non_state_armed_group",
             "affiliation": None},
            {"name": "the defence ministry", "aliases": [], "kind": "government", "affiliation": None},
            {"name": "security officials", "aliases": [], "kind": "state_forces", "affiliation": None},
        ],
        "claims": [
            {"statement": "three rockets struck near the army base", "kind": "other",
             "claimant": "security officials", "evidence": [1]},
            {"statement": "four people were wounded in the attack", "kind": "casualties",
             "claimant": "the provincial health office", "evidence": [2]},
            {"statement": "the Brigade of the Valley carried out the attack", "kind": "responsibility",
             "claimant": "the Brigade of the Valley", "evidence": [3]},
            {"statement": "no soldiers were killed", "kind": "denial", "claimant": "the defence ministry",
             "evidence": [4]},
        ],
    }
)  # fmt: skip

HEAD = (
    "Three rockets struck near the army base in {town} on Monday evening, security officials said.",
    "Four people were wounded in the attack, the provincial health office said.",
    "The Brigade of the Valley claimed the attack in a statement posted on its channel {n} minutes later.",
    "The defence ministry denied that any soldiers were killed and said the base in {town} was not damaged.",
)
FILLER = (
    "Residents of {town} said they heard {n} loud explosions shortly before sunset and saw smoke over the road.",
    "The base hosts troops of the national army and a training mission that arrived in {town} last spring.",
    "Local officials in {town} said schools would stay closed on Tuesday while the army searched the area.",
    "Analysts said the group has claimed {n} similar attacks this year, most of them causing little damage.",
    "A spokesman for the governor of {town} called for calm and said the attackers would be found and tried.",
)


def short_article(i: int, prefix: str = "a") -> Article:
    """A unique short article (4 sentences, about 60 words) that the stand-in's answer fits."""
    town = f"{TOWNS[i % len(TOWNS)]}-{i}"
    text = " ".join(s.format(town=town, n=i % 50 + 2) for s in HEAD)
    return Article(id=f"{prefix}{i}", text=text, title=f"Rockets hit a base in {town}", published="2024-01-09")


def long_article(i: int, words: int = 1000, prefix: str = "long") -> Article:
    """A unique article of about ``words`` words in paragraphs; its first 4 sentences are the short one's."""
    town = f"{TOWNS[i % len(TOWNS)]}-{i}"
    sentences = [s.format(town=town, n=i % 50 + 2) for s in HEAD]
    k = 0
    while sum(len(s.split()) for s in sentences) < words:
        sentences.append(FILLER[k % len(FILLER)].format(town=f"{town}.{k}", n=k + 3))
        k += 1
    paragraphs = [" ".join(sentences[j : j + 4]) for j in range(0, len(sentences), 4)]
    return Article(id=f"{prefix}{i}", text="\n\n".join(paragraphs), title=f"Rockets hit a base in {town}",
                   published="2024-01-09")  # fmt: skip


def completion_json(content: str) -> dict[str, Any]:
    """An OpenAI chat completion wrapping ``content`` (what the stand-in answers)."""
    return {
        "id": "standin-1", "object": "chat.completion", "created": 0, "model": "standin",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }  # fmt: skip


class Standin:
    """tests/standin_server.py in its own process (its CPU is not this process's), stopped on exit."""

    def __init__(self, delay: float, answer: str) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="standin-")
        answer_file = Path(self._dir.name) / "answer.json"
        answer_file.write_text(answer, encoding="utf-8")
        command = [sys.executable, str(STANDIN), "--delay", str(delay), "--answer-file", str(answer_file)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        self.base_url = self.process.stdout.readline().strip()
        if not self.base_url.startswith("http://127.0.0.1:"):
            self.close()
            raise RuntimeError(f"the stand-in server did not start (it printed {self.base_url!r})")

    def requests(self) -> int:
        """Chat completions the stand-in has received so far (counted at the server)."""
        url = self.base_url.removesuffix("/v1") + "/standin/stats"
        return int(http.get(url, timeout=10).json()["requests"])

    def close(self) -> None:
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()  # the stand-in stops when its stdin closes
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._dir.cleanup()

    def __enter__(self) -> Standin:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def make_extractor(base_url: str, options: Options | None = None) -> Extractor[Any]:
    options = options or Options(event_pass=False)  # one request per article, as the bare clients send
    return Extractor(OpenAICompatBackend(base_url=base_url, model=MODEL, api_key="not-needed"), options=options)


def openai_client(base_url: str, http_client: http.AsyncClient | None = None) -> AsyncOpenAI:
    """An openai client as the toolkit builds it (same timeouts, no client-side retries)."""
    timeout = http.timeout(600.0, connect=10.0)
    return AsyncOpenAI(base_url=base_url, api_key="not-needed", timeout=timeout, max_retries=0, http_client=http_client)


def instant_transport(content: str = ANSWER) -> http.AsyncClient:
    """An httpx client whose every POST is answered at once, in process, with ``content`` (no server)."""
    answer = json.dumps(completion_json(content)).encode()

    def handler(_request: http.Request) -> http.Response:
        return http.Response(200, content=answer, headers={"content-type": "application/json"})

    return http.async_client(transport=http.MockTransport(handler))


@dataclass
class Request:
    """What each client is given for one article: the exact body (bare) and the messages (instructor)."""

    article: Article
    body: dict[str, Any]
    messages: list[dict[str, str]]  # as extractor renders them (instructor adds the schema to the system one)


async def requests_for(articles: Sequence[Article]) -> list[Request]:
    """The bodies extractor POSTs for ``articles``, captured without a server (extractor.batch.api_files)."""
    extractor = make_extractor(NOWHERE)
    lines = await prepare(extractor, articles)
    await extractor.aclose()
    return [
        Request(article, line["body"], extractor.messages(article, split_sentences(article.text)))
        for article, line in zip(articles, lines, strict=True)
    ]


# -- the clients ----------------------------------------------------------------------------------------


async def bounded(items: Sequence[Any], concurrency: int, one: Callable[[Any], Awaitable[Any]]) -> None:
    semaphore = asyncio.Semaphore(concurrency)

    async def guarded(item: Any) -> Any:
        async with semaphore:
            return await one(item)

    await asyncio.gather(*(guarded(item) for item in items))


class BareClient:
    label = "bare openai"

    def __init__(self, base_url: str, http_client: http.AsyncClient | None = None) -> None:
        self.client = openai_client(base_url, http_client)

    async def one(self, request: Request) -> Any:
        response = await self.client.chat.completions.create(**request.body)
        return json.loads(response.choices[0].message.content or "null")

    async def run(self, requests: Sequence[Request], concurrency: int) -> None:
        await bounded(requests, concurrency, self.one)

    async def aclose(self) -> None:
        await self.client.close()


class InstructorClient:
    label = "plain instructor"

    def __init__(self, base_url: str, http_client: http.AsyncClient | None = None) -> None:
        self.raw = openai_client(base_url, http_client)
        self.client = instructor.from_openai(self.raw, mode=instructor.Mode.JSON)

    async def one(self, request: Request) -> Any:
        # no context=: instructor would render the messages as templates (and change the body)
        return await self.client.chat.completions.create(
            model=request.body["model"], messages=list(request.messages), response_model=ConflictReport,
            max_retries=0, temperature=request.body["temperature"], max_tokens=request.body["max_tokens"],
        )  # fmt: skip

    async def run(self, requests: Sequence[Request], concurrency: int) -> None:
        await bounded(requests, concurrency, self.one)

    async def aclose(self) -> None:
        await self.raw.close()


class ExtractorClient:
    label = "extractor"
    options = Options(event_pass=False)

    def __init__(self, base_url: str, http_client: http.AsyncClient | None = None) -> None:
        self.extractor = make_extractor(base_url, self.options)
        if http_client is not None:
            self.extractor.backend._client = openai_client(base_url, http_client)  # type: ignore[attr-defined]
        self.failed = 0

    async def run(self, requests: Sequence[Request], concurrency: int) -> None:
        _split_cached.cache_clear()  # each article is new to the toolkit, as in a real batch
        async for result in self.extractor.aextract_many([r.article for r in requests], concurrency):
            self.failed += not result.ok

    async def aclose(self) -> None:
        await self.extractor.aclose()


class NoVerifyClient(ExtractorClient):
    label = "extractor, no verify"
    options = Options(verify=False, event_pass=False)


CLIENTS = (BareClient, InstructorClient, ExtractorClient, NoVerifyClient)
BARE, INSTRUCTOR, EXTRACTOR, NO_VERIFY = (kind.label for kind in CLIENTS)


async def same_bodies(requests: Sequence[Request]) -> bool:
    """Whether every client POSTs the JSON bodies extractor's batch files hold for ``requests``."""
    sent: dict[str, list[Any]] = {}
    for kind in CLIENTS:
        bodies: list[Any] = []

        def handler(request: http.Request, bodies: list[Any] = bodies) -> http.Response:
            bodies.append(json.loads(request.content))
            return http.Response(200, json=completion_json(ANSWER))

        client = kind(NOWHERE, http.async_client(transport=http.MockTransport(handler)))
        await client.run(requests, 1)
        await client.aclose()
        sent[kind.label] = bodies
    return all(bodies == [r.body for r in requests] for bodies in sent.values())


@dataclass
class Measure:
    rate: float  # articles per second
    cpu_ms: float  # CPU time of this process per article


async def measure(client: Any, warm: Sequence[Request], timed: Sequence[Request], concurrency: int) -> Measure:
    await client.run(warm, concurrency)
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    await client.run(timed, concurrency)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return Measure(len(timed) / wall, 1000 * cpu / len(timed))


async def throughput(base_url: str, articles: int, levels: Sequence[int], rounds: int) -> dict[int, dict[str, Measure]]:
    """articles/s of each client at each concurrency (best of ``rounds``), all against one stand-in."""
    counts = {c: max(1, min(articles, PER_SLOT * c)) for c in levels}
    timed = await requests_for([short_article(i) for i in range(max(counts.values()))])
    warm = await requests_for([short_article(WARM + i, prefix="warm") for i in range(max(levels))])
    table: dict[int, dict[str, Measure]] = {}
    for concurrency in levels:
        row: dict[str, Measure] = {}
        for _ in range(rounds):
            for kind in CLIENTS:
                client = kind(base_url)
                try:
                    result = await measure(client, warm[:concurrency], timed[: counts[concurrency]], concurrency)
                finally:
                    await client.aclose()
                if getattr(client, "failed", 0):
                    raise RuntimeError(f"{kind.label} failed on {client.failed} article(s) of the stand-in's answer")
                if kind.label not in row or result.rate > row[kind.label].rate:
                    row[kind.label] = result
        table[concurrency] = row
        line = "  ".join(f"{label} {m.rate:6.1f}/s ({m.cpu_ms:4.1f} ms)" for label, m in row.items())
        print(f"  concurrency {concurrency:>3}, {counts[concurrency]:>4} articles: {line}", flush=True)
    return table


# -- per-article overhead of the toolkit, without the model ---------------------------------------------


def median_ms(samples: list[float]) -> float:
    return 1000 * statistics.median(samples)


async def timed_each(items: Sequence[Any], one: Callable[[Any], Awaitable[Any]]) -> list[float]:
    times = []
    for item in items:
        started = time.perf_counter()
        await one(item)
        times.append(time.perf_counter() - started)
    return times


def timed_sync(items: Sequence[Any], one: Callable[[Any], Any]) -> list[float]:
    times = []
    for item in items:
        started = time.perf_counter()
        one(item)
        times.append(time.perf_counter() - started)
    return times


BASELINE = "bare client, same request (baseline)"
BATCH_PATH = "extractor batch path (cache and run log on)"
OVERHEAD = "toolkit overhead (batch path - bare)"


async def overhead(reps: int, words: int = 1000) -> dict[str, float]:
    """Median ms per article: extractor's batch path and the bare client on an instant transport, and stages."""
    articles = [long_article(i, words) for i in range(reps)]
    requests = await requests_for(articles)
    with tempfile.TemporaryDirectory(prefix="throughput-") as folder:
        bare = BareClient(NOWHERE, instant_transport())
        await timed_each(requests[:3], bare.one)  # warm-up
        bare_times = await timed_each(requests, bare.one)
        await bare.aclose()

        extractor = make_extractor(NOWHERE)
        extractor.backend._client = openai_client(NOWHERE, instant_transport())  # type: ignore[attr-defined]
        cache = ResultCache(Path(folder) / "cache.sqlite3")
        runlog = RunLog(Path(folder) / "logs.sqlite3")
        runner = BatchRunner(extractor, cache=cache, runlog=runlog, command="benchmark")
        await timed_each([long_article(WARM + i, words, prefix="warm") for i in range(3)], runner.one)
        _split_cached.cache_clear()
        batch_times = await timed_each(articles, runner.one)

        # each stage on its own, on the same articles (the sentence split uncached)
        split = timed_sync(articles, lambda a: _split_cached.__wrapped__(a.text))
        sentences = {a.id: list(_split_cached.__wrapped__(a.text)) for a in articles}
        render = timed_sync(articles, lambda a: extractor.messages(a, sentences[a.id]))
        messages = {a.id: extractor.messages(a, sentences[a.id]) for a in articles}
        context = {a.id: {"sentence_count": len(sentences[a.id])} for a in articles}
        validate = timed_sync(articles, lambda a: ConflictReport.model_validate_json(ANSWER, context=context[a.id]))
        reports = {a.id: ConflictReport.model_validate_json(ANSWER, context=context[a.id]) for a in articles}

        def verify(a: Article) -> Any:
            return check(reports[a.id], a.text, published=a.published, sentences=sentences[a.id],
                         policy=extractor.policy, weights=extractor.weights)  # fmt: skip

        verified = timed_sync(articles, verify)
        results = {a.id: Result(article_id=a.id, report=verify(a).report, meta=extractor._meta()) for a in articles}
        stage_cache = ResultCache(Path(folder) / "stage-cache.sqlite3")
        keys = {a.id: cache_key(extractor, a) for a in articles}
        cache_write = timed_sync(articles, lambda a: stage_cache.put(keys[a.id], results[a.id]))
        cache_read = timed_sync(articles, lambda a: stage_cache.get(keys[a.id], ConflictReport, a))
        attempts = [Attempt(number=1, ok=True, tokens_in=1, tokens_out=1, latency_s=0.0)]
        log_write = timed_sync(
            articles,
            lambda a: runlog.record(
                article_id=a.id, request=request_hash(messages[a.id], ConflictReport, {}), backend=extractor.backend,
                schema_name="ConflictReport", response=results[a.id].report.model_dump_json(), attempts=attempts,
                latency_s=0.0, error=None, price=None,
            ),
        )  # fmt: skip
        await extractor.aclose()
        for store in (cache, stage_cache, runlog):
            store.close()
    figures = {
        BASELINE: median_ms(bare_times),
        BATCH_PATH: median_ms(batch_times),
        "  sentence split (uncached)": median_ms(split),
        "  prompt render": median_ms(render),
        "  validation (JSON to ConflictReport)": median_ms(validate),
        "  verification": median_ms(verified),
        "  cache write": median_ms(cache_write),
        "  cache read": median_ms(cache_read),
        "  run-log write (with the request hash)": median_ms(log_write),
    }
    figures[OVERHEAD] = figures[BATCH_PATH] - figures[BASELINE]
    return figures


# -- a re-run over cached articles ----------------------------------------------------------------------


async def cached_rerun(standin: Standin, count: int, concurrency: int = 32) -> dict[str, float]:
    """``count`` articles run twice with the cache and the run log on; model calls counted at the stand-in."""
    articles = [short_article(i, prefix="cached") for i in range(count)]
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="throughput-") as folder:
        for run in ("first", "second"):
            extractor = make_extractor(standin.base_url)
            cache = ResultCache(Path(folder) / "cache.sqlite3")
            runlog = RunLog(Path(folder) / "logs.sqlite3")
            runner = BatchRunner(extractor, cache=cache, runlog=runlog, command="benchmark")
            before = standin.requests()
            started = time.perf_counter()
            async for result in runner.run(articles, concurrency):
                if not result.ok:
                    raise RuntimeError(f"{result.article_id}: {result.error}")
            figures[f"{run} run (s)"] = time.perf_counter() - started
            figures[f"{run} run: model calls at the stand-in"] = standin.requests() - before
            figures[f"{run} run: cache hits"] = runner.stats.cached
            runner.finish()
            await extractor.aclose()
            cache.close()
            runlog.close()
    return figures


# -- the command ----------------------------------------------------------------------------------------


@dataclass
class Settings:
    articles: int
    levels: tuple[int, ...]
    rounds: int
    overhead_reps: int
    cached: int
    delay: float = DELAY_S


def settings_from(argv: Sequence[str] | None) -> Settings:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1280, help="articles per client and level (at most 50*c)")
    parser.add_argument("--concurrency", default=None, help="comma-separated levels (default 1,8,32,128)")
    parser.add_argument("--rounds", type=int, default=1, help="runs per client and level; the best is kept")
    parser.add_argument("--cached", type=int, default=1000, help="articles in the cached re-run")
    parser.add_argument("--overhead-reps", type=int, default=100, help="1,000-word articles timed for the overhead")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 16 articles at 1 and 8, small counts")
    args = parser.parse_args(argv)
    levels = tuple(int(c) for c in (args.concurrency or "").split(",") if c.strip())
    if args.quick:
        return Settings(articles=min(args.articles, 16), levels=levels or (1, 8), rounds=1, overhead_reps=5,
                        cached=min(args.cached, 30))  # fmt: skip
    return Settings(args.articles, levels or LEVELS, max(1, args.rounds), max(1, args.overhead_reps), args.cached)


def markdown(table: dict[int, dict[str, Measure]]) -> Iterator[str]:
    """The throughput table as the README shows it."""
    yield ("| concurrency | bare `openai` | plain instructor | extractor | extractor, `--no-verify` | "
           "extractor / bare | extractor / instructor |")  # fmt: skip
    yield "|---|---|---|---|---|---|---|"
    for concurrency, row in table.items():
        cells = [f"{row[label].rate:.0f}/s ({row[label].cpu_ms:.1f} ms)" for label in (BARE, INSTRUCTOR, EXTRACTOR,
                                                                                       NO_VERIFY)]  # fmt: skip
        ratios = f"{row[EXTRACTOR].rate / row[BARE].rate:.2f} | {row[EXTRACTOR].rate / row[INSTRUCTOR].rate:.2f}"
        yield f"| {concurrency} | {' | '.join(cells)} | {ratios} |"


async def run(settings: Settings) -> None:
    logging.getLogger("instructor").setLevel(logging.CRITICAL)  # capturing bodies fails each call on purpose
    print(f"stand-in server: tests/standin_server.py, no model, one hand-written answer after "
          f"{1000 * settings.delay:.0f} ms, in its own process; this process pid {os.getpid()}")  # fmt: skip
    with Standin(settings.delay, ANSWER) as standin:
        print(f"stand-in at {standin.base_url}")
        identical = await same_bodies(await requests_for([short_article(7), long_article(7)]))
        print(f"request bodies identical across the clients: {'yes' if identical else 'NO'}")
        if not identical:
            raise SystemExit("the clients send different requests: the comparison would not be fair")

        words = len(short_article(0).text.split())
        print(f"\n1. throughput against the stand-in, short articles ({words} words): articles/s (CPU ms of this "
              f"process per article), best of {settings.rounds}")  # fmt: skip
        table = await throughput(standin.base_url, settings.articles, settings.levels, settings.rounds)
        print("\n   ratios (the baselines, bare openai and plain instructor, from the same run):")
        for concurrency, row in table.items():
            print(f"   concurrency {concurrency:>3}: extractor/bare {row[EXTRACTOR].rate / row[BARE].rate:.2f}   "
                  f"extractor/instructor {row[EXTRACTOR].rate / row[INSTRUCTOR].rate:.2f}   "
                  f"no-verify/bare {row[NO_VERIFY].rate / row[BARE].rate:.2f}")  # fmt: skip
        print("   goal: extractor/bare at least 0.8 at concurrency 32, and ahead of plain instructor")

        print(f"\n2. per-article overhead without the model, 1,000-word article, median of {settings.overhead_reps}"
              " (ms):")  # fmt: skip
        figures = await overhead(settings.overhead_reps)
        for name, value in figures.items():
            print(f"   {name:<46} {value:8.2f}")
        print("   goal: toolkit overhead under 5 ms")

        print(f"\n3. re-run over {settings.cached} cached articles (cache and run log on, concurrency 32):")
        rerun = await cached_rerun(standin, settings.cached)
        for name, value in rerun.items():
            print(f"   {name:<46} {value:8.2f}" if "(s)" in name else f"   {name:<46} {value:8.0f}")
        print("   goal: 0 model calls at the stand-in on the second run")

    print("\nREADME table (articles/s at the stand-in, CPU ms of the client process per article):\n")
    for line in markdown(table):
        print(line)
    print(f"\nper-article toolkit overhead, 1,000 words: {figures[OVERHEAD]:.1f} ms (batch path "
          f"{figures[BATCH_PATH]:.1f} ms, bare client {figures[BASELINE]:.1f} ms; verification "
          f"{figures['  verification']:.1f}, split {figures['  sentence split (uncached)']:.1f})")  # fmt: skip
    print(f"cached re-run of {settings.cached}: {rerun['second run (s)']:.2f} s and "
          f"{rerun['second run: model calls at the stand-in']:.0f} model calls at the stand-in (first run "
          f"{rerun['first run (s)']:.2f} s, {rerun['first run: model calls at the stand-in']:.0f} calls)")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> None:
    asyncio.run(run(settings_from(argv)))


if __name__ == "__main__":
    main(sys.argv[1:])

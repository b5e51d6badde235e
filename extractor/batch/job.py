"""One batch run, the library call behind ``extractor extract``: articles in, each result written as it finishes.

    outcome = run(extractor, articles, Path("results.jsonl"), BatchOptions(concurrency=4))
    outcome.exit_code      # 0 done; 1 some articles failed; 3 or 4 every article failed (by cause)

``run`` checks and locks ``out``, resumes what ``out`` already holds, reads and fills the result cache, records
the run log, writes every result (json, jsonl, table or csv, claims under ``min_confidence`` dropped), writes
the HTML review page, and closes the extractor. What it tells the user goes through ``say``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from rich.progress import Progress

from extractor.articles import Article
from extractor.batch.runner import BatchRunner, BatchStats
from extractor.errors import BadInput, exit_code_for
from extractor.pipeline import Extractor
from extractor.render import FORMATS, Writer, filter_claims
from extractor.results import Result

log = logging.getLogger(__name__)
Say = Callable[[str, str, str], None]  # (label, message, tone): one line for the user; tone "ok", "note" or "error"


class OutputUnwritable(BadInput):
    """The output cannot be written (a full disk, a closed pipe); the message says what was kept."""


@dataclass(frozen=True)
class BatchOptions:
    """How a batch is run and written (the model and its options are the Extractor's)."""

    fmt: str = "jsonl"  # render.FORMATS; "json" with many articles writes JSONL
    min_confidence: float | None = None  # drop claims below this confidence from what is written
    concurrency: int = 1
    ordered: bool = False  # write in input order (default: as each finishes)
    fresh: bool = False  # overwrite ``out`` instead of resuming
    cache: bool = True  # read and fill the result cache
    runlog: bool = True  # record every model call in the run log
    prices: Path | None = None  # price table TOML (None: eval/prices.toml if present)
    html: Path | None = None  # also write the HTML review page of this run here
    command: str = "extract"  # what the run log records as the command
    inputs: tuple[str, ...] = ()  # where the articles were read from (``out`` must not be one of them)

    def __post_init__(self) -> None:
        if self.fmt not in FORMATS:
            raise BadInput(f"--format {self.fmt!r} is not one of {', '.join(FORMATS)}")


@dataclass
class BatchOutcome:
    """What a run did: articles given, articles run now, the failure kind of each that failed, the stats."""

    total: int
    ran: int
    failures: list[str | None] = field(default_factory=list)
    stats: BatchStats = field(default_factory=BatchStats)

    @property
    def exit_code(self) -> int:
        return exit_code_for(self.failures, self.ran)

    def failure_message(self) -> str | None:
        """One line on the failures, or None when none failed."""
        if not self.failures:
            return None
        if len(self.failures) == self.ran:
            return f"all {self.ran} article(s) failed; see the errors above"
        return f"{len(self.failures)} of {self.ran} article(s) failed; the rest were written"


def run(
    extractor: Extractor[Any],
    articles: Iterable[Article],
    out: Path | None = None,
    options: BatchOptions | None = None,
    *,
    stream: TextIO | None = None,
    progress: Progress | None = None,
    say: Say | None = None,
) -> BatchOutcome:
    """Run ``articles`` through ``extractor`` and write each result to ``out`` (None: ``stream``, else stdout).

    A JSONL ``out`` that already holds results is resumed (unless ``options.fresh``); one article in json is
    written atomically. The extractor is closed at the end. Raises BadInput (``out`` unusable or busy,
    resuming would mix two runs), OutputUnwritable, BackendUnavailable."""
    options = options or BatchOptions()
    say = say or _log
    articles = list(articles)
    single = len(articles) == 1 and options.fmt == "json"
    if out is not None:
        check_out(out, options.inputs)
    with contextlib.ExitStack() as held:
        if out is not None:
            from extractor.batch.outlock import output_lock

            held.enter_context(output_lock(out))  # taken before resuming rewrites the file
        if options.fmt == "json" and not single:
            say("note:", f"--format json with {len(articles)} articles writes JSONL (one result per line)", "note")
        resumed = out is not None and _resumable(out, options, single)
        todo = _resume(out, articles, extractor, say) if resumed and out is not None else articles
        if articles and not todo:
            say("done:", f"all {len(articles)} article(s) are already in {out} (--fresh runs them again)", "ok")
            asyncio.run(extractor.aclose())
            return BatchOutcome(len(articles), 0)
        runner = _runner(extractor, options, progress)
        failures = _write(runner, todo, out, stream, options, single=single, append=resumed, say=say)
    return BatchOutcome(len(articles), len(todo), failures, runner.stats)


def check_out(out: Path, inputs: Iterable[str] = ()) -> None:
    """BadInput before any model call when ``out`` is an input, a folder, or in a folder that does not exist."""
    for path in inputs:
        if path != "-" and Path(path).exists() and out.exists() and os.path.samefile(path, out):
            raise BadInput(f"--out {out} is also an input: it would be overwritten; write the results elsewhere")
    if out.is_dir():
        raise BadInput(f"--out {out} is a folder: give a file name, e.g. {out / 'results.jsonl'}")
    if not out.parent.is_dir():
        raise BadInput(f"--out {out}: the folder {out.parent} does not exist; create it first")


def _write(
    runner: BatchRunner,
    articles: list[Article],
    out: Path | None,
    stream: TextIO | None,
    options: BatchOptions,
    *,
    single: bool,
    append: bool,
    say: Say,
) -> list[str | None]:
    """Run and write every article, then the review page; the failure kind of each that failed."""
    opened = False
    try:
        with contextlib.ExitStack() as stack:
            if out is None:
                target = stream or sys.stdout
            elif append:
                target = stack.enter_context(out.open("a", encoding="utf-8"))
            else:
                target = stack.enter_context(open_out(out, atomic=single))
            writer = Writer(target, options.fmt, single)
            opened = True
            if runner.progress is not None:
                stack.enter_context(runner.progress)
            kept: list[Result[Any]] | None = [] if options.html is not None else None  # only the page needs them
            failures = asyncio.run(_extract_all(runner, articles, writer, options, say, kept))
        runner.finish()
        if options.html is not None and kept is not None:
            _write_review(options.html, kept, articles, say)
    except OSError as exc:
        where = f"--out {out}" if out else "stdout"
        note = "the results written before it are kept" if opened else "nothing was run"
        raise OutputUnwritable(f"{where}: cannot write ({exc.strerror or exc}); {note}") from None
    return failures


@contextlib.contextmanager
def open_out(out: Path, *, atomic: bool) -> Iterator[TextIO]:
    """``out`` opened for writing; ``atomic``: through a temporary file in the same folder, renamed at the end
    (a failed run leaves any earlier file as it was). Only a regular file is replaced so: a device, a pipe
    (``/dev/stdout``) or a FIFO is written to directly, and a symlink's target is replaced, not the link."""
    if out.is_symlink():
        out = Path(os.path.realpath(out))
    if not atomic or (out.exists() and not out.is_file()):
        with out.open("w", encoding="utf-8") as stream:
            yield stream
        return
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, out)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _resumable(out: Path, options: BatchOptions, single: bool) -> bool:
    """Whether ``out`` is resumed: JSONL output (not one atomic json) that already holds something, not fresh."""
    jsonl = not single and options.fmt in ("json", "jsonl")
    return jsonl and not options.fresh and out.is_file() and out.stat().st_size > 0


def _resume(out: Path, articles: list[Article], extractor: Extractor[Any], say: Say) -> list[Article]:
    """The articles not yet finished in ``out`` (made whole first: a torn last line, failures and results
    whose article changed dropped); MixedOutput when ``out`` holds results made with another model, mode,
    prompt or schema (the file would mix two runs)."""
    from extractor.batch.resume import RunIdentity, article_keys, prepare_resume

    found = prepare_resume(out, RunIdentity.of(extractor), article_keys(articles))
    left = [a for a in articles if a.id not in found.done]
    notes = []
    if found.dropped:
        notes.append(f"dropped {found.dropped} failed or torn line(s) to run again")
    if found.stale:
        shown = ", ".join(found.stale[:5]) + (" ..." if len(found.stale) > 5 else "")
        notes.append(f"{len(found.stale)} result(s) whose article changed run again and are replaced ({shown})")
    if found.duplicates:
        notes.append(f"dropped {found.duplicates} second line(s) for an id already there")
    say("resuming:", f"{len(articles) - len(left)} of {len(articles)} already in {out}, {len(left)} to run"
        f"{''.join('; ' + n for n in notes)} (--fresh starts over)", "note")  # fmt: skip
    return left


def _runner(extractor: Extractor[Any], options: BatchOptions, progress: Progress | None) -> BatchRunner:
    """The runner with the price table, and the cache and run log unless switched off or unusable."""
    from extractor.batch.cache import ResultCache
    from extractor.batch.runlog import RunLog
    from extractor.evaluation.prices import load_price_table

    table = load_price_table(options.prices)
    cache = _open_store(ResultCache) if options.cache else None
    runlog = _open_store(RunLog) if options.runlog else None
    return BatchRunner(extractor, cache=cache, runlog=runlog, prices=table, progress=progress,
                       command=options.command)  # fmt: skip


def _open_store(kind: Any) -> Any:
    """The cache or run log, or None after one warning when its file cannot be used (the run goes on)."""
    from extractor.batch.store import StoreUnavailable

    try:
        return kind()
    except StoreUnavailable as exc:
        log.warning("%s", exc.warning())
        return None


async def _extract_all(
    runner: BatchRunner,
    articles: list[Article],
    writer: Writer,
    options: BatchOptions,
    say: Say,
    done: list[Result[Any]] | None,
) -> list[str | None]:
    """Extract and write every article (as each finishes, or in input order); the failure kind of each that
    failed. The extractor is closed at the end, on this loop (its clients belong to it)."""
    failures: list[str | None] = []
    try:
        async for result in runner.run(articles, options.concurrency, ordered=options.ordered):
            _tell(result, say)
            if not result.ok:
                failures.append(result.error_kind)
            writer.write(filter_claims(result, options.min_confidence))
            if done is not None:
                done.append(result)
    finally:
        await runner.extractor.aclose()
    return failures


def _write_review(path: Path, results: list[Result[Any]], articles: list[Article], say: Say) -> None:
    """The review page of this run (the article texts are at hand), written after the results."""
    from extractor.html import attach_texts, write_review_html

    views, _missing = attach_texts(results, {a.id: a for a in articles})
    write_review_html(views, path)
    say("review page:", str(path), "ok")


def _tell(result: Result[Any], say: Say) -> None:
    meta = result.meta
    if result.ok:
        log.info(
            "%s: %d+%d tokens, %.1f s, %d attempt(s)",
            result.article_id, meta.tokens_in, meta.tokens_out, meta.latency_s, len(meta.attempts),
        )  # fmt: skip
    else:
        say(f"{result.article_id} failed:", result.error or "unknown error", "error")


def _log(label: str, message: str, tone: str) -> None:
    """The default ``say`` for library callers: a log line (a warning for errors)."""
    log.log(logging.WARNING if tone == "error" else logging.INFO, "%s %s", label, message)

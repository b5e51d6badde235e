"""``extractor extract``, ``show``, ``schema``, ``model``, ``engine``, ``serve`` and ``verify``."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

from extractor.articles import (
    LONG_ARTICLE_CHARS,
    LONG_ARTICLE_WORDS,
    Article,
    ArticleError,
    one_line,
    parse_date,
    read_inputs,
)
from extractor.backends.engine.build import EngineNotFound, build_server, find_server
from extractor.backends.engine.server import EngineServer, EngineSettings, default_threads
from extractor.backends.model_files import ModelNotFound, resolve_model_path
from extractor.cli import common
from extractor.cli.common import EXIT_BACKEND, EXIT_PARTIAL, exit_code_for_failures, fail, log, setup_logging
from extractor.cli.options import (
    BackendChoice,
    Format,
    MinConfidence,
    ModelPath,
    ModelRun,
    Policy,
    Published,
    Quiet,
    Schema,
    Verbose,
    Weights,
    option_groups,
)
from extractor.errors import BackendUnavailable
from extractor.pipeline import Extractor, Options
from extractor.render import FORMATS, Writer, filter_claims
from extractor.results import Result
from extractor.schema_io import SchemaError, json_schema, load_schema

EXTRACT_EPILOG = (
    "Examples:\n\n"
    "  extractor extract examples/article.txt --format table\n\n"
    "  cat articles.jsonl | extractor extract - --out results.jsonl\n\n"
    "  extractor extract a.txt --base-url http://127.0.0.1:11434/v1 --model qwen2.5:1.5b\n\n"
    "  extractor extract a.txt --published 2023-11-22 --samples 3 --verify-with-llm"
)


def _read_articles(paths: list[str], published: str | None, title: str | None, skip_bad: bool) -> list[Article]:
    """Every input article, or exit 2 naming each bad record (unless --skip-bad: then each bad record is
    named, skipped, and counted at the end, and every good record, also after a bad line, is run)."""
    articles: list[Article] = []
    problems: list[str] = []
    try:
        override = parse_date(published, "--published") if published else None
    except ArticleError as exc:
        raise fail(str(exc)) from None
    if title is not None:
        title = one_line(title) or None
    first_seen: dict[str, str] = {}  # id -> where it was read first (ids are unique across every input)
    for path in paths:
        try:
            for article in read_inputs([path], sys.stdin, on_error=lambda exc: problems.append(str(exc))):
                if article.id in first_seen:
                    problems.append(str(_duplicate(article, first_seen[article.id])))
                    continue
                first_seen[article.id] = article.origin or article.id
                updates: dict[str, Any] = {}
                if override:
                    updates["published"] = override
                if title:
                    updates["title"] = title
                articles.append(article.model_copy(update=updates) if updates else article)
        except ArticleError as exc:
            problems.append(str(exc))
    for problem in problems:
        common.say("bad input:", problem)
    if problems and not skip_bad:
        raise fail(f"{len(problems)} input(s) could not be read; nothing was run (--skip-bad runs the rest)")
    if problems:
        common.say("skipped:", f"{len(problems)} bad input(s) (named above); running the other {len(articles)}")
    if not articles:
        raise fail("no articles to extract: pass .txt/.md/.jsonl files or - for stdin")
    missing_dates = [a.id for a in articles if a.published is None]
    if missing_dates:
        log.warning(
            "no publication date for %s: relative dates ('on Wednesday') stay unresolved; pass --published",
            ", ".join(missing_dates[:5]) + (" ..." if len(missing_dates) > 5 else ""),
        )
    return articles


def _duplicate(article: Article, first: str) -> ArticleError:
    """The error for a second article with an id already read (from another input: a file stem, a JSONL id)."""
    where = article.origin or article.id
    return ArticleError(where, f"duplicate id {article.id!r}, already read from {first}",
                        "give every article a unique id (a text file's id is its name without the suffix)")  # fmt: skip


@option_groups
def extract(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help=".txt/.md/.jsonl files, or - for stdin.")],
    fmt: Format = "json",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write results here instead of stdout.")] = None,
    published: Published = None,
    title: Annotated[str | None, typer.Option("--title", help="Title for every input.")] = None,
    schema: Schema = None,
    run: ModelRun = ModelRun(),
    backend: BackendChoice = BackendChoice(),
    samples: Annotated[int, typer.Option("--samples", min=0, help="Self-consistency: N extra samples.")] = 0,
    verify_with_llm: Annotated[
        bool, typer.Option("--verify-with-llm", help="Ask the model whether each claim's evidence entails it.")
    ] = False,
    policy: Policy = None,
    weights: Weights = None,
    min_confidence: MinConfidence = None,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Run the readable inputs, report the rest.")] = False,
    ordered: Annotated[
        bool, typer.Option("--ordered", help="Write results in input order (default: as each finishes).")
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=1.0, help="Seconds one article may take, retries included.")
    ] = 900.0,
    allow_long: Annotated[
        bool,
        typer.Option(
            "--allow-long",
            help=f"Run articles longer than {LONG_ARTICLE_WORDS:,} words or {LONG_ARTICLE_CHARS:,} characters.",
        ),
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the result cache (extractor cache path).")
    ] = False,
    no_log: Annotated[bool, typer.Option("--no-log", help="Do not record model calls in the run log.")] = False,
    prices: Annotated[
        Path | None, typer.Option("--prices", help="Price table TOML for the cost estimate (default eval/prices.toml).")
    ] = None,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Overwrite --out instead of resuming (skipping the ids already in it).")
    ] = False,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write a self-contained HTML review page of this run here.")
    ] = None,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Extract events, actors and attributed claims from articles, and verify every claim.

    With --out FILE (JSONL), a second run resumes: results already in FILE are kept and not asked again.
    """
    setup_logging(verbose, quiet)
    if fmt not in FORMATS:
        raise fail(f"--format {fmt!r} is not one of {', '.join(FORMATS)}")
    try:
        report_schema = load_schema(schema)
    except SchemaError as exc:
        raise fail(str(exc)) from None
    articles = _read_articles(paths, published, title, skip_bad)
    _refuse_long(articles, allow_long)
    if out is not None:
        _check_out(out, paths)
        _lock_out(ctx, out)  # held to the end of the command; taken before resuming rewrites the file
    single = len(articles) == 1 and fmt == "json"
    if fmt == "json" and not single:
        common.say("note:", f"--format json with {len(articles)} articles writes JSONL (one result per line)", "yellow")
    options = Options(
        verify=not run.no_verify, samples=samples, verify_with_llm=verify_with_llm, policy=policy, weights=weights,
        max_retries=run.max_retries, article_timeout=timeout, event_pass=not run.no_event_pass,
    )  # fmt: skip
    try:
        extractor = Extractor(backend.make(), schema=report_schema, prompt=run.prompt, options=options)
    except (FileNotFoundError, ValueError, ModelNotFound) as exc:
        raise fail(str(exc)) from None
    resume = out is not None and not single and fmt in ("json", "jsonl") and not fresh and _nonempty_file(out)
    total = len(articles)
    if resume:
        assert out is not None
        articles = _resume(out, articles, extractor)
        if not articles:
            common.say("done:", f"all {total} article(s) are already in {out} (--fresh runs them again)", "green")
            return
    try:
        runner = _batch_runner(extractor, no_cache, no_log, prices, quiet)
    except (ValueError, OSError) as exc:
        raise fail(str(exc)) from None
    written = False
    try:
        with contextlib.ExitStack() as stack:
            if out and resume:
                stream = stack.enter_context(out.open("a", encoding="utf-8"))
            else:
                stream = stack.enter_context(_open_out(out, atomic=single)) if out else sys.stdout
            writer = Writer(stream, fmt, single)
            written = True
            if runner.progress is not None:
                stack.enter_context(runner.progress)
            kept: list[Result[Any]] | None = [] if html is not None else None  # only the page needs them
            kinds = asyncio.run(
                _extract_all(runner, articles, writer, run.concurrency, min_confidence, ordered=ordered, done=kept)
            )
        runner.finish()
        if html is not None and kept is not None:
            _write_review(html, kept, articles)
        if not quiet and len(articles) > 1:
            common.say("batch:", runner.stats.summary(), "green")
    except BackendUnavailable as exc:
        raise fail(str(exc), EXIT_BACKEND) from None
    except OSError as exc:
        where = f"--out {out}" if out else "stdout"
        note = "the results written before it are kept" if written else "nothing was run"
        raise fail(f"{where}: cannot write ({exc.strerror or exc}); {note}") from None
    if kinds and len(kinds) == len(articles):
        raise fail(f"all {len(kinds)} article(s) failed; see the errors above", exit_code_for_failures(kinds))
    if kinds:
        raise fail(f"{len(kinds)} of {len(articles)} article(s) failed; the rest were written", EXIT_PARTIAL)


def _lock_out(ctx: typer.Context, out: Path) -> None:
    """Hold the lock of ``out`` until the command ends; exit 2 when another run is writing it."""
    from extractor.batch.outlock import OutputBusy, output_lock

    try:
        ctx.with_resource(output_lock(out))
    except OutputBusy as exc:
        raise fail(str(exc)) from None


def _refuse_long(articles: list[Article], allow_long: bool) -> None:
    """Exit 2 naming each article over LONG_ARTICLE_WORDS words or LONG_ARTICLE_CHARS characters (one long
    token, text without spaces: the words undercount it), unless --allow-long."""
    long = []
    for article in articles:
        words, chars = len(article.text.split()), len(article.text)
        if words > LONG_ARTICLE_WORDS:
            long.append((article, f"{words:,} words (over {LONG_ARTICLE_WORDS:,})"))
        elif chars > LONG_ARTICLE_CHARS:
            long.append((article, f"{chars:,} characters (over {LONG_ARTICLE_CHARS:,})"))
    for article, size in long:
        common.say("too long:", f"{article.origin or article.id}: {size}")
    if long and not allow_long:
        raise fail(
            f"{len(long)} article(s) over {LONG_ARTICLE_WORDS:,} words or {LONG_ARTICLE_CHARS:,} characters would "
            "take many model calls or one oversized request; pass --allow-long to run them anyway"
        )


def _check_out(out: Path, paths: list[str]) -> None:
    """Exit 2 before any model call when --out is an input, a folder, or in a folder that does not exist."""
    for path in paths:
        if path != "-" and Path(path).exists() and out.exists() and os.path.samefile(path, out):
            raise fail(f"--out {out} is also an input: it would be overwritten; write the results elsewhere")
    if out.is_dir():
        raise fail(f"--out {out} is a folder: give a file name, e.g. {out / 'results.jsonl'}")
    if not out.parent.is_dir():
        raise fail(f"--out {out}: the folder {out.parent} does not exist; create it first")


@contextlib.contextmanager
def _open_out(out: Path, *, atomic: bool) -> Any:
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


def _nonempty_file(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def _resume(out: Path, articles: list[Article], extractor: Extractor[Any]) -> list[Article]:
    """The articles not yet finished in ``out`` (made whole first: a torn last line, failures and results
    whose article changed dropped); exit 2 when ``out`` holds results made with another model, mode, prompt
    or schema (the file would mix two runs)."""
    from extractor.batch.resume import MixedOutput, RunIdentity, article_keys, prepare_resume

    try:
        found = prepare_resume(out, RunIdentity.of(extractor), article_keys(articles))
    except MixedOutput as exc:
        raise fail(str(exc)) from None
    left = [a for a in articles if a.id not in found.done]
    notes = []
    if found.dropped:
        notes.append(f"dropped {found.dropped} failed or torn line(s) to run again")
    if found.stale:
        shown = ", ".join(found.stale[:5]) + (" ..." if len(found.stale) > 5 else "")
        notes.append(f"{len(found.stale)} result(s) whose article changed run again and are replaced ({shown})")
    if found.duplicates:
        notes.append(f"dropped {found.duplicates} second line(s) for an id already there")
    common.say(
        "resuming:", f"{len(articles) - len(left)} of {len(articles)} already in {out}, {len(left)} to run"
        f"{''.join('; ' + n for n in notes)} (--fresh starts over)", "yellow",
    )  # fmt: skip
    return left


def _batch_runner(extractor: Extractor[Any], no_cache: bool, no_log: bool, prices: Path | None, quiet: bool) -> Any:
    from extractor.batch.cache import ResultCache
    from extractor.batch.runlog import RunLog
    from extractor.batch.runner import BatchRunner, make_progress
    from extractor.evaluation.prices import PriceError, load_price_table

    try:
        table = load_price_table(prices)
    except PriceError as exc:
        raise ValueError(str(exc)) from None
    progress = make_progress(common.err) if common.err.is_terminal and not quiet else None
    command = " ".join(sys.argv[1:])  # the run log redacts registered secrets
    cache = None if no_cache else _open_store(ResultCache)
    runlog = None if no_log else _open_store(RunLog)
    return BatchRunner(extractor, cache=cache, runlog=runlog, prices=table, progress=progress, command=command)


def _open_store(kind: Any) -> Any:
    """The cache or run log, or None after one warning when its file cannot be used (the run goes on)."""
    from extractor.batch.store import StoreUnavailable

    try:
        return kind()
    except StoreUnavailable as exc:
        log.warning("%s", exc.warning())
        return None


async def _extract_all(
    runner: Any,
    articles: list[Article],
    writer: Writer,
    concurrency: int,
    min_confidence: float | None,
    *,
    ordered: bool = False,
    done: list[Result[Any]] | None = None,
) -> list[str | None]:
    """Extract and write every article (as each finishes, or in input order); the failure kind of each that
    failed."""
    kinds: list[str | None] = []
    try:
        async for result in runner.run(articles, concurrency, ordered=ordered):
            _log_result(result)
            if not result.ok:
                kinds.append(result.error_kind)
            writer.write(filter_claims(result, min_confidence))
            if done is not None:
                done.append(result)
    finally:
        await runner.extractor.aclose()
    return kinds


def _write_review(path: Path, results: list[Result[Any]], articles: list[Article]) -> None:
    """The review page of this run (the article texts are at hand), written after the results."""
    from extractor.html import attach_texts, write_review_html

    views, _missing = attach_texts(results, {a.id: a for a in articles})
    write_review_html(views, path)
    common.say("review page:", str(path), "green")


def _log_result(result: Result[Any]) -> None:
    meta = result.meta
    if result.ok:
        log.info(
            "%s: %d+%d tokens, %.1f s, %d attempt(s)",
            result.article_id, meta.tokens_in, meta.tokens_out, meta.latency_s, len(meta.attempts),
        )  # fmt: skip
    else:
        common.say(f"{result.article_id} failed:", result.error or "unknown error")


def _write_all(results: list[Result[Any]], fmt: str, min_confidence: float | None) -> None:
    writer = Writer(sys.stdout, fmt, single=len(results) == 1)
    for result in results:
        writer.write(filter_claims(result, min_confidence))


def show(
    result_path: Annotated[Path, typer.Argument(help="Saved results: JSON or JSONL as written by extract.")],
    fmt: Format = "table",
    min_confidence: MinConfidence = None,
) -> None:
    """Render saved results (default: the readable table, flagged claims first)."""
    from extractor.evaluation.results_io import load_results

    try:
        results = load_results(result_path, bare_reports=True)
    except (ValueError, FileNotFoundError) as exc:
        raise fail(str(exc)) from None
    _write_all(results, fmt, min_confidence)


def schema_command(schema: Schema = None) -> None:
    """Print the JSON Schema the model is asked to fill."""
    try:
        typer.echo(json.dumps(json_schema(load_schema(schema)), indent=2, ensure_ascii=False))
    except SchemaError as exc:
        raise fail(str(exc)) from None


def model_command(model_path: ModelPath = None, verbose: Verbose = 0) -> None:
    """Resolve the embedded model (assembling the offline bundle once) and print its path."""
    setup_logging(verbose, False)
    try:
        typer.echo(str(resolve_model_path(model_path)))
    except ModelNotFound as exc:
        raise fail(str(exc), EXIT_BACKEND) from None


def engine_command(
    build: Annotated[bool, typer.Option("--build", help="Build llama-server from source if it is missing.")] = False,
    verbose: Verbose = 0,
) -> None:
    """Print the path of llama.cpp's llama-server; with --build, build it once (about 6 minutes on 2 cores)."""
    setup_logging(verbose, False)
    path = find_server()
    if path is None and build:
        try:
            path = build_server()
        except (EngineNotFound, OSError, subprocess.CalledProcessError) as exc:
            raise fail(f"building llama-server failed: {exc}", EXIT_BACKEND) from None
    if path is None:
        raise fail("llama-server is not built: run `extractor engine --build`", EXIT_BACKEND)
    typer.echo(str(path))


def serve(
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1.")] = 8765,
    model_path: ModelPath = None,
    n_ctx: Annotated[int, typer.Option("--n-ctx", help="Context window per slot, in tokens.")] = 8192,
    threads: Annotated[int, typer.Option("--threads", help="CPU threads (default: all cores).")] = 0,
    slots: Annotated[int, typer.Option("--slots", help="Requests decoded in parallel.")] = 1,
) -> None:
    """Serve the embedded model (llama.cpp's llama-server) as an OpenAI-compatible API on 127.0.0.1."""
    setup_logging(0, False)
    settings = EngineSettings(
        model_path=model_path, port=port, n_ctx=n_ctx, threads=threads or default_threads(), slots=slots
    )
    try:
        with EngineServer(settings) as server:
            common.say("serving", f"{settings.alias} at {server.base_url} (Ctrl-C stops)", "green")
            assert server.process is not None
            server.process.wait()
    except KeyboardInterrupt:
        pass
    except (BackendUnavailable, RuntimeError) as exc:
        raise fail(str(exc), EXIT_BACKEND) from None


def verify_command(
    result_path: Annotated[Path, typer.Argument(help="A saved result (JSON or JSONL), or a bare ConflictReport.")],
    text: Annotated[Path, typer.Option("--text", help="The article the result was extracted from.")],
    published: Annotated[str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD).")] = None,
    policy: Policy = None,
    weights: Weights = None,
    fmt: Format = "json",
    min_confidence: MinConfidence = None,
    force: Annotated[
        bool, typer.Option("--force", help="Re-verify even when --text is not the article the result records.")
    ] = False,
) -> None:
    """Re-verify a saved result against its article (also results made by other tools in the same schema)."""
    from extractor.verify_saved import reverify

    try:
        results = reverify(result_path, text, published, policy, weights, force=force)
    except (ArticleError, ValueError, FileNotFoundError) as exc:
        raise fail(str(exc)) from None
    _write_all(results, fmt, min_confidence)

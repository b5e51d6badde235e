"""``extractor extract``, ``show``, ``schema``, ``model``, ``engine``, ``serve`` and ``verify``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from extractor import batch
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
from extractor.backends.model_files import resolve_model_path
from extractor.batch.runner import make_progress
from extractor.cli import common
from extractor.cli.common import EXIT_BACKEND, fail, log, setup_logging
from extractor.cli.extract_options import ARTICLE_INPUTS, CHECKING, WRITING, ArticleInputs, Checking, Writing
from extractor.cli.options import (
    BackendChoice,
    Format,
    Logs,
    MinConfidence,
    ModelPath,
    ModelRun,
    Policy,
    Schema,
    Verbose,
    Weights,
    option_groups,
)
from extractor.render import Writer, filter_claims
from extractor.results import Result
from extractor.schema_io import json_schema, load_schema

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
    paths: Annotated[list[str], typer.Argument(help=".txt/.md/.jsonl files, or - for stdin.")],
    inputs: ArticleInputs = ARTICLE_INPUTS,
    run: ModelRun = ModelRun(),
    backend: BackendChoice = BackendChoice(),
    checking: Checking = CHECKING,
    writing: Writing = WRITING,
    logs: Logs = Logs(),
) -> None:
    """Extract events, actors and attributed claims from articles, and verify every claim.

    With --out FILE (JSONL), a second run resumes: results already in FILE are kept and not asked again.
    """
    logs.setup()
    options = writing.batch_options(run.concurrency, paths)  # a bad --format fails before any input is read
    schema = load_schema(inputs.schema)
    articles = _read_articles(paths, inputs.published, inputs.title, inputs.skip_bad)
    _refuse_long(articles, inputs.allow_long)
    extractor = run.extractor(backend.make(), schema, **checking.options())
    progress = make_progress(common.err) if common.err.is_terminal and not logs.quiet else None
    outcome = batch.run(extractor, articles, writing.out, options, progress=progress, say=_say)
    if not logs.quiet and outcome.ran > 1:
        common.say("batch:", outcome.stats.summary(), "green")
    if outcome.failures:
        raise fail(outcome.failure_message() or "", outcome.exit_code)


TONES = {"ok": "green", "note": "yellow", "error": "red"}


def _say(label: str, message: str, tone: str) -> None:
    """What the batch tells the user, on stderr in its tone's colour."""
    common.say(label, message, TONES.get(tone, ""))


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

    _write_all(load_results(result_path, bare_reports=True), fmt, min_confidence)


def schema_command(schema: Schema = None) -> None:
    """Print the JSON Schema the model is asked to fill."""
    typer.echo(json.dumps(json_schema(load_schema(schema)), indent=2, ensure_ascii=False))


def model_command(model_path: ModelPath = None, verbose: Verbose = 0) -> None:
    """Resolve the embedded model (assembling the offline bundle once) and print its path."""
    setup_logging(verbose, False)
    typer.echo(str(resolve_model_path(model_path)))


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
    no_repair: Annotated[
        bool, typer.Option("--no-repair", help="Run the checks alone: no repairs (extract and the library repair).")
    ] = False,
) -> None:
    """Re-verify a saved result against its article (also results made by other tools in the same schema).

    Repairs first, as extract does; --no-repair runs the checks alone."""
    from extractor.verify_saved import reverify

    results = reverify(result_path, text, published, policy, weights, force=force, repair=not no_repair)
    _write_all(results, fmt, min_confidence)

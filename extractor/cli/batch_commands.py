"""``extractor cache``, ``extractor logs`` and ``extractor batch prepare|collect``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from extractor.cli import common
from extractor.cli.common import fail
from extractor.cli.options import BackendChoice, Format, ModelRun, Policy, Published, Schema, Weights, option_groups

LOGS_EPILOG = "Examples:\n\n  extractor logs -n 5\n\n  extractor logs --article a1 -r\n\n  extractor logs --totals"
cache_app = typer.Typer(help="The local result cache (a second run over the same inputs asks the model nothing).",
                        no_args_is_help=True)  # fmt: skip
batch_app = typer.Typer(help="OpenAI Batch API files: prepare requests, collect responses into results.",
                        no_args_is_help=True)  # fmt: skip


@cache_app.command("path")
def cache_path() -> None:
    """Print where the cache file is (EXTRACTOR_CACHE_DIR moves it)."""
    from extractor.batch.cache import default_cache_path

    typer.echo(str(default_cache_path()))


@cache_app.command("stats")
def cache_stats() -> None:
    """Entries, hits and size of the cache, as JSON."""
    from extractor.batch.cache import ResultCache

    cache = ResultCache()
    try:
        stats = cache.stats()
    finally:
        cache.close()
    typer.echo(json.dumps(stats, indent=2))


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every cached result (a cache file that is no longer a database is removed whole)."""
    from extractor.batch.cache import ResultCache, default_cache_path
    from extractor.batch.store import StoreUnavailable, remove_files

    try:
        cache = ResultCache()
        try:
            removed = cache.clear()
        finally:
            cache.close()
    except StoreUnavailable as exc:
        path = default_cache_path()
        if not exc.corrupt or not path.is_file():
            raise fail(f"{exc.what} {exc.path} cannot be cleared ({exc.problem}); {exc.fix}", exc.exit_code) from None
        remove_files(path)
        common.say("cleared:", f"{path} was not a usable cache ({exc.problem}) and was removed", "green")
        return
    common.say("cleared:", f"{removed} cached result(s) removed from {cache.path}", "green")


def logs_command(
    article: Annotated[str | None, typer.Option("--article", help="Only the calls for this article id.")] = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1, help="How many recent calls.")] = 20,
    totals: Annotated[
        bool, typer.Option("--totals", help="Calls, tokens, errors and cost over the whole log.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON (one object per call) instead of a table.")] = False,
    response: Annotated[bool, typer.Option("--response", "-r", help="Show each call's response too.")] = False,
) -> None:
    """Recent model calls from the run log (like `llm logs`): article, tokens, latency, attempts, errors, cost."""
    from extractor.batch.runlog import RunLog, default_log_path

    if not default_log_path().exists():
        raise fail(f"no run log yet at {default_log_path()}: run `extractor extract` first")
    runlog = RunLog()
    try:
        if totals:
            typer.echo(json.dumps(runlog.totals(), indent=2))
            return
        calls = runlog.calls(article=article, limit=count)
    finally:
        runlog.close()
    if as_json:
        for call in calls:
            typer.echo(json.dumps(call, ensure_ascii=False))
        return
    table = Table(show_lines=response)
    for column in ("time", "article", "request", "model", "tokens in/out", "s", "attempts", "cost $", "error"):
        table.add_column(column)
    if response:
        table.add_column("response")
    import datetime as dt

    for call in calls:
        when = dt.datetime.fromtimestamp(call["ts"]).strftime("%Y-%m-%d %H:%M:%S")
        cost = "-" if call["cost_usd"] is None else f"{call['cost_usd']:.5f}"
        row = [when, call["article_id"] or "-", call["request_hash"], call["model"],
               f"{call['tokens_in']}/{call['tokens_out']}", f"{call['latency_s']:.2f}", str(call["attempts"]), cost,
               call["error"] or ""]  # fmt: skip
        if response:
            row.append(call["response"] or "")
        table.add_row(*map(Text, row))
    from rich.console import Console

    Console(soft_wrap=False).print(table)


def _extractor_for(paths: list[str], published: str | None, title: str | None, schema: str | None, run: Any,
                   backend: Any, policy: Path | None, weights: Path | None) -> tuple[Any, list[Any]]:  # fmt: skip
    from extractor.cli.commands import _read_articles
    from extractor.schema_io import load_schema

    report_schema = load_schema(schema)
    articles = _read_articles(paths, published, title, skip_bad=False)
    return run.extractor(backend.make(), report_schema, policy=policy, weights=weights), articles


@batch_app.command("prepare")
@option_groups
def prepare_command(
    paths: Annotated[list[str], typer.Argument(help=".txt/.md/.jsonl files, or - for stdin.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The Batch API requests file (JSONL).")],
    published: Published = None,
    title: Annotated[str | None, typer.Option("--title", help="Title for every input.")] = None,
    schema: Schema = None,
    run: ModelRun = ModelRun(),
    backend: BackendChoice = BackendChoice(),
) -> None:
    """One OpenAI Batch API request per article: exactly the body an online `extract` would send."""
    import asyncio

    from extractor.batch.api_files import prepare

    extractor, articles = _extractor_for(paths, published, title, schema, run, backend, None, None)
    try:
        lines = asyncio.run(prepare(extractor, articles))
    finally:
        asyncio.run(extractor.aclose())
    out.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    common.say("prepared:", f"{len(lines)} request(s) in {out} (upload with purpose=batch)", "green")


@batch_app.command("collect")
@option_groups
def collect_command(
    responses: Annotated[Path, typer.Argument(help="The Batch API output file (JSONL).")],
    inputs: Annotated[list[str], typer.Option("--inputs", help="The articles the requests were prepared from.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write results here instead of stdout.")] = None,
    fmt: Format = "jsonl",
    published: Published = None,
    title: Annotated[str | None, typer.Option("--title", help="Title for every input.")] = None,
    schema: Schema = None,
    run: ModelRun = ModelRun(),
    backend: BackendChoice = BackendChoice(),
    policy: Policy = None,
    weights: Weights = None,
) -> None:
    """Validate and verify Batch API responses into the same Result lines an online run writes."""
    import asyncio
    import sys

    from extractor.batch.api_files import BatchFileError, collect, custom_ids, read_responses
    from extractor.render import FORMATS, Writer

    if fmt not in FORMATS:
        raise fail(f"--format {fmt!r} is not one of {', '.join(FORMATS)}")
    extractor, articles = _extractor_for(inputs, published, title, schema, run, backend, policy, weights)
    try:
        answers = read_responses(responses.read_text(encoding="utf-8"))
        unknown = set(answers) - {i for a in articles for i in custom_ids(extractor, a)}
        if unknown:
            raise BatchFileError(f"{len(unknown)} response(s) for ids not in --inputs, e.g. {sorted(unknown)[0]}")
        results = asyncio.run(collect(extractor, answers, articles))
    except OSError as exc:  # reading the responses file
        raise fail(f"{responses}: cannot read ({exc.strerror or exc})") from None
    finally:
        asyncio.run(extractor.aclose())
    stream = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        writer = Writer(stream, fmt, single=False)
        for result in results:
            writer.write(result)
    finally:
        if out:
            stream.close()
    failed = sum(not r.ok for r in results)
    missing = len(articles) - len(results)
    common.say("collected:", f"{len(results)} result(s), {failed} failed, {missing} input(s) without a response",
               "green" if not failed else "yellow")  # fmt: skip
    if failed:
        raise typer.Exit(common.EXIT_PARTIAL)

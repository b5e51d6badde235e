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
        typer.echo(json.dumps(cache.stats(), indent=2))
    finally:
        cache.close()


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every cached result."""
    from extractor.batch.cache import ResultCache

    cache = ResultCache()
    try:
        removed = cache.clear()
    finally:
        cache.close()
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


def _unused(*_: Any) -> Path | None:  # keeps the Path import for the batch commands below
    return None

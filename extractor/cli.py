"""The ``extractor`` command: thin wrappers that parse options, call the library and render.

Exit codes: 0 all articles done; 1 some articles failed (the others are written);
2 bad input or usage (nothing was run); 3 no model or server could be reached.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from extractor.articles import Article, ArticleError, parse_date, read_inputs
from extractor.backends import make_backend
from extractor.backends.engine.build import EngineNotFound, build_server, find_server
from extractor.backends.engine.server import EngineServer, EngineSettings, default_threads
from extractor.backends.model_files import ModelNotFound, resolve_model_path
from extractor.pipeline import Extractor, Options
from extractor.render import FORMATS, Writer, filter_claims
from extractor.results import Result
from extractor.schema_io import SchemaError, json_schema, load_schema
from extractor.version import __version__

EXIT_OK, EXIT_PARTIAL, EXIT_BAD_INPUT, EXIT_BACKEND = 0, 1, 2, 3

app = typer.Typer(
    help="Turn news articles about armed conflict into structured, verified data with an LLM.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
err = Console(stderr=True)
log = logging.getLogger("extractor")


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is now (test runners swap it), not the one seen at start-up."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else logging.INFO)
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for noisy in ("httpx", "httpcore", "httpx2", "httpcore2", "openai", "instructor"):
        logging.getLogger(noisy).setLevel(logging.WARNING if verbose < 2 else logging.DEBUG)


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    err.print(f"[red]error:[/] {message}")
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """extractor: events, actors and attributed claims from conflict reporting, every claim verified."""


BaseUrl = Annotated[
    str | None,
    typer.Option(
        "--base-url", envvar="OPENAI_BASE_URL", help="OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1."
    ),
]
Model = Annotated[str | None, typer.Option("--model", envvar="EXTRACTOR_MODEL", help="Model name on that server.")]
ApiKey = Annotated[str | None, typer.Option("--api-key", envvar="OPENAI_API_KEY", help="API key (never logged).")]
Mode = Annotated[
    str | None,
    typer.Option(
        "--mode", help="How the schema is enforced: gbnf (llama.cpp servers), json_schema, json, tools, md_json."
    ),
]
ModelPath = Annotated[
    Path | None, typer.Option("--model-path", envvar="EXTRACTOR_MODEL_PATH", help="GGUF file for the embedded model.")
]
Local = Annotated[bool, typer.Option("--local", help="Use the embedded model even if OPENAI_API_KEY is set.")]
Verbose = Annotated[int, typer.Option("--verbose", "-v", count=True, help="More logs on stderr (-vv: HTTP too).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Only warnings and errors on stderr.")]
Policy = Annotated[Path | None, typer.Option("--policy", help="High-stakes policy TOML (default ships).")]
Weights = Annotated[
    Path | None,
    typer.Option("--weights", help="Confidence weights TOML (default ships; fit your own with eval --fit-weights)."),
]
Format = Annotated[str, typer.Option("--format", "-f", help="json (one article), jsonl (many) or table.")]
MinConfidence = Annotated[
    float | None, typer.Option("--min-confidence", min=0.0, max=1.0, help="Drop claims below this confidence.")
]


def _read_articles(paths: list[str], published: str | None, title: str | None, skip_bad: bool) -> list[Article]:
    """Every input article, or exit 2 naming each bad record (unless --skip-bad)."""
    articles: list[Article] = []
    problems: list[str] = []
    try:
        override = parse_date(published, "--published") if published else None
    except ArticleError as exc:
        raise _fail(str(exc)) from None
    for path in paths:
        try:
            for article in read_inputs([path], sys.stdin):
                updates: dict[str, Any] = {}
                if override:
                    updates["published"] = override
                if title:
                    updates["title"] = title
                articles.append(article.model_copy(update=updates) if updates else article)
        except ArticleError as exc:
            problems.append(str(exc))
    for problem in problems:
        err.print(f"[red]bad input:[/] {problem}")
    if problems and not skip_bad:
        raise _fail(f"{len(problems)} input(s) could not be read; nothing was run (--skip-bad runs the rest)")
    if not articles:
        raise _fail("no articles to extract: pass .txt/.md/.jsonl files or - for stdin")
    missing_dates = [a.id for a in articles if a.published is None]
    if missing_dates:
        log.warning(
            "no publication date for %s: relative dates ('on Wednesday') stay unresolved; pass --published",
            ", ".join(missing_dates[:5]) + (" ..." if len(missing_dates) > 5 else ""),
        )
    return articles


@app.command(
    epilog=(
        "Examples:\n\n"
        "  extractor extract examples/article.txt --format table\n\n"
        "  cat articles.jsonl | extractor extract - --out results.jsonl\n\n"
        "  extractor extract a.txt --base-url http://127.0.0.1:11434/v1 --model qwen2.5:1.5b\n\n"
        "  extractor extract a.txt --published 2023-11-22 --samples 3 --verify-with-llm"
    )
)
def extract(
    paths: Annotated[list[str], typer.Argument(help=".txt/.md/.jsonl files, or - for stdin.")],
    fmt: Format = "json",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write results here instead of stdout.")] = None,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for every input.")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Title for every input.")] = None,
    schema: Annotated[
        str | None, typer.Option("--schema", help="Your pydantic model: module:Class or file.py:Class.")
    ] = None,
    prompt: Annotated[str, typer.Option("--prompt", help="Prompt name in prompts/ or a .j2 file.")] = "extract",
    base_url: BaseUrl = None,
    model: Model = None,
    api_key: ApiKey = None,
    mode: Mode = None,
    model_path: ModelPath = None,
    local: Local = False,
    no_verify: Annotated[bool, typer.Option("--no-verify", help="Skip claim verification.")] = False,
    samples: Annotated[int, typer.Option("--samples", min=0, help="Self-consistency: N extra samples.")] = 0,
    verify_with_llm: Annotated[
        bool, typer.Option("--verify-with-llm", help="Ask the model whether each claim's evidence entails it.")
    ] = False,
    policy: Policy = None,
    weights: Weights = None,
    min_confidence: MinConfidence = None,
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, help="Articles in flight at once.")] = 1,
    max_retries: Annotated[int, typer.Option("--max-retries", min=0, help="Re-asks after invalid output.")] = 2,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Run the readable inputs, report the rest.")] = False,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Extract events, actors and attributed claims from articles, and verify every claim."""
    _setup_logging(verbose, quiet)
    if fmt not in FORMATS:
        raise _fail(f"--format {fmt!r} is not one of {', '.join(FORMATS)}")
    try:
        report_schema = load_schema(schema)
    except SchemaError as exc:
        raise _fail(str(exc)) from None
    articles = _read_articles(paths, published, title, skip_bad)
    options = Options(
        verify=not no_verify, samples=samples, verify_with_llm=verify_with_llm, policy=policy, weights=weights,
        max_retries=max_retries,
    )  # fmt: skip
    try:
        backend = make_backend(
            base_url=base_url, model=model, api_key=api_key, mode=mode, model_path=model_path, local=local or None
        )
        extractor = Extractor(backend, schema=report_schema, prompt=prompt, options=options)
    except (FileNotFoundError, ValueError, ModelNotFound) as exc:
        raise _fail(str(exc)) from None
    single = len(articles) == 1 and fmt == "json"
    with contextlib.ExitStack() as stack:
        stream = stack.enter_context(out.open("w", encoding="utf-8")) if out else sys.stdout
        writer = Writer(stream, fmt, single)
        try:
            failed = asyncio.run(_extract_all(extractor, articles, writer, concurrency, min_confidence))
        except (ModelNotFound, RuntimeError) as exc:
            raise _fail(str(exc), EXIT_BACKEND) from None
    if failed == len(articles):
        raise _fail(f"all {failed} article(s) failed; see the errors above", EXIT_BACKEND if failed else EXIT_PARTIAL)
    if failed:
        raise _fail(f"{failed} of {len(articles)} article(s) failed; the rest were written", EXIT_PARTIAL)


async def _extract_all(
    extractor: Extractor[Any], articles: list[Article], writer: Writer, concurrency: int, min_confidence: float | None
) -> int:
    failed = 0
    async for result in extractor.aextract_many(articles, concurrency):
        _log_result(result)
        if not result.ok:
            failed += 1
        writer.write(filter_claims(result, min_confidence))
    await extractor.aclose()
    return failed


def _log_result(result: Result[Any]) -> None:
    meta = result.meta
    if result.ok:
        log.info(
            "%s: %d+%d tokens, %.1f s, %d attempt(s)",
            result.article_id, meta.tokens_in, meta.tokens_out, meta.latency_s, len(meta.attempts),
        )  # fmt: skip
    else:
        err.print(f"[red]{result.article_id} failed:[/] {result.error}")


@app.command(epilog="Example:\n\n  extractor show out/example.json --min-confidence 0.5")
def show(
    result_path: Annotated[Path, typer.Argument(help="Saved results: JSON or JSONL as written by extract.")],
    fmt: Format = "table",
    min_confidence: MinConfidence = None,
) -> None:
    """Render saved results (default: the readable table, flagged claims first)."""
    from extractor.verify_saved import load_results

    try:
        results = load_results(result_path)
    except (ValueError, FileNotFoundError) as exc:
        raise _fail(str(exc)) from None
    writer = Writer(sys.stdout, fmt, single=len(results) == 1)
    for result in results:
        writer.write(filter_claims(result, min_confidence))


@app.command("schema")
def schema_command(
    schema: Annotated[str | None, typer.Option("--schema", help="module:Class or file.py:Class.")] = None,
) -> None:
    """Print the JSON Schema the model is asked to fill."""
    try:
        typer.echo(json.dumps(json_schema(load_schema(schema)), indent=2, ensure_ascii=False))
    except SchemaError as exc:
        raise _fail(str(exc)) from None


@app.command("model")
def model_command(
    model_path: ModelPath = None,
    verbose: Verbose = 0,
) -> None:
    """Resolve the embedded model (assembling the offline bundle once) and print its path."""
    _setup_logging(verbose, False)
    try:
        typer.echo(str(resolve_model_path(model_path)))
    except ModelNotFound as exc:
        raise _fail(str(exc), EXIT_BACKEND) from None


@app.command("engine")
def engine_command(
    build: Annotated[bool, typer.Option("--build", help="Build llama-server from source if it is missing.")] = False,
    verbose: Verbose = 0,
) -> None:
    """Print the path of llama.cpp's llama-server; with --build, build it once (about 6 minutes on 2 cores)."""
    _setup_logging(verbose, False)
    path = find_server()
    if path is None and build:
        try:
            path = build_server()
        except (EngineNotFound, OSError, subprocess.CalledProcessError) as exc:
            raise _fail(f"building llama-server failed: {exc}", EXIT_BACKEND) from None
    if path is None:
        raise _fail("llama-server is not built: run `extractor engine --build`", EXIT_BACKEND)
    typer.echo(str(path))


@app.command(epilog="Example:\n\n  extractor serve --port 8765   # then --base-url http://127.0.0.1:8765/v1")
def serve(
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1.")] = 8765,
    model_path: ModelPath = None,
    n_ctx: Annotated[int, typer.Option("--n-ctx", help="Context window per slot, in tokens.")] = 8192,
    threads: Annotated[int, typer.Option("--threads", help="CPU threads (default: all cores).")] = 0,
    slots: Annotated[int, typer.Option("--slots", help="Requests decoded in parallel.")] = 1,
) -> None:
    """Serve the embedded model (llama.cpp's llama-server) as an OpenAI-compatible API on 127.0.0.1."""
    _setup_logging(0, False)
    settings = EngineSettings(
        model_path=model_path, port=port, n_ctx=n_ctx, threads=threads or default_threads(), slots=slots
    )
    try:
        with EngineServer(settings) as server:
            err.print(f"serving {settings.alias} at {server.base_url} (Ctrl-C stops)")
            assert server.process is not None
            server.process.wait()
    except KeyboardInterrupt:
        pass
    except (ModelNotFound, EngineNotFound, RuntimeError) as exc:
        raise _fail(str(exc), EXIT_BACKEND) from None


@app.command("verify")
def verify_command(
    result_path: Annotated[Path, typer.Argument(help="A saved result (JSON or JSONL), or a bare ConflictReport.")],
    text: Annotated[Path, typer.Option("--text", help="The article the result was extracted from.")],
    published: Annotated[str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD).")] = None,
    policy: Policy = None,
    weights: Weights = None,
    fmt: Format = "json",
    min_confidence: MinConfidence = None,
) -> None:
    """Re-verify a saved result against its article (also results made by other tools in the same schema)."""
    from extractor.verify_saved import reverify

    try:
        results = reverify(result_path, text, published, policy, weights)
    except (ArticleError, ValueError, FileNotFoundError) as exc:
        raise _fail(str(exc)) from None
    writer = Writer(sys.stdout, fmt, single=len(results) == 1)
    for result in results:
        writer.write(filter_claims(result, min_confidence))


EVAL_EPILOG = (
    "Examples:\n\n"
    "  extractor eval --split dev   (embedded model, dev articles)\n\n"
    "  extractor eval --base-url http://127.0.0.1:11434/v1 --model qwen2.5:7b --results run.jsonl\n\n"
    "  extractor eval --from-results run.jsonl --baseline eval/baseline.json   (gate, no model)\n\n"
    "  extractor eval --from-results run.jsonl --json eval.json --markdown eval.md\n\n"
    "  extractor eval --split dev --compare-prompt my_prompt.md.j2   (A: --prompt, B: my_prompt)\n\n"
    "  extractor eval --from-results new.jsonl --compare-report old.json   (A: saved, B: new)\n\n"
    "  extractor eval --from-results run.jsonl --update-baseline\n\n"
    "  extractor eval --from-results run.jsonl --split dev --fit-weights my_weights.toml   (then --weights)\n\n"
    "Exit codes: 0 done (gate passed); 1 the gate failed, naming each metric that dropped; "
    "2 bad gold set, results or options; 3 no model or server could be reached."
)


@app.command("eval", epilog=EVAL_EPILOG)
def eval_command(
    gold: Annotated[
        Path, typer.Option("--gold", help="Gold folder (<id>.txt + <id>.gold.json) or one .gold.json file.")
    ] = Path("eval/gold"),
    split: Annotated[str, typer.Option("--split", help="dev (tune on these), test (held out) or all.")] = "all",
    prompt: Annotated[str, typer.Option("--prompt", help="Prompt name in prompts/ or a .j2 file.")] = "extract",
    schema: Annotated[
        str | None, typer.Option("--schema", help="Your pydantic model: module:Class or file.py:Class.")
    ] = None,
    base_url: BaseUrl = None,
    model: Model = None,
    api_key: ApiKey = None,
    mode: Mode = None,
    model_path: ModelPath = None,
    local: Local = False,
    no_verify: Annotated[bool, typer.Option("--no-verify", help="Skip claim verification.")] = False,
    policy: Policy = None,
    weights: Weights = None,
    fit_weights: Annotated[
        Path | None,
        typer.Option("--fit-weights", help="Fit confidence weights here (on --split dev)."),
    ] = None,
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, help="Articles in flight at once.")] = 1,
    max_retries: Annotated[int, typer.Option("--max-retries", min=0, help="Re-asks after invalid output.")] = 2,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the JSON report here.")] = None,
    markdown: Annotated[Path | None, typer.Option("--markdown", help="Write a Markdown summary (PR comment).")] = None,
    results_path: Annotated[
        Path | None, typer.Option("--results", help="Save the raw results as JSONL (re-score with --from-results).")
    ] = None,
    from_results: Annotated[
        Path | None, typer.Option("--from-results", help="Score saved results (JSONL) instead of running a model.")
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Gate against this saved report (e.g. eval/baseline.json).")
    ] = None,
    max_drop: Annotated[
        float, typer.Option("--max-drop", min=0.0, help="Largest allowed drop of a headline metric (absolute).")
    ] = 0.02,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Write this report as the baseline (--baseline or the default).")
    ] = False,
    compare_prompt: Annotated[
        str | None, typer.Option("--compare-prompt", help="Run again with this prompt (B) and show A vs B.")
    ] = None,
    compare_model: Annotated[
        str | None, typer.Option("--compare-model", help="Run again with this model on the same server (B).")
    ] = None,
    compare_report: Annotated[
        Path | None, typer.Option("--compare-report", help="Show a saved JSON report (A) vs this run (B).")
    ] = None,
    prices: Annotated[
        Path | None, typer.Option("--prices", help="Model prices, TOML (default: eval/prices.toml if present).")
    ] = None,
    table: Annotated[str, typer.Option("--table", help="Summary table to stdout, stderr or none.")] = "stdout",
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Score extraction against the gold set; gate on a baseline; compare two prompts or models."""
    from extractor import evaluation as ev
    from extractor.eval_run import fit_confidence, rescore, run_and_close

    _setup_logging(verbose, quiet)
    if table not in ("stdout", "stderr", "none"):
        raise _fail(f"--table {table!r} is not one of stdout, stderr, none")
    if sum(x is not None for x in (compare_prompt, compare_model, compare_report)) > 1:
        raise _fail("give one of --compare-prompt, --compare-model, --compare-report")
    if from_results and (compare_prompt or compare_model):
        raise _fail("--compare-prompt/--compare-model run the model; with --from-results use --compare-report")
    try:
        gold_articles = ev.load_gold(gold, split)
        price_table = ev.load_price_table(prices)
        report_schema = load_schema(schema)
        reference = ev.load_report(compare_report) if compare_report else None
        gate_baseline = ev.load_baseline(baseline) if baseline and not update_baseline else None
        if from_results:
            results, report = rescore(
                gold_articles, from_results, schema=report_schema, split=split, prices=price_table,
                policy=policy, weights=weights,
            )  # fmt: skip
            other = None
        else:
            options = Options(verify=not no_verify, policy=policy, weights=weights, max_retries=max_retries)
            backend_options = {"base_url": base_url, "api_key": api_key, "mode": mode}
            first, second = _eval_extractors(
                backend_options, model, model_path, local, report_schema, prompt, options, compare_prompt, compare_model
            )
    except (ev.GoldError, ev.PriceError, ev.ReportError, SchemaError, FileNotFoundError, ValueError) as exc:
        raise _fail(str(exc)) from None
    except ModelNotFound as exc:
        raise _fail(str(exc), EXIT_BACKEND) from None
    if not from_results:
        try:
            results, report, other = asyncio.run(
                run_and_close(gold_articles, first, second, concurrency, split=split, prices=price_table)
            )
        except (ModelNotFound, RuntimeError) as exc:
            raise _fail(str(exc), EXIT_BACKEND) from None
    failures = ev.compare_to_baseline(report, gate_baseline, max_drop) if gate_baseline else None
    pair = (reference, report) if reference else (report, other)
    comparison = ev.compare_reports(*pair) if pair[0] and pair[1] else None
    if table != "none":
        console = Console(
            file=sys.stdout if table == "stdout" else sys.stderr, width=None if sys.stdout.isatty() else 160
        )
        ev.render_report(report, console, gate_baseline)
        if comparison:
            ev.render_comparison(comparison, console)
    if results_path:
        ev.save_results(results, results_path)
    if json_path:
        ev.write_json(report, json_path)
    if markdown:
        text = ev.report_markdown(report, gate_baseline, failures, max_drop)
        ev.write_markdown(text + ("\n" + ev.comparison_markdown(comparison) if comparison else ""), markdown)
    if not from_results and all(not r.ok for r in results):
        raise _fail(f"all {len(results)} article(s) failed; see the errors above (no baseline written)", EXIT_BACKEND)
    if fit_weights:
        try:
            summary = fit_confidence(gold_articles, results, fit_weights, policy=policy, weights=weights)
        except ValueError as exc:
            raise _fail(str(exc)) from None
        err.print(summary)
    if update_baseline:
        ev.write_baseline(report, baseline or ev.DEFAULT_BASELINE)
        err.print(f"baseline written: {baseline or ev.DEFAULT_BASELINE}")
    for problem in ev.baseline_mismatch(report, gate_baseline) if gate_baseline else []:
        err.print(f"[yellow]warning:[/] {problem}")
    if failures:
        for failure in failures:
            err.print(f"[red]gate:[/] {failure}")
        raise _fail(f"{len(failures)} headline metric(s) worse than the baseline by more than {max_drop}", EXIT_PARTIAL)


def _eval_extractors(
    backend_options: dict[str, Any],
    model: str | None,
    model_path: Path | None,
    local: bool,
    report_schema: Any,
    prompt: str,
    options: Options,
    compare_prompt: str | None,
    compare_model: str | None,
) -> tuple[Extractor[Any], Extractor[Any] | None]:
    """The configured extractor (A) and, for --compare-prompt/--compare-model, the alternative (B)."""
    backend = make_backend(**backend_options, model=model, model_path=model_path, local=local or None)
    first = Extractor(backend, schema=report_schema, prompt=prompt, options=options)
    if compare_model:
        if backend.name == "local":
            raise ValueError(
                "--compare-model needs an OpenAI-compatible server (--base-url); for two GGUF files run each with "
                "--model-path (A with --json a.json, B with --results b.jsonl), then --from-results b.jsonl "
                "--compare-report a.json"
            )
        other = make_backend(**backend_options, model=compare_model)
        return first, Extractor(other, schema=report_schema, prompt=prompt, options=options)
    if compare_prompt:
        return first, Extractor(backend, schema=report_schema, prompt=compare_prompt, options=options)
    return first, None

"""``extractor eval run | score | fit-weights | compare``: score against the gold set, gate, fit, compare."""

from __future__ import annotations

import asyncio
import dataclasses
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from extractor import evaluation as ev
from extractor.cli import common, exit_codes
from extractor.cli.common import EXIT_PARTIAL, exit_code_for_failures, fail
from extractor.cli.eval_legacy import LegacyEvalGroup
from extractor.cli.options import BackendChoice, Logs, ModelRun, Policy, Schema, Weights, option_groups
from extractor.errors import BadInput, ExtractorError
from extractor.eval_run import fit_confidence, rescore, run_and_close
from extractor.html import ArticleView, write_eval_html, write_review_html
from extractor.html.eval_page import article_details
from extractor.pipeline import Extractor
from extractor.results import Result
from extractor.schema_io import load_schema

GROUP_EPILOG = (
    "Examples:\n\n"
    "  extractor eval run --split dev   (embedded model, dev articles)\n\n"
    "  extractor eval run --base-url http://127.0.0.1:11434/v1 --model qwen2.5:7b --results run.jsonl\n\n"
    "  extractor eval score run.jsonl --baseline eval/baseline.json --max-drop 0.02   (gate, no model)\n\n"
    "  extractor eval score run.jsonl --json eval.json --markdown eval.md\n\n"
    "  extractor eval score run.jsonl --update-baseline\n\n"
    "  extractor eval compare --split dev --prompt-b my_prompt.md.j2   (A: --prompt, B: my_prompt)\n\n"
    "  extractor eval compare new.jsonl --report-a old.json   (A: saved report, B: new results)\n\n"
    "  extractor eval fit-weights run.jsonl --split dev --out my_weights.toml   (then --weights)\n\n"
    "Old spellings (deprecated, still accepted for one release with a warning): `extractor eval --split dev` "
    "is `eval run`; --from-results X is `eval score X`; --fit-weights W is `eval fit-weights --out W`; "
    "--compare-prompt, --compare-model, --compare-report are `eval compare --prompt-b, --model-b, --report-a`.\n\n"
    + exit_codes.epilog()
)

eval_app = typer.Typer(
    cls=LegacyEvalGroup,
    help="Score extraction against the gold set; gate on a baseline; fit confidence weights; compare A vs B.",
    epilog=GROUP_EPILOG,
    no_args_is_help=True,
)


@dataclasses.dataclass(frozen=True)
class GoldInputs:
    """Which gold articles, and how saved or new reports are read and verified."""

    gold: Annotated[
        Path, typer.Option("--gold", help="Gold folder (<id>.txt + <id>.gold.json) or one .gold.json file.")
    ] = Path("eval/gold")
    split: Annotated[str, typer.Option("--split", help="dev (tune on these), test (held out) or all.")] = "all"
    schema: Schema = None
    policy: Policy = None
    weights: Weights = None


@dataclasses.dataclass(frozen=True)
class ReportOutputs:
    """Where the report goes, and the baseline gate."""

    json_path: Annotated[Path | None, typer.Option("--json", help="Write the JSON report here.")] = None
    markdown: Annotated[Path | None, typer.Option("--markdown", help="Write a Markdown summary (PR comment).")] = None
    table: Annotated[str, typer.Option("--table", help="Summary table to stdout, stderr or none.")] = "stdout"
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Gate against this saved report (e.g. eval/baseline.json).")
    ] = None
    max_drop: Annotated[
        float,
        typer.Option(
            "--max-drop",
            min=0.0,
            help="The gate fails a headline metric that dropped by at least this much (absolute) when the 95 % "
            "interval of the drop excludes 0.",
        ),
    ] = 0.02
    resamples: Annotated[
        int,
        typer.Option(
            "--resamples", min=0, help="Bootstrap resamples of the articles for the 95 % intervals (0: no intervals)."
        ),
    ] = ev.DEFAULT_RESAMPLES
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Write this report as the baseline (--baseline or the default).")
    ] = False
    prices: Annotated[
        Path | None, typer.Option("--prices", help="Model prices, TOML (default: eval/prices.toml if present).")
    ] = None
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Write an HTML report (inline plots) and its review page (NAME.review.html)."),
    ] = None


SavedResults = Annotated[
    Path, typer.Argument(metavar="RESULTS", help="Saved results (JSONL), e.g. from `eval run --results`.")
]
SavedResultsOrRun = Annotated[
    Path | None,
    typer.Argument(metavar="RESULTS", help="Saved results (JSONL); without them the model runs on the gold set."),
]
SaveResults = Annotated[
    Path | None, typer.Option("--results", help="Save the raw results as JSONL (score them again with `eval score`).")
]


@dataclasses.dataclass(frozen=True)
class ModelSide:
    """The model run, when no saved results are given."""

    run: ModelRun = ModelRun()
    backend: BackendChoice = BackendChoice()
    results_path: SaveResults = None


@dataclasses.dataclass(frozen=True)
class Plan:
    """One evaluation: saved results or a model run (A), optionally B or a saved report A to compare with."""

    inputs: GoldInputs
    outputs: ReportOutputs
    saved: Path | None = None
    model: ModelSide = ModelSide()
    report_a: Path | None = None
    prompt_b: str | None = None
    model_b: str | None = None
    fit_out: Path | None = None
    fit_strength: float | None = None


@eval_app.command("run")
@option_groups
def run_command(
    inputs: GoldInputs = GoldInputs(), model: ModelSide = ModelSide(), outputs: ReportOutputs = ReportOutputs(),
    logs: Logs = Logs(),
) -> None:  # fmt: skip
    """Run the model on the gold set and score it (gate with --baseline)."""
    logs.setup()
    _evaluate(Plan(inputs, outputs, model=model))


@eval_app.command("score")
@option_groups
def score_command(
    saved: SavedResults, inputs: GoldInputs = GoldInputs(), outputs: ReportOutputs = ReportOutputs(),
    logs: Logs = Logs(),
) -> None:  # fmt: skip
    """Score saved results, no model (gate with --baseline; CI does this)."""
    logs.setup()
    _evaluate(Plan(inputs, outputs, saved=saved))


@eval_app.command("fit-weights")
@option_groups
def fit_weights_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Write the fitted confidence weights (TOML) here.")],
    saved: SavedResultsOrRun = None,
    strength: Annotated[
        float | None,
        typer.Option(
            "--strength", min=0,
            help="Pull towards the starting weights, in pseudo-claims (default: chosen by 5-fold cross-validation).",
        ),
    ] = None,
    inputs: GoldInputs = GoldInputs(), model: ModelSide = ModelSide(), outputs: ReportOutputs = ReportOutputs(),
    logs: Logs = Logs(),
) -> None:  # fmt: skip
    """Fit confidence weights to the claims matched on the gold set (use --split dev; then --weights OUT)."""
    logs.setup()
    _evaluate(Plan(inputs, outputs, saved=saved, model=model, fit_out=out, fit_strength=strength))


@eval_app.command("compare")
@option_groups
def compare_command(
    saved: SavedResultsOrRun = None,
    report_a: Annotated[
        Path | None, typer.Option("--report-a", help="A: a saved JSON report; B: the results given, or this run.")
    ] = None,
    prompt_b: Annotated[str | None, typer.Option("--prompt-b", help="B: run again with this prompt.")] = None,
    model_b: Annotated[
        str | None, typer.Option("--model-b", help="B: run again with this model on the same server.")
    ] = None,
    inputs: GoldInputs = GoldInputs(), model: ModelSide = ModelSide(), outputs: ReportOutputs = ReportOutputs(),
    logs: Logs = Logs(),
) -> None:  # fmt: skip
    """Show A vs B side by side, per metric and per article."""
    logs.setup()
    if sum(x is not None for x in (report_a, prompt_b, model_b)) != 1:
        raise fail("give one of --report-a, --prompt-b, --model-b")
    if saved and not report_a:
        raise fail(
            "--prompt-b/--model-b run the model; compare saved results with a saved report: --report-a "
            "(formerly --compare-report)"
        )
    _evaluate(Plan(inputs, outputs, saved=saved, model=model, report_a=report_a, prompt_b=prompt_b, model_b=model_b))


def _evaluate(plan: Plan) -> None:
    """Load, run or re-score, report, gate: what every ``eval`` subcommand does."""
    inputs, outputs = plan.inputs, plan.outputs
    if outputs.table not in ("stdout", "stderr", "none"):
        raise fail(f"--table {outputs.table!r} is not one of stdout, stderr, none")
    try:
        gold = ev.load_gold(inputs.gold, inputs.split)
        prices = ev.load_price_table(outputs.prices)
        schema = load_schema(inputs.schema)
        reference = ev.load_report(plan.report_a) if plan.report_a else None
        gate = ev.load_baseline(outputs.baseline) if outputs.baseline and not outputs.update_baseline else None
        if plan.saved:
            results, report = rescore(
                gold, plan.saved, schema=schema, split=inputs.split, prices=prices, policy=inputs.policy,
                weights=inputs.weights,
            )  # fmt: skip
            other = None
        else:
            first, second = _extractors(plan, schema)
    except ExtractorError:
        raise  # the command's handler says it
    except (OSError, ValueError) as exc:  # a file the user named that the standard library cannot read
        raise fail(str(exc)) from None
    if not plan.saved:
        results, report, other = asyncio.run(
            run_and_close(gold, first, second, plan.model.run.concurrency, split=inputs.split, prices=prices)
        )
    resamples = outputs.resamples
    if resamples != ev.DEFAULT_RESAMPLES:
        report = ev.with_intervals(report, resamples)
        other = ev.with_intervals(other, resamples) if other else None
    pair = (reference, report) if reference else (report, other) if other else None
    comparison = ev.compare_reports(*pair, resamples=resamples) if pair else None
    checked = ev.run_gate(report, gate, outputs.max_drop, resamples) if gate else None
    failures = checked.failures if checked else None
    _publish(report, results, comparison, gate, checked, plan)
    if not plan.saved and all(not r.ok for r in results):
        code = exit_code_for_failures([r.error_kind for r in results])
        raise fail(f"all {len(results)} article(s) failed; see the errors above (no baseline written)", code)
    if plan.fit_out:
        fitted = fit_confidence(
            gold, results, plan.fit_out, policy=inputs.policy, weights=inputs.weights, strength=plan.fit_strength
        )
        common.err.print(Text(fitted))  # names a path: text, never markup
    if outputs.update_baseline:
        ev.write_baseline(report, outputs.baseline or ev.DEFAULT_BASELINE)
        common.say("baseline written:", str(outputs.baseline or ev.DEFAULT_BASELINE), "")
    for problem in ev.baseline_mismatch(report, gate) if gate else []:
        common.say("warning:", problem, "yellow")
    if checked:
        common.say("gate:", checked.note, "dim")
        for check in checked.checks:
            common.say("gate:", check.message(outputs.max_drop), "red" if check.failed else "green")
    if failures:
        raise fail(
            f"{len(failures)} headline metric(s) worse than the baseline by at least {outputs.max_drop}, beyond the "
            "noise (the 95 % interval of the drop excludes 0)",
            EXIT_PARTIAL,
        )


def _publish(
    report: ev.EvalReport,
    results: list[Result[Any]],
    comparison: ev.Comparison | None,
    gate: ev.EvalReport | None,
    checked: ev.GateResult | None,
    plan: Plan,
) -> None:
    """The table on stdout/stderr, and the files asked for: raw results, JSON report, Markdown summary."""
    failures = checked.failures if checked else None
    outputs = plan.outputs
    if outputs.table != "none":
        stream = sys.stdout if outputs.table == "stdout" else sys.stderr
        console = Console(file=stream, width=None if sys.stdout.isatty() else 160)
        ev.render_report(report, console, gate)
        if comparison:
            ev.render_comparison(comparison, console)
    if plan.model.results_path:
        ev.save_results(results, plan.model.results_path)
    if outputs.json_path:
        ev.write_json(report, outputs.json_path)
    if outputs.markdown:
        text = ev.report_markdown(report, gate, failures, outputs.max_drop, gate=checked)
        ev.write_markdown(text + ("\n" + ev.comparison_markdown(comparison) if comparison else ""), outputs.markdown)
    if outputs.html:
        _write_html(report, results, gate, failures, plan)


def _write_html(
    report: ev.EvalReport,
    results: list[Result[Any]],
    gate: ev.EvalReport | None,
    failures: list[str] | None,
    plan: Plan,
) -> None:
    """The HTML report, and next to it the review page of the same results on the gold articles' text."""
    path = plan.outputs.html
    assert path is not None
    gold = ev.load_gold(plan.inputs.gold, plan.inputs.split)
    texts = {g.id: g.article.text for g in gold}
    review = path.with_name(path.stem + ".review.html")
    views = [ArticleView(r, texts.get(r.article_id)) for r in results if r.article_id in texts]
    write_review_html(views, review, f"review: eval {report.split}")
    details = article_details(gold, results)
    write_eval_html(
        report, path, baseline=gate, failures=failures, max_drop=plan.outputs.max_drop if gate else None,
        details=details, review_href=review.name,
    )  # fmt: skip
    common.say("html report:", f"{path} (review page: {review})", "green")


def _extractors(plan: Plan, schema: Any) -> tuple[Extractor[Any], Extractor[Any] | None]:
    """The configured extractor (A) and, for --prompt-b/--model-b, the alternative (B)."""
    run, choice = plan.model.run, plan.model.backend
    options = run.options(policy=plan.inputs.policy, weights=plan.inputs.weights)
    backend = choice.make()
    first = Extractor(backend, schema=schema, prompt=run.prompt, options=options)
    if plan.model_b:
        if backend.name == "local":
            raise BadInput(
                "--model-b needs an OpenAI-compatible server (--base-url); for two GGUF files run each with "
                "--model-path (A: `eval run --json a.json`, B: `eval run --results b.jsonl`), then "
                "`eval compare b.jsonl --report-a a.json`"
            )
        return first, Extractor(
            choice.with_model(plan.model_b).make(), schema=schema, prompt=run.prompt, options=options
        )
    if plan.prompt_b:
        return first, Extractor(backend, schema=schema, prompt=plan.prompt_b, options=options)
    return first, None

"""``extractor eval corroboration``: corroboration scored split by split on a gold file, gated on a baseline.

Shared with ``extractor corroborate --gold``: both score saved results (default: the gold file's own analyst
extractions), each split on its own ledger; results of a model are aligned claim by claim to the analyst's first.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from extractor.cli.common import EXIT_PARTIAL, fail, say
from extractor.corroboration import SCORERS, Settings
from extractor.corroboration.scoring import gold_results_path, score_splits
from extractor.evaluation import load_results
from extractor.evaluation.corroboration_metrics import (
    ALL,
    compare_scores,
    load_baseline_scores,
    write_baseline_scores,
)

DEFAULT_GOLD = Path("eval/corroboration/gold.json")
EVAL_EPILOG = (
    "Examples:\n\n"
    "  extractor eval corroboration   (the analyst extractions of eval/corroboration, dev and heldout)\n\n"
    "  extractor eval corroboration model_results.jsonl --baseline eval/corroboration/baseline.json\n\n"
    "  extractor eval corroboration --split heldout --json heldout.json\n\n"
    "Exit codes: 0 done (gate passed); 1 the gate failed, naming each metric that dropped; 2 bad input."
)
SplitOption = Annotated[
    str,
    typer.Option("--split", help="dev, heldout or all (one ledger over every article); default: each split alone."),
]


def settings_from(scorer: str, threshold: float | None) -> Settings:
    """The default settings, with the scorer and threshold given on the command line."""
    if scorer and scorer not in SCORERS:
        raise fail(f"--scorer {scorer}: unknown; fix: one of {', '.join(SCORERS)}")
    defaults = Settings()
    return Settings(scorer=scorer or defaults.scorer, threshold=defaults.threshold if threshold is None else threshold)


def load_many(paths: list[Path]) -> list[Any]:
    results: list[Any] = []
    for path in paths:
        try:
            results.extend(load_results(path))
        except ValueError as exc:
            raise fail(str(exc)) from None
    return results


def gold_scores(
    paths: list[Path], gold: Path, split: str, settings: Settings, outlets: dict[str, str] | None = None
) -> dict[str, dict[str, Any]]:
    """Scores per split of the results at ``paths`` (default: the gold file's analyst extractions)."""
    if split and split not in ("dev", "heldout", ALL):
        raise fail(f"--split {split}: unknown; fix: dev, heldout or all")
    try:
        named = gold_results_path(gold)
        reference = load_results(named) if named else None
        results = load_many(paths) if paths else reference
        if results is None:
            raise fail(f"--gold {gold}: names no results; fix: give the results to score")
        return score_splits(
            results, gold, [split] if split else None, reference=reference, settings=settings, outlets=outlets
        )
    except (OSError, ValueError, KeyError) as exc:
        raise fail(f"--gold {gold}: {exc}") from None


def table(scores: dict[str, dict[str, Any]]) -> str:
    head = f"{'split':<8} {'claims':>6} {'aligned':>7} {'P':>6} {'R':>6} {'F1':>6} {'origins':>7} {'status':>6}"
    lines = [head]
    for name, s in scores.items():
        aligned = "-" if s.get("aligned_claims") is None else str(s["aligned_claims"])
        lines.append(
            f"{name:<8} {s['claims']:>6} {aligned:>7} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} "
            f"{s['origin_accuracy']:>7.3f} {s['status_accuracy']:>6.3f}"
        )
    return "\n".join(lines) + "\n"


def eval_corroboration_command(
    results: Annotated[
        list[Path] | None, typer.Argument(help="saved results to score (default: the gold file's analyst results)")
    ] = None,
    gold: Annotated[Path, typer.Option("--gold", help="gold groups with splits")] = DEFAULT_GOLD,
    split: SplitOption = "",
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="gate against this baseline (eval/corroboration/baseline.json)")
    ] = None,
    max_drop: Annotated[float, typer.Option("--max-drop", min=0.0, help="largest allowed drop of a metric")] = 0.02,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="write these scores as the --baseline instead of gating")
    ] = False,
    json_path: Annotated[Path | None, typer.Option("--json", help="write the scores (with misses) here")] = None,
    scorer: Annotated[str, typer.Option("--scorer", help=f"statement similarity: {', '.join(SCORERS)}")] = "",
    threshold: Annotated[float | None, typer.Option("--threshold", help="similarity cut-off 0-100")] = None,
) -> None:
    """Score corroboration (grouping B-cubed P/R/F1, origin and status accuracy) per split; gate on a baseline."""
    if update_baseline and baseline is None:
        raise fail("--update-baseline needs --baseline PATH")
    scores = gold_scores(list(results or []), gold, split, settings_from(scorer, threshold))
    sys.stdout.write(table(scores))
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    if baseline is None:
        return
    if update_baseline:
        write_baseline_scores(baseline, scores, {"results": [str(p) for p in results or []] or "analyst"})
        say("wrote", str(baseline), style="green")
        return
    try:
        reference = load_baseline_scores(baseline)
    except (OSError, ValueError) as exc:
        raise fail(f"--baseline {baseline}: {exc}") from None
    failures = compare_scores(scores, {k: v for k, v in reference.items() if k in scores}, max_drop)
    for failure in failures:
        say("gate:", failure)
    if failures:
        raise typer.Exit(EXIT_PARTIAL)
    say("gate:", f"passed (max drop {max_drop})", style="green")

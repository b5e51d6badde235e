"""Result tables written from saved output into README.md and docs/, between marker comments.

    python tools/readme_tables.py            # rewrite every block from the saved reports
    python tools/readme_tables.py --check    # exit 1 naming each block that no longer matches them

Each block sits between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->`` in its file:

    README.md              results        eval/baseline.json: the main metrics per split, 95 % intervals
    docs/evaluation.md     results-full   eval/baseline.json: every headline metric per split, flags on matched
                                          claims, each flag code, the verifier's agreement with the gold
    docs/corroboration.md  corroboration  eval/corroboration/baseline.json: the ledger on recorded model output

An evaluation report is an ``extractor eval`` JSON report. Format ``extractor-eval/2`` carries the headline
intervals (``intervals.headline.<metric>`` = value, ci_low, ci_high) and each article's counts: the intervals of
each split are then recomputed from the counts of that split's articles, with the report's own resamples and seed,
exactly as ``extractor eval score --split S`` computes them. Format ``extractor-eval/1`` has neither: its cells
show the values it has and "–" for every interval. Nothing here runs a model.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from doc_blocks import ROOT, Block, run, shown

BASELINE = ROOT / "eval" / "baseline.json"
CORROBORATION_BASELINE = ROOT / "eval" / "corroboration" / "baseline.json"
FORMATS = ("extractor-eval/1", "extractor-eval/2")
DASH = "–"

# Headline metric -> its row label. by_split rows share only the first three names with the headline in meaning
# (their flag_precision / flag_recall are on matched claims, the headline's flag_recall is over every gold flag).
LABELS = {
    "events_f1": "events F1",
    "claims_f1": "claims F1",
    "claimant_accuracy": "claimant accuracy (matched claims)",
    "flag_f1": "flag F1 (`should_flag`)",
    "flag_recall": "flag recall (every gold flag)",
    "reason_recall": "reason recall",
    "auroc": "AUROC of 1 − confidence",
    "ece": "ECE (lower is better)",
    "brier": "Brier (lower is better)",
    "grounded_rate": "evidence grounded",
    "schema_valid_rate": "schema-valid answers",
}
SHORT = ("events_f1", "claims_f1", "claimant_accuracy", "flag_f1", "auroc", "ece", "schema_valid_rate")
SAME_IN_BY_SPLIT = ("events_f1", "claims_f1", "claimant_accuracy")


def fmt(value: Any) -> str:
    """A number with three decimals, a dash for none."""
    if value is None:
        return DASH
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return f"{value:.3f}"


def bounds(interval: dict[str, Any] | None) -> str:
    """``[0.412, 0.530]``, or a dash when there is no interval."""
    if not interval or interval.get("ci_low") is None or interval.get("ci_high") is None:
        return DASH
    return f"[{interval['ci_low'] + 0.0:.3f}, {interval['ci_high'] + 0.0:.3f}]"


def load_eval_report(path: Path) -> dict[str, Any]:
    """The JSON report at ``path``, checked just enough to build the tables."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        fix = "write it with `extractor eval score ... --json`"
        raise SystemExit(f"readme_tables: {path}: {exc}; fix: {fix}") from None
    if not isinstance(raw, dict) or raw.get("format") not in FORMATS:
        found = raw.get("format") if isinstance(raw, dict) else None
        raise SystemExit(f"readme_tables: {path}: format {found!r}, expected one of {', '.join(FORMATS)}")
    return raw


def split_intervals(raw: dict[str, Any], split: str) -> dict[str, dict[str, Any]]:
    """The headline metrics of ``split``'s articles with their intervals, from the saved per-article counts.

    Empty when the report keeps no counts (format 1) or no intervals (written with ``--resamples 0``)."""
    articles = [row for row in raw.get("articles", []) if row.get("split") == split]
    boot = raw.get("intervals")
    if not boot or not articles or any(row.get("counts") is None for row in articles):
        return {}
    from extractor.evaluation import EvalReport, with_intervals

    subset = EvalReport.model_validate({**raw, "articles": articles, "intervals": None, "split": split})
    found = with_intervals(subset, boot["resamples"], boot["seed"]).intervals
    return {name: interval.model_dump() for name, interval in (found.headline.items() if found else ())}


@dataclass
class Column:
    """One split: its name, article count, values and intervals by headline metric name."""

    name: str
    n: int | None
    values: dict[str, Any]
    intervals: dict[str, dict[str, Any]]
    matched: dict[str, Any]  # flag precision / recall on matched claims


def columns(raw: dict[str, Any]) -> list[Column]:
    """A column per split of ``by_split`` (when there is more than the report's own), then the report's own."""
    by_split = raw.get("by_split") or {}
    own_split = raw.get("split", "all")
    found = []
    if set(by_split) - {own_split}:
        for split, row in by_split.items():
            recomputed = split_intervals(raw, split)
            values = {name: interval.get("value") for name, interval in recomputed.items()}
            values |= {name: row[name] for name in SAME_IN_BY_SPLIT if name in row}
            saved = row.get("intervals") if isinstance(row.get("intervals"), dict) else {}
            matched = {"precision": row.get("flag_precision"), "recall": row.get("flag_recall")}
            found.append(Column(split, row.get("n"), values, recomputed or saved, matched))
    headline_intervals = (raw.get("intervals") or {}).get("headline") or {}
    matched = (raw.get("flags") or {}).get("matched") or {}
    found.append(Column(own_split, raw.get("n_articles"), dict(raw.get("headline") or {}), headline_intervals, matched))
    return found


def md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def metric_table(raw: dict[str, Any], names: tuple[str, ...] | list[str], matched_rows: bool = False) -> list[str]:
    """Rows: the metrics; per split: value and its 95 % interval."""
    cols = columns(raw)
    header = ["metric"]
    for col in cols:
        header += [f"{col.name} ({col.n} articles)" if col.n is not None else col.name, "95 % interval"]
    rows = []
    for name in names:
        row = [LABELS.get(name, f"`{name}`")]
        for col in cols:
            row += [fmt(col.values.get(name)), bounds(col.intervals.get(name))]
        rows.append(row)
    if matched_rows:
        for key, label in (
            ("precision", "flag precision (matched claims)"),
            ("recall", "flag recall (matched claims)"),
        ):
            row = [label]
            for col in cols:
                row += [fmt(col.matched.get(key)), DASH]
            rows.append(row)
    return md_table(header, rows)


def source_line(raw: dict[str, Any], path: Path) -> str:
    """What produced the numbers, and how the intervals were made (or why there are none)."""
    created = str(raw.get("created_at", ""))[:10] or "an unknown date"
    line = (
        f"From `{shown(path)}` ({raw.get('format')}, written {created}): model `{raw.get('model')}` "
        f"(mode `{raw.get('mode')}`), prompt `{raw.get('prompt')}@{raw.get('prompt_hash')}`, "
        f"schema `{raw.get('schema_name')}@{raw.get('schema_hash')}`, verifier `{raw.get('verifier')}`; "
        f"{raw.get('n_articles')} gold articles"
    )
    line += f", {raw['n_failed']} of them without a valid result." if raw.get("n_failed") else "."
    boot = raw.get("intervals")
    if boot:
        line += (
            f" 95 % intervals: bootstrap over articles, {boot.get('resamples')} resamples, seed {boot.get('seed')}"
            " (each split's from its own articles)."
        )
        if boot.get("note"):
            line += f" Note: {boot['note']}."
    else:
        line += " This report carries no intervals (format 1, or written with `--resamples 0`): each shows as –."
    return line


def results_block(raw: dict[str, Any], path: Path) -> list[str]:
    return [source_line(raw, path), "", *metric_table(raw, [n for n in SHORT if n in (raw.get("headline") or {})])]


def code_rows(raw: dict[str, Any]) -> list[str]:
    codes = (raw.get("flags") or {}).get("codes") or {}
    if not codes:
        return []
    header = ["flag code", "raised", "needs a look", "precision", "reason precision", "gold gives it (support)"]
    rows = [
        [f"`{code}`", str(r.get("raised", DASH)), str(r.get("right", DASH)), fmt(r.get("precision")),
         fmt(r.get("reason_precision")), str(r.get("support", DASH))]
        for code, r in sorted(codes.items(), key=lambda item: (-(item[1].get("raised") or 0), item[0]))
    ]  # fmt: skip
    intro = (
        f"Each flag code on the matched claims of all {raw.get('n_articles')} articles: how often it is raised, how "
        "often the gold says that claim needs a look (precision), how often the gold gives this very code "
        "(reason precision), and how many matched gold claims give it."
    )
    return ["", intro, "", *md_table(header, rows)]


def agreement_rows(raw: dict[str, Any]) -> list[str]:
    codes = (raw.get("agreement") or {}).get("codes") or {}
    if not codes:
        return []
    header = ["flag code", "both", "verifier only", "gold only", "neither", "precision", "95 % interval",
              "recall", "95 % interval"]  # fmt: skip
    rows = []
    for code, r in codes.items():
        precision, recall = r.get("precision") or {}, r.get("recall") or {}
        rows.append([f"`{code}`", str(r.get("both")), str(r.get("verifier_only")), str(r.get("gold_only")),
                     str(r.get("neither")), fmt(precision.get("value")), bounds(precision),
                     fmt(recall.get("value")), bounds(recall)])  # fmt: skip
    intro = "The verifier against the gold's reasons, per flag code, on matched claims (`agreement`):"
    return ["", intro, "", *md_table(header, rows)]


def results_full_block(raw: dict[str, Any], path: Path) -> list[str]:
    names = list(raw.get("headline") or {})
    return [source_line(raw, path), "", *metric_table(raw, names, matched_rows=True), *code_rows(raw),
            *agreement_rows(raw)]  # fmt: skip


def corroboration_block(path: Path) -> list[str]:
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SystemExit(f"readme_tables: {path}: {exc}") from None
    meta = saved.get("meta") or {}
    line = (
        f"From `{shown(path)}`: model `{meta.get('model')}`, prompt hash `{meta.get('prompt_hash')}`, schema hash "
        f"`{meta.get('schema_hash')}` ({meta.get('source', 'source not recorded')}). Each split on its own ledger."
    )
    header = ["split", "articles", "gold claims", "aligned", "B-cubed precision", "recall", "F1", "origin accuracy",
              "status accuracy", "groups (gold / predicted)"]  # fmt: skip
    rows = [
        [split, str(s.get("articles", DASH)), str(s.get("claims", DASH)), str(s.get("aligned_claims", DASH)),
         fmt(s.get("precision")), fmt(s.get("recall")), fmt(s.get("f1")), fmt(s.get("origin_accuracy")),
         fmt(s.get("status_accuracy")), f"{s.get('gold_groups', DASH)} / {s.get('predicted_groups', DASH)}"]
        for split, s in (saved.get("splits") or {}).items()
    ]  # fmt: skip
    return [line, "", *md_table(header, rows)]


def blocks(baseline: Path = BASELINE, corroboration: Path = CORROBORATION_BASELINE) -> list[Block]:
    """The blocks this script writes, from ``baseline`` (an eval report) and the corroboration baseline."""
    command = "python tools/readme_tables.py" + ("" if baseline == BASELINE else f" --baseline {baseline}")
    return [
        Block(ROOT / "README.md", "results", lambda: results_block(load_eval_report(baseline), baseline),
              shown(baseline), command),
        Block(ROOT / "docs" / "evaluation.md", "results-full",
              lambda: results_full_block(load_eval_report(baseline), baseline), shown(baseline), command),
        Block(ROOT / "docs" / "corroboration.md", "corroboration", lambda: corroboration_block(corroboration),
              shown(corroboration), command),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when a block is stale")
    parser.add_argument("--baseline", type=Path, default=BASELINE, help="the eval report (default eval/baseline.json)")
    args = parser.parse_args(argv)
    return run(blocks(args.baseline.resolve()), args.check)


if __name__ == "__main__":
    sys.exit(main())

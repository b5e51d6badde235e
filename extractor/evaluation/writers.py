"""Show an EvalReport: a rich table for the terminal and Markdown for a pull-request comment.

Both name the model, the prompt hash and the schema hash, so a number is never read without
knowing what produced it. The JSON report itself is written by :func:`report.write_json`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from extractor.evaluation.gate import GateResult
from extractor.evaluation.intervals import Interval
from extractor.evaluation.metrics import LOWER_IS_BETTER
from extractor.evaluation.report import ArticleRow, EvalReport


def fmt(value: Any, digits: int = 3) -> str:
    """Numbers to fixed digits, None to a dash."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def fmt_delta(value: float | None, base: float | None) -> str:
    """``+0.012`` style difference, a dash when either side is missing."""
    if value is None or base is None:
        return "–"
    return f"{value - base:+.3f}"


def _f1s(row: ArticleRow) -> list[str]:
    """Events and claims F1 of one article; dashes when the article failed (nothing was predicted)."""
    return ["–", "–"] if row.error else [fmt(row.events_f1), fmt(row.claims_f1)]


def run_line(report: EvalReport) -> str:
    """Model, backend, prompt hash, schema hash and verifier in one line."""
    return (
        f"model {report.model} ({report.backend}, mode {report.mode}) · prompt {report.prompt}@{report.prompt_hash} · "
        f"schema {report.schema_name}@{report.schema_hash} · verifier {report.verifier or 'off'}"
    )


def _title(report: EvalReport) -> str:
    failed = f", {report.n_failed} failed" if report.n_failed else ""
    return f"extractor eval: split {report.split}, {report.n_articles} articles{failed}"


def _cost(report: EvalReport) -> str:
    runtime = report.runtime
    cost = "unknown (model not in the price table)" if runtime["cost_usd"] is None else f"${runtime['cost_usd']:.4f}"
    return (
        f"tokens {runtime['tokens_in']} in / {runtime['tokens_out']} out · est. cost {cost} · "
        f"latency p50 {fmt(runtime['latency_p50_s'], 1)} s, p95 {fmt(runtime['latency_p95_s'], 1)} s · "
        f"mean attempts {fmt(runtime['mean_attempts'], 2)}"
    )


def _interval_cells(report: EvalReport, name: str) -> list[str]:
    """``[low, high]`` and the width of a headline metric's interval; dashes when the report has none."""
    found = report.intervals.headline.get(name) if report.intervals else None
    if found is None or not found.known:
        return ["–", "–"]
    return [found.bounds(), fmt(found.width)]


def intervals_line(report: EvalReport) -> str:
    """How the intervals were computed, and whether the set is small; or why there are none."""
    boot = report.intervals
    if boot is None:
        why = "the report keeps no per-article counts" if report.format.endswith("/1") else "--resamples 0"
        return f"no intervals ({why})"
    line = f"95 % intervals: bootstrap over {boot.articles} articles, {boot.resamples} resamples, seed {boot.seed}"
    return line + (f"; {boot.note}" if boot.note else "")


def render_report(
    report: EvalReport, console: Console, baseline: EvalReport | None = None, gate: GateResult | None = None
) -> None:
    """Headline metrics with intervals (against the baseline when given), the gate's checks, section details
    and per-article rows."""
    console.rule(Text(_title(report), style="bold"))
    console.print(Text(run_line(report), style="dim"))
    heads = Table(title="Headline", show_edge=False)
    for column in ("metric", "value", "95 % interval", "width", *(("baseline", "Δ") if baseline else ())):
        heads.add_column(column, justify="left" if column == "metric" else "right")
    for name, value in report.headline.items():
        arrow = " (lower is better)" if name in LOWER_IS_BETTER else ""
        row = [f"{name}{arrow}", fmt(value), *_interval_cells(report, name)]
        if baseline:
            row += [fmt(baseline.headline.get(name)), fmt_delta(value, baseline.headline.get(name))]
        heads.add_row(*map(Text, row))
    console.print(heads)
    small = report.intervals is not None and report.intervals.small_set
    console.print(Text(intervals_line(report), style="yellow" if small else "dim"))
    if gate is not None:
        console.print(Text(f"gate (max drop {gate.max_drop:.3f}): {gate.note}", style="dim"))
        for check in gate.checks:
            console.print(Text(check.message(gate.max_drop), style="red" if check.failed else ""))
    prf = Table(title="Precision / recall / F1", show_edge=False)
    for column in ("", "precision", "recall", "F1", "gold", "predicted/flagged", "matched/caught"):
        prf.add_column(column, justify="right" if column else "left")
    for name, section in (("events", report.events), ("claims", report.claims)):
        prf.add_row(
            *map(
                Text, (name, *(fmt(section[k]) for k in ("precision", "recall", "f1", "gold", "predicted", "matched")))
            )
        )
    flags = report.flags
    flagged = flags["caught"] + flags["false_alarms"]
    prf.add_row(*map(Text, ("flags", *(fmt(x) for x in (flags["precision"], flags["recall"], flags["f1"],
                flags["expected"])), str(flagged), str(flags["caught"]))))  # fmt: skip
    console.print(prf)
    accuracy = ", ".join(f"{k} {fmt(v)}" for k, v in report.events["accuracy"].items())
    console.print(Text(f"event fields (matched pairs): {accuracy}"))
    console.print(Text(f"events by gold events per article: {events_by_count_line(report)}"))
    accuracy = ", ".join(f"{k} {fmt(v)}" for k, v in report.claims["accuracy"].items())
    resolved = report.claims.get("claimant_resolved")
    console.print(Text(f"claim fields (matched pairs): {accuracy}; claimants resolved to an actor {fmt(resolved)}"))
    reasons = ", ".join(
        f"{code} {r['caught']}/{r['expected']}" for code, r in report.flags["reasons"].items() if r["expected"]
    )
    console.print(Text(f"reason recall {fmt(report.flags['reason_recall'])}: {reasons or 'no reasons in gold'}"))
    matched = report.flags.get("matched") or {}
    if matched.get("n"):
        console.print(
            Text(
                f"flags on matched claims: precision {fmt(matched['precision'])}, recall {fmt(matched['recall'])}, "
                f"flagged {fmt(matched['flagged_share'])} vs gold {fmt(matched['gold_share'])}"
            )
        )
    codes = _code_rows(report)
    if codes:
        console.print(_plain_table("Flag codes on matched claims", CODE_COLUMNS, codes))
    agreement = _agreement_rows(report)
    if agreement:
        console.print(_plain_table(AGREEMENT_TITLE, AGREEMENT_COLUMNS, agreement))
    splits = _split_rows(report)
    if len(splits) > 1:
        console.print(_plain_table("By split", SPLIT_COLUMNS, splits))
    console.print(Text(_cost(report), style="dim"))
    rows = Table(title="Per article (worst claims F1 first)", show_edge=False)
    for column in (
        "id",
        "split",
        "events F1",
        "claims F1",
        "flags caught/expected",
        "false flags",
        "latency s",
        "error",
    ):
        rows.add_column(column)
    for row in sorted(report.articles, key=lambda r: (r.error is None, r.claims_f1, r.events_f1, r.id)):
        rows.add_row(*map(Text, (
            row.id, row.split, *_f1s(row), f"{row.flags_caught}/{row.flags_expected}",
            str(row.flags_false), fmt(row.latency_s, 1), row.error or "",
        )))  # fmt: skip
    console.print(rows)


CODE_COLUMNS = ("flag code", "raised", "needs a look", "precision", "this reason", "reason precision", "support")
SPLIT_COLUMNS = (
    "split", "articles", "events F1", "claims F1", "claimant", "claimant as written", "flag P (matched)",
    "flag R (matched)",
)  # fmt: skip


def _code_rows(report: EvalReport) -> list[list[Any]]:
    """Per flag code: raised on matched claims, of which the gold says need a look, and give this very reason."""
    rows = []
    for code, r in (report.flags.get("codes") or {}).items():
        rows.append([code, r["raised"], r["right"], fmt(r["precision"]), r.get("reason_right", "–"),
                     fmt(r.get("reason_precision")), r.get("support", "–")])  # fmt: skip
    return rows


AGREEMENT_TITLE = "Verifier against the gold's reasons, per flag code (matched claims)"
AGREEMENT_COLUMNS = (
    "flag code", "both", "verifier only", "gold only", "neither", "agreement", "precision", "95 %", "recall", "95 %",
)  # fmt: skip


def _agreement_rows(report: EvalReport) -> list[list[Any]]:
    """Per flag code: matched claims where verifier and gold agree or not, with precision and recall intervals."""
    rows = []
    for code, r in (report.agreement.get("codes") or {}).items():
        precision, recall = Interval(**r["precision"]), Interval(**r["recall"])
        rows.append([code, r["both"], r["verifier_only"], r["gold_only"], r["neither"], fmt(r["agreement"]),
                     fmt(precision.value), precision.bounds(), fmt(recall.value), recall.bounds()])  # fmt: skip
    return rows


def _split_rows(report: EvalReport) -> list[list[Any]]:
    return [
        [split, r["n"], fmt(r["events_f1"]), fmt(r["claims_f1"]), fmt(r["claimant_accuracy"]),
         fmt(r["claimant_text_accuracy"]), fmt(r["flag_precision"]), fmt(r["flag_recall"])]
        for split, r in report.by_split.items()
    ]  # fmt: skip


def events_by_count_line(report: EvalReport) -> str:
    """``2 (27 articles): recall 0.50, precision 0.90; ...``: events per article as the gold counts them."""
    parts = []
    for bucket, r in (report.events.get("by_gold_count") or {}).items():
        figures = f"{r['predicted']} predicted" if bucket == "0" else f"recall {fmt(r['recall'])}"
        parts.append(f"{bucket} ({r['articles']} articles): {figures}, precision {fmt(r['precision'])}")
    return "; ".join(parts) or "none"


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _md_table(header: list[str], rows: list[list[Any]], align: str = "---:") -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|---|" + "|".join([align] * (len(header) - 1)) + "|"]
    return lines + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]


def _gate_markdown(failures: list[str], max_drop: float | None, gate: GateResult | None) -> list[str]:
    limit = f" (max drop {max_drop})" if max_drop is not None else ""
    rule = "a metric fails when it got worse by at least the max drop and the 95 % interval of that excludes 0"
    if failures:
        lines = [f"**Gate: failed**{limit}", ""] + [f"- {failure}" for failure in failures] + [""]
    else:
        lines = [f"**Gate: passed**{limit}: no headline metric is worse than the baseline beyond the noise.", ""]
    if gate is not None:
        lines += [f"Gate rule: {rule}. Intervals of the drop: {gate.note}.", ""]
        lines += [f"- {line}" for line in gate.lines()] + [""]
    return lines


def report_markdown(
    report: EvalReport,
    baseline: EvalReport | None = None,
    failures: list[str] | None = None,
    max_drop: float | None = None,
    gate: GateResult | None = None,
) -> str:
    """A pull-request comment: headline with intervals (vs baseline), gate verdict and checks, details and
    per-article rows folded."""
    lines = [f"### {_title(report)}", "", f"`{run_line(report)}`", ""]
    header = ["metric", "value", "95 % interval", "width"] + (["baseline", "Δ"] if baseline else [])
    rows = []
    for name, value in report.headline.items():
        row = [name + (" ↓" if name in LOWER_IS_BETTER else ""), fmt(value), *_interval_cells(report, name)]
        if baseline:
            row += [fmt(baseline.headline.get(name)), fmt_delta(value, baseline.headline.get(name))]
        rows.append(row)
    small = report.intervals is not None and report.intervals.small_set
    note = f"**{intervals_line(report)}**" if small else intervals_line(report)
    lines += [*_md_table(header, rows), "", f"↓ lower is better. {note}.", ""]
    if gate is not None:
        failures = gate.failures if failures is None else failures
        max_drop = gate.max_drop if max_drop is None else max_drop
    if failures is not None:
        lines += _gate_markdown(failures, max_drop, gate)
    lines += [_cost(report), "", "<details><summary>Details</summary>", ""]
    detail_rows = [
        [name, *(fmt(section[k]) for k in ("precision", "recall", "f1"))]
        for name, section in (("events", report.events), ("claims", report.claims), ("flags", report.flags))
    ]
    lines += [*_md_table(["", "precision", "recall", "F1"], detail_rows), ""]
    lines += [f"Events by gold events per article: {events_by_count_line(report)}.", ""]
    fields = [[f"event {k}", fmt(v)] for k, v in report.events["accuracy"].items()]
    fields += [[f"claim {k}", fmt(v)] for k, v in report.claims["accuracy"].items()]
    lines += [*_md_table(["field (matched pairs)", "accuracy"], fields), ""]
    reasons = [[code, r["expected"], r["caught"], fmt(r["recall"])] for code, r in report.flags["reasons"].items()]
    lines += [*_md_table(["reason", "expected", "caught", "recall"], reasons), ""]
    lines += [f"Claimants resolved to an actor of the report: {fmt(report.claims.get('claimant_resolved'))}.", ""]
    lines += [*_md_table(list(CODE_COLUMNS), _code_rows(report)), ""]
    agreement = _agreement_rows(report)
    if agreement:
        matched = report.agreement.get("matched_claims", 0)
        lines += [f"{AGREEMENT_TITLE}, over {matched} matched claims; measured, not enforced on the labels:", ""]
        lines += [*_md_table(list(AGREEMENT_COLUMNS), agreement), ""]
    splits = _split_rows(report)
    if len(splits) > 1:
        lines += [*_md_table(list(SPLIT_COLUMNS), splits), ""]
    lines += ["</details>", ""]
    lines += ["<details><summary>Per article</summary>", ""]
    article_rows = [
        [r.id, r.split, *_f1s(r), f"{r.flags_caught}/{r.flags_expected}", r.flags_false,
         r.error or ""]
        for r in sorted(report.articles, key=lambda r: (r.error is None, r.claims_f1, r.events_f1, r.id))
    ]  # fmt: skip
    header = ["id", "split", "events F1", "claims F1", "flags caught/expected", "false flags", "error"]
    lines += [*_md_table(header, article_rows), "", "</details>", ""]
    return "\n".join(lines)


def write_markdown(text: str, path: Path | str) -> None:
    """Write Markdown (parent folders are created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _plain_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> Table:
    """A rich table of plain text cells (never markup): the first column left, the figures right."""
    table = Table(title=title, show_edge=False)
    for index, column in enumerate(columns):
        table.add_column(column, justify="left" if index == 0 else "right")
    for row in rows:
        table.add_row(*map(Text, map(str, row)))
    return table

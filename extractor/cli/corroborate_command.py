"""``extractor corroborate``: group claims across saved results, count independent origins, merge events."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from extractor.cli.common import fail, say
from extractor.cli.corroboration_eval import SplitOption, gold_scores, load_many, settings_from
from extractor.corroboration import SCORERS, Ledger, corroborate
from extractor.results import Result
from extractor.schemas.conflict import ConflictReport

CORROBORATE_EPILOG = (
    "Examples:\n\n"
    "  extractor corroborate a.jsonl b.jsonl -o ledger.jsonl\n\n"
    "  extractor corroborate new.jsonl --ledger ledger.db --format table   # add to a stored ledger\n\n"
    "  extractor corroborate --gold eval/corroboration/gold.json   # score on the gold set, each split\n\n"
    "  extractor corroborate model.jsonl --gold eval/corroboration/gold.json --split heldout"
)
FORMATS = ("table", "jsonl", "csv")
CSV_COLUMNS = (
    "id", "status", "kind", "origin_count", "party_origins", "non_party_origins", "articles", "outlets", "origins",
    "flags", "statement",
)  # fmt: skip


def _read_outlets(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise fail(f"--outlets {path}: {exc}; fix: give a JSON object of article id to outlet") from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise fail(f'--outlets {path}: not a JSON object of strings; fix: {{"article-id": "Outlet", ...}}')
    return {str(k): v for k, v in data.items()}


def csv_text(ledger: Ledger) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in ledger.records():
        if record["type"] != "claim_group":
            continue
        writer.writerow([
            record["id"], record["status"], record["kind"], record["origin_count"], record["party_origins"],
            record["non_party_origins"], " ".join(record["articles"]), " ".join(record["outlets"]),
            "; ".join(o["label"] + (" (party)" if o["party"] else "") for o in record["origins"]),
            " ".join(f["code"] for f in record["flags"]), record["statement"],
        ])  # fmt: skip
    return out.getvalue()


def table_text(ledger: Ledger) -> str:
    lines = [f"{len(ledger.groups)} claim groups, {len(ledger.events)} events, {len(ledger.articles)} articles"]
    if ledger.copies:
        lines.append("near-copies (one origin each): " + "; ".join(", ".join(c) for c in ledger.copies))
    for g in ledger.groups:
        origins = ", ".join(o.label + (" (party)" if o.party else "") for o in g.origins)
        lines.append(f"\n{g.id}  {g.status}  {g.kind}  origins={g.origin_count}  outlets={len(g.outlets)}")
        lines.append(f"  {g.statement}")
        lines.append(f"  origins: {origins}")
        lines.append("  claims: " + ", ".join(f"{m['article_id']}#{m['claim_index']}" for m in g.members))
        if g.flags:
            lines.append("  flags: " + ", ".join(f["code"] for f in g.flags))
    for e in ledger.events:
        lines.append(
            f"\n{e.id}  {e.sub_event_type}  {e.location or '?'}  {', '.join(e.dates) or '?'}  "
            f"fatalities={e.fatalities}  reports={len(e.reports)}"
        )
        if e.notes:
            lines.append(f"  {e.notes}")
    return "\n".join(lines) + "\n"


def render(ledger: Ledger, fmt: str) -> str:
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in ledger.records())
    if fmt == "csv":
        return csv_text(ledger)
    return table_text(ledger)


def corroborate_command(
    results: Annotated[
        list[Path] | None, typer.Argument(help="saved results (JSONL or JSON) as `extractor extract` writes them")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="write the ledger here (default stdout)")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv")] = "",
    outlets: Annotated[
        Path | None, typer.Option("--outlets", help="JSON object article id -> outlet (default: the id's prefix)")
    ] = None,
    ledger_db: Annotated[
        Path | None, typer.Option("--ledger", help="SQLite ledger: add the results to it, print the whole ledger")
    ] = None,
    gold: Annotated[
        Path | None,
        typer.Option("--gold", help="print scores against gold groups (eval/corroboration/gold.json), per split"),
    ] = None,
    split: SplitOption = "",
    scorer: Annotated[str, typer.Option("--scorer", help=f"statement similarity: {', '.join(SCORERS)}")] = "",
    threshold: Annotated[float | None, typer.Option("--threshold", help="similarity cut-off 0-100")] = None,
) -> None:
    """Group claims that assert the same thing across articles; count their independent origins."""
    fmt = fmt or ("jsonl" if out and out.suffix == ".jsonl" else "csv" if out and out.suffix == ".csv" else "table")
    if fmt not in FORMATS:
        raise fail(f"--format {fmt}: unknown; fix: one of {', '.join(FORMATS)}")
    settings = settings_from(scorer, threshold)
    mapping = _read_outlets(outlets)
    paths = list(results or [])
    if gold is not None:
        if ledger_db is not None:
            raise fail("--gold scores fresh ledgers, one per split; fix: drop --ledger")
        _write(json.dumps(gold_scores(paths, gold, split, settings, mapping), indent=2) + "\n", out)
        return
    if not paths and ledger_db is None:
        raise fail("no results given; fix: extractor corroborate RESULTS... (or --ledger ledger.db)")
    loaded = load_many(paths)
    if ledger_db is not None:
        from extractor.corroboration.store import LedgerStore

        custom = scorer or threshold is not None
        try:
            store = LedgerStore(ledger_db, Result[ConflictReport].model_validate, settings if custom else None, mapping)
        except ValueError as exc:
            raise fail(str(exc)) from None
        try:
            matched = store.add(loaded)
            say("ledger:", f"{ledger_db}: {len(loaded)} results added, {matched} new matching pairs", style="green")
            ledger = store.ledger()
        finally:
            store.close()
    else:
        ledger = corroborate(loaded, outlets=mapping, settings=settings)
    _write(render(ledger, fmt), out)


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        say("wrote", str(out), style="green")

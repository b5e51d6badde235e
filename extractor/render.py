"""Writers: JSON (one result), JSONL (many, one line each, flushed as they come) and a rich table."""

from __future__ import annotations

import json
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from extractor.errors import BadInput
from extractor.results import Result

FORMATS = ("json", "jsonl", "table", "acled-csv", "claims-csv")  # the CSV ones: extractor/render_csv.py


def result_json(result: Result[Any], indent: int | None = None) -> str:
    return json.dumps(result.to_json_dict(), ensure_ascii=False, indent=indent)


def filter_claims(result: Result[Any], min_confidence: float | None) -> Result[Any]:
    """A copy of ``result`` keeping only claims with confidence >= ``min_confidence`` (unscored claims stay)."""
    if min_confidence is None or result.report is None or not hasattr(result.report, "claims"):
        return result
    kept = [c for c in result.report.claims if c.confidence is None or c.confidence >= min_confidence]
    return result.model_copy(update={"report": result.report.model_copy(update={"claims": kept})})


def _flags(item: Any) -> Text:
    flags = getattr(item, "flags", None) or []
    return (
        Text("\n".join(f"{f.code}: {f.message}" for f in flags), style="yellow") if flags else Text("-", style="green")
    )


def _claim_order(claim: Any) -> tuple[int, float]:
    """Flagged claims first, least confident first."""
    confidence = claim.confidence if claim.confidence is not None else 1.0
    return (0 if claim.flags else 1, confidence)


def render_table(result: Result[Any], console: Console) -> None:
    """A readable summary: events, then claims (flagged first) with claimant, cue and reasons."""
    meta = result.meta
    console.rule(Text.assemble((result.article_id, "bold"), " ", result.title or ""))
    console.print(
        Text(
            f"model {meta.model} ({meta.backend}, mode {meta.mode}) · prompt {meta.prompt}@{meta.prompt_hash} · "
            f"schema {meta.schema_name}@{meta.schema_hash} · {meta.tokens_in}+{meta.tokens_out} tokens · "
            f"{meta.latency_s:.1f} s · {len(meta.attempts)} attempt(s)",
            style="dim",
        )
    )
    if result.report is None:
        console.print(Text.assemble(("failed:", "red"), " ", result.error or ""))
        return
    report = result.report
    if not hasattr(report, "claims") or not hasattr(report, "events"):
        console.print_json(report.model_dump_json())
        return
    events = Table(title="Events", show_lines=True, expand=True)
    for column in ("type", "date", "where", "who → whom", "weapons", "casualties (source)", "evidence", "flags"):
        events.add_column(column)
    for event in report.events:
        casualties = ", ".join(
            f"{n} {label}" for n, label in ((event.fatalities, "killed"), (event.injured, "injured")) if n is not None
        )
        if casualties and event.casualty_source:
            casualties += f" ({event.casualty_source})"
        events.add_row(
            *map(
                Text,
                (
                    f"{event.event_type}\n{event.sub_event_type}",
                    f"{event.date or '?'} ({event.date_precision or '-'})\n{event.date_text or ''}",
                    ", ".join(x for x in (event.location, event.country) if x),
                    f"{', '.join(event.perpetrators) or '?'} → {', '.join(event.targets) or '?'}",
                    ", ".join(event.weapons),
                    casualties or "-",
                    _evidence(event),
                ),
            ),
            _flags(event),
        )
    console.print(events)
    claims = Table(title="Claims (flagged first)", show_lines=True, expand=True)
    for column in ("claimant", "cue", "claim", "kind / status", "conf.", "flags"):
        claims.add_column(column)
    for claim in sorted(report.claims, key=_claim_order):
        party = " (party)" if claim.claimant_is_party else ""
        confidence = "-" if claim.confidence is None else f"{claim.confidence:.2f}"
        claims.add_row(
            Text(f"{claim.claimant}{party}"),
            Text(claim.cue or "-"),
            Text.assemble(claim.statement, "\n", (_evidence(claim), "dim")),
            Text(f"{claim.kind}\n{claim.status or '-'}"),
            Text(confidence),
            _flags(claim),
        )
    console.print(claims)
    if report.actors:
        actors = Table(title="Actors", expand=True)
        for column in ("name", "aliases", "kind", "affiliation"):
            actors.add_column(column)
        for actor in report.actors:
            actors.add_row(*map(Text, (actor.name, ", ".join(actor.aliases), actor.kind, actor.affiliation or "")))
        console.print(actors)


def _evidence(item: Any) -> str:
    spans = getattr(item, "spans", None) or []
    if not spans:
        return "no evidence"
    return " | ".join(
        f"[{span.char_start}:{span.char_end} {span.status}] {_clip(span.text)}"
        if span.char_start is not None
        else f"[{span.status}] {_clip(span.text)}"
        for span in spans
    )


def _clip(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Writer:
    """Writes results as they come, so an interrupted run keeps everything finished before it."""

    def __init__(self, stream: TextIO, fmt: str, single: bool, width: int | None = None) -> None:
        if fmt not in FORMATS:
            raise BadInput(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
        self.stream, self.fmt, self.single = stream, fmt, single
        self.csv = None
        if fmt.endswith("-csv"):
            from extractor.render_csv import CsvWriter

            self.csv = CsvWriter(stream, fmt)
        self.console = Console(file=stream, width=width or (None if stream.isatty() else 160))

    def write(self, result: Result[Any]) -> None:
        """Write ``result`` in this writer's format, registered secrets masked (``Result.masked``)."""
        result = result.masked()
        if self.csv is not None:
            self.csv.write(result)
            return
        if self.fmt == "table":
            render_table(result, self.console)
        elif self.fmt == "json" and self.single:
            self.stream.write(result_json(result, indent=2) + "\n")
        else:  # jsonl, and json with several articles (one object per line either way)
            self.stream.write(result_json(result) + "\n")
        self.stream.flush()

"""CSV exports: ``acled-csv`` (events as rows with ACLED's columns) and ``claims-csv`` (one row per claim).

Written with the csv module, rows ending in CRLF (RFC 4180) so that every cell holding a CR, LF or quote is
quoted; a NUL becomes U+FFFD. A cell whose first character past any leading spaces and control characters is
``= + - @`` (or that starts with a tab/CR) gets a leading ``'`` so a spreadsheet never runs it as a formula.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from typing import Any, TextIO

from extractor.results import Result

ACLED_COLUMNS = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
    "assoc_actor_2", "country", "location", "fatalities", "source", "notes",
)  # fmt: skip
CLAIMS_COLUMNS = (
    "article_id", "claimant", "claimant_is_party", "cue", "kind", "status", "confidence", "flags", "statement",
    "evidence_offsets",
)  # fmt: skip
TIME_PRECISION = {"day": 1, "week": 2, "month": 2, "year": 3}
_FORMULA = ("=", "+", "-", "@")
_LEADING = ("\t", "\r")  # a spreadsheet may drop them and read what follows as a formula
_KILLED = re.compile(r"\b(killed|dead|died|deaths?|fatalities|lives|slain)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})*\b|\b\d+\b")


def _blank(char: str) -> bool:
    """Whether a spreadsheet may skip ``char`` before a formula: a space or a control/format character."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def _formula_like(text: str) -> bool:
    """Whether ``text`` starts with a tab/CR, or its first character past spaces and controls starts a formula."""
    if text.startswith(_LEADING):
        return True
    first = next((char for char in text if not _blank(char)), "")
    return first in _FORMULA


def safe(value: Any) -> str:
    """The cell text without NULs, with a leading quote when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value).replace("\0", "\ufffd")
    return "'" + text if _formula_like(text) else text


def _toll_figures(claim: Any) -> set[int]:
    """Death tolls stated in a casualties claim ("12 killed", "killed 7 people")."""
    statement = getattr(claim, "statement", "") or ""
    if getattr(claim, "kind", None) != "casualties" or not _KILLED.search(statement):
        return set()
    return {int(n.replace(",", "")) for n in _NUMBER.findall(statement) if int(n.replace(",", "")) < 100_000}


def _fatalities(event: Any, claims: list[Any]) -> tuple[int | None, str]:
    """The lowest death toll reported for ``event`` and, when the reports disagree, the dispute in words."""
    evidence = set(getattr(event, "evidence", []) or [])
    reports: list[tuple[int, str]] = []
    if event.fatalities is not None:
        reports.append((event.fatalities, event.casualty_source or "the article"))
    for claim in claims:
        if evidence and not evidence & set(getattr(claim, "evidence", []) or []):
            continue
        reports += [(n, claim.claimant) for n in sorted(_toll_figures(claim))]
    figures = {n for n, _ in reports}
    if not figures:
        return None, ""
    lowest = min(figures)
    if len(figures) == 1:
        return lowest, ""
    said = "; ".join(f"{n} ({who})" for n, who in sorted(set(reports)))
    return lowest, f"Fatality reports disagree: {said}; the lowest figure is coded."


def acled_rows(result: Result[Any]) -> list[dict[str, str]]:
    """One ACLED-style row per event of ``result`` (a failed result has none)."""
    report = result.report
    if report is None or not hasattr(report, "events"):
        return []
    claims = list(getattr(report, "claims", []) or [])
    rows = []
    for event in report.events:
        fatalities, dispute = _fatalities(event, claims)
        flags = [f.code for f in getattr(event, "flags", []) or []]
        notes = " ".join(
            part for part in (
                dispute,
                f"Weapons: {', '.join(event.weapons)}." if event.weapons else "",
                f"Injured: {event.injured}." if event.injured is not None else "",
                f"Date as reported: {event.date_text}." if event.date_text else "",
                f"Flags: {', '.join(flags)}." if flags else "",
            ) if part
        )  # fmt: skip
        perpetrators, targets = list(event.perpetrators), list(event.targets)
        row = {
            "event_date": event.date or "",
            "time_precision": TIME_PRECISION.get(event.date_precision or "", ""),
            "event_type": event.event_type or "",
            "sub_event_type": event.sub_event_type,
            "actor1": perpetrators[0] if perpetrators else "",
            "assoc_actor_1": "; ".join(perpetrators[1:]),
            "actor2": targets[0] if targets else "",
            "assoc_actor_2": "; ".join(targets[1:]),
            "country": event.country or "",
            "location": event.location or "",
            "fatalities": "" if fatalities is None else fatalities,
            "source": result.title or result.article_id,
            "notes": notes,
        }
        rows.append({k: safe(v) for k, v in row.items()})
    return rows


def claim_rows(result: Result[Any]) -> list[dict[str, str]]:
    """One row per claim of ``result``; evidence offsets as ``start-end`` joined by ``;``."""
    report = result.report
    if report is None or not hasattr(report, "claims"):
        return []
    rows = []
    for claim in report.claims:
        offsets = ";".join(f"{s.char_start}-{s.char_end}" for s in claim.spans if s.char_start is not None)
        row = {
            "article_id": result.article_id,
            "claimant": claim.claimant,
            "claimant_is_party": claim.claimant_is_party,
            "cue": claim.cue or "",
            "kind": claim.kind,
            "status": claim.status or "",
            "confidence": "" if claim.confidence is None else f"{claim.confidence:.3f}",
            "flags": ";".join(f.code for f in claim.flags),
            "statement": claim.statement,
            "evidence_offsets": offsets,
        }
        rows.append({k: safe(v) for k, v in row.items()})
    return rows


CSV_FORMATS = {"acled-csv": (ACLED_COLUMNS, acled_rows), "claims-csv": (CLAIMS_COLUMNS, claim_rows)}


class CsvWriter:
    """Rows as results come (the header once, first), flushed after each result."""

    def __init__(self, stream: TextIO, fmt: str) -> None:
        self.columns, self.rows = CSV_FORMATS[fmt]
        self.stream = stream
        # QUOTE_MINIMAL quotes a cell holding a quote, a delimiter or a character of the line terminator: with
        # "\r\n" that covers both CR and LF (with "\n" alone a bare CR went out unquoted and split the row).
        self.writer = csv.DictWriter(stream, fieldnames=self.columns, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        self.header_written = False

    def write(self, result: Result[Any]) -> None:
        if not self.header_written:
            self.writer.writeheader()
            self.header_written = True
        self.writer.writerows(self.rows(result))
        self.stream.flush()

"""CSV exports: acled-csv and claims-csv (hand-built results; no model involved)."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.render import Writer
from extractor.render_csv import ACLED_COLUMNS, CLAIMS_COLUMNS, safe
from extractor.results import Result, ResultMeta
from extractor.schemas.conflict import ConflictReport
from tests.robustness.helpers import jsonl, run_cli

META = ResultMeta(
    extractor_version="t", backend="openai", model="m", mode="json", prompt="extract", prompt_hash="p",
    schema_name="ConflictReport", schema_hash="s", segmenter="x", temperature=0.0,
)  # fmt: skip


def _result() -> Result[ConflictReport]:
    report = ConflictReport.model_validate({
        "events": [{
            "sub_event_type": "Shelling/artillery/missile attack", "date_text": "on Monday", "country": "Iraq",
            "location": "Erbil", "perpetrators": ["=HYPERLINK('x')", "Kataib Hezbollah"],
            "targets": ["US forces"], "weapons": ["rockets"], "fatalities": 12, "casualty_source": "officials",
            "evidence": [1], "event_type": "Explosions/Remote violence", "date": "2024-01-08", "date_precision": "day",
        }],
        "actors": [],
        "claims": [
            {"statement": "The militia said 7 soldiers were killed.", "kind": "casualties", "claimant": "the militia",
             "evidence": [1], "cue": "said", "status": "attributed_named", "confidence": 0.4,
             "spans": [{"text": "7 soldiers were killed", "char_start": 10, "char_end": 32, "status": "exact"}],
             "flags": [{"code": "casualty_figure_disputed", "message": "m"}]},
        ],
    })  # fmt: skip
    return Result[ConflictReport](article_id="a1", title="+Erbil attack", report=report, meta=META)


def _rows(fmt: str) -> list[dict[str, str]]:
    stream = io.StringIO()
    writer = Writer(stream, fmt, single=False)
    writer.write(_result())
    writer.write(_result().model_copy(update={"article_id": "a2"}))
    return list(csv.DictReader(io.StringIO(stream.getvalue())))


def test_acled_csv_has_acleds_columns_the_lowest_toll_and_the_dispute_in_notes() -> None:
    stream = io.StringIO()
    Writer(stream, "acled-csv", single=False).write(_result())
    assert stream.getvalue().splitlines()[0] == ",".join(ACLED_COLUMNS)
    (row,) = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert row["event_date"] == "2024-01-08" and row["time_precision"] == "1"
    assert row["fatalities"] == "7"
    assert "12 (officials)" in row["notes"] and "7 (the militia)" in row["notes"] and "lowest" in row["notes"]
    assert row["actor1"].startswith("'=") and row["assoc_actor_1"] == "Kataib Hezbollah"
    assert row["actor2"] == "US forces" and row["source"] == "'+Erbil attack"


def test_claims_csv_one_row_per_claim_with_offsets_and_flags() -> None:
    rows = _rows("claims-csv")
    assert [r["article_id"] for r in rows] == ["a1", "a2"]  # the header is written once
    assert list(rows[0]) == list(CLAIMS_COLUMNS)
    assert rows[0]["evidence_offsets"] == "10-32" and rows[0]["flags"] == "casualty_figure_disputed"
    assert rows[0]["confidence"] == "0.400" and rows[0]["status"] == "attributed_named"


def test_formula_cells_are_quoted() -> None:
    assert [safe(v) for v in ("=1+1", "+3", "-2", "@SUM(A1)", "ok", None)] == [
        "'=1+1", "'+3", "'-2", "'@SUM(A1)", "ok", ""]  # fmt: skip


def test_show_renders_saved_results_as_acled_csv(tmp_path: Path) -> None:
    saved = jsonl(tmp_path / "r.jsonl", [_result().to_json_dict()])
    shown = run_cli(["show", str(saved), "--format", "acled-csv"])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.splitlines()[0] == ",".join(ACLED_COLUMNS)


def _written(result: Result[ConflictReport], fmt: str) -> list[list[str]]:
    """``result`` written as ``fmt`` and read back with csv.reader (header row first)."""
    stream = io.StringIO()
    Writer(stream, fmt, single=False).write(result)
    return list(csv.reader(io.StringIO(stream.getvalue(), newline="")))


def _hostile(text: str) -> Result[ConflictReport]:
    """The sample result with ``text`` in every free-text field the exports write."""
    result = _result()
    event = result.report.events[0].model_copy(update={"perpetrators": [text, text], "location": text})
    claim = result.report.claims[0].model_copy(update={"claimant": text, "statement": text, "cue": text})
    report = result.report.model_copy(update={"events": [event], "claims": [claim]})
    return result.model_copy(update={"article_id": text, "title": text or None, "report": report})


def _lead(cell: str) -> str:
    """``cell`` past its leading spaces and control/format characters."""
    index = 0
    while index < len(cell) and (cell[index].isspace() or unicodedata.category(cell[index]) in ("Cc", "Cf")):
        index += 1
    return cell[index:]


def test_a_carriage_return_before_a_formula_stays_in_its_cell_and_is_prefixed() -> None:
    for fmt, columns in (("claims-csv", CLAIMS_COLUMNS), ("acled-csv", ACLED_COLUMNS)):
        rows = _written(_hostile("\r=cmd|' /C calc'!A0\n+1\x00"), fmt)
        assert [len(r) for r in rows] == [len(columns), len(columns)], fmt
        cells = [c for c in rows[1] if "cmd" in c]
        assert cells and all(c == "'\r=cmd|' /C calc'!A0\n+1\ufffd" for c in cells), fmt


def test_formula_characters_after_spaces_or_controls_are_prefixed() -> None:
    for text in (" =1+1", "\x01@SUM(A1)", "\u200b-2", "\n+3", "\r\n=x", "\t=x"):
        assert safe(text) == "'" + text
    assert safe("a=b") == "a=b" and safe("  plain") == "  plain" and safe("x\x00y") == "x\ufffdy"


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_any_text_round_trips_with_the_right_column_count_and_no_live_formula(text: str) -> None:
    for fmt, columns in (("claims-csv", CLAIMS_COLUMNS), ("acled-csv", ACLED_COLUMNS)):
        rows = _written(_hostile(text), fmt)
        assert rows[0] == list(columns) and [len(r) for r in rows[1:]] == [len(columns)], fmt
        for cell in rows[1]:
            assert "\x00" not in cell
            assert not _lead(cell).startswith(("=", "+", "-", "@")) or cell.startswith("'"), (fmt, cell)
        assert safe(text) in rows[1], fmt

"""Save pipeline results as JSONL and read them back, so a run can be re-scored later without the model."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from extractor.errors import BadInput, FileMissing
from extractor.results import Result, ResultMeta
from extractor.schemas.conflict import ConflictReport
from extractor.sentences import SEGMENTER_VERSION
from extractor.version import __version__


class ResultsError(BadInput):
    """A saved-results file that cannot be read; the message names the file, the line and the fix."""


def save_results(results: Iterable[Result[Any]], path: Path | str) -> None:
    """One result per line (parent folders are created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        for result in results:
            stream.write(json.dumps(result.to_json_dict(), ensure_ascii=False) + "\n")


def load_results(
    path: Path | str, schema: type[BaseModel] = ConflictReport, *, bare_reports: bool = False
) -> list[Result[Any]]:
    """Saved results: JSONL (``eval run --results``, ``extract --format jsonl``) or one JSON result, validated.

    With ``bare_reports``, a record that is a bare report in ``schema`` (another tool's output) is
    accepted too, as a result of the backend ``external`` named after the file.
    """
    path = Path(path)
    if not path.is_file():
        raise FileMissing(
            f"{path}: no such file; fix: give results saved by `extractor extract` or `eval run --results`"
        )
    fix = f"a saved result or a {schema.__name__}" if bare_reports else "one saved result per line"
    model = Result[schema]  # type: ignore[valid-type]
    results: list[Result[Any]] = []
    records = _records(path)
    if not records:
        raise ResultsError(f"{path}: the file is empty; fix: give {fix}")
    for number, text in records:
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ResultsError(f"{path}:{number}: not valid JSON ({exc.msg}); fix: {fix}") from None
        except RecursionError:
            raise ResultsError(f"{path}:{number}: the JSON is nested too deeply; fix: give {fix}") from None
        if not isinstance(record, dict):
            raise ResultsError(f"{path}:{number}: a JSON {type(record).__name__}, not an object; fix: give {fix}")
        try:
            if bare_reports and not (isinstance(record, dict) and {"report", "meta"} <= record.keys()):
                results.append(_external_result(model, schema.model_validate(record), path.stem))
            else:
                results.append(model.model_validate_json(text))
        except RecursionError:
            raise ResultsError(f"{path}:{number}: the JSON is nested too deeply; fix: give {fix}") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(line)"
            also = "" if bare_reports else " (and --schema when the results use another schema)"
            raise ResultsError(f"{path}:{number}: {where}: {first['msg']}; fix: give {fix}{also}") from None
    return results


def _records(path: Path) -> list[tuple[int, str]]:
    """(line number, JSON text) of each record: the whole file when it is one (indented) JSON value."""
    try:
        raw = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise ResultsError(f"{path}: is not UTF-8 text; fix: give results saved by `extractor extract`") from None
    try:
        json.loads(raw)
        return [(1, raw)]
    except (json.JSONDecodeError, RecursionError):
        return [(number, line) for number, line in enumerate(raw.splitlines(), start=1) if line.strip()]


def _external_result(model: type[Result[Any]], report: BaseModel, article_id: str) -> Result[Any]:
    """A bare report as a result whose metadata says it came from elsewhere."""
    meta = ResultMeta(
        extractor_version=__version__, backend="external", model="unknown", mode="unknown", prompt="unknown",
        prompt_hash="", schema_name=type(report).__name__, schema_hash="", segmenter=SEGMENTER_VERSION, temperature=0.0,
    )  # fmt: skip
    return model(article_id=article_id, report=report, meta=meta)

"""Re-verify saved results (ours, or another tool's in the same schema) against their article text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor import verification
from extractor.articles import parse_date, read_path
from extractor.pipeline import resolve_event_dates
from extractor.results import Result, ResultMeta
from extractor.schemas.conflict import ConflictReport
from extractor.sentences import SEGMENTER_VERSION
from extractor.version import __version__


def _records(path: Path) -> list[dict[str, Any]]:
    raw = path.read_text(encoding="utf-8")
    try:
        return [json.loads(raw)]
    except json.JSONDecodeError:
        pass
    records = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(
                    f"{path}:{number}: not valid JSON ({exc.msg}); fix: one result object per line"
                ) from None
    return records


def _as_result(record: dict[str, Any], origin: str) -> Result[ConflictReport]:
    try:
        if "report" in record and "meta" in record:
            return Result[ConflictReport].model_validate(record)
        report = ConflictReport.model_validate(record)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"{origin}: {where}: {first['msg']}; fix: give a saved result or a ConflictReport") from None
    meta = ResultMeta(
        extractor_version=__version__, backend="external", model="unknown", mode="unknown", prompt="unknown",
        prompt_hash="", schema_name="ConflictReport", schema_hash="", segmenter=SEGMENTER_VERSION, temperature=0.0,
    )  # fmt: skip
    return Result[ConflictReport](article_id=Path(origin).stem, report=report, meta=meta)


def load_results(path: Path) -> list[Result[ConflictReport]]:
    """Saved results (JSON or JSONL) from ``path``, each validated."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    return [_as_result(record, f"{path}:{n}") for n, record in enumerate(_records(path), start=1)]


def reverify(
    result_path: Path,
    text_path: Path,
    published: str | None = None,
    policy: Path | None = None,
    weights: Path | None = None,
) -> list[Result[ConflictReport]]:
    """Every result in ``result_path`` grounded and verified again against ``text_path``."""
    article = next(read_path(text_path))
    when = parse_date(published, "--published") if published else article.published
    loaded_policy = verification.load_policy(policy)
    loaded_weights = verification.load_weights(weights)
    results = []
    for result in load_results(result_path):
        if result.report is None:
            results.append(result)
            continue
        report = result.report
        resolve_event_dates(report, when)
        verification.ground_report(report, article.text)  # from evidence ids, or re-aligning given span texts
        verified = verification.verify(report, article.text, loaded_policy, weights=loaded_weights)
        meta = result.meta.model_copy(update={"verifier": verification.VERIFIER_VERSION})
        results.append(result.model_copy(update={"report": verified, "meta": meta}))
    return results

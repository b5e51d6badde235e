"""Save pipeline results as JSONL and read them back, so a run can be re-scored later without the model."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from extractor.results import Result
from extractor.schemas.conflict import ConflictReport


def save_results(results: Iterable[Result[Any]], path: Path | str) -> None:
    """One result per line (parent folders are created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        for result in results:
            stream.write(json.dumps(result.to_json_dict(), ensure_ascii=False) + "\n")


def load_results(path: Path | str, schema: type[BaseModel] = ConflictReport) -> list[Result[Any]]:
    """Results from JSONL (as written by ``--results`` or ``extractor extract --format jsonl``), validated."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: no such file; fix: save results first with `extractor eval --results PATH`")
    model = Result[schema]  # type: ignore[valid-type]
    raw = path.read_text(encoding="utf-8")
    lines = raw.splitlines()
    try:  # a single result written as indented JSON
        json.loads(raw)
        lines = [raw]
    except json.JSONDecodeError:
        pass
    results: list[Result[Any]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            results.append(model.model_validate_json(line))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(line)"
            raise ValueError(
                f"{path}:{number}: {where}: {first['msg']}; fix: one saved result per line "
                "(and --schema when the results use another schema)"
            ) from None
    return results

"""On the embedded model's recorded gold-set answers (the cassettes of tests/test_eval_replay.py): the model
writes "U. S." for the article's "U.S."; once verified, no field of any answer says "U. S." where its article
says "U.S."."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from extractor.evaluation import load_gold
from extractor.schemas.conflict import ConflictReport
from extractor.verification import check

ROOT = Path(__file__).resolve().parents[2]
CASSETTES = ROOT / "tests" / "cassettes" / "test_eval_replay"
ARTEFACT, ARTICLE_FORM = "U. S.", "U.S."


def strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a JSON value, with where it stands."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from strings(item, f"{path}[{i}]")


def recorded_answers(gold_id: str) -> Iterator[ConflictReport]:
    """Every valid report the model gave for ``gold_id``, as recorded (before any verification)."""
    cassette = CASSETTES / f"test_gold_article[{gold_id}].yaml"
    if not cassette.exists():
        return
    for interaction in yaml.safe_load(cassette.read_text(encoding="utf-8"))["interactions"]:
        try:
            content = json.loads(interaction["response"]["body"]["string"])["choices"][0]["message"]["content"]
            yield ConflictReport.model_validate_json(content)
        except (KeyError, IndexError, TypeError, ValueError, ValidationError):
            continue  # an error answer or a cut-off one: nothing to check


def test_no_recorded_answer_says_u_s_where_its_article_says_us() -> None:
    recorded, left = [], []
    for gold in load_gold(ROOT / "eval" / "gold", "all"):
        text = gold.article.text
        if ARTICLE_FORM not in text or ARTEFACT in text:
            continue
        for report in recorded_answers(gold.id):
            recorded += [(gold.id, p) for p, s in strings(report.model_dump(mode="json")) if ARTEFACT in s]
            verified = check(report, text, published=gold.article.published).report
            left += [(gold.id, p, s) for p, s in strings(verified.model_dump(mode="json")) if ARTEFACT in s]
    assert len(recorded) > 20, "the recorded answers should carry the artefact: the repair must have work to do"
    assert left == [], f"{len(left)} field(s) still say {ARTEFACT!r} after verification: {left[:5]}"

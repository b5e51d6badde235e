"""On the embedded model's recorded gold-set answers (eval/baseline_results.jsonl): the model writes "U. S." for
the article's "U.S."; once verified, no field of any result says "U. S." where its article says "U.S."."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor.evaluation import load_gold, load_results
from extractor.verification import check

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "eval" / "baseline_results.jsonl"
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


def test_no_recorded_result_says_u_s_where_its_article_says_us() -> None:
    gold = {g.id: g for g in load_gold(ROOT / "eval" / "gold", "all")}
    results = [r for r in load_results(RESULTS) if r.report is not None and r.article_id in gold]
    assert results, f"no recorded result for a gold article in {RESULTS}"
    recorded, left = [], []
    for result in results:
        article = gold[result.article_id].article
        if ARTICLE_FORM not in article.text or ARTEFACT in article.text:
            continue
        recorded += [(result.article_id, p) for p, s in strings(result.report.model_dump(mode="json")) if ARTEFACT in s]
        verified = check(result.report, article.text, published=article.published).report
        left += [(result.article_id, p, s) for p, s in strings(verified.model_dump(mode="json")) if ARTEFACT in s]
    if not recorded:  # nothing to repair: the test would pass with or without the repair
        pytest.skip(f"the recorded answers in {RESULTS.name} have no {ARTEFACT!r}; record with the embedded model")
    assert left == [], f"{len(left)} field(s) still say {ARTEFACT!r} after verification: {left[:5]}"
    assert len(recorded) > 20  # the repair did real work: the embedded model writes the artefact often

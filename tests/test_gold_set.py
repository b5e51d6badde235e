"""The gold set itself: every file loads (spans are exact substrings, literals valid) and the set covers the genre."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.evaluation.gold import GoldArticle, load_gold, load_gold_file

GOLD = Path(__file__).resolve().parents[1] / "eval" / "gold"
PENDING = GOLD.parent / "pending"  # labelled articles waiting for a live recording (eval/pending/README.md)
FILES = sorted(GOLD.glob("*.gold.json")) + sorted(PENDING.glob("*.gold.json"))
STATE = re.compile(r"\b(Iran|Iranian|Tehran|IRGC|Revolutionary Guard|Quds Force)\b", re.IGNORECASE)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_gold_file_loads_and_its_spans_are_exact(path: Path) -> None:
    gold = load_gold_file(path)
    text = gold.article.text
    for item in [*gold.events, *gold.claims]:
        for span in item.evidence:
            assert text[span.char_start : span.char_end] == span.text, f"{path.name}: {span.text!r}"


@pytest.fixture(scope="module")
def gold_set() -> list[GoldArticle]:
    """The whole labelled set: the recorded articles and those waiting for a recording (eval/pending)."""
    return load_gold(GOLD) + (load_gold(PENDING) if any(PENDING.glob("*.gold.json")) else [])


def test_set_size_and_splits(gold_set: list[GoldArticle]) -> None:
    assert len(gold_set) >= 40
    splits = {g.split for g in gold_set}
    assert splits == {"dev", "test"}


def test_set_covers_state_involvement_no_event_and_long_articles(gold_set: list[GoldArticle]) -> None:
    iranian = [
        g for g in gold_set if any(c.kind == "state_involvement" and STATE.search(c.statement) for c in g.claims)
    ]
    assert len(iranian) >= 12
    assert sum(1 for g in gold_set if not g.events) >= 2
    assert sum(1 for g in gold_set if len(g.article.text.split()) >= 3000) >= 3
    flagged = [c for g in gold_set for c in g.claims if c.should_flag]
    unflagged = [c for g in gold_set for c in g.claims if not c.should_flag]
    assert flagged and unflagged  # both classes, so AUROC is defined

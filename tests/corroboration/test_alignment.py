"""Model claims aligned to the gold's analyst claims (extractor.evaluation.corroboration_align), and the scores
of aligned groups: the analyst's own extraction aligns to itself; a model's reordered, reworded, partial
extraction aligns claim by claim; an extra claim aligns to nothing and is not scored."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.evaluation.corroboration_align import align_claims
from extractor.evaluation.corroboration_metrics import GroupLabel, load_gold, relabel, score
from extractor.evaluation.results_io import load_results
from extractor.schemas.conflict import Claim

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "eval" / "corroboration" / "analyst_results.jsonl"
GOLD = ROOT / "eval" / "corroboration" / "gold.json"


@pytest.fixture(scope="module")
def analyst():
    return load_results(RESULTS)


def _model_like(result):
    """civicledger-s1 as a model might give it: claims reversed, one reworded without evidence, one missing, one
    extra that the analyst did not extract."""
    claims = list(reversed(result.report.claims))  # analyst 3, 2, 1, 0
    reworded = claims[1].model_copy(update={"statement": "4 workers died in the Karvel depot strike", "spans": []})
    extra = Claim(statement="fires burned at the depot all morning", kind="other", claimant="residents")
    report = result.report.model_copy(update={"claims": [claims[0], reworded, claims[3], extra]})
    return result.model_copy(update={"report": report})


def test_the_analyst_extraction_aligns_to_itself(analyst):
    mapping = align_claims(analyst, analyst)
    refs = {f"{r.article_id}#{i}" for r in analyst for i in range(len(r.report.claims))}
    assert mapping == {ref: ref for ref in refs}


def test_a_model_extraction_aligns_claim_by_claim(analyst):
    ledger_one = next(r for r in analyst if r.article_id == "civicledger-s1")
    mapping = align_claims([_model_like(ledger_one)], analyst)
    assert mapping == {"civicledger-s1#0": "civicledger-s1#3", "civicledger-s1#1": "civicledger-s1#2",
                       "civicledger-s1#2": "civicledger-s1#0"}  # fmt: skip
    # the missing analyst claim (#1) is a miss; the extra model claim (#3) is outside the gold


def test_articles_missing_on_either_side_align_nothing(analyst):
    assert align_claims(analyst[:1], analyst[1:]) == {}
    assert align_claims([], analyst) == {}


def test_relabelled_groups_score_on_gold_refs():
    gold = [GroupLabel("g", frozenset({"a#0", "b#0"}), 1, "single_origin")]
    predicted = [GroupLabel("p", frozenset({"a#2", "b#1", "b#5"}), 1, "single_origin")]
    scores = score(gold, relabel(predicted, {"a#2": "a#0", "b#1": "b#0"}))
    assert (scores.precision, scores.recall, scores.origin_accuracy, scores.status_accuracy) == (1.0, 1.0, 1.0, 1.0)
    unaligned = score(gold, relabel(predicted, {"a#2": "a#0"}))
    assert unaligned.recall == 0.5 and unaligned.misses[0]["members"]["missing"] == ["b#0"]


def test_gold_refs_name_analyst_claims(analyst):
    claims = {r.article_id: len(r.report.claims) for r in analyst}
    for group in load_gold(GOLD):
        for ref in group.members:
            article, index = ref.split("#")
            assert int(index) < claims[article], ref

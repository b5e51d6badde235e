"""A statement must be what its evidence says (content.py, checks/statement_not_in_evidence.py)."""

from __future__ import annotations

import json

from extractor.prompts import load_prompt
from extractor.verification import verify
from extractor.verification.content import coverage, missing_words
from tests.verification.helpers import claim, codes, report

TEXT = (
    "Houthi forces said they fired two missiles at a tanker in the Gulf of Aden on Monday.\n"
    "Iran's foreign ministry denied any role in the attack.\n"
    "The tanker's operator said nobody was hurt."
)


def test_coverage_compares_content_words_by_stem() -> None:
    assert coverage("Iran was not involved", "Iran's foreign ministry denied any involvement") == 1.0
    assert coverage("the Houthis fired missiles at a tanker", TEXT.splitlines()[0]) == 1.0
    assert missing_words("Iran supplied targeting data for the attack", TEXT.splitlines()[1]) == [
        "supplied", "targeting", "data",
    ]  # fmt: skip
    assert coverage("said on Monday", "anything") is None  # no content words: nothing to check


def test_a_statement_its_sentence_does_not_carry_is_flagged_and_its_confidence_falls() -> None:
    faithful = claim(TEXT, "denied any role", "Iran denied any role in the attack", "Iran's foreign ministry",
                     kind="denial")  # fmt: skip
    copied = claim(TEXT, "denied any role", "Iran's Revolutionary Guard supplied targeting data for the attack",
                   "a U.S. defense official", kind="state_involvement")  # fmt: skip
    kept, flagged = verify(report([faithful, copied]), TEXT).claims
    assert "statement_not_in_evidence" not in codes(kept)
    assert "statement_not_in_evidence" in codes(flagged)
    assert flagged.confidence < kept.confidence


def test_the_prompts_own_example_claims_are_flagged_on_an_article_that_lacks_them() -> None:
    """Every claim of the extraction prompt's example, pinned to a sentence of another article, is flagged."""
    template = load_prompt("extract").source
    answer = next(line for line in template.splitlines() if line.startswith('{"events"'))
    statements = [c["statement"] for c in json.loads(answer)["claims"]]
    assert len(statements) >= 4
    article = "A drone struck a depot near Al-Qaim on Sunday, the Pentagon said.\nTwo guards were wounded, medics said."
    answers = [claim(article, "depot", statement, "the Pentagon", kind="other") for statement in statements]
    for result in verify(report(answers), article).claims:
        assert "statement_not_in_evidence" in codes(result), result.statement

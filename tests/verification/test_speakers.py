"""A claimant its evidence contradicts becomes the evidence sentence's speaker (verification/speakers.py)."""

from __future__ import annotations

import pytest

from extractor.schemas.conflict import ConflictReport
from extractor.verification import check
from extractor.verification.speakers import speaker
from tests.verification.helpers import claim

TEXT = (
    "A missile struck the tanker Sea Lark in the Gulf of Aden on Monday, UKMTO said.\n"
    "CENTCOM said the strike killed a militia commander.\n"
    "The Northern Army said the militia fired the missile from the coast.\n"
    "The group said it had targeted the ship.\n"
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A missile struck the tanker on Monday, UKMTO said.", "UKMTO"),
        ("CENTCOM said the strike killed a commander.", "CENTCOM"),
        ("Yahya Saree, the Houthis' military spokesman, claimed the attack.", "Yahya Saree"),
        ("Seven fighters were killed, according to the Syrian Observatory for Human Rights.",
         "the Syrian Observatory for Human Rights"),
        ("Saree also said the group would widen its operations.", "Saree"),
        ("Iran's Foreign Ministry has also denied any role.", "Iran's Foreign Ministry"),
        ("The group said it fired the drones.", None),  # an anaphor: claimants.py resolves it
        ("In a televised statement, Saree said the ship was hit.", None),  # a time or manner phrase
        ("It said the ship was British.", None),
        ("The army said the militia fired, the monitor said.", None),  # two speakers
        ("Rockets hit the base on Monday.", None),
    ],
)  # fmt: skip
def test_the_one_speaker_a_sentence_names(sentence: str, expected: str | None) -> None:
    assert speaker(sentence) == expected


def checked(*claims: object) -> ConflictReport:
    return check(ConflictReport(events=[], actors=[], claims=list(claims)), TEXT).report  # type: ignore[arg-type]


def test_a_source_the_sentence_does_not_name_becomes_its_speaker_and_the_answer_is_kept() -> None:
    wrong = claim(TEXT, "UKMTO said", "A missile struck the Sea Lark", "the ship's operator", kind="responsibility")
    outlet = claim(TEXT, "CENTCOM said", "The strike killed a militia commander", "author", kind="casualties")
    first, second = checked(wrong, outlet).claims
    assert (first.claimant, first.claimant_as_answered) == ("UKMTO", "the ship's operator")
    assert (second.claimant, second.claimant_as_answered) == ("CENTCOM", "author")
    assert "claimant_not_in_evidence" not in {f.code for f in first.flags}


def test_a_claimant_the_sentence_names_or_an_anaphor_is_left_alone() -> None:
    named = claim(TEXT, "The Northern Army said", "The militia fired the missile", "the militia",
                  kind="responsibility")  # fmt: skip  # named in the sentence, though not its speaker
    group = claim(TEXT, "The group said", "The militia targeted the ship", "the Free Hills Militia",
                  kind="responsibility")  # fmt: skip
    first, second = checked(named, group).claims
    assert (first.claimant, first.claimant_as_answered) == ("the militia", None)
    assert second.claimant_as_answered is None


def test_the_repairs_count_it() -> None:
    wrong = claim(TEXT, "UKMTO said", "A missile struck the Sea Lark", "the ship's operator", kind="responsibility")
    outcome = check(ConflictReport(events=[], actors=[], claims=[wrong]), TEXT)
    assert outcome.repairs.reassigned == 1 and "1 claimant(s) set to the evidence's speaker" in str(outcome.repairs)


def test_a_statement_that_opens_with_its_speaker_named_in_the_sentence_is_that_speakers() -> None:
    """The model wrote the speaker into its own statement and put another source as claimant."""
    led = claim(TEXT, "The Northern Army said", "The Northern Army said the militia fired the missile from the coast",
                "the militia", kind="responsibility")  # fmt: skip
    elsewhere = claim(TEXT, "The Northern Army said", "UKMTO said the militia fired the missile", "the militia",
                      kind="responsibility")  # fmt: skip  # the sentence does not name UKMTO: left alone
    first, second = checked(led, elsewhere).claims
    assert (first.claimant, first.claimant_as_answered) == ("The Northern Army", "the militia")
    assert (second.claimant, second.claimant_as_answered) == ("the militia", None)

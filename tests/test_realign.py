"""Mis-cited sentence ids are moved to the sentence that carries the claim, and the move is flagged."""

from extractor.schemas.conflict import Claim, ConflictReport

from extractor.sentences import split_sentences
from extractor.verification.realign import realign_claims

TEXT = (
    "Rockets struck the airport in Erbil late on Monday. "
    "Kurdish officials said no one was hurt. "
    "A U.S. official accused Iran of supplying the rockets to the militia. "
    "The militia denied any role in the attack."
)


def claim(statement: str, evidence: list[int], claimant: str = "a U.S. official", cue: str = "accused") -> Claim:
    return Claim(statement=statement, kind="state_involvement", claimant=claimant, cue=cue, evidence=evidence)


def test_off_by_one_citation_is_moved_and_flagged() -> None:
    report = ConflictReport(events=[], actors=[], claims=[claim("Iran supplied the rockets to the militia", [4])])
    assert realign_claims(report, split_sentences(TEXT)) == 1
    moved = report.claims[0]
    assert moved.evidence == [3]
    assert moved.flags[0].code == "evidence_reassigned" and "[4]" in moved.flags[0].message


def test_correct_citation_is_left_alone() -> None:
    report = ConflictReport(events=[], actors=[], claims=[claim("Iran supplied the rockets to the militia", [3])])
    assert realign_claims(report, split_sentences(TEXT)) == 0
    assert report.claims[0].evidence == [3] and not report.claims[0].flags


def test_a_claim_no_sentence_carries_is_not_moved() -> None:
    report = ConflictReport(events=[], actors=[], claims=[claim("Turkey shelled a village near Duhok", [1])])
    assert realign_claims(report, split_sentences(TEXT)) == 0
    assert report.claims[0].evidence == [1]

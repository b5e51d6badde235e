"""Mis-cited sentence ids are moved to the sentence that carries the claim, and the move is flagged."""

from extractor.schemas.conflict import Claim, ConflictReport, Event
from extractor.sentences import split_sentences
from extractor.verification import ground_report
from extractor.verification.realign import correct_casualty_fields, drop_duplicate_claims, realign_claims

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


def test_duplicate_claims_are_dropped() -> None:
    same = claim("Iran supplied the rockets to the militia", [3])
    report = ConflictReport(events=[], actors=[], claims=[same, same.model_copy(), claim("other words here", [1])])
    assert drop_duplicate_claims(report) == 1
    assert len(report.claims) == 2


def test_figure_in_the_wrong_casualty_field_moves_and_is_flagged() -> None:
    text = "Six fighters were killed in the strike, a monitor said. Two soldiers were wounded elsewhere."
    report = ConflictReport(
        events=[Event(sub_event_type="Air/drone strike", injured=6, evidence=[1]),
                Event(sub_event_type="Air/drone strike", fatalities=2, evidence=[2])],
        actors=[], claims=[],
    )  # fmt: skip
    ground_report(report, text)
    assert correct_casualty_fields(report) == 2
    first, second = report.events
    assert (first.fatalities, first.injured, second.fatalities, second.injured) == (6, None, None, 2)
    assert first.flags[0].code == "casualty_field_corrected" and "6 as injured" in first.flags[0].message

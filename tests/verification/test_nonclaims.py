"""Statements that assert nothing about the conflict are set aside (verification/nonclaims.py); claims stay."""

from extractor.schemas.conflict import Actor
from extractor.verification import check
from extractor.verification.nonclaims import not_a_claim
from tests.verification.helpers import claim, report

TEXT = (
    "The Northern Army said its jets struck a Free Hills Militia depot outside Varna on Tuesday.\n"
    "The claim could not be independently verified, and the militia did not respond to a request for comment.\n"
    "The Northern Army said it struck a weapons cell there and made no mention of civilians.\n"
    "The Hollow Valley Monitor said 22 people were killed there.\n"
    "The Northern Army said the strike killed a militia commander who planned attacks on Kelm.\n"
    "Fighting has displaced thousands of families across the valley since spring.\n"
    "Iranian advisers direct the militia's drone teams.\n"
)
ACTORS = [
    Actor(name="Northern Army", aliases=["the army"], kind="state_forces"),
    Actor(name="Free Hills Militia", aliases=["the militia"], kind="non_state_armed_group"),
    Actor(name="Hollow Valley Monitor", aliases=[], kind="monitor_or_ngo"),
]


def test_a_statement_about_the_reporting_in_every_clause_is_not_a_claim() -> None:
    assert not_a_claim("author", "other", "the claim could not be independently verified") == "about the reporting"
    both = "the army made no mention of civilians, and the claim could not be independently verified"
    assert not_a_claim("Northern Army", "casualties", both) == "about the reporting"
    assert not_a_claim("Free Hills Militia", "denial", "the militia declined to comment") == "about the reporting"


def test_a_statement_that_also_says_something_stays() -> None:
    content = "the Northern Army said it struck a weapons cell there and made no mention of civilians"
    assert not_a_claim("Northern Army", "target_identity", content) is None


def test_an_attribution_lead_with_nothing_attributed_is_not_a_claim_but_a_lead_with_content_is() -> None:
    for empty in ("said on Monday", "states", "according to the Hollow Valley Monitor", "WEDNESDAY: VARNA"):
        assert not_a_claim("Northern Army", "responsibility", empty) is not None, empty
    assert not_a_claim("Hollow Valley Monitor", "casualties", "said 22 people were killed there") is None


def test_the_outlets_narration_is_not_a_claim_but_its_assertion_of_involvement_is() -> None:
    narration = "Fighting has displaced thousands of families across the valley since spring"
    assert not_a_claim("author", "casualties", narration) == "the outlet's narration"
    assert not_a_claim("author", "state_involvement", "Iranian advisers direct the militia's drone teams") is None
    assert not_a_claim("author", "other", "The depot stored rockets for the militia") is None  # target identity
    assert not_a_claim("Hollow Valley Monitor", "casualties", narration) is None  # a named source's word stays


def test_check_sets_them_aside_counts_them_and_keeps_the_outlets_quote_of_a_source_as_that_sources() -> None:
    claims = [
        claim(TEXT, "could not be independently", "the claim could not be independently verified", "author"),
        claim(TEXT, "displaced thousands", "Fighting has displaced thousands of families", "author", kind="casualties"),
        claim(TEXT, "made no mention", "the Northern Army said it struck a weapons cell there", "Northern Army",
              kind="target_identity"),
        claim(TEXT, "killed a militia commander", "the Northern Army said the strike killed a militia commander",
              "author", kind="casualties"),
        claim(TEXT, "direct the militia", "Iranian advisers direct the militia's drone teams", "author",
              kind="state_involvement"),
    ]  # fmt: skip
    outcome = check(report(claims, [], ACTORS), TEXT)
    kept = [(c.claimant, c.statement) for c in outcome.report.claims]
    assert outcome.repairs.set_aside == 2
    assert "statement(s) that are not claims set aside" in str(outcome.repairs)
    assert [statement for _, statement in kept] == [claims[2].statement, claims[3].statement, claims[4].statement]
    assert kept[1][0].lower() == "the northern army"  # the outlet quoting a source: the source's claim, not narration


def test_the_outlets_claim_quoting_a_source_its_sentence_does_not_name_becomes_that_sources() -> None:
    text = "Three militia fighters were killed near Kelm and two more were wounded.\n"
    quoted = claim(text, "Three militia", "the Northern Army said three militia fighters were killed near Kelm",
                   "author", kind="casualties")  # fmt: skip
    outcome = check(report([quoted], [], ACTORS), text)
    (kept,) = outcome.report.claims
    assert kept.claimant == "the Northern Army" and kept.claimant_as_answered == "author"
    assert outcome.repairs.set_aside == 0

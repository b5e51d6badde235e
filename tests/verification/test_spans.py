"""Grounding: honest alignment statuses, offsets into the source, nothing dropped."""

from extractor.schemas.conflict import Claim
from extractor.sentences import split_sentences
from extractor.verification import ground_report, locate, verify
from extractor.verification.spans import spans_from_ids
from tests.verification.helpers import codes, report

SOURCE = (
    "The U.S. military said its jets struck a depot near Abu Kamal on Tuesday.\n"
    "Local medics said “four people” were killed — all of them fighters.\n"
    "A spokesman for the group said it would respond at a time of its choosing."
)


def test_literal_substring_is_exact() -> None:
    span = locate("its jets struck a depot", SOURCE)
    assert span.status == "exact"
    assert SOURCE[span.char_start : span.char_end] == "its jets struck a depot"
    assert span.sentence_ids == [1]


def test_spacing_quotes_and_initials_are_normalized_with_source_offsets() -> None:
    span = locate("The U. S. military said its  jets struck", SOURCE)
    assert span.status == "normalized"
    assert SOURCE[span.char_start : span.char_end] == "The U.S. military said its jets struck"
    quoted = locate('medics said "four people" were killed - all', SOURCE)
    assert quoted.status == "normalized"
    assert SOURCE[quoted.char_start : quoted.char_end] == "medics said “four people” were killed — all"


def test_paraphrased_but_faithful_quote_is_found_fuzzily() -> None:
    span = locate("a spokesman for the group said it will respond at a time of its choosing", SOURCE)
    assert span.status == "fuzzy" and span.score is not None and span.score >= 85
    assert "time of its choosing" in SOURCE[span.char_start : span.char_end]
    assert span.sentence_ids == [3]


def test_fabricated_quote_is_not_found_but_kept() -> None:
    span = locate("Iranian advisers were seen loading the drones", SOURCE)
    assert span.status == "not_found" and span.char_start is None
    assert span.text == "Iranian advisers were seen loading the drones"


def test_sentence_ids_become_exact_spans_and_unknown_ids_stay_visible() -> None:
    spans = spans_from_ids([2, 7], split_sentences(SOURCE))
    assert spans[0].status == "exact" and SOURCE[spans[0].char_start : spans[0].char_end] == spans[0].text
    assert spans[1].status == "not_found" and spans[1].sentence_ids == [7]


def test_fabricated_quote_in_a_claim_is_flagged_with_low_confidence() -> None:
    fabricated = Claim.model_construct(
        statement="Iranian advisers loaded the drones", kind="state_involvement", claimant="local medics",
        cue="said", claimant_is_party=False, evidence=["Iranian advisers were seen loading the drones"],
        spans=[], status=None, support=None, confidence=None, flags=[],
    )  # fmt: skip
    faithful = Claim(statement="four people were killed", kind="casualties", claimant="local medics", cue="said",
                     evidence=[2])  # fmt: skip
    verified = verify(report([fabricated, faithful]), SOURCE)
    bad, good = verified.claims
    assert "ungrounded_evidence" in codes(bad) and bad.confidence < 0.4
    assert "ungrounded_evidence" not in codes(good) and good.confidence > bad.confidence


def test_ground_report_fills_spans_for_events_and_claims() -> None:
    grounded = ground_report(report([Claim(statement="x", kind="other", claimant="author", evidence=[1, 3])]), SOURCE)
    assert [s.sentence_ids for s in grounded.claims[0].spans] == [[1], [3]]

"""The reference article (read from ../shared/seed at test time, never copied): the policy's two required cases."""

import pytest

from extractor.articles import read_path
from extractor.schemas.conflict import Actor, Event
from extractor.verification import verify
from tests.conftest import SEED_ARTICLE
from tests.verification.helpers import claim, codes, report

pytestmark = pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="the seed article lives in ../shared/seed")


def test_centcom_accusation_and_the_outlets_analysis_are_flagged() -> None:
    text = next(read_path(SEED_ARTICLE)).text
    strike = Event(sub_event_type="Air/drone strike", perpetrators=["U.S. military"], targets=["Hezbollah Brigades"],
                   fatalities=8, casualty_source="the militias", evidence=[])  # fmt: skip
    accusation = claim(text, "accused Iran of directly", "Iran directly carried out attacks on U.S. forces",
                       "U.S. military", kind="state_involvement", cue="accused")  # fmt: skip
    toll = claim(text, "Eight Hezbollah Brigades", "eight Hezbollah Brigades fighters were killed", "the militias",
                 kind="casualties", cue="according to")  # fmt: skip
    analysis = claim(text, "plausible deniability", "Iran directs and supports the proxy militias", "author",
                     kind="state_involvement")  # fmt: skip
    actors = [Actor(name="Hezbollah Brigades", aliases=["the militias"], kind="non_state_armed_group")]
    verified = verify(report([accusation, toll, analysis], [strike], actors), text).claims
    accused, killed, analysed = verified

    assert accused.claimant_is_party
    reason = next(f.message for f in accused.flags if f.code == "state_involvement_unsupported")
    assert "party" in reason and "no independent source" in reason
    # the militias reporting their own losses: an admission (eval/README.md, rule of 2026-12-08), not flagged
    assert not codes(killed) & {"casualty_figure_from_party", "single_interested_source"}
    assert analysed.status == "author_asserted"
    assert {"author_assertion", "state_involvement_unsupported"} <= codes(analysed)
    assert max(c.confidence for c in verified) < 0.7


def test_centcom_as_claimant_is_named_in_the_reason_and_the_militias_toll_is_theirs_alone() -> None:
    text = next(read_path(SEED_ARTICLE)).text
    strike = Event(sub_event_type="Air/drone strike", perpetrators=["U.S. military"], targets=["Hezbollah Brigades"],
                   fatalities=8, casualty_source="the militias", evidence=[])  # fmt: skip
    accusation = claim(text, "accused Iran of directly", "Iran directly carried out attacks on U.S. forces", "CENTCOM",
                       kind="state_involvement", cue="accused")  # fmt: skip
    toll = claim(text, "Eight Hezbollah Brigades", "eight Hezbollah Brigades fighters were killed", "the militias",
                 kind="casualties", cue="according to")  # fmt: skip
    actors = [
        Actor(name="U.S. Central Command", aliases=["CENTCOM", "U.S. military"], kind="external_forces"),
        Actor(name="Hezbollah Brigades", aliases=["the militias"], kind="non_state_armed_group"),
    ]
    verified = verify(report([accusation, toll], [strike], actors), text)
    accused, killed = verified.claims

    assert accused.claimant_is_party and accused.support == 1
    reason = next(f.message for f in accused.flags if f.code == "state_involvement_unsupported")
    assert reason == (
        "only CENTCOM, a party to the events, says Iran was directly involved; no independent source in the article"
    )
    assert killed.claimant_is_party and killed.status == "attributed_named"
    assert "number_not_in_evidence" not in codes(killed)  # "Eight" in the evidence supports "eight"
    assert "casualty_figure_from_party" in codes(verified.events[0])

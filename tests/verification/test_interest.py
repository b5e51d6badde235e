"""Statements against the speaker's interest and the outlet's background (interest.py; eval/README.md, rule of
2026-12-08): hand-written cases, each read off the statement's words and the report's parties."""

from __future__ import annotations

import pytest

from extractor.schemas.conflict import Actor, Claim, ConflictReport, Event
from extractor.verification import verify
from extractor.verification.attribution import figure_kind, own_service_members_hurt, states_a_figure
from extractor.verification.interest import about_an_incident, admits_harm, clears_adversary, is_background
from extractor.verification.parties import Parties
from extractor.verification.policy import load_policy
from tests.verification.helpers import claim, codes, report

ACTORS = [
    Actor(name="Kata'ib Hezbollah", aliases=["KH"], kind="non_state_armed_group"),
    Actor(name="CENTCOM", aliases=["U.S. Central Command"], kind="state_forces"),
]
PARTIES = Parties(ConflictReport(events=[], actors=ACTORS, claims=[]))


@pytest.mark.parametrize(
    ("statement", "claimant", "expected"),
    [
        ("U.S. forces killed two civilians in the strike", "CENTCOM", True),
        ("U.S. forces hit the wrong building by mistake", "the Pentagon", True),
        ("U.S. forces killed five militants", "CENTCOM", False),  # the adversary's losses: not against interest
        ("Kata'ib Hezbollah fighters killed two civilians", "CENTCOM", False),  # the adversary's harm
    ],
)
def test_admitted_harm_is_the_speakers_own_side_hurting_people_no_party_means_to(
    statement: str, claimant: str, expected: bool
) -> None:
    assert admits_harm(statement, claimant, PARTIES) is expected


@pytest.mark.parametrize(
    ("statement", "claimant", "state", "expected"),
    [
        ("there is no sign Tehran ordered the attack", "a U.S. official", "Tehran", True),
        ("Kata'ib Hezbollah was not behind the rocket fire", "the Pentagon", None, True),
        ("Iran played no role in the attack", "Iran's foreign ministry", "Iran", False),  # a denial, not clearing
        ("KH did not carry out the attack", "Kata'ib Hezbollah's spokesman", None, False),  # its own side
        ("no U.S. personnel were hurt", "the Pentagon", None, False),  # its own losses, zero
        ("Kata'ib Hezbollah carried out the attack", "the Pentagon", None, False),  # not negated: blame
    ],
)
def test_clearing_is_a_negated_statement_about_a_party_of_the_other_side(
    statement: str, claimant: str, state: str | None, expected: bool
) -> None:
    assert clears_adversary(statement, claimant, PARTIES, state) is expected


def test_background_speaks_of_no_incident_and_no_act_of_involvement() -> None:
    involvement = load_policy().involvement_pattern
    assert not about_an_incident("Iran backs the Houthis")
    assert about_an_incident("Iran supplied the drones used in the attack")
    assert is_background("Iran backs the Houthis", involvement)
    assert is_background("Kata'ib Hezbollah is designated a terrorist group by Washington", involvement)
    assert not is_background("Iran's IRGC arms, finances and directs Hezbollah", involvement)


TEXT = (
    "A U.S. drone struck a car in Baghdad on Tuesday, killing a Kata'ib Hezbollah commander, CENTCOM said.\n"
    "CENTCOM said later that two civilians in a nearby car were also killed by the strike.\n"
    "The Pentagon said three American soldiers were wounded in a rocket attack on the base on Monday.\n"
    "A U.S. official said there was no sign that Tehran had ordered the rocket attack.\n"
    "Iran backs a network of armed groups in Iraq, including Kata'ib Hezbollah.\n"
    "Iran's Quds Force directed the rocket attack on the base."
)
EVENTS = [
    Event(sub_event_type="Air/drone strike", perpetrators=["CENTCOM"], targets=["Kata'ib Hezbollah"], evidence=[1]),
    Event(sub_event_type="Shelling/artillery/missile attack", perpetrators=["Kata'ib Hezbollah"],
          targets=["U.S. forces"], evidence=[3]),
]  # fmt: skip


def checked(*claims: Claim) -> list[Claim]:
    return verify(report(list(claims), EVENTS, ACTORS), TEXT).claims


def test_a_partys_admission_of_harm_it_caused_is_not_flagged_as_its_word() -> None:
    (result,) = checked(claim(TEXT, "two civilians", "U.S. forces killed two civilians", "CENTCOM", kind="casualties"))
    assert not codes(result) & {"single_interested_source", "casualty_figure_from_party"}


def test_a_partys_figure_for_its_own_losses_is_an_admission() -> None:
    (result,) = checked(claim(TEXT, "three American", "three American soldiers were wounded", "the Pentagon",
                              kind="casualties"))  # fmt: skip
    assert not codes(result) & {"single_interested_source", "casualty_figure_from_party"}


def test_a_partys_claim_of_no_losses_admits_nothing() -> None:
    (result,) = checked(claim(TEXT, "three American", "no American soldiers were hurt", "the Pentagon",
                              kind="casualties"))  # fmt: skip
    assert "casualty_figure_from_party" in codes(result)


def test_a_party_clearing_its_adversary_is_flagged_only_for_its_anonymity() -> None:
    (result,) = checked(claim(TEXT, "no sign", "Tehran did not order the rocket attack", "a U.S. official",
                              kind="state_involvement"))  # fmt: skip
    assert "anonymous_source" in codes(result)
    assert not codes(result) & {"single_interested_source", "state_involvement_unsupported"}


def test_the_outlets_background_is_not_its_assertion_but_its_word_on_an_incident_is() -> None:
    background = claim(TEXT, "Iran backs", "Iran backs armed groups in Iraq", "author", kind="state_involvement")
    incident = claim(TEXT, "Quds Force directed", "the Quds Force directed the rocket attack", "author",
                     kind="state_involvement")  # fmt: skip
    plain, assertion = checked(background, incident)
    assert not codes(plain) & {"author_assertion", "state_involvement_unsupported"}
    assert {"author_assertion", "state_involvement_unsupported"} <= codes(assertion)


@pytest.mark.parametrize(
    ("statement", "claimant", "own"),
    [
        ("two soldiers were lightly wounded when the drone exploded near the post", "the Israeli military", True),
        ("a rocket hit the base, killing a staff sergeant and wounding eight others", "the Israeli military", True),
        ("three U.S. service members were killed and dozens more wounded", "the Pentagon", True),
        ("Jordanian troops killed four smugglers", "the Jordanian army", False),  # by its own hand
        ("Israeli forces killed two Syrian soldiers", "the Israeli military", False),
        ("five soldiers were killed in the attack", "Hezbollah", False),  # not a state's forces speaking
    ],
)
def test_a_militarys_own_soldiers_hurt_are_its_own_losses(statement: str, claimant: str, own: bool) -> None:
    assert own_service_members_hurt(statement, claimant, PARTIES) is own


@pytest.mark.parametrize(
    ("statement", "figure"),
    [
        ("three people were killed", True),
        ("no one was hurt", True),
        ("dozens were wounded", True),
        ("the operation was retaliation for the strikes", False),
        ("the site stored drone components", False),
    ],
)
def test_a_casualty_claim_states_a_toll_else_it_is_of_kind_other(statement: str, figure: bool) -> None:
    assert states_a_figure(statement) is figure
    answer = Claim(statement=statement, kind="casualties", claimant="the army", evidence=[1])
    figure_kind(answer)
    assert answer.kind == ("casualties" if figure else "other")

"""The analyst's rule (eval/README.md, "When a claim needs a second look"), one hand-written case per category.

Not flag-worthy by itself: a party's word about its own action or its own losses, a named non-party, a figure two
independent sources give. Flag-worthy: a party's word about its adversary (blame, intent, target identity, the
adversary's casualties), a casualty figure only a party gives, direct state involvement on a party's word, an
anonymous or hedged attribution, the outlet's own assertion of involvement, a denial standing alone.
"""

from extractor.schemas.conflict import Actor, Event
from extractor.verification import verify
from extractor.verification.attribution import is_self_claim, speaks_for, what_is_said
from extractor.verification.parties import Parties
from tests.verification.helpers import claim, codes, report

RAID = (
    "The Northern Army said its artillery shelled a Free Hills Militia depot outside Varna on Tuesday.\n"
    "The Free Hills Militia said it fired the drones that hit the Northern Army garrison at Kelm.\n"
    "The Northern Army said the depot was used by terrorists to store rockets.\n"
    "The Northern Army said 30 militia fighters were killed in the shelling.\n"
    "The militia said two of its fighters were killed.\n"
    "The Free Hills Militia said the army shelled Varna to punish its residents.\n"
    "The Northern Army said Iranian officers directed the drone attack on Kelm.\n"
    "The militia denied that it keeps weapons in Varna.\n"
    "The Hollow Valley Monitor said six people were killed in Varna.\n"
    "The Varna hospital said six people were killed in the shelling.\n"
    "Officials said the drones had reportedly been assembled in a workshop near Kelm.\n"
    "Iran is believed to direct the militia's drone programme."
)
EVENTS = [
    Event(sub_event_type="Shelling/artillery/missile attack", perpetrators=["Northern Army"],
          targets=["Free Hills Militia"], location="Varna", evidence=[]),
    Event(sub_event_type="Air/drone strike", perpetrators=["Free Hills Militia"], targets=["Northern Army"],
          location="Kelm", evidence=[]),
]  # fmt: skip
ACTORS = [
    Actor(name="Northern Army", aliases=["the army"], kind="state_forces"),
    Actor(name="Free Hills Militia", aliases=["the militia"], kind="non_state_armed_group"),
]


def check_one(words: str, statement: str, claimant: str, kind: str, *others: object) -> object:
    first = claim(RAID, words, statement, claimant, kind=kind)
    verified = verify(report([first, *others], EVENTS, ACTORS), RAID)  # type: ignore[list-item]
    return verified.claims[0]


# -- not flag-worthy by itself ---------------------------------------------------------------------------------


def test_a_military_announcing_its_own_strike_is_not_flagged() -> None:
    result = check_one("its artillery shelled", "Northern Army artillery shelled a militia depot outside Varna",
                       "Northern Army", "responsibility")  # fmt: skip
    assert result.claimant_is_party and not result.flags


def test_a_group_claiming_its_own_attack_is_not_flagged() -> None:
    result = check_one("it fired the drones", "The Free Hills Militia fired the drones that hit Kelm",
                       "the militia", "responsibility")  # fmt: skip
    assert result.claimant_is_party and not result.flags


def test_a_party_reporting_its_own_losses_is_an_admission_its_figure_included() -> None:
    """eval/README.md, rule of 2026-12-08: a party's figure for its own losses is against its interest."""
    result = check_one("two of its fighters", "Two Free Hills Militia fighters were killed", "Free Hills Militia",
                       "casualties")  # fmt: skip
    assert codes(result) == set()


def test_a_named_monitor_is_not_flagged() -> None:
    result = check_one("Hollow Valley Monitor", "Six people were killed in Varna", "Hollow Valley Monitor",
                       "casualties")  # fmt: skip
    assert not result.claimant_is_party and not result.flags


def test_a_figure_two_independent_sources_give_is_not_flagged() -> None:
    hospital = claim(RAID, "Varna hospital", "Six people were killed in the shelling", "the Varna hospital",
                     kind="casualties")  # fmt: skip
    result = check_one("Hollow Valley Monitor", "Six people were killed in Varna", "Hollow Valley Monitor",
                       "casualties", hospital)  # fmt: skip
    assert result.support == 2 and not result.flags


# -- flag-worthy -----------------------------------------------------------------------------------------------


def test_a_partys_label_of_its_targets_is_flagged_and_the_message_names_source_and_what_is_missing() -> None:
    result = check_one("used by terrorists", "The depot was used by terrorists to store rockets", "Northern Army",
                       "target_identity")  # fmt: skip
    assert "single_interested_source" in codes(result)
    message = next(f.message for f in result.flags if f.code == "single_interested_source")
    assert message == (
        "only Northern Army, a party to the events, says who the targets were; no independent source in the article"
    )


def test_a_partys_count_of_its_adversarys_dead_is_flagged_twice() -> None:
    result = check_one("30 militia fighters", "Northern Army shelling killed 30 militia fighters", "Northern Army",
                       "casualties")  # fmt: skip
    assert {"single_interested_source", "casualty_figure_from_party"} <= codes(result)


def test_a_partys_reading_of_its_adversarys_intent_is_flagged() -> None:
    result = check_one("to punish its residents", "The army shelled Varna to punish its residents",
                       "Free Hills Militia", "intent_or_motive")  # fmt: skip
    assert "single_interested_source" in codes(result)


def test_a_partys_word_that_iran_directed_an_attack_is_flagged_as_unsupported_state_involvement() -> None:
    result = check_one("Iranian officers directed", "Iranian officers directed the drone attack on Kelm",
                       "Northern Army", "state_involvement")  # fmt: skip
    assert {"single_interested_source", "state_involvement_unsupported"} <= codes(result)
    message = next(f.message for f in result.flags if f.code == "state_involvement_unsupported")
    assert message.startswith("only Northern Army, a party to the events, says Iranian was directly involved")


def test_a_denial_standing_alone_is_flagged() -> None:
    result = check_one("denied that it keeps", "The militia does not keep weapons in Varna", "the militia", "denial")
    assert "single_interested_source" in codes(result) and result.status == "denied"


def test_an_anonymous_hedged_attribution_is_flagged() -> None:
    result = check_one("reportedly been assembled", "The drones were assembled near Kelm", "officials", "other")
    assert {"anonymous_source", "hedged_attribution"} <= codes(result)


def test_the_outlets_own_hedged_assertion_of_iranian_direction_is_flagged() -> None:
    result = check_one("believed to direct", "Iran directs the militia's drone programme", "author",
                       "state_involvement")  # fmt: skip
    assert {"author_assertion", "state_involvement_unsupported"} <= codes(result)


# -- deciding "own" --------------------------------------------------------------------------------------------


def test_own_is_decided_by_the_statements_subject_alias_aware_and_never_for_blame() -> None:
    parties = Parties(report([], EVENTS, ACTORS))
    assert is_self_claim("responsibility", "The army shelled the depot", "Northern Army", parties)
    assert is_self_claim("responsibility", "Its fighters fired the drones", "Free Hills Militia", parties)
    assert not is_self_claim("responsibility", "The militia fired the drones", "Northern Army", parties)
    assert not is_self_claim("casualties", "Northern Army troops killed 30 fighters", "Northern Army", parties)
    assert not is_self_claim("target_identity", "Northern Army hit a terrorist depot", "Northern Army", parties)
    assert not is_self_claim("responsibility", "There were many attacks on the Northern Army", "Northern Army",
                             parties)  # fmt: skip


def test_own_is_decided_by_what_is_said_not_by_the_lead_naming_the_speaker() -> None:
    """A statement the model wrote with its speaker in front ("The Northern Army said the militia ...") is judged
    by what is said: the lead names the claimant, not the subject of the claim."""
    parties = Parties(report([], EVENTS, ACTORS))
    blame = "the Northern Army said the militia fired the drones at Kelm"
    assert what_is_said(blame, "Northern Army", parties) == ("the militia fired the drones at Kelm", False, True)
    assert not is_self_claim("responsibility", blame, "Northern Army", parties)
    motive = "The army described the shelling as a response to the drone attack"
    assert not is_self_claim("responsibility", motive, "Northern Army", parties)
    own = "the Free Hills Militia said in a statement on Tuesday that it fired the drones"
    assert what_is_said(own, "Free Hills Militia", parties)[0] == "it fired the drones"
    assert is_self_claim("responsibility", own, "Free Hills Militia", parties)
    claimed = "the Free Hills Militia claimed responsibility for the drone attack on Kelm"
    assert what_is_said(claimed, "Free Hills Militia", parties)[1]  # a claim verb with an object: its own act
    assert is_self_claim("responsibility", claimed, "Free Hills Militia", parties)
    assert not is_self_claim("casualties", claimed, "Free Hills Militia", parties)
    quoted = "the militia said the Northern Army shelled Varna"  # the lead names the speaker, not the army
    assert not is_self_claim("responsibility", quoted, "Free Hills Militia", parties)
    reported = "The Hollow Valley Monitor said the Northern Army shelled Varna"  # someone else's lead stays
    assert what_is_said(reported, "Northern Army", parties) == (reported, False, False)


def test_a_partys_blame_written_with_its_own_name_in_front_is_flagged() -> None:
    blame = check_one("The Northern Army said the depot", "The Northern Army said the depot was used by terrorists",
                      "Northern Army", "responsibility")  # fmt: skip
    assert "single_interested_source" in codes(blame)  # type: ignore[arg-type]


def test_an_actor_the_report_lists_as_armed_is_a_party_under_any_of_its_names() -> None:
    actors = [
        *ACTORS,
        Actor(name="Popular Mobilization Forces", aliases=["PMF"], kind="state_forces"),  # a lexicon word
        Actor(name="Harakat al-Nujaba", aliases=["al-Nujaba"], kind="non_state_armed_group"),  # no lexicon word
        Actor(name="Hollow Valley Monitor", aliases=["the monitor"], kind="monitor_or_ngo"),
    ]
    parties = Parties(report([], EVENTS, actors))  # none of the three takes part in an event
    assert parties.is_party("the PMF") and parties.is_party("al-Nujaba") and parties.is_party("Harakat al-Nujaba")
    assert not parties.is_party("the monitor") and not parties.is_party("Hollow Valley Monitor")
    assert not Parties(report([], EVENTS, ACTORS)).is_party("al-Nujaba")  # not listed: nothing says armed


def test_a_claimant_the_answer_left_out_of_its_actors_still_names_the_statements_subject() -> None:
    """A group claiming its own attack, described in apposition, is "own" though no actor lists it."""
    text = "The Eastern Front, a coalition of hill militias, claimed the drone attack on Kelm on Friday.\n"
    strike = Event(sub_event_type="Air/drone strike", perpetrators=["Eastern Front"], targets=["Northern Army"],
                   location="Kelm", evidence=[1])  # fmt: skip
    statement = "the Eastern Front, a coalition of hill militias, claimed the drone attack on Kelm"
    own = claim(text, "claimed the drone", statement, "the Eastern Front", kind="responsibility")
    verified = verify(report([own], [strike], ACTORS), text).claims[0]  # ACTORS lacks the Eastern Front
    assert verified.claimant_is_party and "single_interested_source" not in codes(verified)


# -- denials ---------------------------------------------------------------------------------------------------

DENIAL = (
    "The Northern Army said the militia hit the cargo ship Sea Lark near Kelm with a missile.\n"
    "The ship's operator denied that the Sea Lark carried weapons for the army.\n"
)


def test_a_statement_that_is_a_denial_is_a_denial_whatever_kind_the_model_gave() -> None:
    answer = claim(DENIAL, "denied that", "the ship's operator denied that the Sea Lark carried weapons",
                   "the ship's operator", kind="casualties")  # fmt: skip
    verified = verify(report([answer], EVENTS, ACTORS), DENIAL).claims[0]
    assert verified.kind == "denial" and verified.status == "denied"


def test_a_lone_denial_is_flagged_even_from_a_non_party_and_the_message_does_not_call_it_a_party() -> None:
    answer = claim(DENIAL, "denied that", "The Sea Lark carried no weapons", "the ship's operator", kind="denial")
    verified = verify(report([answer], EVENTS, ACTORS), DENIAL).claims[0]
    assert not verified.claimant_is_party
    (flag,) = [f for f in verified.flags if f.code == "single_interested_source"]
    assert flag.message.startswith("only the ship's operator says it is not true")
    assert "a party" not in flag.message


# -- verify/7: what is said, who speaks for whom, which kind ---------------------------------------------------


def test_a_name_with_an_apostrophe_is_the_statements_subject() -> None:
    actors = [*ACTORS, Actor(name="Kata'ib al-Tell", aliases=[], kind="non_state_armed_group")]
    parties = Parties(report([], EVENTS, actors))
    assert parties.subject("Three Kata'ib al-Tell members were killed near Kelm") == "kata'ib al tell"
    assert parties.subject("the Free Hills Militia's fighters fired the drones") == "free hills militia"
    assert is_self_claim("casualties", "Three Kata'ib al-Tell members were killed", "Kata'ib al-Tell", parties)


def test_the_lead_ends_at_its_verb_or_at_a_time_or_channel_before_that() -> None:
    parties = Parties(report([], EVENTS, ACTORS))
    own = "the Free Hills Militia said it had fired drones at three posts that day"
    assert what_is_said(own, "Free Hills Militia", parties) == ("it had fired drones at three posts that day",
                                                                 False, True)  # fmt: skip
    assert is_self_claim("responsibility", own, "Free Hills Militia", parties)
    channel = "the Northern Army said in a statement on Tuesday that the militia fired the drones"
    assert what_is_said(channel, "Northern Army", parties)[0] == "the militia fired the drones"
    citing = "the Northern Army reported, citing its radar crews, that the militia fired the drones"
    assert what_is_said(citing, "Northern Army", parties)[0] == "the militia fired the drones"
    demonstrative = "the Free Hills Militia claimed that attack in a statement, saying its fighters hit the post"
    assert what_is_said(demonstrative, "Free Hills Militia", parties)[1]  # "that attack": its own act


def test_after_the_speakers_own_lead_the_group_is_the_speaker() -> None:
    parties = Parties(report([], EVENTS, ACTORS))
    statement = "the militia said the group had targeted “a Northern Army convoy” near Kelm"
    assert is_self_claim("responsibility", statement, "Free Hills Militia", parties)


def test_a_partys_announcement_of_its_own_peoples_deaths_is_its_own_losses() -> None:
    result = check_one("two of its fighters", "The militia announced the deaths of two of its fighters",
                       "Free Hills Militia", "casualties")  # fmt: skip
    assert codes(result) == set()  # its own losses: an admission, figure included (rule of 2026-12-08)


def test_a_spokesman_speaks_for_the_party_the_article_names_before_him() -> None:
    text = (
        "The Free Hills Militia's military spokesman, Rafiq Doran, said its fighters fired the drones at Kelm.\n"
        "Doran said the Free Hills Militia shot down a Northern Army drone over Varna.\n"
    )
    actors = [*ACTORS, Actor(name="Rafiq Doran", aliases=[], kind="other")]
    parties = Parties(report([], EVENTS, actors))
    assert speaks_for("Rafiq Doran", text, parties) == "free hills militia"
    shot_down = "Doran said the Free Hills Militia shot down a Northern Army drone over Varna"
    assert is_self_claim("responsibility", shot_down, "Rafiq Doran", parties, speaks_for("Rafiq Doran", text, parties))
    answer = claim(text, "shot down", shot_down, "Rafiq Doran", kind="responsibility")
    verified = verify(report([answer], EVENTS, actors), text).claims[0]
    assert verified.claimant_is_party and "single_interested_source" not in codes(verified)
    assert speaks_for("Hollow Valley Monitor", "The Hollow Valley Monitor said six died.", parties) is None


def test_a_claim_of_an_own_act_is_responsibility_whatever_kind_the_model_gave() -> None:
    text = (
        "The Eastern Front, an alliance of Iran-backed militias, claimed the drone attack on Kelm.\n"
        "The Free Hills Militia said it launched a drone at a Northern Army post near Kelm.\n"
        "The Free Hills Militia said Iranian officers supplied the drones.\n"
    )
    actors = [*ACTORS, Actor(name="Eastern Front", aliases=[], kind="umbrella_group")]
    answers = [
        claim(text, "claimed the drone", "the Eastern Front, an alliance of Iran-backed militias, claimed the drone "
              "attack on Kelm", "the Eastern Front", kind="state_involvement"),
        claim(text, "it launched a drone", "the Free Hills Militia said it launched a drone at a Northern Army post",
              "Free Hills Militia", kind="state_involvement"),
        claim(text, "supplied the drones", "the Free Hills Militia said Iranian officers supplied the drones",
              "Free Hills Militia", kind="state_involvement"),
    ]  # fmt: skip
    verified = verify(report(answers, EVENTS, actors), text).claims
    assert [c.kind for c in verified] == ["responsibility", "responsibility", "state_involvement"]
    assert not verified[0].flags and not verified[1].flags
    assert "state_involvement_unsupported" in codes(verified[2])

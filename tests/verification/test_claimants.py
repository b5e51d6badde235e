"""Canonical claimants: the verifier resolves each claimant to the report's actor it names (alias, short form,
anaphor), keeps the text form, leaves the unresolvable alone, and spells tokenisation artefacts as the article."""

from __future__ import annotations

import json

import pytest

from extractor.evaluation.gate import load_baseline
from extractor.schema_io import json_schema, schema_hash
from extractor.schemas.conflict import Actor, ConflictReport, Event
from extractor.sentences import split_sentences
from extractor.verification import check, verify
from extractor.verification.claimants import Claimants
from extractor.verification.realign import respell_initials
from tests.verification.helpers import claim, report

TEXT = (
    "U.S. Central Command said its aircraft struck a depot of Kata'ib Hezbollah near Al-Qaim on Friday.\n"
    "The Islamic Resistance in Iraq, an umbrella of Iran-backed militias, claimed a drone attack on a U.S. base.\n"
    "The group said it would keep up its attacks until U.S. forces leave Iraq.\n"
    "The Pentagon said no American personnel were hurt.\n"
    "Kata'ib Hezbollah fighters fired rockets at the base, and the militia said three of its men had died.\n"
    "Houthi military spokesman Yahya Saree said the Houthis fired a missile at a tanker.\n"
    "Saree added that the Popular Mobilization Forces had nothing to do with it.\n"
    "Iran's Foreign Ministry spokesman denied any role.\n"
    "A U.S. official said the rockets came from Iran, and J. R. Smith of the monitor agreed.\n"
)
ACTORS = [
    Actor(name="U.S. Central Command (CENTCOM)", aliases=["Pentagon"], kind="external_forces"),
    Actor(name="Kata'ib Hezbollah", aliases=["KH"], kind="non_state_armed_group"),
    Actor(name="Islamic Resistance in Iraq", kind="umbrella_group"),
    Actor(name="Houthis", aliases=["Ansar Allah"], kind="non_state_armed_group"),
    Actor(name="Yahya Saree", kind="other"),
    Actor(name="Popular Mobilization Forces", kind="state_forces"),
    Actor(name="Iran's Foreign Ministry", kind="government"),
    Actor(name="unknown", aliases=["unknown"], kind="other"),
]
SENTENCES = split_sentences(TEXT)


def resolve(claimant: str, words: str, actors: list[Actor] = ACTORS) -> str | None:
    """The actor ``claimant`` resolves to, for a claim citing the sentence containing ``words``."""
    item = claim(TEXT, words, "something was said", claimant)
    return Claimants(report([item], actors=actors)).resolve(item, SENTENCES)


@pytest.mark.parametrize(
    ("claimant", "words", "actor"),
    [
        ("CENTCOM", "aircraft struck", "U.S. Central Command (CENTCOM)"),  # the short form in brackets
        ("U.S. Central Command", "aircraft struck", "U.S. Central Command (CENTCOM)"),  # the long form
        ("the Pentagon", "no American personnel", "U.S. Central Command (CENTCOM)"),  # listed as one actor
        ("KH", "fighters fired", "Kata'ib Hezbollah"),  # an alias
        ("Kataib Hezbollah", "fighters fired", "Kata'ib Hezbollah"),  # a close spelling
        ("the Islamic Resistance in Iraq", "umbrella of", "Islamic Resistance in Iraq"),  # "the" aside
    ],
)
def test_a_name_or_alias_resolves_to_the_listed_actor(claimant: str, words: str, actor: str) -> None:
    assert resolve(claimant, words) == actor


@pytest.mark.parametrize(
    ("claimant", "words", "actor"),
    [
        ("Saree", "Saree added", "Yahya Saree"),  # part of one actor's name
        ("PMF", "Saree added", "Popular Mobilization Forces"),  # its initials
        ("Iran's Foreign Ministry spokesman", "denied any role", "Iran's Foreign Ministry"),  # a spokesman for it
        ("a spokesman for the Houthis", "fired a missile", "Houthis"),
    ],
)
def test_a_short_form_or_a_spokesperson_resolves_to_the_actor(claimant: str, words: str, actor: str) -> None:
    assert resolve(claimant, words) == actor


def test_a_short_form_two_actors_share_resolves_to_none() -> None:
    actors = [*ACTORS, Actor(name="Lebanese Hezbollah", kind="non_state_armed_group")]
    assert resolve("Hezbollah", "fighters fired", actors) is None
    assert resolve("Hezbollah", "fighters fired") == "Kata'ib Hezbollah"  # one actor of that name: resolved


def test_the_group_is_the_armed_group_named_nearest_before_it() -> None:
    # sentence 3 opens with "The group"; sentence 2 names one armed group (U.S. forces are not a group)
    assert resolve("the group", "keep up its attacks") == "Islamic Resistance in Iraq"
    # the evidence sentence itself names Kata'ib Hezbollah before "the militia"
    assert resolve("the militia", "fighters fired") == "Kata'ib Hezbollah"
    assert resolve("a spokesman for the group", "keep up its attacks") == "Islamic Resistance in Iraq"


def test_an_anaphor_with_two_candidates_nearby_stays_unresolved() -> None:
    text = "Kata'ib Hezbollah and the Islamic Resistance in Iraq both fired rockets.\nThe group said it was revenge.\n"
    item = claim(text, "revenge", "it was revenge", "the group")
    assert Claimants(report([item], actors=ACTORS)).resolve(item, split_sentences(text)) is None


def test_an_anaphor_named_nowhere_nearby_takes_the_reports_only_actor_of_its_kind() -> None:
    actors = [ACTORS[0], ACTORS[2]]  # CENTCOM and one armed group
    assert resolve("the group", "rockets came from", actors) == "Islamic Resistance in Iraq"
    assert resolve("the group", "rockets came from") is None  # several armed groups, none named nearby


@pytest.mark.parametrize(
    "claimant",
    ["author", "the outlet", "a U.S. official", "U.S. and British forces", "unknown", "the company", "Israel"],
)
def test_what_names_no_listed_actor_stays_none(claimant: str) -> None:
    assert resolve(claimant, "rockets came from Iran") is None


def test_artefacts_are_spelled_as_the_article_and_never_reach_an_output_field() -> None:
    assert respell_initials("U. S. forces and U. K. jets", "U.S. forces, U.K. jets") == "U.S. forces and U.K. jets"
    assert respell_initials("J. R. Smith", TEXT) == "J. R. Smith"  # the article spells it so: not an artefact
    assert respell_initials("U. N. panel", TEXT) == "U. N. panel"  # no "U.N." in the article to spell it as
    items = [
        claim(TEXT, "rockets came from", "the rockets came from Iran, U. S. official says", "a U. S. official"),
        claim(TEXT, "aircraft struck", "U. S. aircraft struck a depot", "U. S. Central Command"),
    ]
    strike = Event(sub_event_type="Air/drone strike", perpetrators=["U. S. Central Command"], location="Al-Qaim",
                   evidence=[1])  # fmt: skip
    actors = [Actor(name="U. S. Central Command", aliases=["U. S. military"], kind="external_forces")]
    raw = report(items, [strike], actors)
    for outcome in (check(raw, TEXT), check(raw, TEXT, repair=False)):
        written = outcome.report.model_dump_json()
        assert "U. S." not in written and "U.S. Central Command" in written
        assert outcome.repairs.respelled == 7  # 2 claimants, 2 statements, perpetrators, actor name and aliases
        assert outcome.report.claims[1].claimant_actor == "U.S. Central Command"
        assert outcome.report.claims[0].claimant == "a U.S. official"  # the text form stays beside it
    assert "U. S." not in verify(raw, TEXT).model_dump_json()


def test_check_fills_claimant_actor_and_keeps_the_text_form() -> None:
    items = [claim(TEXT, "keep up its attacks", "it would keep up its attacks", "the group"),
             claim(TEXT, "rockets came from", "the rockets came from Iran", "a U.S. official")]  # fmt: skip
    verified = check(report(items, actors=ACTORS), TEXT).report
    assert [(c.claimant, c.claimant_actor) for c in verified.claims] == [
        ("the group", "Islamic Resistance in Iraq"),
        ("a U.S. official", None),
    ]


def test_the_schema_the_model_sees_is_unchanged() -> None:
    """claimant_actor is filled by the verifier: the model's schema, grammar and recorded requests stay as they were."""
    schema = json_schema(ConflictReport)
    assert list(schema["$defs"]["Claim"]["properties"]) == ["statement", "kind", "claimant", "evidence"]
    assert "claimant_actor" not in json.dumps(schema)
    assert schema_hash(ConflictReport) == load_baseline().schema_hash  # the schema the gold set was recorded with

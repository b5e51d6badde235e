"""Events repairs (verification/incidents.py): one item per incident, no placeholder standing in for a fact."""

from __future__ import annotations

import datetime as dt

from extractor.schemas.conflict import ConflictReport, Event
from extractor.verification import check
from extractor.verification.incidents import is_placeholder

TEXT = (
    "A drone struck a car in eastern Baghdad on Thursday, killing two members of the militia.\n"
    "By Thursday evening the police said the car had been hit by a missile.\n"
    "Hours later the militia fired rockets at the air base near Erbil.\n"
    "On Friday, jets struck a depot in eastern Baghdad.\n"
    "Air defenses shot down a drone over Erbil on Thursday.\n"
    "The Pentagon said the depot was used by the militia.\n"
)
PUBLISHED = dt.date(2024, 2, 9)  # a Friday


def event(kind: str, where: str | None, when: str | None, evidence: list[int], **fields) -> Event:  # type: ignore[no-untyped-def]
    return Event(sub_event_type=kind, location=where, date_text=when, evidence=evidence, **fields)


def verified_events(*events: Event) -> list[Event]:
    report = ConflictReport(events=list(events), actors=[], claims=[])
    return check(report, TEXT, published=PUBLISHED).report.events  # repairs run in check, not verify


def test_one_incident_told_twice_under_two_types_is_folded_into_the_first() -> None:
    strike = event("Air/drone strike", "eastern Baghdad", "on Thursday", [1])
    retold = event("Disrupted weapons use", "Eastern Baghdad", "By Thursday evening", [2, 1], fatalities=2)
    (kept,) = verified_events(strike, retold)
    assert (kept.sub_event_type, kept.date, kept.evidence, kept.fatalities) == (
        "Air/drone strike", "2024-02-08", [1, 2], 2,
    )  # fmt: skip


def test_the_same_place_on_another_day_or_another_place_stays_apart() -> None:
    thursday = event("Air/drone strike", "eastern Baghdad", "on Thursday", [1])
    friday = event("Air/drone strike", "eastern Baghdad", "On Friday", [4])
    erbil = event("Shelling/artillery/missile attack", "Erbil", "Hours later", [3])
    kept = verified_events(thursday, friday, erbil)
    assert [(e.location, e.date) for e in kept] == [
        ("eastern Baghdad", "2024-02-08"), ("eastern Baghdad", "2024-02-09"), ("Erbil", "2024-02-08"),
    ]  # fmt: skip


def test_a_different_type_at_the_same_place_without_a_shared_sentence_stays_apart() -> None:
    strike = event("Air/drone strike", "eastern Baghdad", None, [1])
    arrests = event("Arrests", "eastern Baghdad", None, [4])
    assert len(verified_events(strike, arrests)) == 2


def test_a_place_named_inside_another_is_one_incident_only_when_they_share_a_sentence() -> None:
    wide = event("Air/drone strike", "Baghdad", "on Thursday", [1])
    narrow = event("Air/drone strike", "eastern Baghdad", "on Thursday", [1, 2])
    elsewhere = event("Air/drone strike", "eastern Baghdad", "on Thursday", [4])
    assert len(verified_events(wide, narrow)) == 1
    assert len(verified_events(wide, elsewhere)) == 2


def test_placeholders_are_emptied_and_an_event_left_with_no_place_and_no_actor_is_dropped() -> None:
    assert is_placeholder("No information provided") and is_placeholder("unknown.") and is_placeholder("N/A")
    assert not is_placeholder("Nowhere Bay") and not is_placeholder(None)
    blank = event("Air/drone strike", "No information provided", "No information provided", [2],
                  perpetrators=["No information provided"], targets=["unknown"])  # fmt: skip
    named = event("Air/drone strike", "Not specified", None, [3], perpetrators=["the militia"])
    report = ConflictReport(events=[blank, named], actors=[], claims=[])
    checked = check(report, TEXT)
    (kept,) = checked.report.events
    assert (kept.location, kept.perpetrators) == (None, ["the militia"])
    assert checked.repairs.folded == 1 and "1 event(s) folded or dropped" in str(checked.repairs)
    assert [e.location for e in report.events] == ["No information provided", "Not specified"]  # input untouched


def test_an_event_dated_by_a_period_is_a_campaign_and_is_dropped() -> None:
    campaign = event("Air/drone strike", "Iraq", "since October", [1], perpetrators=["the militia"])
    decade = event("Air/drone strike", "Syria", "For most of the past decade", [4])
    strike = event("Air/drone strike", "Erbil", "Hours later", [3])
    assert [e.location for e in verified_events(campaign, decade, strike)] == ["Erbil"]


def test_an_event_whose_date_words_are_no_time_is_dropped() -> None:
    fragment = event("Air/drone strike", "eastern Baghdad", "The Pentagon said the depot was used", [6])
    strike = event("Air/drone strike", "eastern Baghdad", "On Friday", [4])
    relative = event("Shelling/artillery/missile attack", "Erbil", "Hours later", [3])
    assert [e.date_text for e in verified_events(fragment, strike, relative)] == ["On Friday", "Hours later"]


def test_an_event_dated_relative_to_another_takes_the_date_of_the_one_told_before_it() -> None:
    thursday = event("Air/drone strike", "eastern Baghdad", "on Thursday", [1])
    friday = event("Air/drone strike", "eastern Baghdad", "On Friday", [4])
    later = event("Shelling/artillery/missile attack", "Erbil", "Hours later", [3])
    dates = [(e.location, e.date) for e in verified_events(friday, later, thursday)]
    assert dates == [("eastern Baghdad", "2024-02-09"), ("Erbil", "2024-02-08"), ("eastern Baghdad", "2024-02-08")]
    first = event("Shelling/artillery/missile attack", "Erbil", "Hours earlier", [1])
    assert [e.date for e in verified_events(first, friday)] == ["2024-02-09", "2024-02-09"]  # none before: next


def test_a_disrupted_weapons_use_the_evidence_does_not_tell_on_a_day_already_covered_is_dropped() -> None:
    strike = event("Air/drone strike", "eastern Baghdad", "on Thursday", [1])
    aftermath = event("Disrupted weapons use", "Baghdad police station", "By Thursday evening", [2])
    shot_down = event("Disrupted weapons use", "Erbil", "on Thursday", [5])
    alone = event("Disrupted weapons use", "eastern Baghdad", "On Friday", [4])
    checked = check(ConflictReport(events=[strike, aftermath, shot_down, alone], actors=[], claims=[]), TEXT,
                    published=PUBLISHED)  # fmt: skip
    assert [e.location for e in checked.report.events] == ["eastern Baghdad", "Erbil", "eastern Baghdad"]
    assert checked.repairs.folded == 1

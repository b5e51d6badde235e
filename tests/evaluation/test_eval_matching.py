"""Matching: greedy one-to-one assignment, alias-aware actors, the author rule, dates within precision."""

import pytest
from evalfixtures import STRIKE_TEXT, pred_span, strike_gold

from extractor.evaluation.gold import GoldActor, GoldClaim, GoldEvent, GoldSpan
from extractor.evaluation.matching import (
    claim_similarity,
    claimant_similarity,
    dates_agree,
    greedy_match,
    match_claims,
    match_events,
)
from extractor.evaluation.names import ActorIndex, normalize
from extractor.schemas.conflict import Claim, Event, Span

ACTORS = ActorIndex(
    [
        GoldActor(name="Kata'ib Hezbollah", aliases=["KH", "Hezbollah Brigades"], kind="non_state_armed_group"),
        GoldActor(name="U.S. Central Command", aliases=["CENTCOM"], kind="external_forces"),
    ]
)


def test_greedy_takes_best_pair_first_and_respects_threshold() -> None:
    # best-first takes (0, 0) = 0.9; gold 1's only other option (0.1) is below the threshold
    matching = greedy_match([[0.9, 0.8], [0.85, 0.1]], threshold=0.5)
    assert [(p.gold, p.pred, p.score) for p in matching.pairs] == [(0, 0, 0.9)]
    assert matching.unmatched_gold == [1] and matching.unmatched_pred == [1]


def test_greedy_is_one_to_one_and_deterministic_on_ties() -> None:
    matching = greedy_match([[0.7, 0.7], [0.7, 0.7]], threshold=0.5)
    assert [(p.gold, p.pred) for p in matching.pairs] == [(0, 0), (1, 1)]
    empty = greedy_match([], threshold=0.5, n_pred=2)
    assert empty.pairs == [] and empty.unmatched_pred == [0, 1]


def test_normalize_drops_punctuation_case_and_leading_article() -> None:
    assert normalize("The U.S. Army") == "us army"
    assert normalize("Kata'ib Hezbollah") == normalize("Kataib Hezbollah") == "kataib hezbollah"


def test_aliases_and_close_spellings_name_the_same_actor() -> None:
    assert ACTORS.same("KH", "Kata'ib Hezbollah")
    assert ACTORS.same("Hezbollah Brigades", "KH")
    assert ACTORS.same("Kataib Hizbollah", "KH")  # close spelling of a listed name
    assert ACTORS.same("CENTCOM", "U.S. Central Command")
    assert ACTORS.same("US forces", "U.S. forces")  # not listed, but normalizes alike
    assert not ACTORS.same("CENTCOM", "KH")
    assert ACTORS.overlap(["KH"], ["Kata'ib Hezbollah", "Iran"]) == 0.5
    assert ACTORS.overlap([], []) == 1.0


def test_author_claimant_matches_only_author() -> None:
    assert claimant_similarity("author", "author", ACTORS) == 1.0
    assert claimant_similarity("author", "the author", ACTORS) == 1.0
    assert claimant_similarity("author", "CENTCOM", ACTORS) == 0.0
    assert claimant_similarity("CENTCOM", "author", ACTORS) == 0.0
    assert claimant_similarity("CENTCOM", "U.S. Central Command", ACTORS) == 1.0


@pytest.mark.parametrize(
    ("gold", "gold_precision", "pred", "pred_precision", "agree"),
    [
        ("2024-03-06", "day", "2024-03-06", "day", True),
        ("2024-03-06", "day", "2024-03-07", "day", False),
        ("2024-03-01", "week", "2024-03-06", "day", True),  # 5 days apart, week precision
        ("2024-03-01", "week", "2024-03-09", "day", False),  # 8 days apart
        ("2024-03-01", "month", "2024-03-28", "day", True),
        ("2024-03-06", "day", "2024-03-01", "month", True),  # the coarser precision decides
        ("2024-03-06", "day", "2024-04-01", "month", False),
        ("2024-01-01", "year", "2024-11-30", "day", True),
        (None, None, None, None, True),
        ("2024-03-06", "day", None, None, False),
        ("2024-03-06", "day", "last Wednesday", "day", False),  # unparsable
    ],
)
def test_dates_agree_within_precision(
    gold: str | None, gold_precision: str | None, pred: str | None, pred_precision: str | None, agree: bool
) -> None:
    assert dates_agree(gold, gold_precision, pred, pred_precision) is agree


def event(sub: str, location: str, date: str | None = None, perpetrators: list[str] | None = None) -> Event:
    return Event(sub_event_type=sub, location=location, date=date, date_precision="day" if date else None,
                 perpetrators=perpetrators or [])  # fmt: skip


def test_events_pair_by_content_not_order() -> None:
    gold = [
        GoldEvent(sub_event_type="Air/drone strike", location="Al-Qaim", date="2024-03-06", date_precision="day",
                  perpetrators=["U.S. forces"]),
        GoldEvent(sub_event_type="Shelling/artillery/missile attack", location="Erbil", date="2024-03-04",
                  date_precision="day", perpetrators=["Kata'ib Hezbollah"]),
    ]  # fmt: skip
    pred = [
        event("Shelling/artillery/missile attack", "Erbil city", "2024-03-04", ["KH"]),
        event("Air/drone strike", "Al Qaim", "2024-03-06", ["US forces"]),
        event("Armed clash", "Mosul"),
    ]
    matching = match_events(gold, pred, ACTORS)
    assert [(p.gold, p.pred) for p in matching.pairs] == [(0, 1), (1, 0)]
    assert matching.pairs[0].score == 1.0
    assert matching.unmatched_pred == [2] and matching.unmatched_gold == []


def test_unrelated_event_does_not_match() -> None:
    gold = [GoldEvent(sub_event_type="Air/drone strike", location="Al-Qaim", date="2024-03-06", date_precision="day")]
    matching = match_events(gold, [event("Peaceful protest", "Basra", "2024-01-02")], ACTORS)
    assert matching.pairs == [] and matching.unmatched_gold == [0] and matching.unmatched_pred == [0]


def gold_claim(statement: str, claimant: str, evidence: list[GoldSpan] | None = None) -> GoldClaim:
    return GoldClaim(statement=statement, kind="responsibility", claimant=claimant, status="attributed_named",
                     should_flag=False, evidence=evidence or [])  # fmt: skip


def test_claims_match_alias_aware_and_prefer_the_right_claimant() -> None:
    gold = [
        gold_claim("Iran directly carried out the attack", "U.S. Central Command"),
        gold_claim("Iran did not carry out the attack", "Iran"),
    ]
    pred = [
        Claim(statement="Iran was not behind the attack", kind="denial", claimant="Iran"),
        Claim(statement="Iran directly carried out the attack", kind="state_involvement", claimant="CENTCOM"),
    ]
    matching = match_claims(gold, pred, ACTORS)
    assert [(p.gold, p.pred) for p in matching.pairs] == [(0, 1), (1, 0)]


def test_author_claim_does_not_match_an_attributed_one_with_different_wording() -> None:
    gold = [gold_claim("The group fields long-range drones", "author")]
    pred = [Claim(statement="The group has long-range drones", kind="other", claimant="a U.S. official")]
    assert match_claims(gold, pred, ACTORS).pairs == []


def test_overlapping_evidence_rescues_a_loose_paraphrase() -> None:
    gold_article = strike_gold()
    gold = gold_article.claims[1]  # "The strike killed three Kata'ib Hezbollah fighters"
    paraphrase = "three of its members were killed"  # statement similarity 0.597: below the floor alone
    without = Claim(statement=paraphrase, kind="casualties", claimant="KH")
    located = without.model_copy(update={"spans": [pred_span(STRIKE_TEXT, "killing three fighters")]})
    elsewhere = without.model_copy(update={"spans": [pred_span(STRIKE_TEXT, "Tehran denied any role.")]})
    assert claim_similarity(gold, without, ACTORS) == 0.0
    assert claim_similarity(gold, elsewhere, ACTORS) == 0.0
    assert claim_similarity(gold, located, ACTORS) >= 0.65
    unlocated = without.model_copy(update={"spans": [Span(text="killing three fighters", status="not_found")]})
    assert claim_similarity(gold, unlocated, ACTORS) == 0.0

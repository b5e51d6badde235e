"""Claimant accuracy reads the claimant as written and the actor the verifier resolved it to, alias-aware."""

from evalfixtures import STRIKE_TEXT, strike_gold, strike_prediction, strike_result

from extractor.evaluation.gold import GoldActor, GoldClaim
from extractor.evaluation.matching import claim_similarity
from extractor.evaluation.names import ActorIndex, claimant_forms, normalize
from extractor.evaluation.report import build_report
from extractor.evaluation.scoring import claim_field_checks
from extractor.schemas.conflict import Actor, Claim

ACTORS = ActorIndex(
    [
        GoldActor(name="Kata'ib Hezbollah", aliases=["KH"], kind="non_state_armed_group"),
        GoldActor(name="U.S. Central Command", aliases=["CENTCOM"], kind="external_forces"),
        GoldActor(name="Iran", aliases=["Tehran"], kind="government"),
    ]
)
KH_CLAIM = GoldClaim(
    statement="three of its fighters were killed", kind="casualties", claimant="Kata'ib Hezbollah",
    status="attributed_named", should_flag=True, reasons=["casualty_figure_from_party"],
)  # fmt: skip
PRED_ACTORS = [
    Actor(name="Kataib Hezbollah group", aliases=["Hezbollah Brigades", "author"], kind="non_state_armed_group"),
    Actor(name="Iran", aliases=[], kind="government"),
]


def pred(claimant: str, actor: str | None = None) -> Claim:
    return Claim(statement="three of its fighters were killed", kind="casualties", claimant=claimant,
                 claimant_actor=actor)  # fmt: skip


def test_a_bracketed_short_form_is_the_actor_either_part_names() -> None:
    assert ACTORS.same("U.S. Central Command (CENTCOM)", "CENTCOM")
    assert ACTORS.same("U. S. Central Command (CENTCOM)", "U.S. Central Command")  # artefact spacing too
    assert not ACTORS.same("U.S. Central Command (CENTCOM)", "Iran")
    assert normalize("U. S. forces") == normalize("U.S. forces") == "us forces"


def test_claimant_forms_are_the_text_the_resolved_actor_and_its_aliases_but_never_author() -> None:
    forms = claimant_forms(pred("the group", "Kataib Hezbollah group"), PRED_ACTORS)
    assert forms == ["the group", "Kataib Hezbollah group", "Hezbollah Brigades"]
    assert claimant_forms(pred("the group")) == ["the group"]  # unresolved: the text alone


def test_a_resolved_anaphor_is_right_and_the_text_alone_is_not() -> None:
    checks = claim_field_checks(KH_CLAIM, pred("the group", "Kataib Hezbollah group"), ACTORS, PRED_ACTORS)
    assert (checks["claimant"], checks["claimant_text"]) == (True, False)


def test_a_wrong_resolution_is_wrong_and_an_unresolved_right_text_stays_right() -> None:
    wrong = claim_field_checks(KH_CLAIM, pred("the group", "Iran"), ACTORS, PRED_ACTORS)
    assert (wrong["claimant"], wrong["claimant_text"]) == (False, False)
    alias = claim_field_checks(KH_CLAIM, pred("KH"), ACTORS, PRED_ACTORS)
    assert (alias["claimant"], alias["claimant_text"]) == (True, True)


def test_matching_credits_the_resolved_claimant() -> None:
    unresolved = claim_similarity(KH_CLAIM, pred("the group"), ACTORS, PRED_ACTORS)
    resolved = claim_similarity(KH_CLAIM, pred("the group", "Kataib Hezbollah group"), ACTORS, PRED_ACTORS)
    assert resolved == 1.0 and unresolved < resolved


def test_report_headline_and_splits_carry_claimant_accuracy() -> None:
    prediction, gold = strike_prediction(), strike_gold()
    assert "the group said" in STRIKE_TEXT
    # the militia's own toll comes out as "the group": right only once the verifier resolved it
    casualty = next(i for i, c in enumerate(prediction.claims) if c.claimant == "Kata'ib Hezbollah")
    prediction.actors = [Actor(name="Kata'ib Hezbollah", aliases=["KH"], kind="non_state_armed_group")]
    prediction.claims[casualty].claimant = "the group"
    before = build_report([gold], [strike_result(prediction)])
    prediction.claims[casualty].claimant_actor = "Kata'ib Hezbollah"
    after = build_report([gold], [strike_result(prediction)])
    assert before.claims["accuracy"]["claimant"] < after.claims["accuracy"]["claimant"] == 1.0
    assert after.claims["accuracy"]["claimant_text"] == before.claims["accuracy"]["claimant"]
    assert after.headline["claimant_accuracy"] == after.by_split["dev"]["claimant_accuracy"] == 1.0
    assert 0 < after.claims["claimant_resolved"] < 1  # one claimant of several resolved

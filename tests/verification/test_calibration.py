"""Confidence weights: loading with clear errors, fitting to labelled claims, and applying a fitted file."""

from dataclasses import replace
from pathlib import Path

import pytest

from extractor.verification import verify, verify_with_signals
from extractor.verification.calibration import Example, brier_score, choose_strength, cross_validated_brier, fit_weights
from extractor.verification.confidence import WeightsError, combine, dump_weights, load_weights
from tests.verification.helpers import claim, report

TEXT = (
    "Kataib Hezbollah said a U.S. drone killed four of its fighters near Al-Qaim on Monday.\n"
    "The Pentagon confirmed the strike but gave no toll."
)


def labelled(signals: dict[str, float], should_flag: bool, times: int) -> list[Example]:
    return [Example(signals, should_flag)] * times


def test_the_fit_follows_the_labels_and_keeps_what_it_cannot_see() -> None:
    shipped = load_weights()
    prior = replace(shipped, base=0.85, adjust={**shipped.adjust, "single_interested_source": -0.22})
    # claims resting on one interested party are always flagged; clean claims almost never are
    examples = labelled({"single_interested_source": 1.0}, True, 30) + labelled({}, False, 27)
    examples += labelled({}, True, 3)
    fitted = fit_weights(examples, prior)
    assert fitted.adjust["single_interested_source"] < prior.adjust["single_interested_source"]
    # the optimum of 27(1-b)^2 + 3b^2 + 30(b+w)^2 + 3(b-0.85)^2 + 3(w+0.22)^2, solved by hand: b=0.844, w=-0.787
    assert (fitted.base, fitted.adjust["single_interested_source"]) == pytest.approx((0.844, -0.787), abs=0.002)
    assert fitted.adjust["entailment_failed"] == prior.adjust["entailment_failed"]  # never seen: stays at the prior
    assert brier_score(examples, fitted) < brier_score(examples, prior)


def test_the_fit_never_turns_a_penalty_into_a_reward() -> None:
    prior = load_weights()
    # anonymous claims that the gold set never flags would pull the weight above 0 without the bound
    examples = labelled({"anonymous_source": 1.0}, False, 40) + labelled({}, True, 40)
    fitted = fit_weights(examples, prior)
    assert fitted.adjust["anonymous_source"] == 0.0
    assert all(value <= 0 for name, value in fitted.adjust.items() if name != "extra_independent_source")
    with pytest.raises(ValueError, match="no labelled claims"):
        fit_weights([], prior)
    with pytest.raises(KeyError, match="made_up"):
        fit_weights([Example({"made_up": 1.0}, True)], prior)


def test_cross_validation_chooses_the_pull_that_predicts_held_out_articles_best() -> None:
    shipped = load_weights()
    prior = replace(shipped, base=0.85, adjust={**shipped.adjust, "single_interested_source": -0.05})
    # every article agrees: a claim resting on one interested party needs a look, a clean one does not
    agreeing = [labelled({"single_interested_source": 1.0}, True, 3) + labelled({}, False, 3) for _ in range(10)]
    best, scores = choose_strength(agreeing, prior)
    assert best == min((s for s in scores if s != float("inf")), key=lambda s: (round(scores[s], 4), -s))
    assert best < 100 and scores[best] < scores[float("inf")]  # the data beat the prior on articles held out
    assert cross_validated_brier(agreeing, prior, 0.0) < cross_validated_brier(agreeing, prior, 100.0)
    # labels that are noise around the prior: fitting them only learns the noise, the strongest pull wins
    noisy = [labelled({"single_interested_source": 1.0}, i % 2 == 0, 1) + labelled({}, i % 3 == 0, 1)
             for i in range(12)]  # fmt: skip
    assert (
        choose_strength(noisy, replace(prior, base=0.6, adjust={**prior.adjust, "single_interested_source": -0.2}))[0]
        > 3
    )


def test_fitted_weights_round_trip_and_change_verified_confidence(tmp_path: Path) -> None:
    prior = load_weights()
    stricter = replace(prior, adjust={**prior.adjust, "single_interested_source": -0.6})
    path = tmp_path / "w.toml"
    path.write_text(dump_weights(stricter, "a test file\nsecond line"), encoding="utf-8")
    loaded = load_weights(path)
    assert loaded.adjust == stricter.adjust and loaded.base == stricter.base
    party_claim = claim(TEXT, "killed four", "a U.S. drone killed four of its fighters", "Kataib Hezbollah",
                        cue="said", kind="casualties")  # fmt: skip
    default, signals = verify_with_signals(report([party_claim]), TEXT)
    assert signals[0].get("single_interested_source") == 1.0
    assert default.claims[0].confidence == combine(signals[0], prior)
    strict = verify(report([party_claim]), TEXT, weights=loaded)
    assert strict.claims[0].confidence == combine(signals[0], loaded) < default.claims[0].confidence


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("base = 0.8", "format is None"),
        ('format = "extractor-weights/1"\nbase = "high"\nfloor = 0\nceiling = 1\n[adjust]', "needs numbers"),
        ('format = "extractor-weights/1"\nbase = 0.8\nfloor = 0\nceiling = 1\n[adjust]\nfuzzy_only = -0.1', "lacks"),
        ("base = [", "not valid TOML"),
    ],
)
def test_a_bad_weights_file_names_itself_and_the_fix(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WeightsError, match=message) as caught:
        load_weights(path)
    assert str(path.resolve()) in str(caught.value) and "fix:" in str(caught.value)
    with pytest.raises(WeightsError, match="no such file"):
        load_weights(tmp_path / "missing.toml")

"""verification.check is the one entry: the pipeline, `extractor verify` and the eval scoring path
give the same verification for the same report and article; checks are self-registering modules."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import get_args

from extractor import eval_run, verification
from extractor.articles import Article
from extractor.evaluation.gold import FlagCode, GoldArticle
from extractor.evaluation.names import is_author as eval_is_author
from extractor.pipeline import Extractor, Options
from extractor.results import Result
from extractor.schemas.claimants import is_author
from extractor.schemas.conflict import Claim, ConflictReport, Event
from extractor.schemas.flags import LABELLED_FLAG_CODES
from extractor.verification import FLAG_CODES, check, load_weights
from extractor.verification import confidence as confidence_module
from extractor.verification.checks import claim_checks, default_weights
from extractor.verification.lexicon import is_author as lexicon_is_author
from extractor.verify_saved import reverify
from tests.test_pipeline_plumbing import ScriptedBackend

TEXT = (
    "A drone struck a convoy near Al-Bukamal on Tuesday and four fighters were killed, a local monitor said.\n"
    "Kataib Hezbollah said two of its members died and blamed the United States.\n"
    "A U.S. official said Iran had supplied the convoy's rockets.\n"
    "The Pentagon declined to comment.\n"
)
PUBLISHED = "2024-02-07"


def raw_report() -> ConflictReport:
    """What a model might answer: a duplicate, a mis-cited claim, a figure under the wrong field, a date to resolve."""
    rockets = Claim(statement="Iran had supplied the convoy's rockets", kind="state_involvement",
                    claimant="a U.S. official", evidence=[4])  # fmt: skip
    deaths = Claim(statement="two of its members died", kind="casualties", claimant="Kataib Hezbollah",
                   evidence=[2])  # fmt: skip
    strike = Event(sub_event_type="Air/drone strike", date_text="on Tuesday", injured=4,
                   casualty_source="a local monitor", evidence=[1])  # fmt: skip
    return ConflictReport(events=[strike], actors=[], claims=[rockets, deaths, deaths.model_copy()])


def verification_of(report: ConflictReport) -> list[object]:
    items = [*report.events, *report.claims]
    return [
        (
            [(f.code, f.message) for f in item.flags],
            getattr(item, "confidence", None),
            getattr(item, "status", None),
            getattr(item, "date", None),
            [(s.text, s.char_start, s.char_end, s.status) for s in item.spans],
        )
        for item in items
    ]


def test_pipeline_verify_command_and_eval_scoring_verify_alike(tmp_path: Path) -> None:
    with Extractor(ScriptedBackend(raw_report())) as extractor:
        extracted = extractor.extract(Article(id="a", text=TEXT), published=PUBLISHED).report
    article_path, report_path = tmp_path / "a.txt", tmp_path / "a.json"
    article_path.write_text(f"published: {PUBLISHED}\n\n{TEXT}", encoding="utf-8")
    report_path.write_text(raw_report().model_dump_json(), encoding="utf-8")
    (reverified,) = reverify(report_path, article_path)
    gold = GoldArticle(id="a", split="dev", article=Article(id="a", text=TEXT, published=PUBLISHED))
    saved = Result[ConflictReport].model_validate(json.loads(reverified.model_dump_json()))
    saved = saved.model_copy(update={"report": raw_report()})
    (scored,) = eval_run.reverify_results([gold], [saved], None, None)
    direct = check(raw_report(), TEXT, published=gold.article.published).report

    expected = verification_of(direct)
    assert len(direct.claims) == 2 and direct.events[0].fatalities == 4  # repaired: duplicate, casualty field
    assert any(f.code == "evidence_reassigned" for f in direct.claims[0].flags)
    assert direct.events[0].date == "2024-02-06"
    assert verification_of(extracted) == expected
    assert verification_of(reverified.report) == expected
    assert verification_of(scored.report) == expected
    assert verification_of(check(direct, TEXT, published=gold.article.published).report) == expected  # idempotent


def test_check_reports_its_repairs_and_signals() -> None:
    outcome = check(raw_report(), TEXT, published=Article(id="a", text=TEXT, published=PUBLISHED).published)
    assert (outcome.repairs.dropped, outcome.repairs.moved, outcome.repairs.corrected) == (1, 1, 1)
    assert str(outcome.repairs) == "1 duplicate claim(s) dropped, 1 claim(s) re-grounded, 1 casualty field(s) corrected"
    assert len(outcome.signals) == len(outcome.report.claims)
    assert outcome.signals[0]["evidence_reassigned"] == 1.0
    untouched = check(raw_report(), TEXT, repair=False)
    assert not untouched.repairs and len(untouched.report.claims) == 3


def test_no_verify_returns_the_models_report_unrepaired() -> None:
    with Extractor(ScriptedBackend(raw_report()), options=Options(verify=False)) as extractor:
        result = extractor.extract(Article(id="a", text=TEXT), published=PUBLISHED)
    report = result.report
    assert len(report.claims) == 3 and report.events[0].injured == 4 and report.claims[0].evidence == [4]
    assert not any(item.spans or item.flags for item in [*report.events, *report.claims])
    assert report.events[0].date == "2024-02-06" and result.meta.verifier is None


def test_a_different_policy_gives_a_different_prompt_hash(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text('[state_involvement]\nactors = ["Russia"]\n', encoding="utf-8")
    with Extractor(ScriptedBackend(raw_report())) as default:
        shipped = default.extract(TEXT).meta.prompt_hash
    with Extractor(ScriptedBackend(raw_report()), options=Options(policy=policy)) as other:
        changed = other.extract(TEXT).meta.prompt_hash
    assert changed != shipped and len(changed) == 12
    with Extractor(ScriptedBackend(raw_report()), options=Options(event_pass=False)) as alone:
        assert alone.prompt_hash == alone.prompt.hash  # shipped policy, one template: the template's own hash


def test_flag_codes_weights_and_gold_reasons_come_from_the_check_modules() -> None:
    checks = claim_checks()
    assert [c.order for c in checks] == sorted(c.order for c in checks)
    assert {code: meaning for c in checks for code, meaning in c.codes.items()} == FLAG_CODES
    assert all(meaning and "\n" not in meaning for meaning in FLAG_CODES.values())
    assert set(LABELLED_FLAG_CODES) <= set(FLAG_CODES)
    assert get_args(FlagCode) == LABELLED_FLAG_CODES
    assert set(default_weights()) == set(load_weights().adjust)


def test_a_weights_file_without_a_newer_checks_signal_takes_its_default(tmp_path: Path, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(confidence_module, "default_weights", lambda: {**default_weights(), "brand_new": -0.05})
    path = tmp_path / "mine.toml"
    path.write_text(confidence_module.WEIGHTS_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        weights = load_weights(path)
    assert weights.adjust["brand_new"] == -0.05
    assert "lacks ['brand_new']" in caplog.text


def test_the_name_check_has_its_own_code_apart_from_numbers() -> None:
    claim = Claim(statement="Seven Russian advisers were killed", kind="casualties", claimant="Kataib Hezbollah",
                  cue="said", evidence=[2])  # fmt: skip
    (checked,) = check(ConflictReport(events=[], actors=[], claims=[claim]), TEXT).report.claims
    messages = {f.code: f.message for f in checked.flags}
    assert messages["number_not_in_evidence"] == "[7] in the claim but not in its evidence"
    assert "Russian named in the claim but nowhere in the article" in messages["name_not_in_evidence"]


def test_one_author_test_for_verification_and_evaluation() -> None:
    assert lexicon_is_author is is_author and eval_is_author is is_author
    assert is_author("author") and is_author("The Author") and is_author("the outlet")
    assert not is_author("the Suez Canal Authority") and not is_author(None)


def test_verify_is_check_with_repairs_unless_told_otherwise() -> None:
    repaired, checked_alone = check(raw_report(), TEXT).report, check(raw_report(), TEXT, repair=False).report
    assert verification_of(repaired) != verification_of(checked_alone)  # the repairs change this report
    assert verification_of(verification.verify(raw_report(), TEXT)) == verification_of(repaired)
    assert verification_of(verification.verify(raw_report(), TEXT, repair=False)) == verification_of(checked_alone)

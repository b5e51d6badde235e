"""Honest test data for the HTML pages: a short article written for these tests and a hand-built result.

Not a model recording: the events, claims, spans (offsets into ARTICLE), flags and metadata are
written here so the pages have something realistic to show.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from extractor.evaluation import GoldArticle
from extractor.results import Attempt, Result, ResultMeta
from extractor.schemas.conflict import Claim, ConflictReport, Event, Flag, Span

ARTICLE = (
    "Drones struck a fuel depot outside the river town of Qaryat on Monday night, setting two tanks on fire.\n\n"
    "The regional governor said nine workers were killed and blamed the Northern Front for the attack. "
    "A spokesman for the Northern Front denied any role and said the depot had been hit by a stray missile.\n\n"
    "A local monitoring group put the toll at four, citing hospital staff. "
    "Officials, speaking on condition of anonymity, said the drones were probably supplied by a foreign government.\n"
)
PLANTED = '<script>window.pwned = 1</script><img src="x" onerror="window.pwned = 2">'


def span(text: str, needle: str, sentence: int) -> Span:
    start = text.index(needle)
    return Span(text=needle, char_start=start, char_end=start + len(needle), status="exact", sentence_ids=[sentence])


def report(text: str = ARTICLE) -> ConflictReport:
    s1 = "Drones struck a fuel depot outside the river town of Qaryat on Monday night, setting two tanks on fire."
    s2 = "The regional governor said nine workers were killed and blamed the Northern Front for the attack."
    s3 = "A spokesman for the Northern Front denied any role and said the depot had been hit by a stray missile."
    s4 = "A local monitoring group put the toll at four, citing hospital staff."
    s5 = (
        "Officials, speaking on condition of anonymity, said the drones were probably supplied by a foreign government."
    )
    event = Event(
        sub_event_type="Air/drone strike", date_text="on Monday night", country="Testland", location="Qaryat",
        perpetrators=["Northern Front"], targets=["fuel depot"], weapons=["drones"], fatalities=9,
        casualty_source="the regional governor", evidence=[1, 2], date="2024-05-06", date_precision="day",
        spans=[span(text, s1, 1)],
        flags=[Flag(code="casualty_figure_disputed", message="sources in the article disagree on the toll")],
    )  # fmt: skip
    claims = [
        Claim(statement="nine workers were killed", kind="casualties", claimant="the regional governor",
              evidence=[2], cue="said", spans=[span(text, s2, 2)], status="attributed_named", support=1,
              confidence=0.35,
              flags=[Flag(code="casualty_figure_disputed", message="a monitoring group gives four")]),
        Claim(statement="the Northern Front carried out the attack", kind="responsibility",
              claimant="the regional governor", evidence=[2], cue="blamed", spans=[span(text, s2, 2)],
              status="contested", support=1, confidence=0.42,
              flags=[Flag(code="single_interested_source", message="only the governor says so")]),
        Claim(statement="the Northern Front had no role", kind="denial", claimant="the Northern Front",
              evidence=[3], cue="denied", claimant_is_party=True, spans=[span(text, s3, 3)], status="denied",
              support=1, confidence=0.81),
        Claim(statement="four people were killed", kind="casualties", claimant="a local monitoring group",
              evidence=[4], cue="put", spans=[span(text, s4, 4)], status="attributed_named", support=1,
              confidence=0.74),
        Claim(statement="a foreign government supplied the drones", kind="state_involvement",
              claimant="officials", evidence=[5], cue="said", spans=[span(text, s5, 5)],
              status="attributed_anonymous", support=1, confidence=0.18,
              flags=[Flag(code="anonymous_source", message="the officials are not named"),
                     Flag(code="state_involvement_unsupported", message="no evidence of state supply is given")]),
    ]  # fmt: skip
    return ConflictReport(events=[event], actors=[], claims=claims)


def meta(**changes: Any) -> ResultMeta:
    values: dict[str, Any] = dict(
        extractor_version="0.1.0", backend="local", model="qwen2.5-coder-1.5b-instruct-q4_k_m", mode="json_schema",
        prompt="extract", prompt_hash="3f2a9c1d", schema_name="ConflictReport", schema_hash="b81e04aa",
        segmenter="pysbd-1", temperature=0.0, tokens_in=1834, tokens_out=412, latency_s=23.4,
        attempts=[Attempt(number=1, ok=False, error="claims.2.kind: invalid value", tokens_in=917, tokens_out=230,
                          latency_s=12.1),
                  Attempt(number=2, ok=True, tokens_in=917, tokens_out=182, latency_s=11.3)],
        verifier="verify/3", verify_latency_s=0.04,
        created_at=dt.datetime(2024, 5, 7, 9, 30, tzinfo=dt.UTC),
    )  # fmt: skip
    values.update(changes)
    return ResultMeta(**values)


def result(article_id: str = "qaryat-depot", title: str = "Drones hit fuel depot near Qaryat") -> Result[Any]:
    return Result[ConflictReport](
        article_id=article_id, title=title, published=dt.date(2024, 5, 7), report=report(), meta=meta()
    )


def hostile_result() -> tuple[Result[Any], str]:
    """A result whose article text, title, ids and model output carry markup that must never run."""
    text = f"Breaking {PLANTED}\n\n" + ARTICLE
    hostile = report(text)
    hostile.claims[0].statement = f"nine killed {PLANTED}"
    hostile.claims[0].flags[0].message = f'" onmouseover="window.pwned=3" {PLANTED}'
    res = Result[ConflictReport](
        article_id='x"><script>window.pwned=4</script>',
        title=f"Hostile {PLANTED}",
        report=hostile,
        meta=meta(model=f"m{PLANTED}"),
    )
    return res, text


def failed_result(article_id: str = "no-answer") -> Result[Any]:
    return Result[ConflictReport](
        article_id=article_id, title="The model never answered", error="no valid answer after 3 attempts",
        error_kind="invalid_answer", meta=meta(attempts=[]),
    )  # fmt: skip


def gold_article(article_id: str = "qaryat-depot") -> GoldArticle:
    """Gold labels for ARTICLE: the model's result above misses one claim and flags one it need not."""
    return GoldArticle.model_validate({
        "id": article_id, "split": "dev", "tags": ["casualties"],
        "article": {"id": article_id, "text": ARTICLE},
        "events": [{"sub_event_type": "Air/drone strike", "date": "2024-05-06", "date_precision": "day",
                    "location": "Qaryat", "perpetrators": ["Northern Front"], "fatalities": None}],
        "actors": [{"name": "Northern Front", "kind": "non_state_armed_group"}],
        "claims": [
            {"statement": "nine workers were killed", "kind": "casualties", "claimant": "the regional governor",
             "cue": "said", "status": "attributed_named", "should_flag": True,
             "reasons": ["casualty_figure_disputed"]},
            {"statement": "the Northern Front carried out the attack", "kind": "responsibility",
             "claimant": "the regional governor", "cue": "blamed", "status": "contested", "should_flag": False},
            {"statement": "the depot was hit by a stray missile", "kind": "other", "claimant": "the Northern Front",
             "cue": "said", "status": "attributed_named", "should_flag": True,
             "reasons": ["single_interested_source"]},
            {"statement": "four people were killed", "kind": "casualties", "claimant": "a local monitoring group",
             "cue": "put", "status": "attributed_named", "should_flag": False},
        ],
    })  # fmt: skip

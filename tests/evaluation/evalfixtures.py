"""Small hand-made gold articles and predictions for the evaluation tests (no model, no network).

The articles are invented for these tests. Evidence offsets are computed from the text, so the
gold files written here always satisfy the format's span check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extractor.articles import Article
from extractor.evaluation.gold import GoldActor, GoldArticle, GoldClaim, GoldEvent, GoldSpan
from extractor.results import Attempt, Result, ResultMeta
from extractor.schemas.conflict import Claim, ConflictReport, Event, Flag, Span

STRIKE_TEXT = (
    "A drone strike destroyed a weapons depot near Al-Qaim on Wednesday, killing three fighters of "
    "Kata'ib Hezbollah, the group said in a statement. "
    "U.S. Central Command said its forces carried out the strike in response to attacks on American troops. "
    "An Iraqi security official, speaking on condition of anonymity, said five people were killed. "
    "CENTCOM accused Iran of supplying the militia with the drones used in earlier attacks. "
    "Tehran denied any role."
)
ANALYSIS_TEXT = (
    "The militia has grown more capable since last year. "
    "It now fields drones that can fly several hundred kilometres, footage reviewed for this report shows."
)


def span(text: str, quote: str) -> GoldSpan:
    """Gold evidence for ``quote`` located in ``text``."""
    start = text.index(quote)
    return GoldSpan(text=quote, char_start=start, char_end=start + len(quote))


def pred_span(text: str, quote: str, status: str = "exact") -> Span:
    """A located predicted span."""
    start = text.index(quote)
    return Span(text=quote, char_start=start, char_end=start + len(quote), status=status)  # type: ignore[arg-type]


def strike_gold() -> GoldArticle:
    """Dev article: one strike, five claims (three should be flagged)."""
    text = STRIKE_TEXT
    return GoldArticle(
        id="g001",
        split="dev",
        tags=["us_strike", "casualty_dispute"],
        article=Article(id="g001", text=text, title="Drone strike hits depot", published="2024-03-08"),
        events=[
            GoldEvent(
                sub_event_type="Air/drone strike",
                date="2024-03-06",
                date_precision="day",
                country="Iraq",
                location="Al-Qaim",
                perpetrators=["U.S. forces"],
                targets=["Kata'ib Hezbollah"],
                weapons=["drone"],
                fatalities=3,
                casualty_source="Kata'ib Hezbollah",
                evidence=[span(text, "A drone strike destroyed a weapons depot near Al-Qaim on Wednesday")],
            )
        ],
        actors=[
            GoldActor(name="Kata'ib Hezbollah", aliases=["KH", "Hezbollah Brigades"], kind="non_state_armed_group"),
            GoldActor(name="U.S. Central Command", aliases=["CENTCOM"], kind="external_forces"),
            GoldActor(name="U.S. forces", aliases=["American troops"], kind="external_forces"),
            GoldActor(name="Iran", aliases=["Tehran"], kind="government"),
        ],
        claims=[
            GoldClaim(
                statement="U.S. forces carried out the strike",
                kind="responsibility",
                claimant="U.S. Central Command",
                cue="said",
                status="attributed_named",
                claimant_is_party=True,
                evidence=[span(text, "U.S. Central Command said its forces carried out the strike")],
                should_flag=False,
            ),
            GoldClaim(
                statement="The strike killed three Kata'ib Hezbollah fighters",
                kind="casualties",
                claimant="Kata'ib Hezbollah",
                cue="said",
                status="attributed_named",
                claimant_is_party=True,
                evidence=[span(text, "killing three fighters of Kata'ib Hezbollah, the group said")],
                should_flag=True,
                reasons=["casualty_figure_from_party", "casualty_figure_disputed"],
            ),
            GoldClaim(
                statement="Five people were killed in the strike",
                kind="casualties",
                claimant="an Iraqi security official",
                cue="said",
                status="attributed_anonymous",
                evidence=[span(text, "said five people were killed")],
                should_flag=True,
                reasons=["anonymous_source", "casualty_figure_disputed"],
            ),
            GoldClaim(
                statement="Iran supplied the militia with the drones used in earlier attacks",
                kind="state_involvement",
                claimant="CENTCOM",
                cue="accused",
                status="attributed_named",
                claimant_is_party=True,
                evidence=[span(text, "CENTCOM accused Iran of supplying the militia with the drones")],
                should_flag=True,
                reasons=["state_involvement_unsupported", "single_interested_source"],
            ),
            GoldClaim(
                statement="Iran had no role in the attacks",
                kind="denial",
                claimant="Iran",
                cue="denied",
                status="denied",
                claimant_is_party=True,
                evidence=[span(text, "Tehran denied any role.")],
                should_flag=False,
            ),
        ],
    )


def analysis_gold() -> GoldArticle:
    """Test article without events: one author assertion that should be flagged."""
    return GoldArticle(
        id="g002",
        split="test",
        tags=["no_event"],
        article=Article(id="g002", text=ANALYSIS_TEXT, published="2024-04-02"),
        claims=[
            GoldClaim(
                statement="The militia fields drones that can fly several hundred kilometres",
                kind="other",
                claimant="author",
                status="author_asserted",
                evidence=[span(ANALYSIS_TEXT, "It now fields drones that can fly several hundred kilometres")],
                should_flag=True,
                reasons=["author_assertion"],
            )
        ],
    )


def flag(code: str) -> Flag:
    return Flag(code=code, message=code.replace("_", " "))


def strike_prediction() -> ConflictReport:
    """A plausible model output for the strike article: one extra event, one missed and one extra claim."""
    text = STRIKE_TEXT
    return ConflictReport(
        events=[
            Event(
                sub_event_type="Air/drone strike",
                date_text="on Wednesday",
                date="2024-03-06",
                date_precision="day",
                country="Iraq",
                location="Al Qaim",
                perpetrators=["US forces"],
                targets=["KH"],
                fatalities=5,
                spans=[pred_span(text, "A drone strike destroyed a weapons depot")],
            ),
            Event(sub_event_type="Armed clash", location="Baghdad", perpetrators=["unknown gunmen"]),
        ],
        actors=[],
        claims=[
            Claim(
                statement="US forces carried out the strike",
                kind="responsibility",
                claimant="CENTCOM",
                cue="said",
                status="attributed_named",
                confidence=0.9,
                spans=[pred_span(text, "U.S. Central Command said its forces carried out the strike")],
            ),
            Claim(
                statement="The strike killed three Kata'ib Hezbollah fighters",
                kind="other",
                claimant="Kata'ib Hezbollah",
                cue="said in a statement",
                status="attributed_named",
                confidence=0.4,
                flags=[flag("casualty_figure_from_party")],
                spans=[pred_span(text, "killing three fighters of Kata'ib Hezbollah", "normalized")],
            ),
            Claim(
                statement="Iran supplied the militia with drones",
                kind="state_involvement",
                claimant="CENTCOM",
                cue="accused",
                status="attributed_named",
                confidence=0.3,
                flags=[flag("single_interested_source")],
                spans=[pred_span(text, "CENTCOM accused Iran of supplying the militia", "fuzzy")],
            ),
            Claim(
                statement="Iran had no role",
                kind="denial",
                claimant="Tehran",
                cue="denied",
                status="denied",
                confidence=0.6,
                flags=[flag("hedged_attribution")],
                spans=[Span(text="Iran denied everything", status="not_found")],
            ),
            Claim(
                statement="The depot stored rockets",
                kind="other",
                claimant="author",
                status="author_asserted",
                confidence=0.8,
                spans=[pred_span(text, "a weapons depot")],
            ),
        ],
    )


def meta(**changes: Any) -> ResultMeta:
    values: dict[str, Any] = {
        "extractor_version": "0.1.0",
        "backend": "openai",
        "model": "gpt-4o-mini",
        "mode": "tools",
        "prompt": "extract",
        "prompt_hash": "abc123abc123",
        "schema_name": "ConflictReport",
        "schema_hash": "def456def456",
        "segmenter": "pysbd/1",
        "temperature": 0.0,
        "verifier": "verify/1",
    }
    return ResultMeta(**{**values, **changes})


def strike_result(report: ConflictReport | None = None, **meta_changes: Any) -> Result[ConflictReport]:
    """A successful result: 1000 tokens in, 200 out, 2 s, one attempt."""
    return Result[ConflictReport](
        article_id="g001",
        report=report if report is not None else strike_prediction(),
        meta=meta(tokens_in=1000, tokens_out=200, latency_s=2.0, attempts=[Attempt(number=1, ok=True)], **meta_changes),
    )


def failed_analysis_result() -> Result[ConflictReport]:
    """A failed result: three invalid attempts, 3000 tokens in, 300 out, 4 s."""
    attempts = [Attempt(number=n, ok=False, error="claims.0.kind: invalid") for n in (1, 2, 3)]
    return Result[ConflictReport](
        article_id="g002",
        error="the model's output failed validation 3 times",
        meta=meta(tokens_in=3000, tokens_out=300, latency_s=4.0, attempts=attempts),
    )


def write_gold_folder(folder: Path, articles: list[GoldArticle]) -> Path:
    """Write ``<id>.txt`` + ``<id>.gold.json`` for each article (format extractor-gold/1)."""
    folder.mkdir(parents=True, exist_ok=True)
    for gold in articles:
        header = ""
        if gold.article.title:
            header += f"title: {gold.article.title}\n"
        if gold.article.published:
            header += f"published: {gold.article.published.isoformat()}\n"
        (folder / f"{gold.id}.txt").write_text((header + "\n" if header else "") + gold.article.text, encoding="utf-8")
        labels = gold.model_dump(mode="json", exclude={"article"})
        (folder / f"{gold.id}.gold.json").write_text(
            json.dumps({"format": "extractor-gold/1", **labels}, indent=2), encoding="utf-8"
        )
    return folder

"""Long articles go to the model in parts; the parts' reports merge back with article-wide sentence ids."""

from __future__ import annotations

import re

from extractor.backends.base import ExtractionFailed
from extractor.chunking import split_into_parts
from extractor.pipeline import Extractor, Options
from extractor.schemas.conflict import Actor, Claim, ConflictReport, Event
from extractor.sentences import split_sentences
from tests.test_pipeline_plumbing import ScriptedBackend


def long_article(paragraphs: int = 40) -> str:
    """About 2,000 words: each paragraph names a town and a toll, so every sentence can be told apart."""
    lines = []
    for n in range(1, paragraphs + 1):
        lines.append(
            f"Rockets struck an outpost near Town{n} early on Monday and wounded {n} guards, local officials said. "
            f"The Hezbollah Brigades claimed the attack on Town{n} in a short statement posted on its channel. "
            f"Residents of Town{n} said they heard several loud blasts before dawn and saw smoke over the hills."
        )
    return "\n\n".join(lines)


def test_short_articles_stay_whole_and_long_ones_split_at_sentence_ends() -> None:
    short = split_sentences("Drones hit a depot, the army said.\nNo one was hurt.")
    assert [(p.offset, len(p.sentences)) for p in split_into_parts(short)] == [(0, 2)]
    text = long_article()
    sentences = split_sentences(text)
    parts = split_into_parts(sentences, text)
    assert len(parts) == 3  # ~2,000 words in parts of about 800
    assert [p.offset for p in parts] == [0, len(parts[0].sentences), len(parts[0].sentences) + len(parts[1].sentences)]
    assert [s.text for p in parts for s in p.sentences] == [s.text for s in sentences]  # nothing lost or repeated
    assert all(p.sentences[0].id == 1 for p in parts)  # each part is numbered like a whole article
    assert all(p.sentences[0].text.startswith("Rockets struck") for p in parts)  # and opens a paragraph
    assert split_into_parts(sentences)[1].sentences[0].text != parts[1].sentences[0].text  # without text: any end
    sizes = [sum(len(s.text.split()) for s in p.sentences) for p in parts]
    assert max(sizes) - min(sizes) < 60


def part_report(town: int, sentence: int) -> ConflictReport:
    """What a model might answer for one part: the same militia and event type each time, one claim."""
    return ConflictReport(
        events=[Event(sub_event_type="Shelling/artillery/missile attack", location=f"Town{town}", date_text="Monday",
                      evidence=[sentence])],
        actors=[Actor(name="Hezbollah Brigades", aliases=["KH"] if town == 1 else ["Kataib Hezbollah"],
                      kind="non_state_armed_group")],
        claims=[Claim(statement=f"the Hezbollah Brigades attacked Town{town}", kind="responsibility",
                      claimant="Hezbollah Brigades", cue="claimed", evidence=[sentence + 1])],
    )  # fmt: skip


def test_a_long_article_is_extracted_in_parts_and_merged() -> None:
    text = long_article()
    parts = split_into_parts(split_sentences(text), text)
    towns = [int(re.search(r"Town(\d+)", p.sentences[0].text).group(1)) for p in parts]
    backend = ScriptedBackend(*(part_report(town, 1) for town in towns))
    with Extractor(backend) as extractor:
        result = extractor.extract(text, published="2024-03-05")
    assert result.ok, result.error
    assert len(backend.calls) == len(parts)
    first_prompt = backend.calls[1]["messages"][-1]["content"]
    assert "[1] Rockets struck an outpost near Town" + str(towns[1]) in first_prompt  # part 2 numbered from 1
    report = result.report
    assert [e.location for e in report.events] == [f"Town{t}" for t in towns]
    for event, part in zip(report.events, parts, strict=True):
        assert event.evidence == [part.offset + 1] and f"Town{event.location[4:]} " in event.spans[0].text
    for claim, town in zip(report.claims, towns, strict=True):  # each claim grounded in its own part's sentence
        assert f"claimed the attack on Town{town} " in claim.spans[0].text
    (actor,) = report.actors  # one militia, every alias kept
    assert set(actor.aliases) == {"KH", "Kataib Hezbollah"}
    assert [a.part for a in result.meta.attempts] == [n for n in range(1, len(parts) + 1) for _ in (1, 2)]
    assert [a.step for a in result.meta.attempts] == [None, "events"] * len(parts)  # each part lists its events
    assert [a.number for a in result.meta.attempts] == list(range(1, 2 * len(parts) + 1))


def test_a_failed_part_is_named_and_the_rest_is_kept() -> None:
    text = long_article()
    parts = split_into_parts(split_sentences(text), text)
    failure = ExtractionFailed("max_tokens reached", [])
    answers = [part_report(1, 1), failure] + [part_report(1, 1)] * (len(parts) - 2)
    with Extractor(ScriptedBackend(*answers)) as extractor:
        result = extractor.extract(text, published="2024-03-05")
    assert result.ok and len(result.report.claims) >= 1
    with Extractor(ScriptedBackend(*[failure] * len(parts))) as extractor:
        failed = extractor.extract(text, published="2024-03-05")
    assert not failed.ok and "every part of the long article failed" in failed.error
    assert f"part 1/{len(parts)}" in failed.error


def test_a_merged_report_may_hold_more_claims_than_one_answer_and_loads_back(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from extractor.evaluation.results_io import load_results, save_results

    text = long_article()
    parts = split_into_parts(split_sentences(text), text)
    many = [part_report(n, 1) for n in range(len(parts))]
    for number, report in enumerate(many):  # five distinct claims per part: more than 12 in all
        report.claims = [report.claims[0].model_copy(update={"statement": f"claim {i} of part {number}"})
                         for i in range(5)]  # fmt: skip
    with Extractor(ScriptedBackend(*many), options=Options(verify=False)) as extractor:
        result = extractor.extract(text, published="2024-03-05")
    assert len(result.report.claims) > 12
    save_results([result], tmp_path / "r.jsonl")
    assert len(load_results(tmp_path / "r.jsonl")[0].report.claims) == len(result.report.claims)

"""Grounding beyond the basics: misquotes stay not_found, "[id N]" for unknown ids, speed on a long article."""

import random

from pydantic import BaseModel

from extractor.schemas.conflict import Span
from extractor.sentences import split_sentences
from extractor.verification import ground_report
from extractor.verification.spans import MIN_FUZZY_CHARS, ground_ids, locate
from tests.verification.helpers import report

TEXT = (
    "Eight members of the brigade were killed when the convoy was hit outside Deir Hafer, a commander told reporters.\n"
    "The U. S. Navy said the destroyer shot down three drones over the northern Red Sea on Saturday.\n"
    "Fighting in Iraq's Anbar province has eased since the spring, residents said."
)


def test_unknown_sentence_id_is_kept_as_a_not_found_span_named_by_its_id() -> None:
    spans = ground_ids([3, 9], split_sentences(TEXT))
    assert [s.status for s in spans] == ["exact", "not_found"]
    assert spans[1].text == "[id 9]" and spans[1].char_start is None and spans[1].char_end is None


def test_abbreviation_spacing_in_the_source_is_normalized_both_ways() -> None:
    span = locate("The U.S. Navy said the destroyer shot down three drones", TEXT)
    assert span.status == "normalized"
    assert TEXT[span.char_start : span.char_end] == "The U. S. Navy said the destroyer shot down three drones"


def test_a_quote_with_a_changed_number_is_a_misquote_not_a_fuzzy_match() -> None:
    faithful = locate("Eight members of the brigade were killed when a convoy was hit outside Deir Hafer", TEXT)
    changed = locate("Nine members of the brigade were killed when the convoy was hit outside Deir Hafer", TEXT)
    assert faithful.status == "fuzzy" and faithful.text.startswith("Eight members")
    assert changed.status == "not_found" and changed.char_start is None
    assert changed.text == "Nine members of the brigade were killed when the convoy was hit outside Deir Hafer"


def test_a_quote_with_a_changed_name_is_a_misquote() -> None:
    span = locate("Fighting in Iran's Anbar province has eased since the spring", TEXT)
    assert span.status == "not_found"


def test_short_quotes_are_never_matched_fuzzily() -> None:
    assert len("downed three drones") < MIN_FUZZY_CHARS
    assert locate("downed three drones", TEXT).status == "not_found"  # "shot down three drones" in the text
    assert locate("shot down three drones", TEXT).status == "exact"


def test_a_fuzzy_span_covers_the_quotes_whole_counterpart_in_a_repetitive_article() -> None:
    template = "Officials said {n} fighters were killed near {place} when a drone struck a truck."
    places = ["Al-Qaim", "Erbil", "Tanf", "Mayadin"]
    text = " ".join(template.format(n=n, place=places[n % 4]) for n in range(2, 40))
    span = locate("23 fighter were killed near Mayadin when a drone struck a truck", text)
    assert span.status == "fuzzy"
    assert text[span.char_start : span.char_end].startswith("23 fighters were killed near Mayadin")


class QuotedFinding(BaseModel):
    """A user schema's item: quote evidence (one string or several), spans filled by the verifier."""

    what: str
    evidence: str | list[str]
    spans: list[Span] = []


class UserReport(BaseModel):
    findings: list[QuotedFinding]
    claims: list[QuotedFinding]


def test_ground_report_aligns_quote_evidence_of_a_user_schema() -> None:
    user = UserReport(
        findings=[QuotedFinding(what="ignored: not events or claims", evidence="shot down three drones")],
        claims=[
            QuotedFinding(what="drones downed", evidence="the destroyer shot down three drones"),
            QuotedFinding(what="made up", evidence=["an invented sentence about rockets here", "Deir Hafer"]),
        ],
    )
    grounded = ground_report(user, TEXT)
    assert [[s.status for s in c.spans] for c in grounded.claims] == [["exact"], ["not_found", "exact"]]
    assert grounded.claims[0].spans[0].sentence_ids == [2]
    assert grounded.findings[0].spans == []
    assert ground_report(report([]), TEXT).claims == []


def _long_article(words: int = 5000) -> str:
    rng = random.Random(11)
    subjects = ["A militia spokesman", "The provincial governor", "Two residents", "The defense ministry", "A medic"]
    verbs = ["said", "told reporters", "confirmed", "wrote on Telegram"]
    places = ["Al-Qaim", "Abu Kamal", "Erbil", "Tanf", "Hodeidah", "Mayadin", "Jurf al-Nasr", "Ain al-Asad", "Sanaa"]
    things = ["a drone struck a fuel truck", "rockets landed near a checkpoint", "a convoy was ambushed at dawn",
              "an airstrike hit a warehouse", "shelling damaged a school"]  # fmt: skip
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < words:
        n = rng.randint(2, 40)
        sentences.append(f"{rng.choice(subjects)} {rng.choice(verbs)} that {rng.choice(things)} near "
                         f"{rng.choice(places)}, leaving {n} people dead.")  # fmt: skip
    return "\n".join(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))


def test_locating_quotes_in_a_5000_word_article_takes_milliseconds() -> None:
    text = _long_article()
    sentences = split_sentences(text)
    picked = random.Random(5).sample(sentences, 20)
    quotes = []
    for i, sentence in enumerate(picked):
        words = sentence.text.split()
        quote = " ".join(words[1:-1])
        quotes.append(quote if i % 2 else quote.replace(" that ", " that  ").upper())  # exact or normalized
    quotes += [
        picked[0].text.replace(" near ", " close to "),
        "Iranian advisers loaded the drones onto trucks at night",
    ]
    locate(quotes[0], text, sentences)  # folding the article is cached once per text, as in a verify() run
    spans = [locate(q, text, sentences) for q in quotes]  # speed: benchmarks/grounding.py, not a unit test
    assert len(text.split()) >= 5000
    assert {s.status for s in spans[:20]} == {"exact", "normalized"}
    assert spans[20].status == "fuzzy" and spans[21].status == "not_found"

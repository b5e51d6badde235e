"""Property-based tests: any input, no crash; offsets stay inside the text; a located span is the text it
points to. (hypothesis generates the inputs; no model is involved.)"""

from __future__ import annotations

import datetime as dt
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.articles import Article, ArticleError, parse_text, read_jsonl, read_stream
from extractor.dates import resolve_date
from extractor.schemas.conflict import ConflictReport
from extractor.verification import check
from extractor.verification.spans import locate

SETTINGS = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
words = st.text(alphabet=st.sampled_from(list("abc XYZ,.;:-\n\t'\"0123456789[]{}%é")), max_size=300)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@SETTINGS
@given(raw=texts)
def test_the_article_reader_never_crashes(raw: str) -> None:
    try:
        article = parse_text(raw, "a\nb", "a.txt")
    except ArticleError:
        return
    assert article.text.strip() and article.text in raw
    assert "\n" not in article.id and "\n" not in (article.title or "")


@SETTINGS
@given(raw=texts)
def test_the_stream_reader_never_crashes(raw: str) -> None:
    try:
        articles = list(read_stream(io.StringIO(raw), on_error=lambda _exc: None))
    except ArticleError:
        return
    assert all(isinstance(a, Article) for a in articles)


@SETTINGS
@given(records=st.lists(json_values | st.fixed_dictionaries({"id": json_values, "text": json_values}), max_size=6))
def test_the_jsonl_reader_keeps_every_good_line_and_reports_each_bad_one(records: list[object]) -> None:
    lines = [json.dumps(r) for r in records]
    problems: list[ArticleError] = []
    articles = list(read_jsonl(lines, "x.jsonl", problems.append))
    assert len(articles) + len(problems) == sum(1 for line in lines if line.strip())
    assert len({a.id for a in articles}) == len(articles)
    assert all("\n" not in a.id for a in articles)


@SETTINGS
@given(text=st.none() | texts | words, published=st.none() | st.dates())
def test_date_resolution_never_crashes(text: str | None, published: dt.date | None) -> None:
    value, precision = resolve_date(text, published)
    if value is not None:
        assert isinstance(value, str) and precision is not None


@SETTINGS
@given(source=words, data=st.data())
def test_a_located_span_is_the_text_it_points_to(source: str, data: st.DataObject) -> None:
    if source:
        start = data.draw(st.integers(0, len(source)))
        end = data.draw(st.integers(start, len(source)))
        evidence = data.draw(st.sampled_from([source[start:end], source[start:end].upper(), "  " + source[start:end]]))
    else:
        evidence = data.draw(words)
    span = locate(evidence, source)
    if span.char_start is None:
        assert span.status == "not_found"
        return
    assert 0 <= span.char_start <= span.char_end <= len(source)
    assert span.text == source[span.char_start : span.char_end]
    if span.status == "exact":
        assert span.text == evidence.strip()


@SETTINGS
@given(source=words, quotes=st.lists(words, max_size=3), fatalities=st.none() | st.integers(-(10**6), 10**6))
def test_the_verifier_never_crashes_and_keeps_offsets_inside_the_text(
    source: str, quotes: list[str], fatalities: int | None
) -> None:
    report = ConflictReport.model_validate({
        "events": [{"event_type": "Battles", "sub_event_type": "Armed clash", "fatalities": fatalities}],
        "actors": [],
        "claims": [
            {"statement": q or "x", "claimant": "an official", "kind": "other", "spans": [{"text": q}]}
            for q in quotes
        ],
    })  # fmt: skip
    checked = check(report, source).report
    for item in [*checked.events, *checked.claims]:
        for span in item.spans:
            if span.char_start is not None:
                assert 0 <= span.char_start <= span.char_end <= len(source)
                assert span.text == source[span.char_start : span.char_end]

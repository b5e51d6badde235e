"""Reading articles: headers, JSONL records, stdin, and clear errors naming the record and the fix."""

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from extractor.articles import ArticleError, parse_text, read_inputs, read_path, read_stream
from extractor.errors import BadInput


def test_headers_are_parsed_and_offsets_refer_to_the_body() -> None:
    article = parse_text("title: Strike\npublished: 2024-01-17\n\nBody one.\nBody two.\n", "a", "a.txt")
    assert article.title == "Strike"
    assert article.published == dt.date(2024, 1, 17)
    assert article.text == "Body one.\nBody two.\n"


def test_text_without_headers_is_all_body() -> None:
    article = parse_text("Title line\n\nBody.", "x", "x.txt")
    assert article.title is None and article.published is None
    assert article.text == "Title line\n\nBody."


def test_bad_published_header_names_file_and_fix() -> None:
    with pytest.raises(ArticleError) as info:
        parse_text("published: 22/11/2023\n\nBody.", "a", "a.txt")
    assert "a.txt" in str(info.value) and "YYYY-MM-DD" in str(info.value)


def test_jsonl_records(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1, "text": "One.", "published": "2024-02-12"}\n\n{"id": "b", "text": "Two."}\n')
    articles = list(read_path(path))
    assert [a.id for a in articles] == ["1", "b"]
    assert articles[0].published == dt.date(2024, 2, 12)
    assert articles[1].origin == f"{path}:3"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("not json", "not valid JSON"),
        ('{"id": "a"}', "no 'text'"),
        ('{"text": "x"}', "no 'id'"),
        ('{"id": "a", "text": "x", "published": "soon"}', "not an ISO date"),
        ("[1, 2]", "not a JSON object"),
    ],
)
def test_bad_jsonl_record_names_line_and_fix(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "ok", "text": "Fine."}\n' + line + "\n")
    with pytest.raises(ArticleError) as info:
        list(read_path(path))
    assert f"{path}:2" in str(info.value)
    assert problem in str(info.value)
    assert "Fix:" in str(info.value)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n')
    with pytest.raises(ArticleError, match="duplicate id"):
        list(read_path(path))


def test_stdin_text_and_jsonl() -> None:
    assert next(read_stream(io.StringIO("published: 2024-01-01\n\nText."))).published == dt.date(2024, 1, 1)
    records = list(read_stream(io.StringIO('{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n')))
    assert [a.id for a in records] == ["a", "b"]


def test_missing_file_and_folder_and_binary(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file"):
        list(read_inputs([str(tmp_path / "nope.txt")], io.StringIO()))
    with pytest.raises(ArticleError, match="is a folder"):
        list(read_inputs([str(tmp_path)], io.StringIO()))
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ArticleError, match="UTF-8"):
        list(read_inputs([str(binary)], io.StringIO()))


def test_empty_body_is_an_error() -> None:
    with pytest.raises(ArticleError, match="no text"):
        parse_text("title: Only a title\n\n", "a", "a.txt")


@pytest.mark.parametrize(
    "value", ["2024-01-17 or maybe 1999", "2024-01-17x", "20240117", "2024-W03-3", "2024-1-7", "2024-01-17T", "1999"]
)
def test_a_published_value_must_be_exactly_an_iso_date(tmp_path: Path, value: str) -> None:
    with pytest.raises(BadInput) as header:
        parse_text(f"published: {value}\n\nBody.", "a", "a.txt")
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "x", "published": value}) + "\n")
    with pytest.raises(ArticleError) as record:
        list(read_path(path))
    for error, origin in ((header.value, "a.txt"), (record.value, f"{path}:1")):
        message = str(error)
        assert message.startswith(f"{origin}: published date {value!r} is not an ISO date"), message
        assert "Fix: write it as YYYY-MM-DD" in message and error.exit_code == 2


@pytest.mark.parametrize(
    ("value", "day"),
    [("2024-01-17", dt.date(2024, 1, 17)), (" 2024-01-17 ", dt.date(2024, 1, 17)),
     ("2024-01-17T23:30:00Z", dt.date(2024, 1, 17)), ("2024-01-17 08:30+02:00", dt.date(2024, 1, 17))],
)  # fmt: skip
def test_an_iso_date_or_full_datetime_is_its_date(value: str, day: dt.date) -> None:
    assert parse_text(f"published: {value}\n\nBody.", "a", "a.txt").published == day


@pytest.mark.parametrize("line", ['{"id": null, "text": "x"}', '{"id": "  ", "text": "x"}', '{"text": "x"}'])
def test_a_null_or_blank_id_is_a_missing_id(tmp_path: Path, line: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(BadInput, match=rf"^{re.escape(str(path))}:1: the record has no 'id'\. Fix: give every"):
        list(read_path(path))


@pytest.mark.parametrize(("value", "kind"), [("[1]", "an array"), ('{"a": 1}', "an object"), ("true", "a boolean"),
                                             ("1.0", "a number with a decimal point")])  # fmt: skip
def test_an_id_that_is_neither_a_string_nor_a_whole_number_is_refused(tmp_path: Path, value: str, kind: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(f'{{"id": {value}, "text": "x"}}\n{{"id": 7, "text": "y"}}\n')
    problems: list[ArticleError] = []
    articles = list(read_path(path, problems.append))
    assert [a.id for a in articles] == ["7"]
    (problem,) = problems
    assert str(problem).startswith(f"{path}:1: the record's 'id' is {kind}, not a string or a whole number")
    assert "Fix: give it a string or a whole number" in str(problem)

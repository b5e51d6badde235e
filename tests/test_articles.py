"""Reading articles: headers, JSONL records, stdin, and clear errors naming the record and the fix."""

import datetime as dt
import io
from pathlib import Path

import pytest

from extractor.articles import ArticleError, parse_text, read_inputs, read_path, read_stream


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

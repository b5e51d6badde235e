"""Read articles from .txt/.md files, JSONL records or stdin into ``Article`` objects.

A text file may start with ``title:`` and ``published:`` header lines (the only header keys: any other
``Key: value`` line, e.g. ``Source: Reuters``, is the article's first line). A UTF-8 byte-order mark is
dropped. Titles and ids are one line: newlines and other control characters in them become spaces, so a
title cannot forge a ``Published:`` line in the prompt.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel, Field, ValidationError

_HEADER = re.compile(r"^(title|published)\s*:\s*(.*)$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
BOM = "\ufeff"
LONG_ARTICLE_WORDS = 50_000  # longer articles need `extract --allow-long` (each ~500 words is one model call)
TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


class Article(BaseModel):
    """One article to extract from. Offsets in results refer to ``text``."""

    id: str = Field(description="stable identifier (file stem, JSONL id, or 'stdin')")
    text: str = Field(description="the article body")
    title: str | None = None
    published: dt.date | None = Field(default=None, description="publication date; relative dates resolve against it")
    url: str | None = None
    origin: str | None = Field(default=None, description="where it was read from, e.g. 'a.jsonl:3'")


def one_line(value: str) -> str:
    """``value`` with newlines and other control characters replaced by spaces (titles, ids)."""
    return _CONTROL.sub(" ", value).strip()


class ArticleError(ValueError):
    """An input record that cannot be read; the message names the record and the fix."""

    def __init__(self, origin: str, problem: str, fix: str) -> None:
        super().__init__(f"{origin}: {problem}. Fix: {fix}")
        self.origin, self.problem, self.fix = origin, problem, fix


def parse_date(value: str, origin: str) -> dt.date:
    """An ISO date (a datetime is cut to its date), or an ArticleError naming ``origin``."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ArticleError(origin, f"published date {value!r} is not an ISO date", "write it as YYYY-MM-DD") from None


def parse_text(raw: str, article_id: str, origin: str) -> Article:
    """An article from plain text whose first lines may be ``title:``/``published:`` headers."""
    raw = raw.removeprefix(BOM)
    lines = raw.splitlines(keepends=True)
    headers: dict[str, str] = {}
    consumed = 0
    for line in lines:
        match = _HEADER.match(line.strip())
        if not match:
            break
        headers[match.group(1).lower()] = match.group(2).strip()
        consumed += len(line)
    body = raw[consumed:]
    if headers:
        body = body.lstrip("\r\n")
    if not body.strip():
        raise ArticleError(origin, "the article has no text", "put the article body after the header lines")
    published = parse_date(headers["published"], origin) if headers.get("published") else None
    return Article(
        id=one_line(article_id) or article_id,
        text=body,
        title=one_line(headers.get("title") or "") or None,
        published=published,
        origin=origin,
    )


def _parse_record(line: str, origin: str) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        fix = 'write one object per line: {"id": ..., "text": ...}'
        raise ArticleError(origin, f"not valid JSON ({exc.msg})", fix) from None
    if not isinstance(record, dict):
        raise ArticleError(
            origin, "the record is not a JSON object", 'write one object per line: {"id": ..., "text": ...}'
        )
    if not str(record.get("text") or "").strip():
        raise ArticleError(origin, "the record has no 'text'", "add the article body as a 'text' field")
    if "id" not in record:
        raise ArticleError(origin, "the record has no 'id'", "give every record a unique 'id'")
    if record.get("published"):
        record["published"] = parse_date(str(record["published"]), origin)
    if isinstance(record.get("title"), str):
        record["title"] = one_line(record["title"]) or None
    try:
        return Article.model_validate({**record, "id": one_line(str(record["id"])), "origin": origin})
    except ValidationError as exc:
        raise ArticleError(origin, exc.errors()[0]["msg"], "check the record's fields against the README") from None


OnError = Callable[[ArticleError], None]


def _raise(error: ArticleError) -> None:
    raise error


def read_jsonl(stream: Iterable[str], name: str, on_error: OnError | None = None) -> Iterator[Article]:
    """Articles from JSONL lines; blank lines are skipped, ids must be unique.

    A bad line raises ArticleError, or, with ``on_error``, is passed to it and skipped: the lines after it
    are still read.
    """
    report = on_error or _raise
    seen: set[str] = set()
    for number, line in enumerate(stream, start=1):
        if number == 1:
            line = line.removeprefix(BOM)
        if not line.strip():
            continue
        try:
            article = _parse_record(line, f"{name}:{number}")
            if article.id in seen:
                raise ArticleError(
                    f"{name}:{number}", f"duplicate id {article.id!r}", "give every record a unique 'id'"
                )
        except ArticleError as exc:
            report(exc)
            continue
        seen.add(article.id)
        yield article


def read_path(path: Path, on_error: OnError | None = None) -> Iterator[Article]:
    """Articles from one file: JSONL by suffix, otherwise a single text article."""
    if not path.exists():
        raise ArticleError(str(path), "no such file", "check the path")
    if path.is_dir():
        raise ArticleError(str(path), "is a folder", "pass the files, e.g. folder/*.txt")
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open(encoding="utf-8") as stream:
                yield from read_jsonl(stream, str(path), on_error)
            return
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ArticleError(str(path), "is not UTF-8 text", "convert it to UTF-8 (e.g. iconv -t UTF-8)") from None
    yield parse_text(raw, path.stem, str(path))


def read_stream(stream: TextIO, name: str = "stdin", on_error: OnError | None = None) -> Iterator[Article]:
    """Articles from a stream: JSONL when the first non-blank character is '{', else one text article."""
    try:
        raw = stream.read().removeprefix(BOM)
    except UnicodeDecodeError:
        raise ArticleError(name, "is not UTF-8 text", "convert it to UTF-8 (e.g. iconv -t UTF-8)") from None
    if "\x00" in raw:
        raise ArticleError(name, "looks binary (it contains NUL bytes)", "give the article as UTF-8 text")
    if raw.lstrip().startswith("{"):
        yield from read_jsonl(raw.splitlines(), name, on_error)
    else:
        yield parse_text(raw, name, name)


def read_inputs(paths: Iterable[str], stdin: TextIO, on_error: OnError | None = None) -> Iterator[Article]:
    """Articles from CLI arguments, where '-' means standard input."""
    for item in paths:
        if item == "-":
            yield from read_stream(stdin, on_error=on_error)
        else:
            yield from read_path(Path(item), on_error)

"""Read articles from .txt/.md files, JSONL records or stdin into ``Article`` objects.

A text file may start with ``title:`` and ``published:`` header lines (the only header keys: any other
``Key: value`` line, e.g. ``Source: Reuters``, is the article's first line). A UTF-8 byte-order mark is
dropped. Titles and ids are one line: newlines and other control characters in them become spaces, so a
title cannot forge a ``Published:`` line in the prompt. A published value is exactly an ISO date (or a full
ISO date-time); a JSONL id is a string or a whole number, and a null one is no id.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel, Field, ValidationError

from extractor.errors import BadInput

_HEADER = re.compile(r"^(title|published)\s*:\s*(.*)$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# A published value: exactly an ISO date, or a full ISO date-time (its date is kept).
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?"
)
_JSON_KINDS = {"list": "an array", "dict": "an object", "bool": "a boolean", "float": "a number with a decimal point"}
DATE_FIX = "write it as YYYY-MM-DD (e.g. 2024-01-17), or as a full ISO date-time (2024-01-17T08:30:00Z)"
BOM = "\ufeff"
LONG_ARTICLE_WORDS = 50_000  # longer articles need `extract --allow-long` (each ~500 words is one model call)
LONG_ARTICLE_CHARS = 500_000  # so do articles with more characters (one long token, text without spaces)
MAX_RECORD_CHARS = 8_000_000  # a JSONL line or a text input longer than this is refused while it is read
SPLIT_FIX = "split the article into several records (each a JSONL line or a file of its own)"
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


class ArticleError(BadInput):
    """An input record that cannot be read (exit 2); the message names the record and the fix."""

    def __init__(self, origin: str, problem: str, fix: str) -> None:
        super().__init__(f"{origin}: {problem}. Fix: {fix}")
        self.origin, self.problem, self.fix = origin, problem, fix


def parse_date(value: str, origin: str) -> dt.date:
    """Exactly an ISO date, or a full ISO date-time cut to its date; else an ArticleError naming ``origin``
    and the ``published`` field (nothing may follow the date: ``2024-01-17 or maybe 1999`` is refused)."""
    text = value.strip()
    try:
        if _ISO_DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
        if _ISO_DATETIME.fullmatch(text):
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    raise ArticleError(origin, f"published date {value!r} is not an ISO date", DATE_FIX)


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
    record_id = _record_id(record, origin)
    if record.get("published"):
        record["published"] = parse_date(str(record["published"]), origin)
    if isinstance(record.get("title"), str):
        record["title"] = one_line(record["title"]) or None
    try:
        return Article.model_validate({**record, "id": record_id, "origin": origin})
    except ValidationError as exc:
        raise ArticleError(origin, exc.errors()[0]["msg"], "check the record's fields against the README") from None


def _record_id(record: dict[str, object], origin: str) -> str:
    """A record's id as one line: a string or a whole number; a null or blank one counts as no id."""
    value = record.get("id")
    if value is None or (isinstance(value, str) and not one_line(value)):
        raise ArticleError(origin, "the record has no 'id'", "give every record a unique 'id'")
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        kind = _JSON_KINDS.get(type(value).__name__, type(value).__name__)
        fix = 'give it a string or a whole number, e.g. "id": "article-17"'
        raise ArticleError(origin, f"the record's 'id' is {kind}, not a string or a whole number", fix)
    return one_line(str(value))


OnError = Callable[[ArticleError], None]


def _raise(error: ArticleError) -> None:
    raise error


def read_jsonl(stream: Iterable[str | None], name: str, on_error: OnError | None = None) -> Iterator[Article]:
    """Articles from JSONL lines; blank lines are skipped, ids must be unique; None stands for a line over
    MAX_RECORD_CHARS (``bounded_lines``), refused unread.

    A bad line raises ArticleError, or, with ``on_error``, is passed to it and skipped: the lines after it
    are still read.
    """
    report = on_error or _raise
    seen: dict[str, int] = {}  # id -> its line
    for number, line in enumerate(stream, start=1):
        if line is None:
            report(ArticleError(f"{name}:{number}", f"the line is over {MAX_RECORD_CHARS:,} characters", SPLIT_FIX))
            continue
        if number == 1:
            line = line.removeprefix(BOM)
        if not line.strip():
            continue
        try:
            article = _parse_record(line, f"{name}:{number}")
            if article.id in seen:
                problem = f"duplicate id {article.id!r}, already on line {seen[article.id]}"
                raise ArticleError(f"{name}:{number}", problem, "give every record a unique 'id'")
        except ArticleError as exc:
            report(exc)
            continue
        seen[article.id] = number
        yield article


def bounded_lines(stream: TextIO) -> Iterator[str | None]:
    """The lines of ``stream``, none read whole when over MAX_RECORD_CHARS: such a line is skipped to its
    end in pieces of that size and stands as None (so a 200 MB line costs a piece of memory, not 200 MB)."""
    limit = MAX_RECORD_CHARS
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith("\n"):
            yield line
            continue
        while (rest := stream.readline(limit)) and not rest.endswith("\n"):
            pass
        yield None


class _Joined:
    """``head`` (already read) and then the rest of ``stream``, for ``bounded_lines``."""

    def __init__(self, head: str, stream: TextIO) -> None:
        self.head, self.stream = io.StringIO(head), stream

    def readline(self, limit: int) -> str:
        line = self.head.readline(limit)
        if line.endswith("\n") or len(line) >= limit:
            return line
        return line + self.stream.readline(limit - len(line))


def _read_text(stream: TextIO, name: str) -> str:
    """The whole of ``stream``, or an ArticleError when it is over MAX_RECORD_CHARS (read no further)."""
    raw = stream.read(MAX_RECORD_CHARS + 1)
    if len(raw) > MAX_RECORD_CHARS:
        raise ArticleError(name, f"is over {MAX_RECORD_CHARS:,} characters", SPLIT_FIX)
    return raw


def read_path(path: Path, on_error: OnError | None = None) -> Iterator[Article]:
    """Articles from one file: JSONL by suffix, otherwise a single text article."""
    if not path.exists():
        raise ArticleError(str(path), "no such file", "check the path")
    if path.is_dir():
        raise ArticleError(str(path), "is a folder", "pass the files, e.g. folder/*.txt")
    try:
        with path.open(encoding="utf-8") as stream:
            if path.suffix.lower() in JSONL_SUFFIXES:
                yield from read_jsonl(bounded_lines(stream), str(path), on_error)
                return
            raw = _read_text(stream, str(path))
    except UnicodeDecodeError:
        raise ArticleError(str(path), "is not UTF-8 text", "convert it to UTF-8 (e.g. iconv -t UTF-8)") from None
    yield parse_text(raw, path.stem, str(path))


def read_stream(stream: TextIO, name: str = "stdin", on_error: OnError | None = None) -> Iterator[Article]:
    """Articles from a stream: JSONL when the first non-blank character is '{', else one text article.
    JSONL is read line by line (``bounded_lines``); a text article may have MAX_RECORD_CHARS characters."""
    try:
        raw = stream.read(MAX_RECORD_CHARS + 1).removeprefix(BOM)
        if "\x00" in raw:
            raise ArticleError(name, "looks binary (it contains NUL bytes)", "give the article as UTF-8 text")
        if raw.lstrip().startswith("{"):
            yield from read_jsonl(bounded_lines(_Joined(raw, stream)), name, on_error)  # type: ignore[arg-type]
            return
        if len(raw) > MAX_RECORD_CHARS:
            raise ArticleError(name, f"is over {MAX_RECORD_CHARS:,} characters", SPLIT_FIX)
    except UnicodeDecodeError:
        raise ArticleError(name, "is not UTF-8 text", "convert it to UTF-8 (e.g. iconv -t UTF-8)") from None
    yield parse_text(raw, name, name)


def read_inputs(paths: Iterable[str], stdin: TextIO, on_error: OnError | None = None) -> Iterator[Article]:
    """Articles from CLI arguments, where '-' means standard input."""
    for item in paths:
        if item == "-":
            yield from read_stream(stdin, on_error=on_error)
        else:
            yield from read_path(Path(item), on_error)

"""Resuming a JSONL output: what is already done, and the file made whole again (no torn last line).

A line counts as done only when this run would have made it so (what the result cache keys on, as far as a
Result records it):

- by the same model, mode, prompt and schema (``RunIdentity``, from ``Result.meta``). A finished line made
  otherwise means the file would hold two runs' results: resuming is refused (``MixedOutput``, exit 2)
  before the file is touched;
- from the same article: text (``meta.text_sha256``), title and publication date (``ArticleKey``). A line
  whose article changed is stale: it is dropped, and the article runs again, so its new result replaces it.

Only one line per id is kept; the lines of ids that are not in this run's inputs are kept as they are.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.articles import Article
from extractor.errors import BadInput
from extractor.pipeline import Extractor, text_sha256


class MixedOutput(BadInput):
    """Resuming would put results made another way (model, mode, prompt, schema) into one output file."""


@dataclass(frozen=True)
class RunIdentity:
    """What every result in one output file shares: the same model, asked the same way."""

    model: str
    mode: str
    prompt_hash: str
    schema_hash: str

    @classmethod
    def of(cls, extractor: Extractor[Any]) -> RunIdentity:
        backend = extractor.backend
        return cls(backend.model, backend.mode, extractor.prompt_hash, extractor._schema_hash)

    def difference(self, meta: Any) -> str | None:
        """How a result's ``meta`` differs from this run ("model 'a' (this run: 'b')"), or None."""
        meta = meta if isinstance(meta, dict) else {}
        for name, label in (("model", "model"), ("mode", "mode"), ("prompt_hash", "prompt hash"),
                            ("schema_hash", "schema hash")):  # fmt: skip
            theirs, ours = meta.get(name), getattr(self, name)
            if theirs != ours:
                return f"{label} {theirs!r} (this run: {ours!r})"
        return None


@dataclass(frozen=True)
class ArticleKey:
    """What of an article its result records: the text's hash, the title and the publication date."""

    text_sha256: str
    title: str | None
    published: str | None

    @classmethod
    def of(cls, article: Article) -> ArticleKey:
        published = article.published.isoformat() if article.published else None
        return cls(text_sha256(article.text), article.title, published)

    def matches(self, record: dict[str, Any]) -> bool:
        meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
        return (meta.get("text_sha256"), record.get("title"), record.get("published")) == (
            self.text_sha256, self.title, self.published,
        )  # fmt: skip


@dataclass
class Resumed:
    """What ``prepare_resume`` found: the ids done, and the lines it dropped (to be run again)."""

    done: set[str] = field(default_factory=set)
    dropped: int = 0  # failed results and a torn last line
    stale: list[str] = field(default_factory=list)  # ids whose article changed since their line was written
    duplicates: int = 0  # second lines for an id already kept


def _finished(line: bytes) -> dict[str, Any] | None:
    """A successful result line as a dict, else None (a failure, or not a result)."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict) or not isinstance(record.get("article_id"), str):
        return None
    if record.get("error") is not None or record.get("report") is None:
        return None
    return record


def article_keys(articles: Iterable[Article]) -> dict[str, ArticleKey]:
    return {article.id: ArticleKey.of(article) for article in articles}


def _refuse_mixing(out: Path, records: list[tuple[bytes, dict[str, Any] | None]], run: RunIdentity) -> None:
    """MixedOutput naming the first finished line of ``out`` that another kind of run made."""
    for number, (_line, record) in enumerate(records, 1):
        difference = run.difference(record.get("meta")) if record is not None else None
        if difference is not None:
            assert record is not None
            raise MixedOutput(
                f"--out {out}: line {number} ({record['article_id']}) was made with {difference}; resuming would "
                "mix two runs' results in one file. Fix: write this run to another --out, or pass --fresh to "
                "replace the file"
            )


def prepare_resume(
    out: Path, run: RunIdentity | None = None, articles: Mapping[str, ArticleKey] | None = None
) -> Resumed:
    """The ids of the articles finished in ``out``, the file made whole for appending.

    A torn last line (a run killed mid-write) is cut off; failed results, stale ones (``articles``: their
    article changed) and second lines for an id are dropped, so those articles run again (the file is then
    rewritten through a temporary file and renamed: a kill during that leaves it as it was). With ``run``,
    a finished line made another way raises MixedOutput and the file is left as it was.
    """
    data = out.read_bytes()
    whole = data if data.endswith(b"\n") or not data else data[: data.rfind(b"\n") + 1]
    records = [(line, _finished(line)) for line in whole.splitlines(keepends=True) if line.strip()]
    if run is not None:
        _refuse_mixing(out, records, run)
    found = Resumed(dropped=0 if whole == data else 1)
    kept: list[bytes] = []
    for line, record in records:
        if record is None:
            found.dropped += 1
            continue
        article_id = record["article_id"]
        if articles is not None and article_id in articles and not articles[article_id].matches(record):
            found.stale.append(article_id)
        elif article_id in found.done:
            found.duplicates += 1
        else:
            found.done.add(article_id)
            kept.append(line)
    if len(kept) == whole.count(b"\n"):
        if whole != data:  # only the torn tail goes
            os.truncate(out, len(whole))
        return found
    _rewrite(out, kept)
    return found


def _rewrite(out: Path, kept: list[bytes]) -> None:
    """``out`` replaced by ``kept`` (through a temporary file, fsynced and renamed; same permissions)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        os.chmod(temporary, out.stat().st_mode & 0o777)
        with os.fdopen(handle, "wb") as stream:
            stream.writelines(kept)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, out)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)

"""A local result cache: the same article, asked the same way of the same model, is never asked twice.

The key covers everything that changes the answer or its verification: model, base URL (redacted), mode,
prompt hash, schema hash, title and publication date (both are in the prompt), temperature, max_retries,
the verification options (verify, samples, sample temperature, LLM verifier, policy and weights) and the
article text's SHA-256. The value is the Result JSON. Only successful results are cached.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

from extractor.articles import Article
from extractor.batch.store import SqliteStore, data_dir
from extractor.pipeline import Extractor, text_sha256
from extractor.redact import redact_url
from extractor.results import Result
from extractor.sentences import SEGMENTER_VERSION
from extractor.verification import VERIFIER_VERSION

CACHE_FILE = "results-cache.sqlite3"


def default_cache_path() -> Path:
    return data_dir() / CACHE_FILE


def _file_hash(path: Path | str | None) -> str | None:
    if path is None:
        return None
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return str(path)


def key_fields(extractor: Extractor[Any], article: Article) -> dict[str, Any]:
    """What the cache key is made of, readable (``extractor cache`` tests and debugging use it)."""
    backend, options = extractor.backend, extractor.options
    return {
        "model": backend.model,
        "base_url": redact_url(backend.base_url),
        "backend": backend.name,
        "mode": backend.mode,
        "prompt_hash": extractor.prompt_hash,
        "schema_hash": extractor._schema_hash,
        "schema_name": extractor.schema.__name__,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "temperature": options.temperature,
        "max_retries": options.max_retries,
        "verify": options.verify,
        "samples": options.samples,
        "sample_temperature": options.sample_temperature if options.samples else None,
        "verify_with_llm": options.verify_with_llm,
        "policy": extractor.policy.fingerprint(),
        "weights": _file_hash(options.weights),
        "verifier": VERIFIER_VERSION if options.verify else None,
        "segmenter": SEGMENTER_VERSION,
        "text_sha256": text_sha256(article.text),
    }


def cache_key(extractor: Extractor[Any], article: Article) -> str:
    fields = key_fields(extractor, article)
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


class ResultCache(SqliteStore):
    """SQLite (WAL, 0600): ``key -> Result JSON``, with hit counts. A file that fails is a miss (store.py)."""

    what = "result cache"
    fix = "`extractor cache clear` removes it"

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(
            path or default_cache_path(),
            "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, model TEXT, prompt_hash TEXT, "
            "schema_hash TEXT, text_sha256 TEXT, result TEXT NOT NULL, created REAL, hits INTEGER DEFAULT 0)",
        )
        self.hits = 0
        self.misses = 0

    def get(self, key: str, schema: type[Any], article: Article) -> Result[Any] | None:
        row = self.attempt(lambda db: db.execute("SELECT result FROM results WHERE key = ?", (key,)).fetchone(), None)
        if row is None:
            self.misses += 1
            return None
        try:
            result = Result[schema].model_validate_json(row[0])  # type: ignore[valid-type]
        except ValueError:
            self.misses += 1
            return None
        self.hits += 1
        self.attempt(lambda db: db.execute("UPDATE results SET hits = hits + 1 WHERE key = ?", (key,)), None)
        return result.model_copy(update={"article_id": article.id})

    def put(self, key: str, result: Result[Any]) -> None:
        """Keep a successful result whose every step was answered (an events request that got no answer
        is a passing fault: the next run asks again)."""
        meta = result.meta
        if not result.ok or meta.events_error_kind not in (None, "invalid_answer"):
            return
        row = (key, meta.model, meta.prompt_hash, meta.schema_hash, meta.text_sha256, result.masked().model_dump_json(),
               time.time())  # fmt: skip
        self.attempt(lambda db: db.execute(
            "INSERT OR REPLACE INTO results (key, model, prompt_hash, schema_hash, text_sha256, result, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", row,
        ), None)  # fmt: skip

    def stats(self) -> dict[str, Any]:
        """Entries, hits and sizes; StoreUnavailable when the file cannot be read."""
        count, hits, size = self.strict(lambda db: db.execute(
            "SELECT COUNT(*), COALESCE(SUM(hits), 0), COALESCE(SUM(LENGTH(result)), 0) FROM results"
        ).fetchone())  # fmt: skip
        models = self.strict(
            lambda db: db.execute("SELECT model, COUNT(*) FROM results GROUP BY model ORDER BY 2 DESC").fetchall()
        )
        return {"path": str(self.path), "entries": count, "hits": hits, "result_bytes": size,
                "file_bytes": self.path.stat().st_size if self.path.exists() else 0,
                "models": {m: n for m, n in models}}  # fmt: skip

    def clear(self) -> int:
        """Delete every entry; StoreUnavailable when the file cannot be changed."""
        removed: int = self.strict(lambda db: db.execute("DELETE FROM results").rowcount)
        self.strict(lambda db: db.execute("VACUUM"))
        return removed

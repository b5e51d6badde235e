"""The run log: every model call (article, request hash, response, tokens, latency, attempts, errors, cost)
in SQLite, one row per structured call, plus one row per run. Read with ``extractor logs``.

Secrets never reach it: every text stored goes through ``extractor.redact`` (registered API keys and URL
passwords masked), and the request itself is stored only as a hash.
"""

from __future__ import annotations

import asyncio
import contextvars
import hashlib
import json
import time
import uuid
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extractor.backends.base import Completion, ExtractionFailed
from extractor.batch.store import SqliteStore, data_dir
from extractor.evaluation.prices import Price, cost_usd
from extractor.redact import redact, redact_url
from extractor.results import Attempt

LOG_FILE = "logs.sqlite3"
current_article: contextvars.ContextVar[str | None] = contextvars.ContextVar("current_article", default=None)


def default_log_path() -> Path:
    return data_dir() / LOG_FILE


def request_hash(messages: list[dict[str, str]], response_model: type[Any], options: dict[str, Any]) -> str:
    """SHA-256 of the messages, the schema's name and the call options (not the HTTP body itself)."""
    payload = {"messages": messages, "schema": response_model.__name__,
               "options": {k: v for k, v in options.items() if k != "context"}}  # fmt: skip
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]


class RunLog(SqliteStore):
    """SQLite (WAL, 0600) with ``runs`` and ``calls``. A file that fails leaves calls unlogged (store.py)."""

    what = "run log"

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(
            path or default_log_path(),
            "CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, started REAL, finished REAL, command TEXT, "
            "articles INTEGER, cached INTEGER, failed INTEGER, tokens_in INTEGER, tokens_out INTEGER, cost_usd REAL);"
            "CREATE TABLE IF NOT EXISTS calls (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT, ts REAL, "
            "article_id TEXT, request_hash TEXT, model TEXT, base_url TEXT, mode TEXT, schema_name TEXT, "
            "response TEXT, tokens_in INTEGER, tokens_out INTEGER, latency_s REAL, attempts INTEGER, "
            "attempt_log TEXT, error TEXT, cost_usd REAL);"
            "CREATE INDEX IF NOT EXISTS calls_article ON calls (article_id);",
        )
        self.run_id: str | None = None

    def start_run(self, command: str) -> str:
        self.run_id = uuid.uuid4().hex[:12]
        row = (self.run_id, time.time(), redact(command))
        self.attempt(lambda db: db.execute("INSERT INTO runs (run_id, started, command) VALUES (?, ?, ?)", row), None)
        return self.run_id

    def finish_run(self, articles: int, cached: int, failed: int, tokens_in: int, tokens_out: int,
                   cost: float | None) -> None:  # fmt: skip
        row = (time.time(), articles, cached, failed, tokens_in, tokens_out, cost, self.run_id)
        self.attempt(lambda db: db.execute(
            "UPDATE runs SET finished = ?, articles = ?, cached = ?, failed = ?, tokens_in = ?, tokens_out = ?, "
            "cost_usd = ? WHERE run_id = ?", row,
        ), None)  # fmt: skip

    def record(self, *, article_id: str | None, request: str, backend: Any, schema_name: str,
               response: str | None, attempts: list[Attempt], latency_s: float, error: str | None,
               price: Price | None) -> None:  # fmt: skip
        tokens_in = sum(a.tokens_in or 0 for a in attempts)
        tokens_out = sum(a.tokens_out or 0 for a in attempts)
        attempt_log = redact(json.dumps([a.model_dump(mode="json") for a in attempts]))
        row = (self.run_id, time.time(), article_id, request, backend.model, redact(redact_url(backend.base_url) or ""),
               backend.mode, schema_name, redact(response) if response is not None else None, tokens_in, tokens_out,
               round(latency_s, 3), len(attempts), attempt_log, redact(error) if error else None,
               cost_usd(tokens_in, tokens_out, price))  # fmt: skip
        self.attempt(lambda db: db.execute(
            "INSERT INTO calls (run_id, ts, article_id, request_hash, model, base_url, mode, schema_name, response, "
            "tokens_in, tokens_out, latency_s, attempts, attempt_log, error, cost_usd) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row,
        ), None)  # fmt: skip

    def calls(self, *, article: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        where, args = ("WHERE article_id = ?", [article]) if article else ("", [])

        def read(db: Any) -> list[dict[str, Any]]:
            rows = db.execute(f"SELECT * FROM calls {where} ORDER BY id DESC LIMIT ?", (*args, limit))
            names = [d[0] for d in rows.description]
            return [dict(zip(names, row, strict=True)) for row in rows.fetchall()][::-1]

        return self.strict(read)

    def totals(self) -> dict[str, Any]:
        row = self.strict(lambda db: db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT article_id), COALESCE(SUM(tokens_in), 0), COALESCE(SUM(tokens_out), 0), "
            "COALESCE(SUM(attempts), 0), SUM(error IS NOT NULL), SUM(cost_usd), COALESCE(SUM(latency_s), 0) FROM calls"
        ).fetchone())  # fmt: skip
        keys = ("calls", "articles", "tokens_in", "tokens_out", "attempts", "errors", "cost_usd", "latency_s")
        totals = dict(zip(keys, row, strict=True))
        totals["errors"] = totals["errors"] or 0
        totals["runs"] = self.strict(lambda db: db.execute("SELECT COUNT(*) FROM runs").fetchone()[0])
        return totals


class LoggingBackend:
    """A backend that records every structured call it passes on (the request is sent unchanged)."""

    def __init__(self, inner: Any, log: RunLog, price: Price | None = None) -> None:
        self.inner, self.log, self.price = inner, log, price
        self.calls = 0

    def __getattr__(self, name: str) -> Any:  # name, model, mode, base_url, aclose, ...
        return getattr(self.inner, name)

    async def complete(self, messages: list[dict[str, str]], response_model: type[BaseModel],
                       **options: Any) -> Completion[Any]:  # fmt: skip
        started = time.perf_counter()
        request = request_hash(messages, response_model, options)
        self.calls += 1
        common = {"article_id": current_article.get(), "request": request, "backend": self.inner,
                  "schema_name": response_model.__name__, "price": self.price}  # fmt: skip
        try:
            completion = await self.inner.complete(messages, response_model, **options)
        except ExtractionFailed as exc:
            self.log.record(**common, response=None, attempts=exc.attempts, error=f"{exc.kind}: {exc}",
                            latency_s=time.perf_counter() - started)  # fmt: skip
            raise
        except asyncio.CancelledError:  # the article's --timeout ran out mid-call
            self.log.record(**common, response=None, attempts=[], error="timeout: cancelled by the article timeout",
                            latency_s=time.perf_counter() - started)  # fmt: skip
            raise
        self.log.record(**common, response=completion.value.model_dump_json(), attempts=completion.attempts,
                        error=None, latency_s=time.perf_counter() - started)  # fmt: skip
        return completion

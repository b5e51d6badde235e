"""The self-describing per-article result: the report plus everything needed to judge, cache and compare it."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from extractor.redact import redact_data

ReportT = TypeVar("ReportT", bound=BaseModel)


class Attempt(BaseModel):
    """One request to the model: kept whether it validated or not."""

    number: int
    ok: bool
    error: str | None = Field(default=None, description="validation or transport error, fed back on retry")
    tokens_in: int | None = None
    tokens_out: int | None = None
    latency_s: float | None = None
    part: int | None = Field(default=None, description="which part of a long article (chunked), else null")
    step: str | None = Field(default=None, description="'events' for the events-only request, else null")


class ResultMeta(BaseModel):
    """Which prompt, schema, model and backend produced a report, and at what cost."""

    extractor_version: str
    backend: str = Field(description="'openai' (any OpenAI-compatible server) or 'local' (embedded llama.cpp)")
    model: str
    base_url: str | None = None
    mode: str = Field(description="instructor mode, e.g. json, tools, json_schema")
    prompt: str = Field(description="prompt template name")
    prompt_hash: str
    schema_name: str
    schema_hash: str
    segmenter: str
    temperature: float
    tokens_in: int = 0
    tokens_out: int = 0
    latency_s: float = 0.0
    attempts: list[Attempt] = Field(default_factory=list)
    text_sha256: str | None = Field(
        default=None, description="SHA-256 of the article text the offsets refer to (verify checks it)"
    )
    events_error: str | None = Field(
        default=None,
        description="why the events request failed (the report then keeps its own events); null when it did not",
    )
    events_error_kind: str | None = Field(
        default=None, description="as error_kind, for the events request: 'unreachable', 'invalid_answer', ..."
    )
    verifier: str | None = Field(default=None, description="verifier version, null when verification was skipped")
    verify_latency_s: float | None = None
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))


class Result(BaseModel, Generic[ReportT]):
    """One article's outcome. ``report`` is None only when ``error`` says why."""

    article_id: str
    title: str | None = None
    published: dt.date | None = None
    report: ReportT | None = None
    error: str | None = None
    error_kind: str | None = Field(
        default=None,
        description="why it failed: 'unreachable' (no answer came back), 'timeout' or 'invalid_answer'",
    )
    meta: ResultMeta

    @property
    def ok(self) -> bool:
        return self.report is not None and self.error is None

    def to_json_dict(self) -> dict[str, Any]:
        """The result as JSON data, registered secrets (an API key a server echoed) masked in every string."""
        return redact_data(self.model_dump(mode="json"))

    def masked(self) -> Result[ReportT]:
        """This result with registered secrets masked in every string (itself when none occurs)."""
        data = self.model_dump(mode="json")
        clean = redact_data(data)
        if clean == data:
            return self
        model = type(self) if self.report is None else Result[type(self.report)]  # the report's own schema
        return model.model_validate(clean)

"""The backend contract: chat messages and a pydantic model in, a validated object and its cost out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypedDict, TypeVar, Unpack

from pydantic import BaseModel

from extractor.errors import ExtractionFailed, NoValidAnswer, ServerUnreachable
from extractor.results import Attempt

__all__ = ["Backend", "Completion", "ExtractionFailed", "NoValidAnswer", "ServerUnreachable"]

T = TypeVar("T", bound=BaseModel)


@dataclass
class Completion(Generic[T]):
    """A validated object plus every attempt it took (failed ones included)."""

    value: T
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def tokens_in(self) -> int:
        return sum(a.tokens_in or 0 for a in self.attempts)

    @property
    def tokens_out(self) -> int:
        return sum(a.tokens_out or 0 for a in self.attempts)


class CallOptions(TypedDict, total=False):
    """How one structured call is made (every backend takes these keywords)."""

    context: dict[str, Any] | None  # what the schema's validators see (e.g. the article's sentence count)
    temperature: float
    max_retries: int  # re-asks after an invalid or cut-off answer
    max_tokens: int | None  # the answer's budget; None: the backend's default


class Backend(Protocol):
    """Something that can fill a pydantic model from chat messages."""

    name: str
    model: str
    mode: str
    base_url: str | None

    async def complete(
        self, messages: list[dict[str, str]], response_model: type[T], **options: Unpack[CallOptions]
    ) -> Completion[T]: ...

    async def aclose(self) -> None: ...

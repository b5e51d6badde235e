"""The embedded default: Qwen2.5-Coder-1.5B-Instruct on llama.cpp, served on 127.0.0.1 and used over HTTP."""

from __future__ import annotations

import asyncio
from typing import Any, TypeVar

from pydantic import BaseModel

from extractor.backends.base import Completion
from extractor.backends.local_server import LocalServer, ServerSettings
from extractor.backends.openai_compat import OpenAICompatBackend

T = TypeVar("T", bound=BaseModel)


class LocalBackend:
    """Starts the local model server on first use and talks to it like any OpenAI-compatible server."""

    name = "local"

    def __init__(self, settings: ServerSettings | None = None, mode: str | None = None) -> None:
        self.settings = settings or ServerSettings()
        self.model = self.settings.alias
        self.mode = mode or "tools"
        self.base_url: str | None = None
        self._server: LocalServer | None = None
        self._http: OpenAICompatBackend | None = None
        self._lock = asyncio.Lock()

    async def _ensure_started(self) -> OpenAICompatBackend:
        async with self._lock:
            if self._http is None:
                self._server = LocalServer(self.settings)
                await asyncio.to_thread(self._server.start)
                self.base_url = self._server.base_url
                self._http = OpenAICompatBackend(base_url=self.base_url, model=self.model, mode=self.mode)
            return self._http

    async def complete(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        *,
        context: dict[str, Any] | None = None,
        temperature: float = 0.0,
        max_retries: int = 2,
    ) -> Completion[T]:
        http = await self._ensure_started()
        return await http.complete(
            messages, response_model, context=context, temperature=temperature, max_retries=max_retries
        )

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
        if self._server is not None:
            self._server.stop()
        self._http = self._server = None

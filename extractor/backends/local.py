"""The embedded default: Qwen2.5-Coder-1.5B-Instruct on llama.cpp's ``llama-server``, used over HTTP.

Measured on 2 cores (README: Speed): llama.cpp's own server with a whitespace-free grammar answers about
2.7x faster than ``llama_cpp.server`` with instructor's tools mode, and reads 56 % fewer prompt tokens.
"""

from __future__ import annotations

import asyncio
from typing import TypeVar, Unpack

from pydantic import BaseModel

from extractor.backends.base import CallOptions, Completion
from extractor.backends.engine.server import EngineServer, EngineSettings
from extractor.backends.openai_compat import OpenAICompatBackend
from extractor.backends.registry import PROFILES, BackendOptions, Profile

T = TypeVar("T", bound=BaseModel)
EMBEDDED_MODE = PROFILES["local"].default_mode  # gbnf: the schema as a whitespace-free grammar (README: Speed)


class LocalBackend:
    """Starts ``llama-server`` on first use and talks to it like any OpenAI-compatible server."""

    name = "local"

    def __init__(self, settings: EngineSettings | None = None, mode: str | None = None) -> None:
        self.profile = PROFILES["local"]
        self.settings = settings or EngineSettings()
        self.model = self.settings.alias
        self.mode = mode or EMBEDDED_MODE
        self.base_url: str | None = None
        self.server: EngineServer | None = None
        self._http: OpenAICompatBackend | None = None
        self._lock = asyncio.Lock()

    @classmethod
    def from_options(cls, options: BackendOptions, profile: Profile) -> LocalBackend:
        """The registry's constructor: the GGUF and context size ``options`` name, in ``profile``'s mode."""
        settings = EngineSettings(model_path=options.model_path)
        if options.n_ctx:
            settings.n_ctx = options.n_ctx
        backend = cls(settings, mode=options.mode or profile.default_mode)
        backend.profile = profile
        return backend

    async def _ensure_started(self) -> OpenAICompatBackend:
        async with self._lock:
            if self._http is None:
                self.server = EngineServer(self.settings)
                await asyncio.to_thread(self.server.start)
                self.base_url = self.server.base_url
                self._http = OpenAICompatBackend(base_url=self.base_url, model=self.model, mode=self.mode)
            return self._http

    async def complete(
        self, messages: list[dict[str, str]], response_model: type[T], **options: Unpack[CallOptions]
    ) -> Completion[T]:
        http = await self._ensure_started()
        assert self.server is not None
        static = messages[0]["content"] if messages and messages[0].get("role") == "system" else None
        if static is not None:
            await asyncio.to_thread(self.server.restore_prompt_state, static)
        completion = await http.complete(messages, response_model, **options)
        if static is not None:
            await asyncio.to_thread(self.server.save_prompt_state, static)
        return completion

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
        if self.server is not None:
            self.server.stop()
        self._http = self.server = None

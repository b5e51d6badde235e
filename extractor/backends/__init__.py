"""Backends: the embedded local model or any OpenAI-compatible server, behind one protocol."""

from __future__ import annotations

import os
from pathlib import Path

from extractor.backends.base import Backend, Completion, ExtractionFailed
from extractor.backends.engine.server import EngineSettings
from extractor.backends.local import LocalBackend
from extractor.backends.openai_compat import OpenAICompatBackend

__all__ = ["Backend", "Completion", "ExtractionFailed", "LocalBackend", "OpenAICompatBackend", "make_backend"]


def make_backend(
    base_url: str | None = None,
    model: str | None = None,
    api_key: str | None = None,
    mode: str | None = None,
    model_path: str | Path | None = None,
    local: bool | None = None,
    n_ctx: int | None = None,
) -> Backend:
    """OpenAI-compatible when ``base_url``, ``OPENAI_BASE_URL`` or ``OPENAI_API_KEY`` is set, else embedded."""
    use_remote = bool(base_url or os.environ.get("OPENAI_BASE_URL") or os.environ.get("OPENAI_API_KEY"))
    if local or (local is None and not use_remote) or model_path:
        settings = EngineSettings(model_path=Path(model_path) if model_path else None)
        if n_ctx:
            settings.n_ctx = n_ctx
        return LocalBackend(settings, mode=mode)
    return OpenAICompatBackend(base_url=base_url, model=model, api_key=api_key, mode=mode)

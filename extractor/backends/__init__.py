"""Backends: the embedded local model or any OpenAI-compatible server, behind one protocol."""

from __future__ import annotations

from pathlib import Path

from extractor.backends.base import Backend, Completion, ExtractionFailed
from extractor.backends.engine.server import EngineSettings
from extractor.backends.local import LocalBackend
from extractor.backends.openai_compat import OpenAICompatBackend
from extractor.backends.registry import PROFILES, Profile, environment, profile_for

__all__ = ["PROFILES", "Backend", "Completion", "ExtractionFailed", "LocalBackend", "OpenAICompatBackend", "Profile",
           "default_concurrency", "make_backend", "profile_for"]  # fmt: skip


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
    env = environment()
    use_remote = bool(base_url or env.base_url or env.api_key)
    if local or (local is None and not use_remote) or model_path:
        settings = EngineSettings(model_path=Path(model_path) if model_path else None)
        if n_ctx:
            settings.n_ctx = n_ctx
        return LocalBackend(settings, mode=mode)
    return OpenAICompatBackend(base_url=base_url, model=model, api_key=api_key, mode=mode)


def default_concurrency(backend: Backend) -> int:
    """Requests in flight by default for ``backend`` (its profile's; 1 for the embedded engine)."""
    if isinstance(backend, LocalBackend):
        return PROFILES["local"].concurrency
    return profile_for(backend.base_url).concurrency

"""Backends: the embedded local model or any OpenAI-compatible server, behind one protocol and one registry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extractor.backends.base import Backend, Completion, ExtractionFailed
from extractor.backends.registry import (
    PROFILES,
    REGISTRY,
    BackendOptions,
    Profile,
    entry_for,
    environment,
    profile_for,
    register_backend,
)

__all__ = ["PROFILES", "REGISTRY", "Backend", "BackendOptions", "Completion", "ExtractionFailed", "LocalBackend",
           "OpenAICompatBackend", "Profile", "default_concurrency", "make_backend", "profile_for",
           "register_backend"]  # fmt: skip
_CLASSES = {"LocalBackend": "local", "OpenAICompatBackend": "openai"}  # importable from here, loaded on first use


def make_backend(
    base_url: str | None = None,
    model: str | None = None,
    api_key: str | None = None,
    mode: str | None = None,
    model_path: str | Path | None = None,
    local: bool | None = None,
    n_ctx: int | None = None,
    *,
    backend: str | None = None,
) -> Backend:
    """The registered backend ``backend`` by name; without one, the embedded model unless ``base_url``,
    ``OPENAI_BASE_URL`` or ``OPENAI_API_KEY`` is set (then the profile the server's URL names)."""
    options = BackendOptions(base_url, model, api_key, mode, Path(model_path) if model_path else None, n_ctx)
    return entry_for(backend or _chosen(options, local)).build(options)


def _chosen(options: BackendOptions, local: bool | None) -> str:
    """The registry name the options choose when no backend is named."""
    env = environment()
    use_remote = bool(options.base_url or env.base_url or env.api_key)
    if local or (local is None and not use_remote) or options.model_path:
        return "local"
    return profile_for(options.base_url or env.base_url).name


def default_concurrency(backend: Backend) -> int:
    """Requests in flight by default for ``backend`` (its profile's; 1 for the embedded engine)."""
    profile = getattr(backend, "profile", None)
    if isinstance(profile, Profile):
        return profile.concurrency
    if backend.name in PROFILES:
        return PROFILES[backend.name].concurrency
    return profile_for(backend.base_url).concurrency


def __getattr__(name: str) -> Any:
    if name in _CLASSES:
        return REGISTRY[_CLASSES[name]].load()
    raise AttributeError(f"module 'extractor.backends' has no attribute {name!r}")

"""One registry of backends: each a profile (default mode, default concurrency, what it supports).

Adding a backend: write a module with a class that implements ``backends.base.Backend``, then add its
:class:`Profile` here. The environment (``OPENAI_BASE_URL``, ``OPENAI_API_KEY``, ``EXTRACTOR_MODEL``) is
read in one place, :func:`environment`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    """What the toolkit assumes of a kind of server until told otherwise (all measured or documented)."""

    name: str
    default_mode: str  # how the schema is enforced (openai_compat.MODES)
    concurrency: int  # requests in flight by default
    modes: frozenset[str]  # modes known to work
    url_hints: tuple[str, ...] = ()  # substrings of a base URL that identify it


PROFILES: dict[str, Profile] = {
    # llama.cpp's llama-server started by the toolkit: one slot decodes fastest on 2 cores (README: Speed)
    "local": Profile("local", "gbnf", 1, frozenset({"gbnf", "json_schema", "json"})),
    "openai": Profile(
        "openai", "tools", 8, frozenset({"tools", "json_schema", "json", "md_json"}), ("api.openai.com",)
    ),
    "ollama": Profile("ollama", "json", 2, frozenset({"json", "json_schema", "md_json"}), (":11434",)),
    "vllm": Profile("vllm", "json_schema", 16, frozenset({"json_schema", "json", "tools"}), (":8000",)),
    # any other OpenAI-compatible server (llama_cpp.server, LM Studio, ...): plain JSON mode works everywhere
    "openai-compatible": Profile("openai-compatible", "json", 4, frozenset({"json", "json_schema", "md_json", "gbnf"})),
}


@dataclass(frozen=True)
class Environment:
    base_url: str | None
    api_key: str | None
    model: str | None


def environment() -> Environment:
    """The variables that choose and configure a remote backend, read once here."""
    return Environment(
        base_url=os.environ.get("OPENAI_BASE_URL") or None,
        api_key=os.environ.get("OPENAI_API_KEY") or None,
        model=os.environ.get("EXTRACTOR_MODEL") or None,
    )


def profile_for(base_url: str | None) -> Profile:
    """The profile of the server behind ``base_url`` (OpenAI itself when none is given)."""
    if base_url is None:
        return PROFILES["openai"]
    url = base_url.lower()
    for profile in PROFILES.values():
        if any(hint in url for hint in profile.url_hints):
            return profile
    return PROFILES["openai-compatible"]

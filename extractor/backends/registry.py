"""One registry of backends: each entry names its class (``"module:Class"``, imported on first use) and its
profile (default mode, default concurrency, what it supports).

Adding a backend: write a module with a class that implements ``backends.base.Backend`` and builds itself
with ``from_options(options, profile)``, then call :func:`register_backend` once::

    register_backend("toy", "my_package.toy:ToyBackend", Profile("toy", "json", 1, frozenset({"json"})))
    make_backend(backend="toy")

The environment (``OPENAI_BASE_URL``, ``OPENAI_API_KEY``, ``EXTRACTOR_MODEL``) is read in one place,
:func:`environment`.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.errors import BadInput

OPENAI_COMPAT = "extractor.backends.openai_compat:OpenAICompatBackend"
LOCAL = "extractor.backends.local:LocalBackend"


@dataclass(frozen=True)
class Profile:
    """What the toolkit assumes of a kind of server until told otherwise (all measured or documented)."""

    name: str
    default_mode: str  # how the schema is enforced (openai_compat.MODES)
    concurrency: int  # requests in flight by default
    modes: frozenset[str]  # modes known to work
    url_hints: tuple[str, ...] = ()  # substrings of a base URL that identify it


@dataclass(frozen=True)
class BackendOptions:
    """What the caller chose; each backend class takes what applies to it (``from_options``)."""

    base_url: str | None = None
    model: str | None = None
    api_key: str | None = None
    mode: str | None = None
    model_path: Path | None = None
    n_ctx: int | None = None


@dataclass(frozen=True)
class Entry:
    """A registered backend: its name, its class as ``"module:Class"`` and its profile."""

    name: str
    target: str
    profile: Profile

    def load(self) -> Any:
        """The class ``target`` names (its module imported now, once)."""
        module, _, attribute = self.target.partition(":")
        return getattr(importlib.import_module(module), attribute)

    def build(self, options: BackendOptions) -> Any:
        """A backend of this entry's class, made from ``options`` with this entry's profile."""
        return self.load().from_options(options, self.profile)


REGISTRY: dict[str, Entry] = {}
PROFILES: dict[str, Profile] = {}  # name -> profile, kept in step with REGISTRY by register_backend


def register_backend(name: str, target: str, profile: Profile) -> Entry:
    """Register (or replace) the backend ``name``: its class as ``"module:Class"`` and its profile."""
    if ":" not in target:
        raise BadInput(f"backend {name!r}: {target!r} is not 'module:Class'")
    entry = Entry(name, target, profile)
    REGISTRY[name] = entry
    PROFILES[name] = profile
    return entry


def entry_for(name: str) -> Entry:
    """The registered backend ``name``; BadInput naming the registered ones otherwise."""
    if name not in REGISTRY:
        raise BadInput(f"unknown backend {name!r}: choose one of {', '.join(REGISTRY)}")
    return REGISTRY[name]


# llama.cpp's llama-server started by the toolkit: one slot decodes fastest on 2 cores (README: Speed)
register_backend("local", LOCAL, Profile("local", "gbnf", 1, frozenset({"gbnf", "json_schema", "json"})))
register_backend(
    "openai",
    OPENAI_COMPAT,
    Profile("openai", "tools", 8, frozenset({"tools", "json_schema", "json", "md_json"}), ("api.openai.com",)),
)
register_backend(
    "ollama", OPENAI_COMPAT, Profile("ollama", "json", 2, frozenset({"json", "json_schema", "md_json"}), (":11434",))
)
register_backend(
    "vllm", OPENAI_COMPAT, Profile("vllm", "json_schema", 16, frozenset({"json_schema", "json", "tools"}), (":8000",))
)
# any other OpenAI-compatible server (llama_cpp.server, LM Studio, ...): plain JSON mode works everywhere
register_backend(
    "openai-compatible",
    OPENAI_COMPAT,
    Profile("openai-compatible", "json", 4, frozenset({"json", "json_schema", "md_json", "gbnf"})),
)


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

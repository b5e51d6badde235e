"""The backend registry registers backends: one module-level class plus one ``register_backend`` call, no library
change, and ``make_backend(backend=...)`` (or ``Extractor(backend=...)``) finds it by name."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.backends import PROFILES, REGISTRY, BackendOptions, Completion, Profile, make_backend, register_backend
from extractor.backends.registry import entry_for
from extractor.errors import BadInput
from extractor.pipeline import Extractor, Options
from extractor.schemas.conflict import ConflictReport

TOY = Profile("toy", "json", 3, frozenset({"json"}))
LOADED: list[str] = []


class ToyBackend:
    """Answers every request with an empty report (no server, no model)."""

    name, mode, base_url = "toy", "json", None

    def __init__(self, model: str) -> None:
        self.model = model

    @classmethod
    def from_options(cls, options: BackendOptions, profile: Profile) -> ToyBackend:
        LOADED.append(profile.name)
        return cls(options.model or "toy-1")

    async def complete(self, messages: list[dict[str, str]], response_model: type[Any], **_: Any) -> Completion[Any]:
        return Completion(response_model.model_validate({"events": [], "actors": [], "claims": []}))

    async def aclose(self) -> None:
        pass


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The toy backend registered for one test (the registry restored after)."""
    monkeypatch.setattr("extractor.backends.registry.REGISTRY", dict(REGISTRY))
    monkeypatch.setattr("extractor.backends.registry.PROFILES", dict(PROFILES))
    register_backend("toy", f"{__name__}:ToyBackend", TOY)


def test_a_registered_backend_is_made_by_name(toy: None) -> None:
    LOADED.clear()
    backend = make_backend(backend="toy", model="toy-2")
    assert isinstance(backend, ToyBackend) and backend.model == "toy-2"
    assert LOADED == ["toy"]  # built by the registry, with its profile


def test_an_extractor_runs_on_a_backend_named_by_its_registry_entry(toy: None) -> None:
    with Extractor("toy", schema=ConflictReport, options=Options(event_pass=False)) as extractor:
        result = extractor.extract("Three rockets struck the base on Monday, officials said.")
    assert result.ok and result.meta.backend == "toy" and result.meta.model == "toy-1"


def test_entries_name_their_class_and_load_it_lazily() -> None:
    assert entry_for("local").target == "extractor.backends.local:LocalBackend"
    assert {REGISTRY[n].target for n in ("openai", "ollama", "vllm", "openai-compatible")} == {
        "extractor.backends.openai_compat:OpenAICompatBackend"
    }
    assert entry_for("ollama").load().__name__ == "OpenAICompatBackend"


def test_a_named_backend_brings_its_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "EXTRACTOR_MODEL"):
        monkeypatch.delenv(name, raising=False)
    backend = make_backend(backend="vllm", base_url="http://127.0.0.1:9/v1")  # no :8000 in the URL
    assert backend.mode == "json_schema" and backend.profile.name == "vllm"  # type: ignore[attr-defined]


def test_unknown_names_and_targets_are_bad_input() -> None:
    with pytest.raises(BadInput, match=r"unknown backend 'nope'.*local"):
        make_backend(backend="nope")
    with pytest.raises(BadInput, match="module:Class"):
        register_backend("bad", "no_colon_here", TOY)

"""Backend plumbing without a model: the registry, the environment, the engine lookup, the grammar sender."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from extractor.backends import LocalBackend, OpenAICompatBackend, default_concurrency, make_backend, profile_for
from extractor.backends.engine.build import EngineNotFound, find_server, require_server
from extractor.backends.engine.server import EngineSettings, prompt_state_name
from extractor.backends.openai_compat import with_compact_grammar
from extractor.errors import BackendUnavailable, ExtractionFailed, ExtractorError, NoValidAnswer, ServerUnreachable
from extractor.pipeline import MAX_ANSWER_TOKENS, answer_budget
from extractor.sentences import split_sentences


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "EXTRACTOR_MODEL", "EXTRACTOR_LLAMA_SERVER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path / "cache"))


def test_profiles_choose_mode_and_concurrency(no_env: None) -> None:
    assert profile_for(None).name == "openai" and profile_for(None).default_mode == "tools"
    assert profile_for("http://127.0.0.1:11434/v1").name == "ollama"
    assert profile_for("http://127.0.0.1:8080/v1").default_mode == "json"
    embedded = make_backend()
    assert isinstance(embedded, LocalBackend) and embedded.mode == "gbnf" and default_concurrency(embedded) == 1
    remote = make_backend(base_url="http://127.0.0.1:9/v1", mode="gbnf")
    assert isinstance(remote, OpenAICompatBackend) and remote.mode == "gbnf" and default_concurrency(remote) == 4


def test_the_environment_is_read_in_one_place(no_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("EXTRACTOR_MODEL", "m1")
    backend = make_backend()
    assert isinstance(backend, OpenAICompatBackend)
    assert (backend.base_url, backend.model) == ("http://127.0.0.1:9/v1", "m1")
    with pytest.raises(ValueError, match="unknown mode 'nope'"):
        OpenAICompatBackend(base_url="http://127.0.0.1:9/v1", mode="nope")


def test_exceptions_share_one_root_and_say_their_exit_code() -> None:
    assert issubclass(EngineNotFound, BackendUnavailable) and BackendUnavailable.exit_code == 3
    assert issubclass(ServerUnreachable, ExtractionFailed) and ServerUnreachable("x", []).kind == "unreachable"
    assert NoValidAnswer("x", []).kind == "invalid_answer" and NoValidAnswer.exit_code == 4
    assert all(issubclass(e, ExtractorError) for e in (EngineNotFound, ServerUnreachable, NoValidAnswer))


def test_the_engine_is_found_or_named_with_the_fix(
    no_env: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no llama-server on PATH
    assert find_server() is None
    with pytest.raises(EngineNotFound, match="extractor engine --build"):
        require_server()
    monkeypatch.setenv("EXTRACTOR_LLAMA_SERVER", str(tmp_path / "missing"))
    with pytest.raises(EngineNotFound, match="is not a file"):
        find_server()
    binary = tmp_path / "llama-server"
    binary.write_text("")
    monkeypatch.setenv("EXTRACTOR_LLAMA_SERVER", str(binary))
    assert find_server() == binary


def test_prompt_state_is_keyed_by_model_and_static_prompt(tmp_path: Path) -> None:
    model = tmp_path / "m.gguf"
    model.write_bytes(b"x" * 10)
    name = prompt_state_name(model, "instructions")
    assert name.startswith("prompt-") and name.endswith(".bin") and "/" not in name
    assert name == prompt_state_name(model, "instructions") != prompt_state_name(model, "other instructions")
    command = EngineSettings(threads=1, slots=2, n_ctx=4096).command(Path("llama-server"), model, 1234)
    assert command[command.index("--ctx-size") + 1] == "8192" and command[command.index("--parallel") + 1] == "2"
    assert command[command.index("--host") + 1] == "127.0.0.1"


def test_the_answer_budget_grows_with_the_article_and_is_capped() -> None:
    short = answer_budget(split_sentences("A strike hit a depot. Two died."))
    longer = answer_budget(split_sentences("A strike hit a depot. " * 100))
    assert 300 < short < longer <= MAX_ANSWER_TOKENS
    assert answer_budget(split_sentences("word " * 5000)) == MAX_ANSWER_TOKENS


def test_the_grammar_sender_swaps_response_format_for_a_compact_grammar() -> None:
    sent: dict[str, Any] = {}

    async def create(**kwargs: Any) -> str:
        sent.update(kwargs)
        return "answer"

    schema = {"type": "object", "properties": {"a": {"type": "integer"}}}
    fmt = {"type": "json_schema", "json_schema": {"name": "X", "schema": schema}}
    assert asyncio.run(with_compact_grammar(create)(model="m", response_format=fmt, extra_body={"seed": 1})) == "answer"
    assert "response_format" not in sent and sent["extra_body"]["seed"] == 1
    assert 'root ::= "{" "\\"a\\":" integer "}"' in sent["extra_body"]["grammar"].splitlines()
    sent.clear()
    asyncio.run(with_compact_grammar(create)(model="m", response_format={"type": "json_object"}))
    assert sent["response_format"] == {"type": "json_object"} and "extra_body" not in sent

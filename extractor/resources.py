"""Locate the folders that ship with extractor (prompts/), in a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """``prompts`` etc.: inside the package when installed from a wheel, at the repo top in a checkout."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"extractor's {name}/ folder is missing: reinstall extractor")

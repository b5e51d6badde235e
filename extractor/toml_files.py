"""Read a TOML settings file (policy, confidence weights, prices) with errors that name the file and the fix."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


def read_toml(path: Path, error: type[Exception], option: str) -> dict[str, Any]:
    """The parsed file; a missing or malformed file raises ``error`` naming it and ``option``, the flag to fix."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{path}: no such file; fix: pass an existing TOML file to {option}") from None
    except UnicodeDecodeError:
        raise error(f"{path}: not UTF-8 text; fix: save it as UTF-8 TOML") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: not valid TOML ({exc}); fix: correct the syntax") from None

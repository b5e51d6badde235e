"""Which installed packages differ from uv.lock: what moved, for the canary (``make test-latest``).

    python tools/lock_drift.py uv.lock      # run with the interpreter of the environment to compare

Prints one line per package whose installed version is not the locked one (or that the lock lacks),
then a count. Exit 0 always: a drift is information, the test suite decides whether it breaks anything.
"""

from __future__ import annotations

import sys
import tomllib
from importlib.metadata import distributions
from pathlib import Path

from packaging.utils import canonicalize_name


def locked_versions(lock: Path) -> dict[str, set[str]]:
    """Package name → the versions uv.lock pins for it (a universal lock may pin several)."""
    pinned: dict[str, set[str]] = {}
    for package in tomllib.loads(lock.read_text(encoding="utf-8")).get("package", []):
        if "version" in package:
            pinned.setdefault(canonicalize_name(package["name"]), set()).add(package["version"])
    return pinned


def installed_versions() -> dict[str, str]:
    """Package name → installed version in this interpreter's environment."""
    return {canonicalize_name(d.metadata["Name"]): d.version for d in distributions() if d.metadata["Name"]}


def drift(lock: Path) -> list[str]:
    """One line per installed package that is not at its locked version, sorted by name."""
    pinned, lines = locked_versions(lock), []
    for name, installed in sorted(installed_versions().items()):
        if name == "extractor":
            continue
        expected = pinned.get(name)
        if expected is None:
            lines.append(f"{name:32} {installed:>14}  (not in the lock)")
        elif installed not in expected:
            lines.append(f"{name:32} {installed:>14}  (locked {', '.join(sorted(expected))})")
    return lines


def main(argv: list[str]) -> int:
    lock = Path(argv[1] if len(argv) > 1 else "uv.lock")
    moved = drift(lock)
    print(f"packages that differ from {lock}: {len(moved)}")
    for line in moved:
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

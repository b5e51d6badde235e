"""The generated docs pages match the code: the CLI reference (typer) and the claim checks (the registry)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

CLI_DOCS = ROOT / "docs" / "cli.md"
REGENERATE_CLI = ".venv/bin/typer extractor.cli utils docs --name extractor --output docs/cli.md"


def test_the_cli_reference_is_current(tmp_path: Path) -> None:
    written = tmp_path / "cli.md"
    done = subprocess.run(
        [sys.executable, "-m", "typer", "extractor.cli", "utils", "docs", "--name", "extractor", "--output",
         str(written)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert written.read_text(encoding="utf-8") == CLI_DOCS.read_text(encoding="utf-8"), (
        f"docs/cli.md is stale: a command or option changed; fix: {REGENERATE_CLI}"
    )


def test_the_checks_reference_is_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "verification_docs.py"), "--check"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_flag_code_has_its_section() -> None:
    from extractor.verification import FLAG_CODES

    page = (ROOT / "docs" / "verification.md").read_text(encoding="utf-8")
    assert all(f"| `{code}` | {meaning} |" in page for code, meaning in FLAG_CODES.items())

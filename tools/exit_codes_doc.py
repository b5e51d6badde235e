"""Write docs/exit-codes.md from the exit-code table in extractor/errors.py (``--check``: exit 1 when it is stale)."""

from __future__ import annotations

import sys
from pathlib import Path

from extractor.cli.exit_codes import DOC_PATH, GENERATOR, markdown

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    path = ROOT / DOC_PATH
    text = markdown()
    if "--check" in argv:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            print(f"{DOC_PATH} is stale: run python {GENERATOR}", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {DOC_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Generated blocks in Markdown files: the text between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->``.

Shared by tools/readme_tables.py and tools/verification_docs.py: each builds its blocks' lines, and ``run``
writes them (or, with ``check``, only says which are stale and exits 1).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Block:
    """A generated block: the file holding it, its marker name, what writes its lines and what it is made from."""

    file: Path
    name: str
    render: Callable[[], list[str]]
    source: str
    command: str


def shown(path: Path) -> str:
    """``path`` relative to the repository when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def replace_block(text: str, name: str, lines: list[str]) -> str | None:
    """``text`` with the block ``name`` holding ``lines``; None when its markers are missing."""
    pattern = re.compile(rf"(<!-- {re.escape(name)}:start -->\n)(.*?)(<!-- {re.escape(name)}:end -->)", re.S)
    if not pattern.search(text):
        return None
    body = "".join(line + "\n" for line in lines)
    return pattern.sub(lambda m: m.group(1) + body + m.group(3), text, count=1)


def run(blocks: list[Block], check: bool) -> int:
    """Write every block (``check``: write nothing, name each stale block). 1 when one is stale or missing."""
    stale = 0
    for block in blocks:
        where, markers = shown(block.file), f"<!-- {block.name}:start --> ... <!-- {block.name}:end -->"
        if not block.file.is_file():
            print(f"{where}: no such file; fix: restore it, with {markers} where the block goes")
            stale += 1
            continue
        text = block.file.read_text(encoding="utf-8")
        new = replace_block(text, block.name, block.render())
        if new is None:
            print(f"{where}: no {markers} markers; fix: add them where the block goes")
            stale += 1
        elif new == text:
            print(f"{where}: the {block.name} block is current")
        elif check:
            print(f"{where}: the {block.name} block does not match {block.source}; fix: {block.command}")
            stale += 1
        else:
            block.file.write_text(new, encoding="utf-8")
            print(f"{where}: the {block.name} block rewritten from {block.source}")
    return 1 if stale else 0

"""MkDocs hook (mkdocs.yml ``hooks:``): the evaluation's own Markdown files become pages of the docs site.

eval/README.md (method, metrics, gate and the labelling rules), eval/FORMAT.md and the other notes under eval/
are kept beside the gold set they describe. Rather than copy them into docs/, the build reads them where they
live and serves them under ``eval/`` in the site, so a page in docs/ links to them as ``eval/README.md`` and
their own relative links (``FORMAT.md``, ``prices.toml``, ``../README.md``) work unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

PATTERNS = ("eval/*.md", "eval/*/README.md", "eval/prices.toml")


def on_files(files: Files, config: Any) -> Files:
    root = Path(config.config_file_path).parent
    for pattern in PATTERNS:
        for path in sorted(root.glob(pattern)):
            files.append(File.generated(config, path.relative_to(root).as_posix(), abs_src_path=str(path)))
    return files

"""Prompt templates: Jinja2 files in prompts/, each identified by a content hash recorded in results.

Static instructions come first and the article last, so a server can reuse the cached
prompt prefix from one article to the next.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from extractor.errors import BadInput, FileMissing
from extractor.resources import resource_dir

DEFAULT_EXTRACT_PROMPT = "extract"
DEFAULT_VERIFY_PROMPT = "verify"
DEFAULT_EVENTS_PROMPT = "events"


class PromptError(BadInput):
    """A prompt template that cannot be used; the message names the file and the fix."""


@dataclass(frozen=True)
class Prompt:
    """A loaded template: ``system`` is article-independent, ``user`` carries the article."""

    name: str
    source: str
    hash: str

    def render(self, **values: object) -> list[dict[str, str]]:
        """Chat messages. The template's ``{% block system %}`` and ``{% block user %}`` become two messages."""
        template = _compiled(self.source)
        context = template.new_context(dict(values))
        system = "".join(template.blocks["system"](context)).strip()
        user = "".join(template.blocks["user"](context)).strip()
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)


@lru_cache(maxsize=16)
def _compiled(source: str) -> jinja2.Template:
    """``source`` compiled once (compiling took longer than rendering; a Template is safe to share)."""
    return _environment().from_string(source)


def _path_for(name_or_path: str) -> Path:
    path = Path(name_or_path)
    if path.suffix in {".j2", ".jinja", ".jinja2"} or path.is_file():
        return path
    return resource_dir("prompts") / f"{name_or_path}.md.j2"


def load_prompt(name_or_path: str = DEFAULT_EXTRACT_PROMPT) -> Prompt:
    """A bundled prompt by name (``extract``) or any template file by path."""
    path = _path_for(name_or_path)
    if not path.is_file():
        raise FileMissing(f"prompt template {path} not found: pass a name from prompts/ or a .j2 file path")
    source = path.read_text(encoding="utf-8")
    template = _environment().from_string(source)
    missing = {"system", "user"} - set(template.blocks)
    if missing:
        raise PromptError(f"prompt template {path} lacks block(s) {sorted(missing)}: define system and user blocks")
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]
    name = path.name.removesuffix(".j2").removesuffix(".md")
    return Prompt(name=name, source=source, hash=digest)

"""The jinja2 environment for the packaged templates (autoescape always on).

Every value a template prints passes ``shown`` first: registered secrets are masked and Unicode bidi
override/isolate characters in untrusted text become visible escapes (``\\u202e``), so a title or an id
cannot reorder what the page shows. Our own markup (``Markup``: the packaged script, inline SVG) is left as is.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from typing import Any

import jinja2
from markupsafe import Markup

from extractor.redact import redact

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")  # embeddings, overrides and isolates


def visible_bidi(text: str) -> str:
    """``text`` with each bidi override/isolate character written out as its escape (``\\u202e``)."""
    return BIDI_CONTROLS.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def shown(value: Any) -> Any:
    """What a template prints for ``value``: text with secrets masked and bidi controls made visible."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible_bidi(redact(value))
    return value


@functools.cache
def environment() -> jinja2.Environment:
    """Templates from ``extractor/html/templates``; autoescape on for every template, undefined names fail."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("extractor.html", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=shown,
    )


def packaged_script(name: str) -> tuple[Markup, Markup]:
    """A packaged script's text (ours, inserted as it is) and its CSP source, ``'sha256-...'``."""
    env = environment()
    assert env.loader is not None
    source = env.loader.get_source(env, name)[0]
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return Markup(source), Markup(f"'sha256-{digest}'")

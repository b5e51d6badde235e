"""The jinja2 environment for the packaged templates (autoescape always on)."""

from __future__ import annotations

import functools

import jinja2


@functools.cache
def environment() -> jinja2.Environment:
    """Templates from ``extractor/html/templates``; autoescape on for every template, undefined names fail."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("extractor.html", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )

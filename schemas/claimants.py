"""Claimant conventions of the schemas: the outlet's own voice is the claimant "author"."""

from __future__ import annotations

import re

AUTHOR_NAMES = frozenset({"author", "outlet", "reporter", "article", "editor", "analysts"})
_PUNCTUATION = re.compile(r"[^\w\s]+")


def is_author(claimant: str | None) -> bool:
    """The outlet itself: "author", "the author", "The Outlet", "reporter" (case, punctuation and "the" ignored)."""
    words = _PUNCTUATION.sub(" ", (claimant or "").casefold()).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words) in AUTHOR_NAMES

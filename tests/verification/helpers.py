"""Build small reports by hand: claims cite sentences by the words they contain."""

from __future__ import annotations

from typing import Any

from extractor.schemas.conflict import Actor, Claim, ConflictReport, Event
from extractor.sentences import split_sentences


def sid(text: str, words: str) -> int:
    """The id of the first sentence of ``text`` containing ``words``."""
    for sentence in split_sentences(text):
        if words in sentence.text:
            return sentence.id
    raise AssertionError(f"no sentence contains {words!r}")


def claim(text: str, words: str, statement: str, claimant: str, **fields: Any) -> Claim:
    fields.setdefault("kind", "other")
    fields.setdefault("cue", None)
    return Claim(statement=statement, claimant=claimant, evidence=[sid(text, words)], **fields)


def report(claims: list[Claim], events: list[Event] | None = None, actors: list[Actor] | None = None) -> ConflictReport:
    return ConflictReport(events=events or [], actors=actors or [], claims=claims)


def codes(item: Any) -> set[str]:
    return {flag.code for flag in item.flags}

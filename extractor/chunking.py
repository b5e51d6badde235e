"""Long articles in parts: runs of consecutive sentences, extracted one by one and merged into one report.

A small model loses track of a 3,000-word article (it repeats actors until ``max_tokens`` and the
re-ask overflows the context), so articles above ``CHUNK_ABOVE_WORDS`` go to the model in parts
of about ``CHUNK_WORDS``. Each part is numbered from 1 as if it were a whole article, so the
prompt and the schema's sentence-id check stay the same; ``merge_reports`` shifts the ids back.
Articles at or below the threshold are sent whole, exactly as before.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise
from typing import Any

from pydantic import BaseModel

from extractor.sentences import Sentence

CHUNK_ABOVE_WORDS = 1200
CHUNK_WORDS = 800


@dataclass(frozen=True)
class Part:
    """One part of an article: its sentences numbered from 1, and the article id of its first sentence - 1."""

    sentences: list[Sentence]
    offset: int


def split_into_parts(
    sentences: Sequence[Sentence], text: str | None = None, above: int = CHUNK_ABOVE_WORDS, target: int = CHUNK_WORDS
) -> list[Part]:
    """One part for a short article; else parts of about equal size near ``target`` words.

    Parts end at sentence ends; with the article ``text``, at a paragraph break when one lies within a
    quarter of a part of the ideal cut, so a part does not open in the middle of a paragraph.
    """
    words = [len(s.text.split()) for s in sentences]
    total = sum(words)
    if total <= above:
        return [Part(list(sentences), 0)]
    count = math.ceil(total / target)
    share = total / count
    before = [0, *accumulate(words)][:-1]  # words ahead of sentence i
    paragraph = [
        i == 0 or (text is not None and "\n" in text[sentences[i - 1].end : s.start]) for i, s in enumerate(sentences)
    ]
    cuts = [0]
    for k in range(1, count):
        ideal = share * k
        near = [i for i in range(cuts[-1] + 1, len(sentences)) if abs(before[i] - ideal) <= share / 4]
        if not near:
            continue
        starts = [i for i in near if paragraph[i]] or near
        cuts.append(min(starts, key=lambda i: abs(before[i] - ideal)))
    bounds = [*cuts, len(sentences)]
    return [Part(_renumbered(list(sentences[a:b])), a) for a, b in pairwise(bounds)]


def _renumbered(group: list[Sentence]) -> list[Sentence]:
    return [Sentence(i, s.start, s.end, s.text) for i, s in enumerate(group, 1)]


def _key(text: Any) -> str:
    return re.sub(r"[^\w]+", " ", str(text or "")).strip().casefold()


def _merge_actor(kept: Any, other: Any) -> None:
    known = {_key(a) for a in [kept.name, *kept.aliases]}
    kept.aliases = list(kept.aliases) + [a for a in [other.name, *other.aliases] if _key(a) not in known]
    if getattr(kept, "affiliation", None) is None and getattr(other, "affiliation", None) is not None:
        kept.affiliation = other.affiliation


def _same_event(one: Any, other: Any) -> bool:
    fields = ("sub_event_type", "location", "date_text")
    return all(hasattr(one, f) for f in fields) and all(
        _key(getattr(one, f)) == _key(getattr(other, f)) for f in fields
    )


def merge_reports(parts: Sequence[tuple[BaseModel, int]]) -> BaseModel:
    """One report from ``(report, offset)`` per part: evidence ids shifted by the offset, lists joined.

    Actors with the same name (or a name another uses as an alias) become one, with all aliases; events
    with the same type, location and date text become one, with all evidence. Claims are only joined:
    the pipeline drops duplicate claims afterwards. Other fields come from the first part.
    """
    first = parts[0][0]
    merged: dict[str, list[Any]] = {}
    for report, offset in parts:
        for name, value in report:
            if not isinstance(value, list):
                continue
            bucket = merged.setdefault(name, [])
            for item in value:
                item = item.model_copy(deep=True) if isinstance(item, BaseModel) else item
                if hasattr(item, "evidence"):
                    item.evidence = [i + offset for i in item.evidence]
                if _absorbed(bucket, item):
                    continue
                bucket.append(item)
    return first.model_copy(update=merged)


def _absorbed(bucket: list[Any], item: Any) -> bool:
    """Fold ``item`` into an equal actor or event already in ``bucket``; True when it was."""
    if hasattr(item, "aliases") and hasattr(item, "name"):
        names = {_key(n) for n in [item.name, *item.aliases]}
        for kept in bucket:
            if _key(kept.name) in names or _key(item.name) in {_key(a) for a in kept.aliases}:
                _merge_actor(kept, item)
                return True
        return False
    if hasattr(item, "sub_event_type") and hasattr(item, "evidence"):
        for kept in bucket:
            if _same_event(kept, item):
                kept.evidence = sorted({*kept.evidence, *item.evidence})
                return True
    return False

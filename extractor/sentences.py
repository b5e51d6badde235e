"""Split an article into numbered sentences with exact character offsets.

The prompt shows the article as numbered sentences and the model cites their ids
as evidence, so the evidence text and its offsets follow by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

SEGMENTER_VERSION = "pysbd-lines/1"
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its 1-based id and where it stands in the source text."""

    id: int
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order; a line break always ends a sentence (cached: pysbd is slow)."""
    return list(_split_cached(text))


@lru_cache(maxsize=256)
def _split_cached(text: str) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    for line in _LINE.finditer(text):
        if not line.group().strip():
            continue
        cursor = line.start()
        for piece in _segmenter().segment(line.group()):
            piece = piece.strip()
            if not piece:
                continue
            start = text.find(piece, cursor, line.end())
            if start < 0:  # pysbd altered the text; fall back to the rest of the line
                start, piece = cursor, text[cursor : line.end()].strip()
                start = text.find(piece, cursor, line.end())
            end = start + len(piece)
            sentences.append(Sentence(len(sentences) + 1, start, end, piece))
            cursor = end
    return tuple(sentences)


def _curly_quotes(text: str) -> str:
    """Straight double quotes become curly ones, so a model copying words need not escape them in JSON."""
    parts = text.split('"')
    return "".join(part + ("“" if i % 2 == 0 else "”") for i, part in enumerate(parts[:-1])) + parts[-1]


def numbered(sentences: list[Sentence]) -> str:
    """The article as the model sees it: one ``[id] sentence`` per line (offsets stay with the source)."""
    return "\n".join(f"[{s.id}] {_curly_quotes(s.text)}" for s in sentences)

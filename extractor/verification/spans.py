"""Ground evidence in the source: sentence ids become exact spans; quotes are aligned exact -> normalized -> fuzzy.

Statuses are honest: ``exact`` only for a literal substring of the source; ``normalized`` when
it matches after folding whitespace, quote marks, dashes, case and "U. S."-style spacing
(offsets mapped back to the source); ``fuzzy`` with a rapidfuzz score; ``not_found`` otherwise,
kept with no offsets, never dropped.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz

from extractor.schemas.conflict import Span
from extractor.sentences import Sentence, split_sentences

FUZZY_THRESHOLD = 85.0  # rapidfuzz partial_ratio (0-100) a quote needs to count as found
_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-", "‐": "-"})
_INITIALS = re.compile(r"\b([A-Za-z])\. (?=[A-Za-z]\.)")


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, the index of its source character."""
    out: list[str] = []
    index: list[int] = []
    previous_space = False
    for i, char in enumerate(text):
        char = char.translate(_FOLD).lower()
        if char.isspace():
            if previous_space or not out:
                continue
            char, previous_space = " ", True
        else:
            previous_space = False
        out.append(char)
        index.append(i)
    folded = "".join(out)
    # "u. s." -> "u.s.": drop the space between single-letter initials, keeping the map aligned.
    keep = [True] * len(folded)
    for match in _INITIALS.finditer(folded):
        keep[match.end() - 1] = False
    return "".join(c for c, k in zip(folded, keep, strict=True) if k), [
        i for i, k in zip(index, keep, strict=True) if k
    ]


def _span(
    source: str, start: int, end: int, status: str, sentences: list[Sentence], score: float | None = None
) -> Span:
    ids = _sentence_ids(sentences, start, end)
    return Span(text=source[start:end], char_start=start, char_end=end, status=status, score=score, sentence_ids=ids)


def locate(evidence: str, source: str, sentences: list[Sentence] | None = None) -> Span:
    """Where ``evidence`` stands in ``source``, with an honest alignment status."""
    quote = evidence.strip()
    sentences = sentences if sentences is not None else split_sentences(source)
    if not quote:
        return Span(text=evidence, status="not_found")
    start = source.find(quote)
    if start >= 0:
        return _span(source, start, start + len(quote), "exact", sentences)
    folded_source, mapping = _fold_with_map(source)
    folded_quote, _ = _fold_with_map(quote)
    at = folded_source.find(folded_quote)
    if at >= 0 and folded_quote:
        start, end = mapping[at], mapping[at + len(folded_quote) - 1] + 1
        return _span(source, start, end, "normalized", sentences)
    best = fuzz.partial_ratio_alignment(folded_quote, folded_source, score_cutoff=FUZZY_THRESHOLD)
    if best is not None and best.dest_end > best.dest_start:
        start, end = mapping[best.dest_start], mapping[best.dest_end - 1] + 1
        return _span(source, start, end, "fuzzy", sentences, round(best.score, 1))
    return Span(text=evidence, status="not_found")


def _sentence_ids(sentences: list[Sentence], start: int, end: int) -> list[int]:
    return [s.id for s in sentences if s.start < end and start < s.end]


def spans_from_ids(ids: list[int], sentences: list[Sentence]) -> list[Span]:
    """Exact spans for cited sentence ids; an id the article lacks stays as a not_found span."""
    by_id = {s.id: s for s in sentences}
    spans = []
    for sentence_id in ids:
        sentence = by_id.get(sentence_id)
        if sentence is None:
            spans.append(Span(text=f"[sentence {sentence_id}]", status="not_found", sentence_ids=[sentence_id]))
        else:
            spans.append(
                Span(text=sentence.text, char_start=sentence.start, char_end=sentence.end, status="exact",
                     sentence_ids=[sentence.id])
            )  # fmt: skip
    return spans


def ground_item(item: Any, source: str, sentences: list[Sentence]) -> None:
    """Fill ``item.spans`` from its ``evidence``: sentence ids, quote strings, or (already) spans with text."""
    evidence = getattr(item, "evidence", None)
    if isinstance(evidence, str):
        evidence = [evidence]
    if evidence:
        if all(isinstance(e, int) for e in evidence):
            item.spans = spans_from_ids(list(evidence), sentences)
        else:
            item.spans = [locate(str(e), source, sentences) for e in evidence]
    elif getattr(item, "spans", None):  # a report from another tool: check or re-align the spans it carries
        item.spans = [span if _holds(span, source) else locate(span.text, source, sentences) for span in item.spans]


def _holds(span: Span, source: str) -> bool:
    """A span whose offsets still point at its text (its status was set by an earlier alignment)."""
    start, end = span.char_start, span.char_end
    return start is not None and end is not None and span.status != "not_found" and source[start:end] == span.text


def ground_report(report: Any, source: str) -> Any:
    """Locate the evidence of every event and claim of ``report`` (in place; also returned)."""
    sentences = split_sentences(source)
    for name in ("events", "claims"):
        for item in getattr(report, name, None) or []:
            if hasattr(item, "spans"):
                ground_item(item, source, sentences)
    return report

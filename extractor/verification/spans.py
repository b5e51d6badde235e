"""Ground evidence in the source: sentence ids become exact spans; quotes are aligned exact -> normalized -> fuzzy.

Statuses are honest: ``exact`` only for a literal substring of the source; ``normalized`` when
it matches after folding whitespace, quote marks, apostrophes, dashes, case and "U. S."-style
spacing (offsets mapped back to the source); ``fuzzy`` with a rapidfuzz score; ``not_found``
otherwise, kept with no offsets, never dropped.

A fuzzy match may differ from the source in wording only: a quote shorter than
``MIN_FUZZY_CHARS`` must match exactly or normalized, and a fuzzy match whose quote states a
number or a name that the matched source text does not is a misquote ("nine" for "eight",
"Iran" for "Iraq") and stays ``not_found``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from extractor.schemas.conflict import Span
from extractor.sentences import Sentence, split_sentences
from extractor.verification.names import mentions, names_in
from extractor.verification.numbers import missing_numbers, numbers_in

# rapidfuzz partial_ratio (0-100) a quote needs to count as found. 85 admits a changed word or two in a
# sentence-long quote (tense, plural, a dropped article) and rejects a reworded or invented one.
FUZZY_THRESHOLD = 85.0
FUZZY_CANDIDATES = 5  # sentence windows tried, best first, until one states the quote's numbers and names
REFINE_CHARS = 8  # a fuzzy alignment's ends may move this far to whole words that match the quote better
MIN_FUZZY_CHARS = 20  # shorter quotes ("Iran fired") are too easy to match fuzzily: exact or normalized only
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
    folded_source, mapping = _folded(source)
    folded_quote, _ = _fold_with_map(quote)
    at = folded_source.find(folded_quote)
    if at >= 0 and folded_quote:
        start, end = mapping[at], mapping[at + len(folded_quote) - 1] + 1
        return _span(source, start, end, "normalized", sentences)
    if len(folded_quote) >= MIN_FUZZY_CHARS:
        for start, end, score in _fuzzy_candidates(quote, folded_quote, source, sentences):
            if _same_facts(quote, source[start:end], source):
                return _span(source, start, end, "fuzzy", sentences, round(score, 1))
    return Span(text=evidence, status="not_found")


@lru_cache(maxsize=32)
def _folded(source: str) -> tuple[str, list[int]]:
    """The folded source and its offset map, once per article (folding is a Python loop)."""
    return _fold_with_map(source)


def _fuzzy_candidates(
    quote: str, folded_quote: str, source: str, sentences: list[Sentence]
) -> Iterator[tuple[int, int, float]]:
    """Source offsets and scores of the best fuzzy alignments, best first, one per sentence window.

    A window starts at a sentence and runs far enough to hold any quote that starts in that sentence,
    so each window is at least as long as the quote (partial_ratio then aligns the quote inside it,
    never the window inside a longer, partly invented quote). rapidfuzz ranks the windows in C; the
    best ``FUZZY_CANDIDATES`` that state the quote's numbers and names are aligned, in that order.
    """
    folded_source, mapping = _folded(source)
    size = len(folded_quote)
    starts = [bisect_left(mapping, s.start) for s in sentences] or [0]
    ends = [bisect_left(mapping, s.end) for s in sentences] or [len(folded_source)]
    windows: list[tuple[int, int]] = []
    for i, begin in enumerate(starts):
        stop = next((e for e in ends[i:] if e >= ends[i] + size), len(folded_source))
        if stop - begin >= size:
            windows.append((begin, stop))
    texts = [folded_source[a:b] for a, b in windows]
    ranked = process.extract(folded_quote, texts, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_THRESHOLD, limit=None)
    seen: set[tuple[int, int]] = set()
    tried = 0
    for _, _, k in ranked:
        begin, stop = windows[k]
        if tried >= FUZZY_CANDIDATES:
            return
        if not _same_facts(quote, source[mapping[begin] : mapping[stop - 1] + 1], source):
            continue  # cheap: a window without the quote's numbers and names cannot hold it
        tried += 1
        hit = fuzz.partial_ratio_alignment(folded_quote, texts[k], score_cutoff=FUZZY_THRESHOLD)
        if hit is None or hit.dest_end <= hit.dest_start:
            continue
        start, end = _refine(
            folded_quote, source, mapping[begin + hit.dest_start], mapping[begin + hit.dest_end - 1] + 1
        )
        if (start, end) not in seen:
            seen.add((start, end))
            yield start, end, hit.score


def _refine(folded_quote: str, source: str, start: int, end: int) -> tuple[int, int]:
    """Snap an alignment to the word boundaries nearby that best match the whole quote (fuzz.ratio).

    partial_ratio aligns a window as long as the quote, which may sit a character or two off (leaving
    out a leading number: "2 fighters" aligned as " fighters w") or, when the quote drops a word, cover
    only its tail; the span should hold the quote's whole counterpart, and the facts check needs it.
    """
    folded_source, mapping = _folded(source)
    slack = REFINE_CHARS + len(folded_quote) // 5 + max(0, len(folded_quote) - (end - start))
    lo, hi = max(0, start - slack), min(len(source), end + slack)
    starts = [p for p in range(lo, min(start + slack, end)) if _boundary(source, p, at_start=True)] or [start]
    ends = [p for p in range(max(start + 1, end - slack), hi + 1) if _boundary(source, p, at_start=False)]
    pairs = [(x, y) for x in starts for y in ends or [end] if y > x]

    def score(pair: tuple[int, int]) -> float:
        region = folded_source[bisect_left(mapping, pair[0]) : bisect_left(mapping, pair[1])]
        return fuzz.ratio(folded_quote, region)

    return max(pairs, key=score, default=(start, end))


def _boundary(source: str, p: int, *, at_start: bool) -> bool:
    """A word starts (or ends) at offset ``p``."""
    before = source[p - 1] if p > 0 else " "
    after = source[p] if p < len(source) else " "
    if at_start:
        return not after.isspace() and (before.isspace() or (after.isalnum() and not before.isalnum()))
    return not before.isspace() and (after.isspace() or (before.isalnum() and not after.isalnum()))


def _same_facts(quote: str, matched: str, source: str) -> bool:
    """The fuzzily matched source text states every number and name of the quote."""
    if missing_numbers(numbers_in(quote), matched):
        return False
    return all(mentions(name, matched) for name in names_in(quote, source))


def _sentence_ids(sentences: list[Sentence], start: int, end: int) -> list[int]:
    return [s.id for s in sentences if s.start < end and start < s.end]


def ground_ids(ids: list[int], sentences: list[Sentence]) -> list[Span]:
    """Exact spans for cited sentence ids; an id the article lacks stays as a not_found span "[id N]"."""
    by_id = {s.id: s for s in sentences}
    spans = []
    for sentence_id in ids:
        sentence = by_id.get(sentence_id)
        if sentence is None:
            spans.append(Span(text=f"[id {sentence_id}]", status="not_found", sentence_ids=[sentence_id]))
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
            item.spans = ground_ids(list(evidence), sentences)
        else:
            item.spans = [locate(str(e), source, sentences) for e in evidence]
    elif getattr(item, "spans", None):  # a report from another tool: check or re-align the spans it carries
        item.spans = [span if _holds(span, source) else locate(span.text, source, sentences) for span in item.spans]


spans_from_ids = ground_ids  # the earlier name, kept for callers


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

"""Benchmark: evidence alignment on a 5,000-word article, against difflib as the baseline in the same run.

    python benchmarks/grounding.py

Each quote is located with extractor's aligner (exact -> normalized -> fuzzy via rapidfuzz) and
with difflib.SequenceMatcher's longest-match search; prints milliseconds per quote and the ratio.
"""

from __future__ import annotations

import difflib
import random
import time

from extractor.sentences import split_sentences
from extractor.verification.spans import locate

random.seed(7)
PLACES = ["Al-Qaim", "Abu Kamal", "Erbil", "Tanf", "Hodeidah", "Mayadin", "Jurf al-Nasr", "Ain al-Asad"]


def article(words: int = 5000) -> str:
    sentences, count = [], 0
    while count < words:
        place = random.choice(PLACES)
        n = random.randint(2, 30)
        sentence = (f"Officials said {n} fighters were killed near {place} when a drone struck a vehicle, "
                    f"according to a monitor that tracks the conflict.")  # fmt: skip
        sentences.append(sentence)
        count += len(sentence.split())
    return " ".join(sentences)


def quotes(text: str, k: int = 40) -> list[str]:
    picked = random.sample(split_sentences(text), k)
    out = []
    for i, sentence in enumerate(picked):
        words = sentence.text.split()[2:14]
        quote = " ".join(words)
        if i % 3 == 1:
            quote = quote.replace("fighters", "fighter")  # paraphrase: fuzzy
        elif i % 3 == 2:
            quote = quote.replace(" ", "  ")  # spacing: normalized
        out.append(quote)
    return out


def difflib_locate(quote: str, text: str) -> tuple[int, int]:
    matcher = difflib.SequenceMatcher(None, text, quote, autojunk=False)
    match = matcher.find_longest_match(0, len(text), 0, len(quote))
    return match.a, match.a + match.size


def main() -> None:
    text = article()
    found = quotes(text)
    split_sentences(text)  # segmentation is cached per text, as in the pipeline
    started = time.perf_counter()
    statuses = [locate(q, text).status for q in found]
    ours = (time.perf_counter() - started) / len(found)
    started = time.perf_counter()
    for q in found[:5]:
        difflib_locate(q, text)
    theirs = (time.perf_counter() - started) / 5
    print(f"article: {len(text.split())} words, {len(found)} quotes")
    print("statuses: " + ", ".join(f"{s}={statuses.count(s)}" for s in sorted(set(statuses))))
    print(f"extractor locate: {ours * 1000:8.2f} ms/quote")
    print(f"difflib baseline: {theirs * 1000:8.2f} ms/quote")
    print(f"speed-up: {theirs / ours:8.1f}x")


if __name__ == "__main__":
    main()

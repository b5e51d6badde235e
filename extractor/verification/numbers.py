"""Numbers a claim or event states must be found in its evidence ("Eight ... were killed" supports 8)."""

from __future__ import annotations

import re
from functools import lru_cache

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
WORDS: dict[str, int] = {word: value for value, word in enumerate(_UNITS)}
WORDS.update(_TENS)
WORDS.update({"a dozen": 12, "dozen": 12, "a hundred": 100, "hundred": 100, "a single": 1, "single": 1})
_NUMBER = re.compile(
    r"\b(\d{1,3}(?:,\d{3})+|\d+)\b|\b(" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")(?:[- ](\w+))?\b",
    re.IGNORECASE,
)
_YEARS_AND_DATES = re.compile(r"\b(19|20)\d{2}\b")


def numbers_in(text: str | None) -> set[int]:
    """Every count in ``text``, in digits or words ("twenty-three" = 23); years are left out."""
    return set(_numbers_in(text or ""))


@lru_cache(maxsize=1024)  # statements and evidence sentences are asked about again for every pair of claims
def _numbers_in(text: str) -> frozenset[int]:
    found: set[int] = set()
    for match in _NUMBER.finditer(text):
        if match.group(1):
            if _YEARS_AND_DATES.fullmatch(match.group(1)):
                continue
            found.add(int(match.group(1).replace(",", "")))
            continue
        value = WORDS[match.group(2).lower()]
        tail = (match.group(3) or "").lower()
        if value in _TENS.values() and tail in WORDS and WORDS[tail] < 10:
            value += WORDS[tail]
        found.add(value)
    return frozenset(found)


def missing_numbers(claimed: set[int], evidence_text: str) -> set[int]:
    """The claimed numbers the evidence does not state (0 and 1 are too common in prose to demand)."""
    return {n for n in claimed if n > 1} - _numbers_in(evidence_text or "")

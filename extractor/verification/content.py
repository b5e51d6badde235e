"""A statement must be what its evidence says: its content words, by stem, stand in its evidence sentences.

The model writes each claim's statement in its own words and cites sentences for it. A statement whose words
the cited sentences do not carry was not read there: copied from the prompt's example ("supplied targeting data
for the attack" pinned to a sentence about something else), merged from several places, or made up. Content
words are the statement's words less function words and reporting words, compared by Snowball stem ("supplied"
~ "supplying", "involvement" ~ "involved"); a word of the statement counts as present when its stem, or a stem
sharing its first five letters, is in the evidence ("Iranian" ~ "Iran" through the side names is the names
check's business, not this one's).

    coverage("Iran supplied targeting data for the attack", "Iran's foreign ministry denied any role")  -> 0.2
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
PREFIX = 5  # stems sharing this many first letters are one word ("retaliat-ion" ~ "retaliat-ory")
# Function, reporting, number and date words: who said it and when are other checks' business.
_FUNCTION_TEXT = (
    "a an the and or but nor of in on at to for from by with without into onto over under after before during "
    "about against between through since until than as that this these those it its it's they them their there "
    "here he him his she her we us our you your i me my be is are was were been being am has have had having do "
    "does did not no none any some all both each other such own same so very can could may might will would shall "
    "should must also only just then when where which who whom whose what why how if while because said says say "
    "saying told tell added claimed claims claim according stated statement announced confirmed reported report "
    "reports alleged allegedly reportedly accused accuses denied denies officials official spokesman spokeswoman "
    "spokesperson one two three four five six seven eight nine ten dozens several many more most least monday "
    "tuesday wednesday thursday friday saturday sunday today yesterday week month year january february march "
    "april may june july august september october november december"
)
FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word.lower().replace("’", "'").removesuffix("'s"))


def content_stems(text: str) -> list[str]:
    """The stems of ``text``'s content words, in order (repeats kept)."""
    return [_stem(w) for w in _WORD.findall(text) if w.lower() not in FUNCTION_WORDS and len(w) > 1]


def _present(stem: str, evidence: set[str], prefixes: set[str]) -> bool:
    return stem in evidence or (len(stem) >= PREFIX and stem[:PREFIX] in prefixes)


def missing_words(statement: str, evidence: str) -> list[str]:
    """The statement's content words whose stem the evidence does not carry."""
    stems = set(content_stems(evidence))
    prefixes = {s[:PREFIX] for s in stems if len(s) >= PREFIX}
    words = [w for w in _WORD.findall(statement) if w.lower() not in FUNCTION_WORDS and len(w) > 1]
    return [w for w in words if not _present(_stem(w), stems, prefixes)]


def coverage(statement: str, evidence: str) -> float | None:
    """The share of the statement's content words its evidence carries; None when it has none."""
    words = [w for w in _WORD.findall(statement) if w.lower() not in FUNCTION_WORDS and len(w) > 1]
    if not words:
        return None
    return 1 - len(missing_words(statement, evidence)) / len(words)

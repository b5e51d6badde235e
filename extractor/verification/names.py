"""Names a claim states must come from the article, and high-stakes names from next to its evidence.

A name is a capitalised word of the statement that the article does not also use in lower case
(so a capitalised first word such as "Strikes" is not taken for a name). Affiliation labels
("Iran-backed") are background, not the claim, and are not checked.

- Every name must occur somewhere in the article: a name the article never mentions was made up.
- A high-stakes name (a state of the policy: Iran, IRGC, Quds Force, ...) must occur in the evidence
  window, i.e. the evidence sentences and one neighbour either side: "Iran fired the rockets" needs
  Iran there, not three paragraphs away. Other names may come from further away, because claims
  resolve "the ship" or "the group" to the name the article gave earlier (measured on the gold dev
  split: demanding every name next to the evidence flagged one faithful claim in twelve).

A name counts as present under the word itself, a word it is a prefix of or that is a prefix of it
("Iranian" ~ "Iran", "Syrian" ~ "Syria", never "Iran" ~ "Iraq": the shorter needs 4 letters),
another name of the same actor from the report's actors list, or another name of the same state
side ("Tehran" ~ "IRGC" ~ "Iran"; "U.S." ~ "American" ~ "CENTCOM").
"""

from __future__ import annotations

import re
from collections.abc import Set
from functools import lru_cache
from re import Pattern

from extractor.verification.parties import CACHE_SIZE, SIDES, Parties, normalize
from extractor.verification.policy import without_affiliations

MIN_PREFIX = 4  # "Iran" ~ "Iranian": the shorter word must be at least this long to match as a prefix
_TOKEN = re.compile(r"[A-Za-z][\w'’.-]*")
_SPACED_INITIALS = re.compile(r"\b([A-Z])\.\s(?=[A-Z]\.)")  # "U. S." is one name, "U.S."
_SKIP = {
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "they", "their", "he", "she", "his", "her",
    "in", "on", "at", "of", "for", "and", "or", "but", "no", "not", "all", "some", "both", "each", "there", "none",
}  # fmt: skip


@lru_cache(maxsize=CACHE_SIZE)
def _key(word: str) -> str:
    return normalize(word.replace(".", "")).replace(" ", "")


@lru_cache(maxsize=64)  # texts: the article (asked once per claim) and evidence windows
def _words(text: str) -> frozenset[str]:
    """Word keys of ``text``; a hyphenated word also gives its parts ("pro-Iranian" -> "iranian")."""
    tokens = _TOKEN.findall(text)
    return frozenset({_key(part) for token in tokens for part in (token, *token.split("-"))} - {""})


def _prefix_match(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return len(short) >= MIN_PREFIX and long.startswith(short)


_US = re.compile(r"\b(?:u\.\s?s\b\.?|us|usa|united states|america)(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=256)
def _sides(text: str) -> frozenset[str]:
    padded = " " + text.lower().replace("u. s.", "u.s.") + " "
    sides = {side for side, names in SIDES.items() if any(name in padded for name in names)}
    if _US.search(text):
        sides.add("united states")
    return frozenset(sides)


def names_in(statement: str, article: str) -> list[str]:
    """Capitalised words of ``statement`` that the article never writes in lower case (affiliations left out)."""
    lower_keys = _lower_keys(article)
    names = []
    statement = _SPACED_INITIALS.sub(r"\1.", statement)
    for token in _TOKEN.findall(without_affiliations(statement)):
        token = token.rstrip(".'’-") or token
        if not token[:1].isupper() or token.lower() in _SKIP:
            continue
        if _key(token) in lower_keys and not token.isupper():
            continue
        if token not in names:
            names.append(token)
    return names


@lru_cache(maxsize=32)
def _lower_keys(article: str) -> frozenset[str]:
    """Keys of the words ``article`` writes in lower case (once per article, not once per claim)."""
    return frozenset(_key(w) for w in {w for w in _TOKEN.findall(article) if w[:1].islower()})


def mentions(name: str, text: str, parties: Parties | None = None) -> bool:
    """``text`` mentions ``name`` under the name itself, a prefix form, an alias or its state side."""
    key = _key(name)
    words = _words(text)
    if not key or any(key == w or _prefix_match(key, w) for w in words):
        return True
    if _sides(name) & _sides(text):
        return True
    return parties is not None and _alias_in(key, normalize(text), words, parties)


def missing_names(
    statement: str, window: str, article: str, parties: Parties | None = None, high_stakes: Pattern[str] | None = None
) -> list[str]:
    """Names of ``statement`` the article never mentions, and high-stakes names the evidence ``window`` lacks."""
    missing = []
    for name in names_in(statement, article):
        strict = high_stakes is not None and high_stakes.search(name) is not None
        if not mentions(name, window if strict else article, parties):
            missing.append(name)
    return missing


def _alias_in(key: str, window_text: str, window_words: Set[str], parties: Parties) -> bool:
    """Another name of an actor whose names contain ``key`` stands in the window."""
    for group in parties.groups:
        if not any(key in {_key(w) for w in name.split()} for name in group):
            continue
        for other in group:
            if other and (f" {other} " in f" {window_text} " or _key(other) in window_words):
                return True
    return False

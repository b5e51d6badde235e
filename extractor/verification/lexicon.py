"""The reporting-cue lexicon: which words attribute, accuse, hedge or deny, and which name nobody.

Categories (a cue may be matched in the claim's ``cue`` field or in its evidence sentence):

- ``assertive``: the source states it plainly (said, stated, announced, confirmed, told).
- ``attributive``: the outlet passes it on from a source (according to; "claimed" as in a claim of
  responsibility, which states who says it rather than casting doubt on it).
- ``accusatory``: the source blames someone (accused, blamed, held responsible).
- ``hedged``: the wording itself withholds certainty (alleged, reportedly, could not be
  independently verified, unconfirmed, believed to, appeared to, suspected).
- ``denial``: the source rejects it (denied, rejected, dismissed, refuted).
- ``anonymous``: the source is not named ("an official", "officials", "sources", "speaking on
  condition of anonymity", "a person familiar with"); matched on the claimant by ``is_anonymous``.

``CUE_CATEGORY`` maps every cue to its category; ``cue_category`` looks one up. ``is_author`` (the
outlet's own voice) is defined with the schemas, so the evaluation uses the same test.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.schemas.claimants import is_author

CUES: dict[str, tuple[str, ...]] = {
    "assertive": ("said", "says", "stated", "states", "announced", "confirmed", "told", "added", "noted", "reported"),
    "attributive": ("according to", "citing", "cited", "claimed", "claims", "claiming"),
    "accusatory": ("accused", "accuses", "accusing", "blamed", "blames", "held responsible", "pointed the finger"),
    "hedged": (
        "alleged", "allegedly", "reportedly", "purportedly", "apparently",
        "could not be independently verified", "could not independently verify", "could not be verified",
        "unconfirmed", "unverified", "believed to", "appeared to", "appears to", "suspected", "is thought to",
        "were thought to", "may have", "might have",
    ),
    "denial": ("denied", "denies", "denying", "rejected", "rejects", "dismissed", "dismisses", "refuted", "refutes"),
}  # fmt: skip

ANONYMOUS_CUES: tuple[str, ...] = (
    "an official", "officials", "a source", "sources", "speaking on condition of anonymity",
    "on condition of anonymity", "a person familiar with", "people familiar with", "not authorized to speak",
    "unnamed", "a diplomat", "diplomats", "a senior official", "a security source",
)  # fmt: skip
CUE_CATEGORY: dict[str, str] = {cue: category for category, cues in CUES.items() for cue in cues}
CUE_CATEGORY.update(dict.fromkeys(ANONYMOUS_CUES, "anonymous"))

_PATTERNS = {
    category: re.compile(r"\b(" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + r")\b", re.I)
    for category, cues in CUES.items()
}

# Claimants that name nobody: "an official", "two U.S. officials", "sources", "a person familiar with".
ANONYMOUS = re.compile(
    r"^(?:an?|one|two|three|four|several|some|other|unnamed|anonymous|senior)\b"
    r"|\b(?:sources?|officials?|diplomats?|people|persons?|insiders?|residents?)\b(?!\s+(?:of|at|for|from)\s+[A-Z])"
    r"|condition of anonymity|familiar with|not authori[sz]ed to",
    re.IGNORECASE,
)
NAMED_BODY = re.compile(r"\b(ministry|command|centcom|pentagon|observatory|council|agency|panel|army|forces)\b", re.I)
_SPOKESPERSON = re.compile(r"spokes(?:man|woman|person)", re.I)
_COUNTED = re.compile(r"^(?:an?|one|two|several|some)\b", re.I)


def categories(text: str | None) -> set[str]:
    """The cue categories that occur in ``text``."""
    if not text:
        return set()
    return set(_categories(text))


@lru_cache(maxsize=1024)  # the same evidence sentences and cues come back for every claim citing them
def _categories(text: str) -> frozenset[str]:
    return frozenset(category for category, pattern in _PATTERNS.items() if pattern.search(text))


def cue_category(cue: str | None) -> str | None:
    """The category of ``cue`` as written ("accused" -> "accusatory"), or of the first lexicon cue in it."""
    text = " ".join((cue or "").lower().split())
    if text in CUE_CATEGORY:
        return CUE_CATEGORY[text]
    found = first_cue(text)
    return CUE_CATEGORY.get(found) if found else None


@lru_cache(maxsize=1024)
def first_cue(text: str | None) -> str | None:
    """The earliest reporting cue in ``text``, as written in the lexicon (lower case)."""
    matches = [m for pattern in _PATTERNS.values() if (m := pattern.search(text or ""))]
    return min(matches, key=lambda m: m.start()).group(1).lower() if matches else None


@lru_cache(maxsize=1024)
def is_anonymous(claimant: str | None) -> bool:
    """True for claimants that name no person or body ("a U.S. official", "sources familiar with")."""
    text = (claimant or "").strip()
    if not text or is_author(text):
        return False
    if _SPOKESPERSON.search(text):  # speaks on the record for a body
        return False
    if NAMED_BODY.search(text) and not _COUNTED.match(text):
        return False
    return bool(ANONYMOUS.search(text))

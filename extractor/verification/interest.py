"""Statements against the speaker's interest, and the outlet's background: what needs no second look by itself.

eval/README.md, "When a claim needs a second look" (rule of 2026-12-08): a party admitting harm its own action
caused, or clearing its adversary, speaks against its own interest; the outlet's background (affiliations,
history, who backs whom) is not an assertion about the article's incidents. Each is read off the statement's
words and the report's parties, never off the answer's label alone.

Examples (tests/verification/test_interest.py):
    admits_harm("U.S. forces killed two civilians in the strike", "CENTCOM")            -> True
    admits_harm("U.S. forces killed five militants", "CENTCOM")                          -> False (adversary's loss)
    admits_losses("no U.S. personnel were hurt")                                         -> False (claims none)
    clears_adversary("there is no sign Tehran ordered the attack", "a U.S. official")    -> True
    clears_adversary("Iran played no role", "Iran's foreign ministry")                   -> False (a denial)
    about_an_incident("Iran backs the Houthis")                                          -> False (background)
    is_background("Iran arms, funds and directs the militias", policy_words)             -> False (involvement)
"""

from __future__ import annotations

import re

from extractor.verification.parties import _POSSESSIVE, SUBJECT_WORDS, Parties, normalize, side_of

# Victims whose death by one's own hand no party claims willingly.
_UNINTENDED_VICTIMS = re.compile(
    r"\b(civilians?|children|child|women|residents|bystanders|non-?combatants|families|aid workers|journalists|"
    r"patients|worshippers|students|farmers|passengers|wrong (?:target|building|house|vehicle|car)|by mistake|"
    r"mistakenly|accidentally|in error|friendly fire)\b",
    re.I,
)
_INFLICTED = re.compile(
    r"\b(kill(?:ed|ing|s)?|wound(?:ed|ing)?|injur(?:ed|ing)|hit|struck|caus(?:ed|ing)|deaths?)\b", re.I
)
# What clears someone: a negated act or part ("did not order", "no sign", "played no role", "was not behind").
_CLEARING = re.compile(
    r"\b(not|no|never|nor|none|nothing|without|neither)\b|n't\b|\b(?:no|any) (?:sign|evidence|indication|proof)\b",
    re.I,
)
# Words that tie a statement to an incident (an attack, a strike, a toll), not to the standing state of affairs.
_INCIDENT = re.compile(
    r"\b(attack(?:s|ed|ing)?|strikes?|struck|bomb(?:s|ed|ing)?|raids?|ambush(?:ed)?|shell(?:ed|ing)|fired|"
    r"launch(?:ed|ing)|assault|explosions?|blasts?|killed|killing|wounded|shot down|intercepted|seized|hijack(?:ed)?|"
    r"operation)\b",
    re.I,
)


def _same_side(a: str | None, b: str | None, parties: Parties) -> bool:
    """One actor, one alias group, one side, or one name inside the other ("Hezbollah's media office")."""
    if not a or not b:
        return False
    if parties.canonical(a) == parties.canonical(b):
        return True
    side_a, side_b = side_of(a), side_of(b)
    if side_a is not None and side_a == side_b:
        return True
    name_a, name_b = (f" {_POSSESSIVE.sub('', normalize(name))} " for name in (a, b))
    return name_a in name_b or name_b in name_a


def _subject(statement: str, parties: Parties) -> str | None:
    """The actor the statement opens with, or the side its first words name ("Israeli jets")."""
    return parties.subject(statement) or side_of(" ".join(statement.split()[:SUBJECT_WORDS]))


def admits_harm(statement: str, claimant: str, parties: Parties) -> bool:
    """The claimant's own side is the subject of a statement that it killed or hurt people no party means to."""
    subject = _subject(statement, parties)
    if subject is None or not _same_side(subject, claimant, parties):
        return False
    return bool(_INFLICTED.search(statement) and _UNINTENDED_VICTIMS.search(statement))


def admits_losses(statement: str) -> bool:
    """A statement of the speaker's own losses that admits some ("two soldiers were wounded"), not one that
    claims none ("no U.S. personnel were hurt": nothing admitted, the party's own figure)."""
    return not _CLEARING.search(statement)


def clears_adversary(statement: str, claimant: str, parties: Parties, state: str | None = None) -> bool:
    """A party says its adversary did not do something: the statement is negated and its subject (or the state
    it names, ``state``) is a party of another side than the claimant's."""
    if not _CLEARING.search(statement):
        return False
    subject = _subject(statement, parties) or state
    if subject is None or _same_side(subject, claimant, parties):
        return False
    return parties.is_party(subject) or side_of(subject) is not None


# An alignment, not an act: "Iran backs the Houthis" is background; "Iran arms the Houthis" is involvement.
_ALIGNMENT = re.compile(
    r"\b(backs|backed|supports|supported|support|aligned|allied|close to|sympathetic|"
    r"armed (?:groups?|factions?|wings?|men|forces|movements?))\b",
    re.I,
)  # "armed groups" is a noun, not the act of arming


def about_an_incident(statement: str) -> bool:
    """The statement speaks of an incident (an attack, a strike, a toll), not of the standing state of affairs."""
    return bool(_INCIDENT.search(statement))


def is_background(statement: str, involvement: re.Pattern[str]) -> bool:
    """The outlet's word on the standing state of affairs: no incident, and no act of involvement (arming,
    funding, directing: the policy's ``involvement`` words) beyond an alignment."""
    return not about_an_incident(statement) and not involvement.search(_ALIGNMENT.sub(" ", statement))

"""Who is who: canonical claimants (alias-aware), and whether a claimant is a party to the events.

A claimant is a party when it names, or is an alias of, a perpetrator or target of the
report's events, when the report lists it (under any of its names) as an armed actor (state or
external forces, an armed group, an umbrella of them), or when it or one of its aliases is an
armed side or its government by the lexicon below (a military, a ministry of defense, an armed
group). Monitors, UN bodies, independent researchers and the outlet itself are never parties.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from extractor.verification.lexicon import is_author

SIDES: dict[str, tuple[str, ...]] = {
    # One side, many names: a claim from any of these is the same source for support counting.
    "united states": ("centcom", "central command", "u.s. military", "us military", "pentagon", "u.s. forces",
                      "department of defense", "defense department", "white house", "u.s. official",
                      "u.s. defense official", "washington", "american", "u.s. army", "u.s. navy", "u.s. air"),
    "iran": ("iran", "tehran", "irgc", "revolutionary guard", "quds force"),
    "israel": ("israel", "idf", "israeli"),
    "houthis": ("houthi", "ansar allah"),
}  # fmt: skip
PARTY_WORDS = re.compile(
    r"\b(military|forces|army|navy|air force|pentagon|centcom|command|ministry of defen[cs]e|defen[cs]e ministry|"
    r"militias?|hezbollah|hizballah|kata'?ib|brigades|houthis?|ansar allah|irgc|guard|idf|hamas|resistance|"
    r"government|spokes(?:man|woman|person) for the (?:army|military|group))\b",
    re.IGNORECASE,
)
INDEPENDENT_WORDS = re.compile(
    r"\b(observatory|monitor|monitoring|united nations|u\.?n\.?|panel of experts|amnesty|human rights watch|"
    r"researchers?|analysts?|independent|red cross|icrc|ukmto|shipping security|ambrey|journalists?|residents|"
    r"witness(?:es)?|medics?|hospital|doctors)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9']+")
ARMED_KINDS = frozenset({"state_forces", "external_forces", "non_state_armed_group", "umbrella_group"})
NAME_MATCH = 85.0  # rapidfuzz token_set_ratio for two names to be the same actor
SUBJECT_WORDS = 4  # a statement's subject is an actor named within its first words ("At least 15 U.S. personnel")


_INITIALS = re.compile(r"(?<![a-z0-9.])(?:[a-z]\.\s?)+[a-z]\.")  # "u.s.", "u. s.", "u.n." (lower case)
_DOTS_AND_SPACES = re.compile(r"[.\s]")
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")
_POSSESSIVE = re.compile(r"'s\b|(?<=s)'(?!\w)")  # "Iran's", "the Houthis'"; never the ' of "Kata'ib"
# The verifier asks for the same few names and sentences many times per report (each claim against each actor):
# these pure str -> str functions are memoised, bounded, so a batch of articles never grows them without end.
CACHE_SIZE = 4096


def _close_initials(match: re.Match[str]) -> str:
    return _DOTS_AND_SPACES.sub("", match.group(0))


@lru_cache(maxsize=CACHE_SIZE)
def _fold(name: str | None) -> str:
    """Lower case, straight apostrophes, initials closed up: "The U. S. Army" -> "the us army"."""
    text = (name or "").lower().replace("’", "'")
    return _INITIALS.sub(_close_initials, text)


@lru_cache(maxsize=CACHE_SIZE)
def normalize(name: str | None) -> str:
    """The words of a name, as the evaluation spells them for "U.S." ("us"): "The U.S. military" -> "us military"."""
    text = _LEADING_ARTICLE.sub("", _fold(name).strip())
    return " ".join(_WORD.findall(text))


# Each side's words as written (matched in the lower-cased name) and as normalize() spells them (" us military").
_SIDE_FORMS: dict[str, tuple[tuple[str, str], ...]] = {
    side: tuple((word, f" {' '.join(_WORD.findall(_fold(word)))}") for word in words) for side, words in SIDES.items()
}
_SIDE_KEYS = frozenset(normalize(word) for words in SIDES.values() for word in words)


@lru_cache(maxsize=CACHE_SIZE)
def side_of(name: str | None) -> str | None:
    text = " " + (name or "").lower().replace("u. s.", "u.s.") + " "
    spaced = " " + " ".join(_WORD.findall(_fold(name))) + " "  # also as normalize() spells it: "us military"
    for side, forms in _SIDE_FORMS.items():
        if any(word in text or folded in spaced for word, folded in forms):
            return side
    return None


class Parties:
    """Alias groups from the report's actors, and the names of the report's events' participants."""

    def __init__(self, report: Any) -> None:
        self._names_of: dict[str, set[str]] = {}  # this report's answers only: a Parties is built per report
        self._others_words: dict[str, frozenset[str]] = {}
        self.groups: list[set[str]] = []
        self.armed: set[str] = set()  # names of the actors the report lists as an armed side
        for actor in getattr(report, "actors", None) or []:
            names = {normalize(actor.name), *(normalize(a) for a in actor.aliases)} - {""}
            if names:
                self.groups.append(names)
                if getattr(actor, "kind", None) in ARMED_KINDS:
                    self.armed |= names
        self.participants: set[str] = set()
        self.perpetrators: set[str] = set()
        for event in getattr(report, "events", None) or []:
            for name in [*event.perpetrators, *event.targets]:
                self.participants |= self.names_of(name)
            for name in event.perpetrators:
                self.perpetrators |= self.names_of(name)
        # A claimant names an actor even when the answer's actors list left it out ("the Islamic Resistance in
        # Iraq, an umbrella for Iran-aligned factions, claimed the attack", said by that group).
        claimants = {normalize(c.claimant) for c in getattr(report, "claims", None) or [] if not is_author(c.claimant)}
        self._named = sorted(
            {name for group in self.groups for name in group} | self.participants
            | (claimants - {""}) | _SIDE_KEYS,
            key=len, reverse=True,
        )  # fmt: skip

    def is_perpetrator(self, claimant: str | None) -> bool:
        """``claimant`` (or an alias of it) carried out one of the report's events."""
        return any(_same(name, p) for name in self.names_of(claimant) for p in self.perpetrators)

    def subject(self, statement: str) -> str | None:
        """The canonical key of the actor ``statement`` opens with (alias- and side-aware; its first
        ``SUBJECT_WORDS`` words), e.g. "united states" for "U.S. forces struck a Kata'ib Hezbollah depot" or
        "At least 15 U.S. personnel were hurt"; None when no actor is named that early."""
        text = " " + _POSSESSIVE.sub("", normalize(statement)) + " "
        found = [(text.find(f" {name} "), name) for name in self._named if name]
        found = [(at, name) for at, name in found if at >= 0 and text[:at].count(" ") <= SUBJECT_WORDS]
        if not found:
            return None
        _, name = min(found, key=lambda pair: (pair[0], -len(pair[1])))
        return self.canonical(name)

    def canonical(self, claimant: str | None) -> str:
        """One key per source: the side for state bodies, else the alias group's first name, else the name."""
        if is_author(claimant):
            return "author"
        side = side_of(claimant)
        if side and not INDEPENDENT_WORDS.search(claimant or ""):
            return side
        names = self.names_of(claimant)
        for name in names:  # an alias that names a side ("U.S. forces" for "CENTCOM")
            side = side_of(name)
            if side and not INDEPENDENT_WORDS.search(name):
                return side
        return min(names) if names else normalize(claimant)

    def names_of(self, name: str | None) -> set[str]:
        """``name`` with every alias the report gives it (computed once per name and report: do not change it)."""
        key = normalize(name)
        names = self._names_of.get(key)
        if names is None:
            names = {key} - {""}
            for group in self.groups:
                if any(_same(key, member) for member in group):
                    names |= group
            self._names_of[key] = names
        return names

    def words_of_others(self, claimant: str | None) -> frozenset[str]:
        """The words in the names of every other actor, participant, claimant or side of the report."""
        key = normalize(claimant)
        found = self._others_words.get(key)
        if found is None:
            own = self.names_of(claimant)
            found = frozenset(w for name in self._named if name not in own for w in name.split())
            self._others_words[key] = found
        return found

    def is_party(self, claimant: str | None, model_says: bool = False) -> bool:
        """Party to the events: a participant (alias-aware), an armed side by the lexicon, or as the model said."""
        if not claimant or is_author(claimant):
            return False
        if INDEPENDENT_WORDS.search(claimant) and not PARTY_WORDS.search(claimant):
            return False
        names = self.names_of(claimant)
        if any(_same(name, participant) for name in names for participant in self.participants):
            return True
        if names & self.armed or any(PARTY_WORDS.search(n) or side_of(n) for n in names):
            return True  # an alias is an armed side: "the PMF" for "Popular Mobilization Forces"
        return model_says or bool(PARTY_WORDS.search(claimant)) or side_of(claimant) is not None


def _same(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return a == b or (fuzz.token_set_ratio(a, b) >= NAME_MATCH and min(len(a), len(b)) > 3)

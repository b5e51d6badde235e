"""Canonical claimants: each claim's claimant resolved to one actor of the report (``claim.claimant_actor``).

The model writes a claimant as the article words it ("CENTCOM", "the group", "Saree"). The verifier adds the
actor of the report's ``actors`` list that it stands for, by that actor's name as listed, and keeps the model's
text beside it (``claim.claimant``). In this order:

1. a name or alias of an actor (case, punctuation, a leading "the", "U.S." ~ "US" aside, as ``parties.normalize``);
   a name with a short form in brackets stands for both ("U.S. Central Command (CENTCOM)"); or a close spelling
   ("Kataib Hezbollah" ~ "Kata'ib Hezbollah": rapidfuzz ratio >= ``CLOSE_SPELLING``);
2. a spokesperson of one: "Iran's Foreign Ministry spokesman", "a spokesman for the group" (the body resolved);
3. a short form of exactly one actor's name: "Saree" for "Yahya Saree", "Central Command", or its initials
   ("PMF" for "Popular Mobilization Forces"); a short form several actors share resolves to none;
4. an anaphor ("the group", "the militia", "the military", "the ministry"): the one actor of a fitting kind (or
   with that word in its name) named nearest before it, in the evidence sentence up to the anaphor, then up to
   ``ANAPHOR_LOOKBACK`` sentences back; if none is named there, the report's only actor of that kind;
5. otherwise None: the outlet, an unnamed "U.S. official" the report does not list, two actors at once.

Names are compared strictly on purpose: ``parties._same`` (token_set_ratio) takes a name for any name that
contains it ("militias" ~ "Iraqi militias"), which is right for "is this a party" and wrong for "which actor".
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz

from extractor.sentences import Sentence
from extractor.verification.lexicon import is_author
from extractor.verification.parties import normalize

CLOSE_SPELLING = 90.0  # rapidfuzz ratio for two spellings of one name ("kataib hezbollah" / "kata'ib hezbollah")
ANAPHOR_LOOKBACK = 2  # sentences before the evidence searched for the group "the group" refers to
_BRACKETED = re.compile(r"^(?P<outer>[^()]*)\((?P<inner>[^()]+)\)(?P<rest>[^()]*)$")
_ROLE = r"(?:(?:chief|senior|military|official|top)\s+)?(?:spokes(?:man|woman|person|people)|press secretary|statement)"
_ROLE_FOR = re.compile(rf"^(?:an?\s+|the\s+)?{_ROLE}\s+(?:for|of)\s+(?P<body>.+)$", re.IGNORECASE)
_ROLE_AFTER = re.compile(rf"^(?P<body>.+?)(?:'s?|’s?)?\s+{_ROLE}\b(?:,?\s+.*)?$", re.IGNORECASE)
_ARMED = ("non_state_armed_group", "umbrella_group")
ANAPHORS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("group", "militia", "militias", "movement", "rebels", "organization", "organisation",
                     "faction", "insurgents", "militants"), _ARMED),
    **dict.fromkeys(("military", "army", "forces", "navy", "troops"), ("state_forces", "external_forces")),
    **dict.fromkeys(("ministry", "government", "authorities"), ("government",)),
    **dict.fromkeys(("monitor", "observatory", "watchdog"), ("monitor_or_ngo",)),
}  # fmt: skip
_ANAPHOR = re.compile(
    r"^(?:the|this|that)\s+(?:(?:armed|militant|rebel|islamist|paramilitary|umbrella|iran-backed|iran-aligned|"
    r"war)\s+)*(?P<noun>" + "|".join(ANAPHORS) + r")$",
    re.IGNORECASE,
)
# Words too common to pick out one actor on their own ("forces" in "U.S. forces" and "Syrian Democratic Forces").
GENERIC = frozenset({
    "the", "a", "an", "of", "for", "and", "in", "on", "to", "us", "military", "forces", "force", "army", "navy",
    "ministry", "government", "officials", "official", "group", "command", "security", "defense", "defence",
    "foreign", "spokesman", "spokesperson", "troops", "militia", "militias", "state", "national", "council",
    "authorities", "agency", "news", "media", "office", "department", "service", "services", "iraqi", "syrian",
    "iranian", "israeli", "american", "british", "yemeni", "lebanese",
})  # fmt: skip
NOBODY = frozenset({"", "unknown", "none", "null", "n a", "unidentified"})  # placeholders, not names
_CAPITALISED = re.compile(r"[A-Za-z][\w'’-]*")


def _names(name: str, aliases: list[str]) -> list[str]:
    """An actor's name, aliases, and both parts of a bracketed name ("U.S. Central Command (CENTCOM)")."""
    names = []
    for text in [name, *aliases]:
        names.append(text)
        bracketed = _BRACKETED.match(text.strip())
        if bracketed:
            names += [f"{bracketed['outer']} {bracketed['rest']}", bracketed["inner"]]
    return [n for n in names if normalize(n) not in NOBODY and not is_author(n)]


def _initials(name: str) -> str:
    """Initials of the capitalised words: "Islamic Revolutionary Guard Corps" -> "IRGC"."""
    return "".join(word[0] for word in _CAPITALISED.findall(name) if word[0].isupper())


def _phrase_in(key: str, text: str) -> bool:
    return bool(key) and f" {key} " in f" {text} "


class Claimants:
    """The report's actors by every name they go by; ``resolve`` names the actor a claim's claimant is."""

    def __init__(self, report: Any) -> None:
        self.actors: list[tuple[str, str, list[str], set[str]]] = []  # (name, kind, names, normalized names)
        for actor in getattr(report, "actors", None) or []:
            names = _names(actor.name, list(actor.aliases))
            if names:
                self.actors.append((actor.name, actor.kind, names, {normalize(n) for n in names}))

    def resolve(self, claim: Any, sentences: list[Sentence]) -> str | None:
        """The listed name of the actor ``claim.claimant`` is, or None when it names none (or several)."""
        claimant = (getattr(claim, "claimant", None) or "").strip()
        if not claimant or is_author(claimant) or not self.actors:
            return None
        return (
            self.by_name(claimant)
            or self._by_role(claimant, claim, sentences)
            or self.by_short_form(claimant)
            or self._by_anaphor(claimant, claim, sentences)
        )

    def by_name(self, text: str) -> str | None:
        """The first actor named ``text`` (name or alias), else the closest spelling of one."""
        key = normalize(text)
        for name, _, _, keys in self.actors:
            if key in keys:
                return name
        best: tuple[float, str] | None = None
        for name, _, _, keys in self.actors:
            score = max(fuzz.ratio(key, other) for other in keys)
            if score >= CLOSE_SPELLING and (best is None or score > best[0]):
                best = (score, name)
        return best[1] if best else None

    def by_short_form(self, text: str) -> str | None:
        """The one actor of which ``text`` is a part ("Saree") or the initials ("PMF"); None if several."""
        key = normalize(text)
        if not key or not set(key.split()) - GENERIC:
            return None
        found = {name for name, _, _, keys in self.actors if any(_phrase_in(key, other) for other in keys)}
        letters = text.strip()
        if not found and letters.isalpha() and letters.isupper() and len(letters) >= 2:
            found = {name for name, _, names, _ in self.actors if any(letters in _initials(n) for n in names)}
        return found.pop() if len(found) == 1 else None

    def _by_role(self, text: str, claim: Any, sentences: list[Sentence]) -> str | None:
        match = _ROLE_FOR.match(text) or _ROLE_AFTER.match(text)
        if not match:
            return None
        body = match["body"].strip().rstrip("'’").strip()
        if not body or body.lower() == text.lower():
            return None
        return self.by_name(body) or self.by_short_form(body) or self._by_anaphor(body, claim, sentences)

    def _by_anaphor(self, text: str, claim: Any, sentences: list[Sentence]) -> str | None:
        match = _ANAPHOR.match(text)
        if not match:
            return None
        noun = match["noun"].lower()
        fitting = [
            (name, keys)
            for name, kind, _, keys in self.actors
            if kind in ANAPHORS[noun] or noun in " ".join(keys).split()
        ]
        by_id = {s.id: s.text for s in sentences}
        ids = sorted({i for span in getattr(claim, "spans", None) or [] for i in span.sentence_ids})
        ids = ids or sorted(i for i in getattr(claim, "evidence", None) or [] if isinstance(i, int))
        if ids and ids[0] in by_id:
            first = by_id[ids[0]]
            at = first.lower().find(text.lower())
            segments = [first[:at] if at >= 0 else first]  # only what comes before the anaphor
            segments += [by_id[i] for i in range(ids[0] - 1, ids[0] - 1 - ANAPHOR_LOOKBACK, -1) if i in by_id]
            for segment in segments:
                words = normalize(segment)
                named = {name for name, keys in fitting if any(_phrase_in(k, words) for k in keys)}
                if named:
                    return named.pop() if len(named) == 1 else None
        names = {name for name, _ in fitting}
        return names.pop() if len(names) == 1 else None

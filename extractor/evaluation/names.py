"""Name normalization and alias-aware actor identity (from the gold actors' names and aliases)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz, process

from extractor.evaluation.gold import GoldActor
from extractor.schemas.claimants import is_author as is_author  # one definition, shared with verification

ALIAS_FUZZY_MIN = 90  # fuzz.ratio 0-100 for "the same name spelled a little differently" (Kataib / Kata'ib)

_VANISH = re.compile(r"[.'`\u2018\u2019]")  # U.S. -> us, Kata'ib -> kataib
_SPACED_INITIALS = re.compile(r"\b(\w)\.\s+(?=\w\.)")  # U. S. -> U.S. (a tokenisation artefact)
_NON_WORD = re.compile(r"[\W_]+")
_LEADING_ARTICLE = re.compile(r"^(the|a|an) ")
_BRACKETED = re.compile(r"^(?P<outer>[^()]*)\((?P<inner>[^()]+)\)(?P<rest>[^()]*)$")


def normalize(text: str | None) -> str:
    """Casefolded words without punctuation or a leading article: ``"The U.S. Army"`` -> ``"us army"``
    (``"U. S."`` too: verification's ``parties.normalize`` spells names the same way)."""
    if not text:
        return ""
    text = _SPACED_INITIALS.sub(r"\1.", unicodedata.normalize("NFKC", text).casefold())
    text = _NON_WORD.sub(" ", _VANISH.sub("", text)).strip()
    return _LEADING_ARTICLE.sub("", text)


def forms(name: str | None) -> list[str]:
    """``name``, and for a name with a short form in brackets both parts:
    "U.S. Central Command (CENTCOM)" -> that, "U.S. Central Command", "CENTCOM"."""
    if not name:
        return []
    bracketed = _BRACKETED.match(name.strip())
    if not bracketed:
        return [name]
    return [name, f"{bracketed['outer']} {bracketed['rest']}".strip(), bracketed["inner"].strip()]


def claimant_forms(claim: Any, actors: Iterable[Any] = ()) -> list[str]:
    """Every form a predicted claim gives its claimant: the text as written, and the report actor the verifier
    resolved it to (``claimant_actor``) with that actor's aliases from the predicted report's ``actors``."""
    names = [getattr(claim, "claimant", None) or ""]
    resolved = getattr(claim, "claimant_actor", None)
    if resolved:
        names.append(resolved)
        for actor in actors:
            if getattr(actor, "name", None) == resolved:
                names += [alias for alias in getattr(actor, "aliases", []) if not is_author(alias)]
                break
    return list(dict.fromkeys(n for n in names if n))


class ActorIndex:
    """Maps any name or alias of a gold actor to that actor's canonical (normalized) name.

    Unknown names map to their own normalized form, so two spellings of an actor that the
    gold set does not list still match when they normalize alike ("U.S. forces" / "US forces").
    A name with a short form in brackets stands for either part ("U.S. Central Command (CENTCOM)").
    """

    def __init__(self, actors: Iterable[GoldActor] = ()) -> None:
        self._canonical: dict[str, str] = {}
        for actor in actors:
            key = normalize(actor.name)
            for name in (actor.name, *actor.aliases):
                for form in forms(name):
                    self._canonical.setdefault(normalize(form), key)

    def canonical(self, name: str | None) -> str:
        """The canonical key of ``name``: exact alias, then a close spelling of one, then either part of a
        bracketed name, else the name itself."""
        key = normalize(name)
        if not key or key in self._canonical:
            return self._canonical.get(key, key)
        best = process.extractOne(key, list(self._canonical), scorer=fuzz.ratio, score_cutoff=ALIAS_FUZZY_MIN)
        if best:
            return self._canonical[best[0]]
        for form in forms(name)[1:]:
            if normalize(form) in self._canonical:
                return self._canonical[normalize(form)]
        return key

    def same(self, a: str | None, b: str | None) -> bool:
        """Whether two names denote the same actor."""
        return bool(normalize(a)) and self.canonical(a) == self.canonical(b)

    def keys(self, names: Iterable[str]) -> set[str]:
        """Canonical keys of several names (empty names dropped)."""
        return {self.canonical(n) for n in names if normalize(n)}

    def overlap(self, a: Iterable[str], b: Iterable[str]) -> float:
        """Jaccard overlap of two name lists as actors; 1.0 when both are empty, 0.0 when one is."""
        left, right = self.keys(a), self.keys(b)
        if not left and not right:
            return 1.0
        return len(left & right) / len(left | right)

"""Claimants the evidence contradicts: a source the sentence does not name becomes the sentence's speaker.

A small model often puts the wrong source on a claim: "the ship's operator" for a sentence that ends ", UKMTO
said.", "author" for "CENTCOM said the strike killed ...", "the Israeli military" for "..., the Health Ministry
said." The claimant becomes the speaker, and the model's claimant is kept in ``claim.claimant_as_answered``, when

- the claimant is the outlet or is named nowhere in or next to the claim's evidence sentence, and that sentence
  names one speaker (at its start, "X said ...", "X, the ..., claimed ...", or its end, "..., X said.", "...
  according to X."); for the outlet's claim, the statement's own speaker when the sentence names none;
- or the statement opens with its own speaker ("Lebanon's Health Ministry said seven people ...") and the
  evidence sentence names that speaker too, whatever claimant the model gave.

Not a flag: the claim is no more doubtful for it, and a flag on repaired claims would mark claims that need no
look; the repairs count it (``Repairs.reassigned``). A pronoun, an anaphor ("the group", "the monitor") or a time
phrase is never taken for a speaker, and otherwise a claimant the sentence names is never changed.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.sentences import Sentence
from extractor.verification.attribution import claimant_mentioned
from extractor.verification.lexicon import is_author
from extractor.verification.parties import Parties, normalize

_VERBS = (
    r"(?:said|says|claimed|claims|accused|accuses|denied|denies|reported|reports|stated|announced|confirmed"
    r"|blamed|told|added|alleged|insisted|warned)"
)
_NAME = r"[^,;:\"“”]"
_AT_START = re.compile(
    r"^(?P<who>(?:[A-Z]|the |a |an |two |three |four |several )" + _NAME + r"{1,80}?)(?:,[^;:\"“”]{0,160}?,)?\s+"
    + _VERBS + r"\b"
)  # fmt: skip
_AT_END = re.compile(r",\s*(?P<who>" + _NAME + r"{2,80}?)\s+" + _VERBS + r"\s*\.[\"”]?\s*$")
_ACCORDING_TO = re.compile(r"according to (?P<who>" + _NAME + r"{2,80}?)\s*\.?\s*$", re.IGNORECASE)
_TRAILING = re.compile(r"(?:\s+(?:also|initially|later|first|again|has|have|had|previously|then|earlier|itself))+$")
_NOT_A_NAME = re.compile(
    r"^(?:in|on|at|after|before|several|hours|later|earlier|as|when|while|since|by|from|last|late|early|during)\b"
    r"|\b(?:same|statement|post|video|report)\b",
    re.IGNORECASE,
)
_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "officials"})
MAX_WORDS = 9


def speaker(sentence: str) -> str | None:
    """The one source ``sentence`` names as its speaker, as written; None when it names none or two."""
    text = sentence.strip()
    found = [m for m in (_AT_START.match(text), _AT_END.search(text) or _ACCORDING_TO.search(text)) if m]
    if len({normalize(m.group("who")) for m in found}) != 1:
        return None
    name = _TRAILING.sub("", found[0].group("who").strip())
    words = name.split()
    if not words or len(words) > MAX_WORDS or normalize(name) in _PRONOUNS or _NOT_A_NAME.search(name):
        return None
    if words[0].lower() in ("the", "a", "an") and not any(w[:1].isupper() for w in words[1:]):
        return None  # "the group", "the monitor": an anaphor, resolved by claimants.py, not a name
    return name


def _lead_speaker(statement: str, sentence: str, parties: Parties) -> str | None:
    """The speaker a statement opens with ("Lebanon's Health Ministry said seven people ...") when its evidence
    sentence names that speaker too; None otherwise."""
    match = _AT_START.match(statement.strip())
    if not match:
        return None
    who = speaker(match.group(0))
    return who if who is not None and claimant_mentioned(who, sentence, parties) else None


def reassign_claimants(report: Any, sentences: list[Sentence]) -> int:
    """Set each claim's claimant to its evidence sentence's speaker where the evidence contradicts it (see the
    module); returns how many claims changed."""
    claims = getattr(report, "claims", None) or []
    by_id = {s.id: s.text for s in sentences}
    parties = Parties(report)
    changed = 0
    for claim in claims:
        ids = [i for i in getattr(claim, "evidence", None) or [] if isinstance(i, int) and i in by_id]
        if not ids or not hasattr(claim, "claimant"):
            continue
        who = speaker(by_id[ids[0]])
        if who is None and is_author(claim.claimant):
            who = speaker(claim.statement)  # the outlet's "claim" that quotes someone: "CENTCOM said the strike ..."
        said_by = _lead_speaker(claim.statement, by_id[ids[0]], parties)
        if said_by is not None and parties.canonical(said_by) != parties.canonical(claim.claimant):
            who = said_by  # the model's own statement says who speaks: "Lebanon's Health Ministry said ..."
        elif who is None or parties.canonical(who) == parties.canonical(claim.claimant):
            continue
        else:
            window = " ".join(by_id[i] for i in range(ids[0] - 1, ids[0] + 2) if i in by_id)
            if not is_author(claim.claimant) and claimant_mentioned(claim.claimant, window, parties):
                continue
        if hasattr(claim, "claimant_as_answered"):  # a user schema's claim may not have it
            claim.claimant_as_answered = claim.claimant
        claim.claimant = who
        changed += 1
    return changed

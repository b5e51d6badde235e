"""Statements the model wrote as claims that assert nothing about the conflict; the verifier sets them aside.

The rule (eval/README.md, "What is a claim"), the same for the gold labels and the verifier:

- a statement about the reporting, not the events, in every clause: "the claim could not be independently
  verified", "the Israeli military declined to comment", "X did not respond to a request for comment" (a
  statement that also says something, "it struck a cell there and made no mention of ...", stays);
- an attribution lead with nothing attributed, or fewer than three words: "said on Monday", "states",
  "according to Syrian officials" ("said 22 people were killed there" says something and stays);
- the outlet's own narration of losses or of someone's denial (claimant ``author``, kind ``casualties`` or
  ``denial``): that is the events' data or another source's word, not an assertion the outlet makes. The
  outlet's own claims that stay are the rest (involvement, responsibility, motive, target identity, other),
  which ``author_assertion`` flags.

Nothing else is judged here: a short claim with content ("Syria was attacked") stays.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.verification.lexicon import is_author

_ABOUT_THE_REPORTING = re.compile(
    r"could not (?:be )?(?:independently )?(?:verified|confirmed|verify|confirm)"
    r"|\bdid not (?:immediately )?(?:respond|reply|comment|provide)"
    r"|\bdeclined to (?:comment|give|provide|say)|\bno comment\b|\bmade no mention\b"
    r"|\bcould not be reached\b|\brequest for comment\b",
    re.I,
)
# A lead with at most a time after it ("said on Monday", "states"), or a source alone ("according to X").
_LEAD_ONLY = re.compile(
    r"^(?:(?:said|says|stated|states|added|adds|reported|reports)(?:\s+(?:on|late|early|earlier|later|last|this)"
    r"(?:\s+\w+){0,2})?|according to(?:\s+[\w'.-]+){1,6})\s*[.,]?$",
    re.I,
)
_CLAUSES = re.compile(r",?\s+(?:and|but)\s+|;\s*|,\s+(?:while|though|although)\s+", re.I)
MIN_WORDS = 3  # fewer words than this assert nothing ("said", "WEDNESDAY: NABATIEH")
NARRATION_KINDS = frozenset({"casualties", "denial"})


def not_a_claim(claimant: str | None, kind: str | None, statement: str) -> str | None:
    """Why ``statement`` is not a claim, or None when it is one."""
    clauses = [c for c in _CLAUSES.split(statement.strip()) if c]
    if clauses and all(_ABOUT_THE_REPORTING.search(clause) for clause in clauses):
        return "about the reporting"  # every clause: "made no mention of it, and the claim could not be verified"
    if len(statement.split()) < MIN_WORDS or _LEAD_ONLY.match(statement.strip()):
        return "an attribution lead with nothing attributed"
    if is_author(claimant) and kind in NARRATION_KINDS:
        return "the outlet's narration"
    return None


def drop_non_claims(report: Any) -> int:
    """Remove the claims that are not claims (``not_a_claim``); returns how many were removed."""
    claims = getattr(report, "claims", None)
    if not claims:
        return 0
    kept = [c for c in claims if not_a_claim(c.claimant, c.kind, c.statement) is None]
    report.claims = kept
    return len(claims) - len(kept)

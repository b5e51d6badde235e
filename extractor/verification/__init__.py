"""Verify every claim and event of a report against its article.

    outcome = check(report, text, published=date)   # repairs, then every check; the one entry
    outcome.report, outcome.signals, outcome.repairs
    report = verify(report, text, published=date)    # check(...).report: repairs on, as extract does
    report = verify(report, text, repair=False)       # the checks alone (``extractor verify --no-repair``)

Each claim check is a module of ``checks/`` that registers itself (its flag code, meaning, default
weight and function); ``check.py`` owns the order (repairs, checks, confidence). The checks draw
on ``spans`` (grounding), ``lexicon`` (reporting cues), ``parties`` (aliases, who is a party),
``attribution`` (status, cue and claimant, independent support, disputes), ``claimants`` (the actor
each claimant names), ``policy`` (high-stakes state involvement), ``numbers`` and ``names`` (details
the evidence must state), ``realign`` (repairs) and ``confidence`` (weights in weights.toml). Flag
codes and their meaning: FLAG_CODES below, built from the checks; NOTES.md documents it all.
This package imports only the schemas, the sentence splitter, the date resolver, the error classes
(``extractor.errors``), rapidfuzz and the standard library.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from extractor.verification.check import Checked, Prepared, Repairs, check, prepare, resolve_event_dates
from extractor.verification.checks import flag_codes
from extractor.verification.confidence import Weights, WeightsError, load_weights
from extractor.verification.policy import Policy, PolicyError, load_policy
from extractor.verification.realign import realign_claims
from extractor.verification.spans import ground_report, locate

VERIFIER_VERSION = "verify/7"  # 2: name checks, fuzzy matches keep numbers and names; 3: cue from evidence;
# 4: claimant_actor (claimants.py), "U. S." spelled as the article; 5: a denial statement is a denial, every lone
# denial flagged, claimants name statement subjects, events folded, claimants the evidence contradicts
# set to its speaker; 6: "own" judged on what is said (not the lead naming the speaker), an armed actor of the
# report is a party under any alias, events with no time dropped, relative dates resolved, untold disruptions
# dropped; 7: statements that are not claims set aside, "Kata'ib" read as a name, the lead ends at its verb, a
# spokesman speaks for his party, the kind of a claim of an own act corrected
__all__ = ["FLAG_CODES", "VERIFIER_VERSION", "Checked", "Policy", "PolicyError", "Prepared", "Repairs",
           "Weights", "WeightsError", "check", "ground_report", "load_policy", "load_weights", "locate",
           "prepare", "realign_claims", "resolve_event_dates", "verify", "verify_with_signals"]  # fmt: skip

FLAG_CODES = flag_codes()


def verify(
    report: Any,
    text: str,
    policy: Policy | None = None,
    *,
    repair: bool = True,
    published: dt.date | None = None,
    **signals: Any,
) -> Any:
    """A verified copy of ``report``: :func:`check`'s report, repairs on as ``extract`` and ``extractor verify``
    do (``repair=False``: the checks alone, as ``extractor verify --no-repair``).

    ``published``: the article's date (relative event dates resolve against it); other keywords as
    :func:`verify_with_signals` (``samples``, ``entailment``, ``weights``)."""
    return verify_with_signals(report, text, policy, repair=repair, published=published, **signals)[0]


def verify_with_signals(
    report: Any,
    text: str,
    policy: Policy | None = None,
    *,
    repair: bool = True,
    published: dt.date | None = None,
    samples: list[Any] | None = None,
    entailment: dict[int, str] | None = None,
    weights: Weights | None = None,
) -> tuple[Any, list[dict[str, float]]]:
    """verify(), plus each claim's confidence signals (what the weights multiply; used to fit them)."""
    outcome = check(report, text, published=published, repair=repair, policy=policy, weights=weights,
                    samples=samples, entailment=entailment)  # fmt: skip
    return outcome.report, outcome.signals

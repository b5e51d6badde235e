"""The one entry to verification: repairs, then the claim checks, then confidence.

    outcome = check(report, text, published=article.published, policy=policy, weights=weights)
    outcome.report       # verified copy: spans, status, support, claimant_is_party, confidence, flags
    outcome.signals      # per claim: the confidence signals (what the weights multiply)
    outcome.repairs      # what the repairs changed: Repairs(dropped, moved, corrected, respelled, ..., set_aside)

    prepared = prepare(report, text, published=article.published)   # the same in two halves, for a caller
    outcome = prepared.finish(entailment=ask(prepared.report))         # that asks about the repaired claims

The order is fixed here, so ``extractor extract``, ``extractor verify`` and ``extractor eval``
give the same verification for the same report and article:

0. always: tokenisation artefacts ("U. S." where the article writes "U.S.") spelled as the article does,
   in every field the model wrote, so none reaches an output, a flag message or a claimant key.
1. repairs (``repair=True``): event dates from their wording and the publication date, duplicate
   claims dropped, mis-cited evidence moved (``evidence_reassigned``), claimants set to their evidence's
   speaker, statements that are not claims set aside (``nonclaims.py``), evidence grounded, casualty
   figures under the wrong field moved (``casualty_field_corrected``). Each repair is idempotent.
2. the claim checks of ``checks/`` in their order, the event checks, and each claim's confidence;
   each claimant resolved to the report's actor it names (``claim.claimant_actor``, ``claimants.py``).

With ``repair=False`` (``extractor verify --no-repair``, ``verify(..., repair=False)``) only items without spans
are grounded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from typing import Any

from extractor.dates import resolve_date
from extractor.schemas.conflict import Flag
from extractor.sentences import Sentence, split_sentences
from extractor.verification.attribution import (
    ClaimFacts,
    casualty_kind,
    claimed_kind,
    denial_kind,
    derive_cue,
    facts_for,
    figure_kind,
    involvement_kind,
    link_claims,
    status_of,
)
from extractor.verification.checks import ClaimContext, flag, run_claim_checks
from extractor.verification.checks.repairs import REPAIR_CODES
from extractor.verification.checks.ungrounded_evidence import grounding
from extractor.verification.claimants import Claimants
from extractor.verification.confidence import Weights, combine, load_weights
from extractor.verification.incidents import (
    clear_placeholders,
    date_relative_events,
    drop_campaigns,
    drop_timeless,
    drop_untold_disruptions,
    fold_duplicate_events,
)
from extractor.verification.nonclaims import drop_non_claims
from extractor.verification.numbers import missing_numbers, numbers_in
from extractor.verification.parties import Parties
from extractor.verification.policy import Policy, load_policy
from extractor.verification.realign import (
    correct_casualty_fields,
    drop_duplicate_claims,
    realign_claims,
    respell_report,
)
from extractor.verification.spans import ground_item, ground_report
from extractor.verification.speakers import reassign_claimants


@dataclass(frozen=True)
class Repairs:
    """What the repairs changed in one report."""

    dropped: int = 0  # duplicate claims dropped
    moved: int = 0  # claims whose evidence moved to another sentence
    corrected: int = 0  # casualty figures moved between fatalities and injured
    respelled: int = 0  # text fields whose tokenisation artefacts ("U. S.") were spelled as the article does
    folded: int = 0  # events folded into the incident they repeat, or dropped (a campaign; no place, no actor)
    reassigned: int = 0  # claimants set to their evidence sentence's speaker
    set_aside: int = 0  # statements that are not claims (about the reporting, an empty lead, the outlet's narration)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def __str__(self) -> str:
        always = [
            f"{self.dropped} duplicate claim(s) dropped",
            f"{self.moved} claim(s) re-grounded",
            f"{self.corrected} casualty field(s) corrected",
        ]
        when_any = [
            (self.folded, f"{self.folded} event(s) folded or dropped"),
            (self.reassigned, f"{self.reassigned} claimant(s) set to the evidence's speaker"),
            (self.set_aside, f"{self.set_aside} statement(s) that are not claims set aside"),
            (self.respelled, f"{self.respelled} field(s) respelled as the article"),
        ]
        return ", ".join(always + [text for count, text in when_any if count])


@dataclass(frozen=True)
class Checked:
    """A verified report, each claim's confidence signals (in claim order) and what the repairs did."""

    report: Any
    signals: list[dict[str, float]]
    repairs: Repairs


def check(
    report: Any,
    text: str,
    *,
    published: dt.date | None = None,
    sentences: list[Sentence] | None = None,
    repair: bool = True,
    policy: Policy | None = None,
    weights: Weights | None = None,
    samples: list[Any] | None = None,
    entailment: dict[int, str] | None = None,
) -> Checked:
    """Repair (by default) and verify a copy of ``report`` against its article ``text``.

    ``sentences``: the article's sentences when the caller has them (else split here); ``samples``:
    self-consistency extractions; ``entailment``: the LLM verifier's verdict per claim index. A report
    without claims (a user schema) is repaired and grounded, not checked. The same as
    ``prepare(...).finish(...)``, for a caller that asks something about the repaired claims in between.
    """
    prepared = prepare(report, text, published=published, sentences=sentences, repair=repair)
    return prepared.finish(policy=policy, weights=weights, samples=samples, entailment=entailment)


@dataclass(frozen=True)
class Prepared:
    """A copy of a report respelled, repaired (unless ``repair=False``) and grounded: :func:`check`'s first half.

    ``report`` holds the claims the checks will judge, in their final order (what an LLM verifier is asked
    about); :meth:`finish` runs the checks on it, once."""

    report: Any
    text: str
    sentences: list[Sentence]
    repairs: Repairs

    def finish(
        self,
        *,
        policy: Policy | None = None,
        weights: Weights | None = None,
        samples: list[Any] | None = None,
        entailment: dict[int, str] | None = None,
    ) -> Checked:
        """The claim and event checks and each claim's confidence, on ``report`` itself (call it once)."""
        if not hasattr(self.report, "claims"):
            return Checked(self.report, [], self.repairs)
        signals = _check_claims(self.report, self.text, self.sentences, policy or load_policy(),
                                weights or load_weights(), samples, entailment)  # fmt: skip
        return Checked(self.report, signals, self.repairs)


def prepare(
    report: Any,
    text: str,
    *,
    published: dt.date | None = None,
    sentences: list[Sentence] | None = None,
    repair: bool = True,
) -> Prepared:
    """A copy of ``report`` respelled as the article, repaired (by default) and grounded, ready for the checks."""
    report = report.model_copy(deep=True)
    sentences = split_sentences(text) if sentences is None else sentences
    respelled = respell_report(report, text)
    repairs = _repair(report, text, sentences, published) if repair else Repairs()
    repairs = replace(repairs, respelled=respelled)
    if hasattr(report, "claims"):
        for item in [*report.events, *report.claims]:
            if not item.spans:
                ground_item(item, text, sentences)
    return Prepared(report, text, sentences, repairs)


def resolve_event_dates(report: Any, published: dt.date | None) -> None:
    """Fill ``date``/``date_precision`` of every event from its ``date_text``."""
    for event in getattr(report, "events", None) or []:
        if getattr(event, "date", None) is None and hasattr(event, "date_text"):
            event.date, event.date_precision = resolve_date(event.date_text, published)


def _repair(report: Any, text: str, sentences: list[Sentence], published: dt.date | None) -> Repairs:
    emptied = clear_placeholders(report) + drop_campaigns(report) + drop_timeless(report)
    resolve_event_dates(report, published)
    date_relative_events(report)
    folded = emptied + fold_duplicate_events(report)
    folded += drop_untold_disruptions(report, sentences)
    dropped, moved = drop_duplicate_claims(report), realign_claims(report, sentences)
    reassigned = reassign_claimants(report, sentences)
    set_aside = drop_non_claims(report)  # after the speaker's name is known: "author" may have become a source
    ground_report(report, text)
    corrected = correct_casualty_fields(report)
    return Repairs(dropped, moved, corrected, folded=folded, reassigned=reassigned, set_aside=set_aside)


def _check_claims(
    report: Any,
    text: str,
    sentences: list[Sentence],
    policy: Policy,
    weights: Weights,
    samples: list[Any] | None,
    entailment: dict[int, str] | None,
) -> list[dict[str, float]]:
    parties = Parties(report)
    claimants = Claimants(report)
    claims = list(report.claims)
    for claim in claims:
        derive_cue(claim, sentences)
        figure_kind(claim)
        denial_kind(claim)
        claimed_kind(claim, parties)
        involvement_kind(claim, parties, policy)
    article = " ".join(sentence.text for sentence in sentences)
    facts = [facts_for(claim, i, sentences, parties, article, policy) for i, claim in enumerate(claims)]
    link_claims(claims, facts, parties)
    all_signals = []
    for claim, fact in zip(claims, facts, strict=True):
        kept = [f for f in claim.flags if f.code in REPAIR_CODES]
        ctx = ClaimContext(claim, fact, policy, claims, text, parties, samples, entailment)
        flags, signals = run_claim_checks(ctx)
        claim.flags = kept + flags
        claim.status = status_of(claim, fact)
        claim.support = fact.support
        claim.claimant_is_party = fact.party
        if "claimant_actor" in type(claim).model_fields:  # a user schema's claim may not have it
            claim.claimant_actor = claimants.resolve(claim, sentences)
        claim.confidence = combine(signals, weights)
        all_signals.append(signals)
    for event in report.events:
        event.flags = [f for f in event.flags if f.code in REPAIR_CODES] + _event_flags(event, parties, claims, facts)
    return all_signals


def _event_flags(event: Any, parties: Parties, claims: list[Any], facts: list[ClaimFacts]) -> list[Flag]:
    flags, _ = grounding(event)
    evidence = " ".join(s.text for s in event.spans if s.char_start is not None)
    for field_name in ("fatalities", "injured"):
        value = getattr(event, field_name)
        if value is not None and value < 0:  # no article reports a count below zero
            flags.append(flag("number_not_in_evidence", f"{field_name} is {value}: a count cannot be negative"))
    figures = {n for n in (event.fatalities, event.injured) if n is not None and n >= 0}
    missing = missing_numbers(figures, evidence) if evidence else set()
    if missing:
        flags.append(flag("number_not_in_evidence", f"casualty figure(s) {sorted(missing)} not in the evidence"))
    for field_name, said, other in (("fatalities", "killed", "injured"), ("injured", "injured", "killed")):
        value = getattr(event, field_name)
        if value is not None and value not in missing and casualty_kind(value, event.spans) == other:
            message = f"{value} is given as {said}, but the evidence reports {value} {other}"
            flags.append(flag("number_not_in_evidence", message))
    if figures and event.casualty_source and parties.is_party(event.casualty_source):
        flags.append(flag("casualty_figure_from_party", f"the figures come from {event.casualty_source}, a party"))
    if event.fatalities is not None:
        others = {
            claim.claimant
            for claim, fact in zip(claims, facts, strict=True)
            if claim.kind == "casualties" and fact.disputed_by and event.fatalities in numbers_in(claim.statement)
        }
        if others:
            flags.append(flag("casualty_figure_disputed", "sources in the article disagree on the toll"))
    return flags

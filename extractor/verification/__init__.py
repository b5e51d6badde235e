"""Verify every claim and event of a report against its article.

    report = verify(report, text)            # spans, status, support, party, confidence, flags
    report = verify(report, text, policy=load_policy("my_policy.toml"), samples=[...], entailment={0: "not"})

Each check is a small module: ``spans`` (grounding), ``lexicon`` (reporting cues), ``parties``
(aliases, who is a party), ``attribution`` (status, cue and claimant, independent support, disputes),
``policy`` (high-stakes state involvement), ``numbers`` and ``names`` (details the evidence must
state), ``confidence`` (weights in weights.toml). Flag codes and their meaning: FLAG_CODES below;
NOTES.md documents it all.
This package imports only the schemas, the sentence splitter, rapidfuzz and the standard library.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from extractor.schemas.conflict import Flag
from extractor.sentences import split_sentences
from extractor.verification.attribution import (
    ClaimFacts,
    casualty_kind,
    derive_cue,
    facts_for,
    link_claims,
    status_of,
)
from extractor.verification.confidence import Weights, WeightsError, combine, load_weights
from extractor.verification.names import missing_names
from extractor.verification.numbers import missing_numbers, numbers_in
from extractor.verification.parties import Parties, normalize
from extractor.verification.policy import Policy, PolicyError, load_policy, without_affiliations
from extractor.verification.realign import realign_claims
from extractor.verification.spans import ground_item, ground_report, locate

VERIFIER_VERSION = "verify/3"  # 2: name checks, fuzzy matches keep numbers and names; 3: cue from evidence
__all__ = ["FLAG_CODES", "VERIFIER_VERSION", "Policy", "PolicyError", "Weights", "WeightsError", "ground_report",
           "load_policy", "load_weights", "locate", "realign_claims", "verify", "verify_with_signals"]  # fmt: skip

FLAG_CODES = {
    "ungrounded_evidence": "the evidence cannot be found in the article",
    "single_interested_source": "only a party to the events asserts it; nothing independent backs it",
    "hedged_attribution": "the wording is hedged (alleged, reportedly, could not be independently verified)",
    "state_involvement_unsupported": "direct state involvement resting on a party, an anonymous source, hedging "
    "or the outlet's own word",
    "casualty_figure_from_party": "the casualty figure comes only from a party to the fighting",
    "casualty_figure_disputed": "another source in the article gives a different figure",
    "number_not_in_evidence": "a number in the claim is not in its evidence, or a name is not in the article "
    "(a state named by the policy: not in or next to the evidence)",
    "anonymous_source": "the claimant is unnamed",
    "author_assertion": "the outlet's own unattributed assertion of a contested or high-stakes fact",
    "model_disagreement": "the claim appeared in only some of the self-consistency samples",
    "claimant_not_in_evidence": "the claimant is not named in or next to the evidence",
    "evidence_reassigned": "the model cited other sentences; the evidence was moved to the one carrying the claim",
    "casualty_field_corrected": "the model put a figure under injured/fatalities; the evidence reports the other",
    "entailment_failed": "the LLM verifier found the evidence does not (fully) entail the claim",
}
REPAIR_CODES = {"evidence_reassigned", "casualty_field_corrected"}  # set before verification, kept by it
CONTESTABLE_KINDS = {"state_involvement", "responsibility", "intent_or_motive", "target_identity", "casualties"}
SAMPLE_MATCH = 70.0  # token_set_ratio of statements for a sample's claim to count as the same claim


def _flag(code: str, message: str) -> Flag:
    return Flag(code=code, message=message)


def _grounding(item: Any) -> tuple[list[Flag], dict[str, float]]:
    spans = item.spans
    missing = [s for s in spans if s.status == "not_found"]
    if not spans or len(missing) == len(spans):
        what = "no evidence was given" if not spans else f"{len(missing)} evidence span(s) not found in the article"
        return [_flag("ungrounded_evidence", what)], {"ungrounded_evidence": 1.0}
    signals: dict[str, float] = {}
    flags: list[Flag] = []
    if missing:
        flags.append(_flag("ungrounded_evidence", f"{len(missing)} of {len(spans)} evidence spans not found"))
        signals["partly_ungrounded"] = 1.0
    elif all(s.status == "fuzzy" for s in spans):
        signals["fuzzy_only"] = 1.0
    return flags, signals


def _claim_flags(
    claim: Any, fact: ClaimFacts, policy: Policy, claims: list[Any], text: str, parties: Parties
) -> tuple[list[Flag], dict[str, float]]:
    flags, signals = _grounding(claim)
    who = claim.claimant
    missing = missing_numbers(numbers_in(claim.statement), fact.evidence_text) if fact.evidence_text else set()
    if missing:
        flags.append(_flag("number_not_in_evidence", f"{sorted(missing)} in the claim but not in its evidence"))
        signals["number_not_in_evidence"] = 1.0
    names = missing_names(claim.statement, fact.window_text, text, parties, policy.actor_pattern)
    if names and fact.evidence_text:
        flags.append(_flag("number_not_in_evidence", _names_message(names, policy)))
        signals["name_not_in_evidence"] = 1.0
    if not fact.claimant_in_evidence and fact.evidence_text:
        flags.append(_flag("claimant_not_in_evidence", f"{who!r} is not named in or next to the evidence"))
        signals["claimant_not_in_evidence"] = 1.0
    if not fact.cue_in_evidence and fact.evidence_text:
        signals["cue_not_in_evidence"] = 1.0  # confidence only: the reporting word was paraphrased or made up
    independent = fact.non_party_sources - {fact.canonical} if fact.party else fact.non_party_sources
    if fact.party and not independent:
        flags.append(_flag("single_interested_source", f"{who} is a party to the events and no independent source "
                           "in the article says the same"))  # fmt: skip
        signals["single_interested_source"] = 1.0
    if fact.hedged:
        flags.append(_flag("hedged_attribution", f"hedged wording ({claim.cue or 'in the evidence'})"))
        signals["hedged_attribution"] = 1.0
    if fact.anonymous and fact.support < 2:
        flags.append(_flag("anonymous_source", f"{who!r} is not named and no other source says the same"))
        signals["anonymous_source"] = 1.0
    if fact.author and claim.kind in CONTESTABLE_KINDS:
        flags.append(_flag("author_assertion", "the outlet asserts this itself without naming a source"))
        signals["author_assertion"] = 1.0
    state = policy.is_high_stakes(claim.kind, without_affiliations(claim.statement))
    if state:
        reasons = []
        if fact.author:
            reasons.append("it is the outlet's own unattributed assertion")
        if fact.anonymous:
            reasons.append(f"{who!r} is anonymous")
        if fact.hedged:
            reasons.append("the attribution is hedged")
        if fact.party and not independent:
            reasons.append(f"{who} is a party to the events and no independent source in the article supports it")
        elif fact.support < policy.min_sources and not reasons:
            reasons.append(f"only {fact.support} source(s) in the article, {policy.min_sources} needed")
        if policy.require_non_party and not fact.non_party_sources and not reasons:
            reasons.append("no source that is not a party to the events supports it")
        if reasons:
            flags.append(
                _flag("state_involvement_unsupported", f"direct involvement of {state}: " + "; ".join(reasons))
            )
            signals["state_involvement_unsupported"] = 1.0
    if claim.kind == "casualties" and fact.party:
        flags.append(_flag("casualty_figure_from_party", f"the figure comes from {who}, a party to the fighting"))
        signals["casualty_figure_from_party"] = 1.0
    if fact.disputed_by:
        others = ", ".join(sorted({claims[j].claimant for j in fact.disputed_by}))
        flags.append(_flag("casualty_figure_disputed", f"{others} give(s) a different figure"))
        signals["casualty_figure_disputed"] = 1.0
    if fact.denied_by:
        signals["contested"] = 1.0
    extra = max(0, min(2, len(fact.sources) - 1))
    if extra:
        signals["extra_independent_source"] = float(extra)
    return flags, signals


def _names_message(names: list[str], policy: Policy) -> str:
    states = [n for n in names if policy.actor_pattern.search(n)]
    others = [n for n in names if n not in states]
    parts = []
    if states:
        parts.append(f"{', '.join(states)} named in the claim but not in or next to its evidence")
    if others:
        parts.append(f"{', '.join(others)} named in the claim but nowhere in the article")
    return "; ".join(parts)


def _sample_agreement(claim: Any, canonical: str, samples: list[Any], parties: Parties) -> float:
    seen = 0
    for sample in samples:
        for other in getattr(sample, "claims", None) or []:
            same_source = parties.canonical(other.claimant) == canonical
            if (
                same_source
                and fuzz.token_set_ratio(normalize(claim.statement), normalize(other.statement)) >= SAMPLE_MATCH
            ):
                seen += 1
                break
    return seen / len(samples)


def _event_flags(event: Any, parties: Parties, claims: list[Any], facts: list[ClaimFacts]) -> list[Flag]:
    flags, _ = _grounding(event)
    evidence = " ".join(s.text for s in event.spans if s.char_start is not None)
    figures = {n for n in (event.fatalities, event.injured) if n is not None}
    missing = missing_numbers(figures, evidence) if evidence else set()
    if missing:
        flags.append(_flag("number_not_in_evidence", f"casualty figure(s) {sorted(missing)} not in the evidence"))
    for field_name, said, other in (("fatalities", "killed", "injured"), ("injured", "injured", "killed")):
        value = getattr(event, field_name)
        if value is not None and value not in missing and casualty_kind(value, event.spans) == other:
            message = f"{value} is given as {said}, but the evidence reports {value} {other}"
            flags.append(_flag("number_not_in_evidence", message))
    if figures and event.casualty_source and parties.is_party(event.casualty_source):
        flags.append(_flag("casualty_figure_from_party", f"the figures come from {event.casualty_source}, a party"))
    if event.fatalities is not None:
        others = {
            claim.claimant
            for claim, fact in zip(claims, facts, strict=True)
            if claim.kind == "casualties" and fact.disputed_by and event.fatalities in numbers_in(claim.statement)
        }
        if others:
            flags.append(_flag("casualty_figure_disputed", "sources in the article disagree on the toll"))
    return flags


def verify(
    report: Any,
    text: str,
    policy: Policy | None = None,
    *,
    samples: list[Any] | None = None,
    entailment: dict[int, str] | None = None,
    weights: Weights | None = None,
) -> Any:
    """A verified copy of ``report``: spans, status, support, claimant_is_party, confidence and flags filled."""
    verified, _ = verify_with_signals(report, text, policy, samples=samples, entailment=entailment, weights=weights)
    return verified


def verify_with_signals(
    report: Any,
    text: str,
    policy: Policy | None = None,
    *,
    samples: list[Any] | None = None,
    entailment: dict[int, str] | None = None,
    weights: Weights | None = None,
) -> tuple[Any, list[dict[str, float]]]:
    """verify(), plus each claim's confidence signals (what the weights multiply; used to fit them)."""
    report = report.model_copy(deep=True)
    weights = weights or load_weights()
    all_signals: list[dict[str, float]] = []
    policy = policy or load_policy()
    sentences = split_sentences(text)
    for item in [*report.events, *report.claims]:
        if not item.spans:
            ground_item(item, text, sentences)
    parties = Parties(report)
    claims = list(report.claims)
    for claim in claims:
        derive_cue(claim, sentences)
    facts = [facts_for(claim, i, sentences, parties) for i, claim in enumerate(claims)]
    link_claims(claims, facts, parties)
    for claim, fact in zip(claims, facts, strict=True):
        kept = [f for f in claim.flags if f.code in REPAIR_CODES]
        flags, signals = _claim_flags(claim, fact, policy, claims, text, parties)
        if kept:
            signals["evidence_reassigned"] = 1.0
        if samples:
            rate = _sample_agreement(claim, fact.canonical, samples, parties)
            if rate == 0.0:
                flags.append(_flag("model_disagreement", f"seen in none of {len(samples)} self-consistency samples"))
            if rate < 1.0:
                signals["model_disagreement"] = 1.0 - rate
        verdict = None if entailment is None else entailment.get(fact.index, "missing")
        if verdict in {"partly", "not", "missing"}:  # no verdict counts as failure, not as neutral
            what = {"partly": "only partly entails", "not": "does not entail", "missing": "gave no verdict on"}[verdict]
            flags.append(_flag("entailment_failed", f"the LLM verifier says the evidence {what} the claim"))
            signals["entailment_partly" if verdict == "partly" else "entailment_failed"] = 1.0
        claim.flags = kept + flags
        claim.status = status_of(claim, fact)
        claim.support = fact.support
        claim.claimant_is_party = fact.party
        claim.confidence = combine(signals, weights)
        all_signals.append(signals)
    for event in report.events:
        event.flags = [f for f in event.flags if f.code in REPAIR_CODES] + _event_flags(event, parties, claims, facts)
    return report, all_signals

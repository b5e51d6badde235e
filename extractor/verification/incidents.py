"""Events repairs: one item per incident, and no placeholder standing in for a fact.

A small model listing incidents often describes one incident twice, from two of the sentences that tell it
("Air/drone strike, eastern Baghdad, on Thursday" and "Disrupted weapons use, eastern Baghdad, by Thursday
evening"), fills a field it cannot fill with words such as "No information provided", and turns a background
campaign into an event ("since October", "for most of the past decade"). It also copies a sentence fragment
into the date ("The Pentagon said the facility was used"), and files the aftermath of an incident (arrests,
a toll, a statement) as a "Disrupted weapons use" the evidence never tells. All are repaired before
grounding:

- placeholders become empty; an event left with no place and no actor is dropped;
- an event dated by a period rather than a time is dropped (a campaign is not an incident), and so is one
  whose date words are no time at all (a fragment of another sentence);
- an event dated only relative to another ("hours later", "about two hours earlier") takes the date of the
  dated event told last before it in the article (else the first told after it);
- a "Disrupted weapons use" whose evidence tells no interception, shoot-down, seizure or the like, on a day
  another event already covers, is a retelling of that event and is dropped;
- items that describe the same incident are folded into the first (evidence joined, a missing field taken
  from the repeat).

The repairs count what they did (``Repairs.folded``); an incident is never split or invented.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.sentences import Sentence
from extractor.verification.parties import normalize

_PLACEHOLDER = re.compile(
    r"^(?:no (?:information|details?|data)(?: (?:provided|given|available))?|unknown|unspecified|not "
    r"(?:specified|stated|provided|given|mentioned|reported)|n/?a|none|null|-+)$",
    re.IGNORECASE,
)
_PERIOD = re.compile(
    r"^(?:since|throughout|over the (?:past|last)|for (?:most of )?the (?:past|last)|in (?:the )?(?:past|last|recent)"
    r"|recent (?:days|weeks|months|years)|this year)\b",
    re.IGNORECASE,
)
_TIME_WORD = re.compile(
    r"\d|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(?:today|yesterday|tonight|morning|evening|night|noon|afternoon|dawn|dusk|midnight|earlier|later|hours?"
    r"|minutes?|days?|weeks?|months?|years?|ago|before|after|last|previous|recently|weekend|overnight)\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(?:hours?|minutes?|later|earlier|shortly)\b", re.IGNORECASE)
_DISRUPTION = re.compile(
    r"intercept|shot down|shoot(?:ing)? down|downed|destroy|thwart|foil|seiz|fell (?:into|short)|repel"
    r"|air defen[cs]e|engag|brought down|jamm|neutrali[sz]",
    re.IGNORECASE,
)
DISRUPTED = "Disrupted weapons use"
_TEXT_FIELDS = ("date_text", "country", "location", "casualty_source")
_LIST_FIELDS = ("perpetrators", "targets", "weapons")
_FILLABLE = ("date_text", "country", "fatalities", "injured", "casualty_source")


def is_placeholder(value: str | None) -> bool:
    """Words that say a field is unknown rather than giving it ("No information provided", "unknown")."""
    return bool(value) and bool(_PLACEHOLDER.match(value.strip(" .")))  # type: ignore[union-attr]


def clear_placeholders(report: Any) -> int:
    """Empty every placeholder field of the report's events, and drop an event that had placeholders and is
    left with no place and no actor (an event that never named them, from another tool, stays); returns how
    many events were dropped."""
    events = getattr(report, "events", None)
    if not events or not hasattr(events[0], "location"):
        return 0
    kept = []
    for event in events:
        cleared = False
        for name in _TEXT_FIELDS:
            if is_placeholder(getattr(event, name, None)):
                setattr(event, name, None)
                cleared = True
        for name in _LIST_FIELDS:
            values = getattr(event, name, [])
            real = [v for v in values if not is_placeholder(v)]
            cleared = cleared or len(real) < len(values)
            setattr(event, name, real)
        if not cleared or event.location or event.perpetrators or event.targets:
            kept.append(event)
    report.events = kept
    return len(events) - len(kept)


def is_period(date_text: str | None) -> bool:
    """Words that date a campaign, not an incident: "since October", "over the past year"."""
    return bool(date_text) and bool(_PERIOD.match(date_text.strip()))  # type: ignore[union-attr]


def drop_campaigns(report: Any) -> int:
    """Drop events dated by a period rather than a time; returns how many were dropped."""
    events = getattr(report, "events", None)
    if not events or not hasattr(events[0], "date_text"):
        return 0
    report.events = [e for e in events if not is_period(e.date_text)]
    return len(events) - len(report.events)


def is_time(date_text: str | None) -> bool:
    """Words that can date an event at all; "The Pentagon said the facility was used" cannot."""
    return not date_text or bool(_TIME_WORD.search(date_text))


def drop_timeless(report: Any) -> int:
    """Drop events whose date words are no time at all (a fragment of another sentence); returns how many."""
    events = getattr(report, "events", None)
    if not events or not hasattr(events[0], "date_text"):
        return 0
    report.events = [e for e in events if is_time(e.date_text)]
    return len(events) - len(report.events)


def _first_sentence(event: Any) -> int:
    return min(event.evidence) if event.evidence else 10**9


def date_relative_events(report: Any) -> int:
    """Give an undated event told relative to another ("hours later", "two hours earlier") the date of the
    dated event told last before it (else the one told first after it); returns how many were dated."""
    events = getattr(report, "events", None)
    if not events or not hasattr(events[0], "date_precision"):
        return 0
    dated = [e for e in events if e.date is not None]
    changed = 0
    for event in events:
        if event.date is None and dated and event.date_text and _RELATIVE.search(event.date_text):
            here = _first_sentence(event)
            before = [other for other in dated if _first_sentence(other) <= here]
            nearest = max(before, key=_first_sentence) if before else min(dated, key=_first_sentence)
            event.date, event.date_precision = nearest.date, nearest.date_precision
            changed += 1
    return changed


def tells_disruption(event: Any, sentences: dict[int, str]) -> bool:
    """Whether the event's evidence tells of an interception, a shoot-down, a seizure or the like."""
    return any(_DISRUPTION.search(sentences.get(number, "")) for number in event.evidence)


def drop_untold_disruptions(report: Any, sentences: list[Sentence]) -> int:
    """Drop each "Disrupted weapons use" its evidence does not tell, on a day another event covers (the
    aftermath of that event, mistyped); returns how many were dropped."""
    events = getattr(report, "events", None)
    if not events or not hasattr(events[0], "sub_event_type"):
        return 0
    texts = {sentence.id: sentence.text for sentence in sentences}

    def retold(event: Any) -> bool:
        if event.sub_event_type != DISRUPTED or tells_disruption(event, texts):
            return False
        return any(other is not event and (event.date is None or other.date == event.date) for other in events)

    report.events = [e for e in events if not retold(e)]
    return len(events) - len(report.events)


def _dates_agree(one: Any, other: Any) -> bool:
    """Resolved dates that can be the same day (a coarser precision compares its month or year); unresolved
    dates agree with anything."""
    if not one.date or not other.date:
        return True
    precisions = {one.date_precision, other.date_precision}
    if precisions <= {"day"}:
        return one.date == other.date
    digits = 4 if "year" in precisions else 7
    return one.date[:digits] == other.date[:digits] or "week" in precisions


def same_incident(one: Any, other: Any) -> bool:
    """One place (the same name, or one name inside the other when they cite a sentence in common), dates that
    can be the same day, and the same sub-event type or a sentence in common."""
    here, there = normalize(one.location), normalize(other.location)
    shared = bool(set(one.evidence) & set(other.evidence))
    if not here or not there:
        return False
    if here != there and not (shared and (here in there or there in here)):
        return False
    return _dates_agree(one, other) and (one.sub_event_type == other.sub_event_type or shared)


def fold_duplicate_events(report: Any) -> int:
    """Fold every event that repeats an earlier incident into it; returns how many were folded."""
    events = getattr(report, "events", None)
    if not events or not hasattr(events[0], "location"):
        return 0
    kept: list[Any] = []
    for event in events:
        twin = next((k for k in kept if same_incident(k, event)), None)
        if twin is None:
            kept.append(event)
            continue
        twin.evidence = sorted({*twin.evidence, *event.evidence})
        for name in _FILLABLE:
            if getattr(twin, name, None) is None and getattr(event, name, None) is not None:
                setattr(twin, name, getattr(event, name))
        if twin.date is None and event.date is not None:
            twin.date, twin.date_precision = event.date, event.date_precision
    report.events = kept
    return len(events) - len(kept)

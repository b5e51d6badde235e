"""Events repairs: one item per incident, and no placeholder standing in for a fact.

A small model listing incidents often describes one incident twice, from two of the sentences that tell it
("Air/drone strike, eastern Baghdad, on Thursday" and "Disrupted weapons use, eastern Baghdad, by Thursday
evening"), fills a field it cannot fill with words such as "No information provided", and turns a background
campaign into an event ("since October", "for most of the past decade"). All are repaired before grounding:
placeholders become empty, an event left with no place and no actor is dropped, an event dated by a period
rather than a time is dropped (a campaign is not an incident), and items that describe the same incident are
folded into the first (evidence joined, a missing field taken from the
repeat). The repairs count what they did (``Repairs.folded``); an incident is never split or invented.
"""

from __future__ import annotations

import re
from typing import Any

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

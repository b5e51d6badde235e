"""The events pass: a second, events-only answer whose events replace the full report's.

Asked for everything at once, the embedded model writes one event per article almost always; asked only
for incidents (``prompts/events.md.j2``, ``schemas/events.py``) it lists the attack, the strike that answered
it and the shoot-down. It also tends to give one incident per sentence that mentions it, so items that
describe the same incident are folded into one here.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from extractor.schemas.conflict import Event
from extractor.schemas.events import EventList

EVENTS_ANSWER_TOKENS = 800  # six events of about 90 tokens and the skeleton; a repeating answer stops here


def reports_conflict_events(schema: type[BaseModel]) -> bool:
    """Whether ``schema`` keeps its events as ``schemas.conflict.Event`` items (the events pass fills them)."""
    field = schema.model_fields.get("events")
    return field is not None and field.annotation == list[Event]


def _key(text: Any) -> str:
    return re.sub(r"[^\w]+", " ", str(text or "")).strip().casefold()


def same_incident(one: Event, other: Event) -> bool:
    """Same sub-event type at the same place, and no two different dates given (one may be missing)."""
    if one.sub_event_type != other.sub_event_type or _key(one.location) != _key(other.location):
        return False
    dates = {_key(one.date_text), _key(other.date_text)} - {""}
    return len(dates) <= 1


def folded(events: list[Event]) -> list[Event]:
    """``events`` with every item that repeats an earlier incident folded into it (evidence joined, the first
    item's fields kept, a missing date or figure taken from the repeat)."""
    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if same_incident(k, event)), None)
        if twin is None:
            kept.append(event.model_copy(deep=True))
            continue
        twin.evidence = sorted({*twin.evidence, *event.evidence})
        for name in ("date_text", "fatalities", "injured", "casualty_source"):
            if getattr(twin, name) is None and getattr(event, name) is not None:
                setattr(twin, name, getattr(event, name))
    return kept


def with_listed_events(report: BaseModel, listed: EventList) -> BaseModel:
    """``report`` with the events pass's events in place of its own, each incident once."""
    return report.model_copy(update={"events": folded(list(listed.events))})

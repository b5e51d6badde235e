"""The events pass: a second, events-only answer whose events replace the full report's.

Asked for everything at once, the embedded model writes one event per article almost always; asked only
for incidents (``prompts/events.md.j2``, ``schemas/events.py``) it lists the attack, the strike that answered
it and the shoot-down. It also tends to list one incident once per sentence that tells it: the verifier folds
those repeats (``verification/incidents.py``), as it does for any report.
"""

from __future__ import annotations

from pydantic import BaseModel

from extractor.schemas.conflict import Event
from extractor.schemas.events import EventList

EVENTS_ANSWER_TOKENS = 800  # six events of about 90 tokens and the skeleton; a repeating answer stops here


def reports_conflict_events(schema: type[BaseModel]) -> bool:
    """Whether ``schema`` keeps its events as ``schemas.conflict.Event`` items (the events pass fills them)."""
    field = schema.model_fields.get("events")
    return field is not None and field.annotation == list[Event]


def with_listed_events(report: BaseModel, listed: EventList) -> BaseModel:
    """``report`` with the events pass's events in place of its own."""
    return report.model_copy(update={"events": list(listed.events)})  # the answer is fresh: nothing else holds it

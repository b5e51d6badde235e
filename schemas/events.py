"""EventList: every incident one article reports, asked for in its own short pass.

The full report's single answer almost always carries one event, even when the article reports an
attack, the strike that answered it and a shoot-down. A second, events-only answer lists them all; the
pipeline puts its events in the report (``pipeline.Extractor``). The event type is the report's own.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from extractor.schemas.conflict import MODEL_FACING, Event

MAX_EVENTS_PER_EVENT_ANSWER = 6  # as in the full report: a model that starts repeating an event stops here


class EventList(BaseModel):
    """The incidents an article reports, one item each."""

    model_config = MODEL_FACING

    events: list[Event] = Field(
        description="every incident the article reports, each once; [] if none",
        json_schema_extra={"maxItems": MAX_EVENTS_PER_EVENT_ANSWER},
    )

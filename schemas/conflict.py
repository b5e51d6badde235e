"""ConflictReport: events, actors and attributed claims from one news article.

Field descriptions are the model's instructions: the prompt and the JSON Schema
are generated from them. Fields wrapped in ``SkipJsonSchema`` are never shown to
the model; the pipeline and the verifier fill them (derived type, resolved date,
evidence spans, status, confidence, flags). This module imports only pydantic.

The event taxonomy follows the ACLED codebook (6 event types, 25 sub-event types)
so results can be merged with ACLED data.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = "conflict-report/1"

ACLED_TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
EVENT_TYPE_OF: dict[str, str] = {sub: kind for kind, subs in ACLED_TAXONOMY.items() for sub in subs}

EventType = Literal[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
]
SubEventType = Literal[
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance",
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
    "Mob violence",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
]
DatePrecision = Literal["day", "week", "month", "year"]
ActorKind = Literal[
    "state_forces",
    "external_forces",
    "non_state_armed_group",
    "umbrella_group",
    "government",
    "monitor_or_ngo",
    "media",
    "civilians",
    "other",
]
ClaimKind = Literal[
    "responsibility",
    "state_involvement",
    "casualties",
    "target_identity",
    "intent_or_motive",
    "denial",
    "other",
]
ClaimStatus = Literal[
    "author_asserted",
    "attributed_named",
    "attributed_anonymous",
    "contested",
    "denied",
    "hedged",
]
SpanStatus = Literal["exact", "normalized", "fuzzy", "not_found"]

EVIDENCE_DESCRIPTION = "ids of the numbered article sentences that state this, e.g. [3] or [3, 4]"


class Span(BaseModel):
    """One piece of evidence located in the source text."""

    text: str = Field(description="the evidence text as found in the source (or as given, when not found)")
    char_start: int | None = Field(default=None, description="offset of the first character in the source")
    char_end: int | None = Field(default=None, description="offset one past the last character in the source")
    status: SpanStatus = Field(default="not_found", description="how the text was aligned to the source")
    score: float | None = Field(default=None, description="alignment score 0-100 for fuzzy matches")
    sentence_ids: list[int] = Field(default_factory=list, description="ids of the sentences the span covers")


class Flag(BaseModel):
    """A reason an analyst should look at a claim or event before trusting it."""

    code: str = Field(description="stable reason code, e.g. single_interested_source")
    message: str = Field(description="one-line human explanation")


def _ask_for_every_field(schema: dict[str, Any]) -> None:
    """The model is asked for every field, in declaration order (grammar-constrained servers keep
    required fields in order and may skip optional ones); Python-side defaults stay lenient."""
    schema["required"] = list(schema.get("properties", {}))


MODEL_FACING = ConfigDict(extra="ignore", json_schema_extra=_ask_for_every_field)


MAX_CLAIMS_PER_ANSWER = 12  # a small model otherwise repeats claims until max_tokens
MAX_EVENTS_PER_ANSWER = 6  # schema-only caps (the grammar enforces them): no answer grows without bound
MAX_ACTORS_PER_ANSWER = 12


def _bounded(max_length: int) -> dict[str, Any]:
    """Schema-only length cap: a grammar-constrained server must close the string by then (no runaway
    string); pydantic does not enforce it, so other servers' longer answers still validate."""
    return {"maxLength": max_length}


def _names(max_items: int = 4, max_length: int = 60) -> dict[str, Any]:
    """Schema-only bounds for a list of names (see ``_bounded``)."""
    return {"maxItems": max_items, "items": {"type": "string", "maxLength": max_length}}


EVIDENCE_BOUNDS: dict[str, Any] = {"maxItems": 4, "items": {"type": "integer", "minimum": 1}}


def _check_sentence_ids(ids: list[int], info: ValidationInfo) -> list[int]:
    """Reject sentence ids that the numbered article does not have (fed back to the model)."""
    count = (info.context or {}).get("sentence_count")
    if count is not None:
        bad = [i for i in ids if not 1 <= i <= count]
        if bad:
            raise ValueError(f"sentence ids {bad} do not exist; the article has sentences 1 to {count}")
    return ids


class Event(BaseModel):
    """One violent or strategic event reported in the article (ACLED sense)."""

    model_config = MODEL_FACING

    sub_event_type: SubEventType = Field(description="ACLED sub-event type")
    date_text: str | None = Field(
        default=None,
        description="when it happened, copied as written, e.g. 'on Wednesday', 'Nov. 21', 'last week'",
        json_schema_extra=_bounded(40),
    )
    country: str | None = Field(default=None, description="country where it happened", json_schema_extra=_bounded(40))
    location: str | None = Field(
        default=None, description="town, site or area as written in the article", json_schema_extra=_bounded(80)
    )
    perpetrators: list[str] = Field(
        default_factory=list, description="who carried it out, names as in the text", json_schema_extra=_names()
    )
    targets: list[str] = Field(
        default_factory=list, description="who or what was attacked, names as in the text", json_schema_extra=_names()
    )
    weapons: list[str] = Field(
        default_factory=list,
        description="weapons or means used, e.g. 'drone', 'AC-130 gunship'",
        json_schema_extra=_names(),
    )
    fatalities: int | None = Field(
        default=None, description="number killed as reported, null if not stated", json_schema_extra={"minimum": 0}
    )
    injured: int | None = Field(
        default=None,
        description="number injured or wounded as reported, null if not stated",
        json_schema_extra={"minimum": 0},
    )
    casualty_source: str | None = Field(
        default=None,
        description="who reported the casualty figures, e.g. 'the militias'; null if none",
        json_schema_extra=_bounded(60),
    )
    evidence: list[int] = Field(
        default_factory=list, description=EVIDENCE_DESCRIPTION, json_schema_extra=EVIDENCE_BOUNDS
    )

    # Filled by the pipeline, never written by the model.
    event_type: SkipJsonSchema[EventType | None] = None
    date: SkipJsonSchema[str | None] = None
    date_precision: SkipJsonSchema[DatePrecision | None] = None
    spans: SkipJsonSchema[list[Span]] = Field(default_factory=list)
    flags: SkipJsonSchema[list[Flag]] = Field(default_factory=list)

    _check_evidence = field_validator("evidence")(_check_sentence_ids)

    @model_validator(mode="after")
    def _derive_event_type(self) -> Event:
        self.event_type = EVENT_TYPE_OF[self.sub_event_type]  # type: ignore[assignment]
        return self


class Actor(BaseModel):
    """An actor named in the article, with every name the article uses for it."""

    model_config = MODEL_FACING

    name: str = Field(description="canonical name, the fullest form used in the text", json_schema_extra=_bounded(80))
    aliases: list[str] = Field(
        default_factory=list, description="other names or abbreviations used in the text", json_schema_extra=_names()
    )
    kind: ActorKind = Field(description="what sort of actor it is")
    affiliation: str | None = Field(
        default=None, description="stated backing or parent, e.g. 'Iran-backed'", json_schema_extra=_bounded(60)
    )


class Claim(BaseModel):
    """One atomic assertion and who makes it."""

    model_config = MODEL_FACING

    statement: str = Field(
        description="the assertion in short neutral words, without the reporting verb", json_schema_extra=_bounded(160)
    )
    kind: ClaimKind = Field(description="what the claim is about")
    claimant: str = Field(
        description="who asserts it, e.g. 'CENTCOM', 'the militias', 'a U.S. official'; 'author' if the outlet says it",
        json_schema_extra=_bounded(80),
    )
    evidence: list[int] = Field(
        default_factory=list, description=EVIDENCE_DESCRIPTION, json_schema_extra=EVIDENCE_BOUNDS
    )

    # Filled by the verifier, never written by the model: it derives them as well as the model did,
    # and each costs output tokens (about 55 ms a token on the embedded model).
    cue: SkipJsonSchema[str | None] = Field(
        default=None, description="the reporting word in the evidence, e.g. 'said', 'accused'; null for author"
    )
    claimant_is_party: SkipJsonSchema[bool] = Field(
        default=False, description="true if the claimant took part in the events the claim is about"
    )
    claimant_actor: SkipJsonSchema[str | None] = Field(
        default=None,
        description="the actor of the report's actors list the claimant is, by its listed name ('the group' -> "
        "'Islamic Resistance in Iraq'); null when it names none; ``claimant`` keeps the text form",
    )
    claimant_as_answered: SkipJsonSchema[str | None] = Field(
        default=None,
        description="the claimant the model wrote, kept when the verifier replaced it by the speaker its evidence "
        "sentence names ('author' -> 'CENTCOM' for 'CENTCOM said ...'); null when it was kept",
    )
    spans: SkipJsonSchema[list[Span]] = Field(default_factory=list)
    status: SkipJsonSchema[ClaimStatus | None] = None
    support: SkipJsonSchema[int | None] = None
    confidence: SkipJsonSchema[float | None] = None
    flags: SkipJsonSchema[list[Flag]] = Field(default_factory=list)

    _check_evidence = field_validator("evidence")(_check_sentence_ids)


class ConflictReport(BaseModel):
    """Structured report of one news article about armed conflict."""

    model_config = MODEL_FACING

    events: list[Event] = Field(
        description="events the article reports; [] if none", json_schema_extra={"maxItems": MAX_EVENTS_PER_ANSWER}
    )
    actors: list[Actor] = Field(
        description="armed groups, forces, governments and sources named",
        json_schema_extra={"maxItems": MAX_ACTORS_PER_ANSWER},
    )
    claims: list[Claim] = Field(
        description="attributed assertions: responsibility, state involvement, casualties, denials, motives",
        json_schema_extra={"maxItems": MAX_CLAIMS_PER_ANSWER},
    )

    @field_validator("claims")
    @classmethod
    def _at_most_12_per_answer(cls, claims: list[Claim], info: ValidationInfo) -> list[Claim]:
        """The cap binds the model's answer (validated with a sentence count); a report merged from the
        parts of a long article, or loaded back from disk, may hold more."""
        if info.context and "sentence_count" in info.context and len(claims) > MAX_CLAIMS_PER_ANSWER:
            raise PydanticCustomError(  # the very error Field(max_length=...) gave, so re-asks read the same
                "too_long",
                "{field_type} should have at most {max_length} items after validation, not {actual_length}",
                {"field_type": "List", "max_length": MAX_CLAIMS_PER_ANSWER, "actual_length": len(claims)},
            )
        return claims

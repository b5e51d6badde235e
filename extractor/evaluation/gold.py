"""Load a gold set (format ``extractor-gold/1``, see eval/FORMAT.md) and check every label against its article.

A gold set is a folder of ``<id>.txt`` (the article) + ``<id>.gold.json`` (the labels). Every problem is
reported as a :class:`GoldError` naming the file, what is wrong and how to fix it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from extractor.articles import Article, ArticleError, parse_text
from extractor.errors import BadInput
from extractor.schemas.conflict import (
    EVENT_TYPE_OF,
    ActorKind,
    ClaimKind,
    ClaimStatus,
    DatePrecision,
    EventType,
    SubEventType,
)
from extractor.schemas.flags import LabelledFlagCode

GOLD_FORMAT = "extractor-gold/1"
GOLD_SUFFIX = ".gold.json"
SPLITS = ("dev", "test", "all")
FlagCode = LabelledFlagCode  # the codes a gold label may give (one list: extractor.schemas.flags)
FORMAT_DOC = "eval/FORMAT.md"


class GoldError(BadInput):
    """A gold file that cannot be used; the message names the file, the problem and the fix."""

    def __init__(self, origin: str, problem: str, fix: str) -> None:
        super().__init__(f"{origin}: {problem}. Fix: {fix}")
        self.origin, self.problem, self.fix = origin, problem, fix


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldSpan(_Strict):
    """Evidence as offsets into ``Article.text``; ``text`` must equal that slice."""

    text: str
    char_start: int = Field(ge=0)
    char_end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> GoldSpan:
        # pydantic validators raise ValueError (the documented contract); load_gold turns it into a GoldError
        if self.char_end <= self.char_start:
            raise ValueError(f"char_end ({self.char_end}) must be greater than char_start ({self.char_start})")
        return self


class GoldEvent(_Strict):
    """An expected event; ``event_type`` is derived from ``sub_event_type`` when omitted."""

    event_type: EventType | None = None
    sub_event_type: SubEventType
    date: str | None = None
    date_precision: DatePrecision | None = None
    country: str | None = None
    location: str | None = None
    perpetrators: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    weapons: list[str] = Field(default_factory=list)
    fatalities: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    casualty_source: str | None = None
    evidence: list[GoldSpan] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> GoldEvent:
        # pydantic validators raise ValueError (the documented contract); load_gold turns it into a GoldError
        parent = EVENT_TYPE_OF[self.sub_event_type]
        if self.event_type is None:
            self.event_type = parent  # type: ignore[assignment]
        elif self.event_type != parent:
            raise ValueError(
                f"event_type {self.event_type!r} is not the parent of {self.sub_event_type!r} ({parent!r})"
            )
        if self.date is not None:
            try:
                dt.date.fromisoformat(self.date)
            except ValueError:
                raise ValueError(f"date {self.date!r} is not an ISO date (YYYY-MM-DD)") from None
            if self.date_precision is None:
                raise ValueError("date_precision is missing for a dated event (day, week, month or year)")
        return self


class GoldActor(_Strict):
    """An actor with every name the article uses for it; aliases make matching alias-aware."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: ActorKind
    affiliation: str | None = None


class GoldClaim(_Strict):
    """An expected claim, plus whether an analyst should look at it (``should_flag``) and why (``reasons``)."""

    statement: str
    kind: ClaimKind
    claimant: str
    cue: str | None = None
    status: ClaimStatus
    claimant_is_party: bool = False
    evidence: list[GoldSpan] = Field(default_factory=list)
    should_flag: bool
    reasons: list[FlagCode] = Field(default_factory=list)

    @model_validator(mode="after")
    def _reasons_need_flag(self) -> GoldClaim:
        # pydantic validators raise ValueError (the documented contract); load_gold turns it into a GoldError
        if self.reasons and not self.should_flag:
            raise ValueError(f"reasons {self.reasons} are given but should_flag is false")
        return self


class _GoldFile(_Strict):
    """The JSON file as written (the article comes from the .txt next to it)."""

    format: str
    id: str
    split: Literal["dev", "test"]
    tags: list[str] = Field(default_factory=list)
    events: list[GoldEvent] = Field(default_factory=list)
    actors: list[GoldActor] = Field(default_factory=list)
    claims: list[GoldClaim] = Field(default_factory=list)


class GoldArticle(BaseModel):
    """One labelled article: the parsed article and what a perfect extraction would contain."""

    id: str
    split: Literal["dev", "test"]
    tags: list[str] = Field(default_factory=list)
    article: Article
    events: list[GoldEvent] = Field(default_factory=list)
    actors: list[GoldActor] = Field(default_factory=list)
    claims: list[GoldClaim] = Field(default_factory=list)


def _validation_problem(exc: ValidationError) -> str:
    """``claims.2.kind: Input should be ...`` for the first few errors."""
    parts = []
    for error in exc.errors()[:4]:
        where = ".".join(str(p) for p in error["loc"]) or "(top level)"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown field (a typo?)"
        parts.append(f"{where}: {message}")
    more = len(exc.errors()) - len(parts)
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def _check_spans(labels: _GoldFile, text: str, origin: str) -> None:
    """Every evidence ``text`` must equal ``text[char_start:char_end]`` of the parsed body."""
    items: list[tuple[str, Any]] = [(f"events.{i}", e) for i, e in enumerate(labels.events)]
    items += [(f"claims.{i}", c) for i, c in enumerate(labels.claims)]
    for where, item in items:
        for j, span in enumerate(item.evidence):
            actual = text[span.char_start : span.char_end]
            if actual == span.text:
                continue
            found = text.find(span.text)
            hint = (
                f"the text occurs at {found}:{found + len(span.text)}"
                if found >= 0
                else "copy the text verbatim from the article body"
            )
            raise GoldError(
                origin,
                f"{where}.evidence.{j}: text {span.text[:60]!r} != article body[{span.char_start}:{span.char_end}] "
                f"= {actual[:60]!r} (offsets count characters of the body after the header lines)",
                hint,
            )


def load_gold_file(path: Path) -> GoldArticle:
    """One ``<id>.gold.json`` with its ``<id>.txt`` next to it, validated."""
    origin = str(path)
    stem = path.name.removesuffix(GOLD_SUFFIX)
    txt = path.with_name(f"{stem}.txt")
    if not txt.is_file():
        raise GoldError(origin, f"its article {txt} does not exist", f"put the article next to it as {txt.name}")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GoldError(origin, f"not valid JSON (line {exc.lineno}: {exc.msg})", "fix the JSON syntax") from None
    if not isinstance(raw, dict):
        raise GoldError(origin, "the file is not a JSON object", f"write one object as in {FORMAT_DOC}")
    if raw.get("format") != GOLD_FORMAT:
        raise GoldError(
            origin, f"format is {raw.get('format')!r}, expected {GOLD_FORMAT!r}", f'add "format": "{GOLD_FORMAT}"'
        )
    try:
        labels = _GoldFile.model_validate(raw)
    except ValidationError as exc:
        raise GoldError(origin, _validation_problem(exc), f"use the fields and values listed in {FORMAT_DOC}") from None
    if labels.id != stem:
        raise GoldError(
            origin, f"id {labels.id!r} differs from the file name", f'rename the file or set "id": "{stem}"'
        )
    try:
        article = parse_text(txt.read_text(encoding="utf-8"), stem, str(txt))
    except ArticleError as exc:
        raise GoldError(exc.origin, exc.problem, exc.fix) from None
    except UnicodeDecodeError:
        raise GoldError(str(txt), "is not UTF-8 text", "convert it to UTF-8") from None
    article = article.model_copy(update={"id": stem})
    _check_spans(labels, article.text, origin)
    return GoldArticle(
        id=stem,
        split=labels.split,
        tags=labels.tags,
        article=article,
        events=labels.events,
        actors=labels.actors,
        claims=labels.claims,
    )


def load_gold(path: Path | str, split: str | None = None) -> list[GoldArticle]:
    """Every gold article in a folder (sorted by id), or the one ``.gold.json`` given; ``split`` filters."""
    path = Path(path)
    if split not in (None, *SPLITS):
        raise GoldError("--split", f"unknown split {split!r}", "use dev, test or all")
    if path.is_file():
        if not path.name.endswith(GOLD_SUFFIX):
            raise GoldError(str(path), f"is not a {GOLD_SUFFIX} file", f"pass the gold folder or a {GOLD_SUFFIX} file")
        files = [path]
    elif path.is_dir():
        files = sorted(path.glob(f"*{GOLD_SUFFIX}"))
        if not files:
            raise GoldError(str(path), f"contains no {GOLD_SUFFIX} files", f"add labelled articles as in {FORMAT_DOC}")
    else:
        raise GoldError(str(path), "no such file or folder", "pass the gold folder, e.g. --gold eval/gold")
    gold = [load_gold_file(file) for file in files]
    if split in (None, "all"):
        return gold
    chosen = [g for g in gold if g.split == split]
    if not chosen:
        raise GoldError(str(path), f"has no articles in split {split!r}", "label some articles with that split")
    return chosen

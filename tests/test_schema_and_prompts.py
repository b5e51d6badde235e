"""The default schema, user schemas, their fingerprints, and the prompt templates."""

import hashlib
from pathlib import Path
from typing import Any

import pytest
from pydantic import Field, ValidationError

from extractor.prompts import load_prompt
from extractor.schema_io import SchemaError, json_schema, load_schema, schema_hash
from extractor.schemas.conflict import ACLED_TAXONOMY, Claim, ConflictReport, Event

DATA = Path(__file__).parent / "data"
PIPELINE_FILLED = {"event_type", "date", "date_precision", "spans", "flags", "status", "support", "confidence"}


def _properties(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found = {}
    for name, definition in schema.get("$defs", {}).items():
        for prop, spec in definition.get("properties", {}).items():
            found[f"{name}.{prop}"] = spec
    for prop, spec in schema.get("properties", {}).items():
        found[f"ConflictReport.{prop}"] = spec
    return found


def test_model_sees_only_what_it_writes_and_every_field_is_described() -> None:
    properties = _properties(json_schema(ConflictReport))
    assert not {p.split(".")[1] for p in properties} & PIPELINE_FILLED
    undescribed = [name for name, spec in properties.items() if not spec.get("description")]
    assert undescribed == []


def test_acled_taxonomy_has_6_types_and_25_sub_types() -> None:
    assert len(ACLED_TAXONOMY) == 6
    assert sum(len(subs) for subs in ACLED_TAXONOMY.values()) == 25


def test_event_type_follows_from_sub_event_type() -> None:
    event = Event(sub_event_type="Air/drone strike")
    assert event.event_type == "Explosions/Remote violence"


def test_sentence_ids_outside_the_article_are_rejected_with_a_message_for_the_model() -> None:
    with pytest.raises(ValidationError) as info:
        Claim.model_validate(
            {"statement": "x", "kind": "other", "claimant": "author", "evidence": [2, 9]},
            context={"sentence_count": 5},
        )
    assert "[9] do not exist" in str(info.value) and "1 to 5" in str(info.value)


def test_schema_hash_is_stable_and_tracks_changes() -> None:
    assert schema_hash(ConflictReport) == schema_hash(ConflictReport)

    class Wider(ConflictReport):
        note: str = Field(default="", description="anything else")

    assert schema_hash(Wider) != schema_hash(ConflictReport)


def test_user_schema_from_file_and_module() -> None:
    model = load_schema(f"{DATA / 'user_schema.py'}:StrikeReport")
    assert model.__name__ == "StrikeReport"
    assert load_schema(str(DATA / "user_schema.py")).__name__ == "StrikeReport"  # the one *Report class
    assert load_schema("extractor.schemas.conflict:ConflictReport") is ConflictReport
    assert load_schema(None) is ConflictReport


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("no_such_module_xyz:Report", "cannot import"),
        ("extractor.schemas.conflict:Nope", "not a pydantic model"),
        ("missing_file.py:Report", "not found"),
    ],
)
def test_bad_schema_specs_explain(spec: str, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        load_schema(spec)


def test_prompt_hash_is_the_template_content_hash() -> None:
    prompt = load_prompt("extract")
    source = (Path(__file__).parents[1] / "prompts" / "extract.md.j2").read_bytes()
    assert prompt.hash == hashlib.sha256(source).hexdigest()[:12]


def test_static_instructions_first_article_last() -> None:
    prompt = load_prompt("extract")
    first = prompt.render(title="A", published="2024-01-01", sentences="[1] One.", cue_hints="")
    second = prompt.render(title="B", published=None, sentences="[1] Two.", cue_hints="[1] said")
    assert first[0] == second[0] and first[0]["role"] == "system"  # identical prefix: cacheable
    assert first[1]["content"].endswith("[1] One.")
    assert "[1] Two." in second[1]["content"] and "[1] said" in second[1]["content"]


def test_template_without_blocks_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md.j2"
    bad.write_text("just text {{ sentences }}")
    with pytest.raises(ValueError, match="system"):
        load_prompt(str(bad))

"""The whitespace-free grammar: one spelling per value, bounds from the schema, no free-form whitespace."""

from __future__ import annotations

import re

from extractor.backends.grammar import compact_grammar, json_literal, literal
from extractor.schemas.conflict import MAX_CLAIMS_PER_ANSWER, ConflictReport


def rules(grammar: str) -> dict[str, str]:
    return dict(line.split(" ::= ", 1) for line in grammar.strip().splitlines())


def test_the_report_grammar_has_no_whitespace_rule_and_keeps_the_schema_order() -> None:
    grammar = rules(compact_grammar(ConflictReport.model_json_schema()))
    assert (
        grammar["root"]
        == '"{" "\\"events\\":" root-events "," "\\"actors\\":" root-actors "," "\\"claims\\":" root-claims "}"'
    )
    literals = [text for body in grammar.values() for text in re.findall(r'"((?:[^"\\]|\\.)*)"', body)]
    assert literals and not [t for t in literals if not re.sub(r"\\[ntr]|\\x0[9AD]", "", t).strip()]
    assert "space" not in grammar


def test_bounds_from_the_schema_bind_the_answer() -> None:
    grammar = rules(compact_grammar(ConflictReport.model_json_schema()))
    assert grammar["root-claims"].endswith(f'{{0,{MAX_CLAIMS_PER_ANSWER - 1}}})? "]"')
    claim = grammar["def-claim"]
    assert '"\\"statement\\":" "\\"" char{0,160} "\\""' in claim
    assert '"\\"cue\\":"' not in claim and "claimant_is_party" not in claim  # the verifier derives those
    event = grammar["def-event"]
    assert '"\\"fatalities\\":" (("0" | [1-9] [0-9]{0,15}) | null)' in event  # never negative
    assert grammar["def-event-evidence"] == '"[" (([1-9] [0-9]{0,15}) ("," ([1-9] [0-9]{0,15})){0,3})? "]"'


def test_enums_constants_ranges_and_recursion() -> None:
    schema = {
        "$defs": {
            "Node": {
                "type": "object",
                "properties": {
                    "kind": {"const": "n"},
                    "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}},
                },
            }
        },
        "type": "object",
        "properties": {
            "root": {"$ref": "#/$defs/Node"},
            "level": {"type": "integer", "minimum": 1, "maximum": 3},
            "mood": {"enum": ['a "b"', "c\\d"]},
            "anything": {},
        },
    }
    grammar = rules(compact_grammar(schema))
    assert grammar["def-node"] == '"{" "\\"kind\\":" "\\"n\\"" "," "\\"children\\":" def-node-children "}"'
    assert grammar["def-node-children"] == '"[" (def-node ("," def-node)*)? "]"'
    assert '("1" | "2" | "3")' in grammar["root"]
    assert json_literal('a "b"') in grammar["root"] and json_literal("c\\d") in grammar["root"]
    assert "value" in grammar and "object" in grammar  # an unconstrained property takes any JSON value


def test_literals_escape_quotes_backslashes_and_control_characters() -> None:
    assert literal('say "hi"\\') == '"say \\"hi\\"\\\\"'
    assert literal("a\nb") == '"a\\x0Ab"'
    assert json_literal({"k": [1, "x"]}) == '"{\\"k\\":[1,\\"x\\"]}"'

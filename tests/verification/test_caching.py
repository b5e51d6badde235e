"""The verifier's memoised helpers never change an answer: no report's state leaks into the next report, a warm
cache gives what a cold one gives, and a caller changing a returned set does not change the cache."""

from __future__ import annotations

import importlib
import json
import pkgutil
from typing import Any

import extractor.verification as verification
from extractor.schemas.conflict import Actor, Event
from extractor.verification import check
from extractor.verification.lexicon import categories
from extractor.verification.numbers import numbers_in
from extractor.verification.parties import Parties
from tests.verification.helpers import claim, report

ARTICLE = (
    "U.S. Central Command said its aircraft struck a militia depot near Qaim on Sunday.\n"
    "The command said the strike destroyed a drone workshop used by the militia.\n"
    "A U.S. military statement said the strike destroyed a drone workshop used by the militia.\n"
    "The Hollow Valley Monitor said six people were killed near Qaim.\n"
    "Officials said Iran had reportedly supplied the drones."
)
OTHER_ARTICLE = ARTICLE.replace("Qaim", "Rawa").replace("six people", "seven people")


def claims(text: str) -> list[Any]:
    return [
        claim(text, "The command said", "The strike destroyed a drone workshop used by the militia", "the command"),
        claim(text, "A U.S. military", "The strike destroyed a drone workshop used by the militia", "U.S. military"),
        claim(text, "Monitor said", "Six people were killed near Qaim", "The Hollow Valley Monitor",
              kind="casualties"),
        claim(text, "Iran had reportedly", "Iran supplied the drones", "officials", kind="state_involvement"),
    ]  # fmt: skip


# "the command" is an alias of CENTCOM in A (so the U.S. side: one source with "U.S. military", support 1), and
# unknown in B (its own source: support 2). A cache that carried one report's aliases into another would show.
REPORT_A = report(
    claims(ARTICLE),
    [Event(sub_event_type="Air/drone strike", perpetrators=["CENTCOM"], targets=["militia depot"], location="Qaim",
           evidence=[1])],
    [Actor(name="CENTCOM", aliases=["the command", "U.S. Central Command"], kind="external_forces")],
)  # fmt: skip
REPORT_B = report(claims(ARTICLE))
REPORT_C = report(claims(OTHER_ARTICLE), REPORT_A.events, REPORT_A.actors)


def verified(rep: Any, text: str = ARTICLE) -> tuple[str, list[dict[str, float]]]:
    outcome = check(rep, text, published=None)
    return outcome.report.model_dump_json(), outcome.signals


def clear_caches() -> int:
    """Empty every memoised function of the verification package; returns how many there are."""
    cleared = 0
    modules = [verification, *(importlib.import_module(m.name) for m in
               pkgutil.walk_packages(verification.__path__, f"{verification.__name__}."))]  # fmt: skip
    for module in modules:
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == module.__name__:
                value.cache_clear()
                cleared += 1
    return cleared


def supports(outcome: tuple[str, list[dict[str, float]]]) -> list[int]:
    return [c["support"] for c in json.loads(outcome[0])["claims"]]


def test_one_report_does_not_leak_into_the_next() -> None:
    a, b, c, a_again, b_again = (verified(REPORT_A), verified(REPORT_B), verified(REPORT_C, OTHER_ARTICLE),
                                 verified(REPORT_A), verified(REPORT_B))  # fmt: skip
    assert a_again == a and b_again == b
    assert supports(a) == supports(c) == [1, 1, 1, 1]  # "the command" and "U.S. military": one source
    assert supports(b) == [2, 2, 1, 1]  # two sources when "the command" is nobody's alias
    assert c != a  # another article: other spans and offsets


def test_aliases_are_the_reports_own() -> None:
    assert Parties(REPORT_A).names_of("the command") == {"command", "centcom", "us central command"}
    assert Parties(REPORT_B).names_of("the command") == {"command"}
    assert Parties(REPORT_A).canonical("the command") == "united states"
    assert Parties(REPORT_B).canonical("the command") == "command"


def test_warm_caches_answer_as_cold_ones() -> None:
    assert clear_caches() >= 5  # normalize, _key, side_of, numbers, categories, ... are memoised
    cold = [verified(REPORT_A), verified(REPORT_B), verified(REPORT_C, OTHER_ARTICLE)]
    warm = [verified(REPORT_A), verified(REPORT_B), verified(REPORT_C, OTHER_ARTICLE)]
    assert warm == cold


def test_changing_a_returned_set_does_not_change_the_cache() -> None:
    numbers = numbers_in("30 soldiers and six people")
    numbers.add(99)
    assert numbers_in("30 soldiers and six people") == {30, 6}
    found = categories("the group reportedly said")
    found.add("denial")
    assert categories("the group reportedly said") == {"hedged", "assertive"}

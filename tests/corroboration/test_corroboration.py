"""Corroboration across articles, scored end to end on the hand-made analyst extractions of eval/corroboration
(no model): grouping, origins, status, corpus-level flags, merged events, determinism, the SQLite ledger.

The dev stories (1-4) chose the settings and are held to them; the held-out stories (5-7) were written after
and are only measured: their tests pin what was measured (README), so a change that moves them is seen."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from extractor.corroboration import Settings, corroborate
from extractor.corroboration.scoring import score_splits
from extractor.corroboration.store import LedgerStore
from extractor.evaluation.corroboration_metrics import (
    GroupLabel,
    b_cubed,
    compare_scores,
    labels_from_records,
    load_gold,
    load_splits,
    score,
)
from extractor.evaluation.results_io import load_results
from extractor.results import Result
from extractor.schemas.conflict import ConflictReport

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "eval" / "corroboration" / "gold.json"
RESULTS = ROOT / "eval" / "corroboration" / "analyst_results.jsonl"


# Measured on the held-out split with the settings fixed on dev (eval/corroboration/README.md); not targets.
HELDOUT_MEASURED = {
    "precision": 0.8524, "recall": 0.8762, "f1": 0.8641, "origin_accuracy": 0.5263, "status_accuracy": 0.6316
}  # fmt: skip
# Held-out groups whose gold flags the ledger misses (see the README's held-out findings).
HELDOUT_FLAG_MISSES = {"s5-weapons-store", "s6-casualties"}


@pytest.fixture(scope="module")
def every_result():
    return load_results(RESULTS)


@pytest.fixture(scope="module")
def results(every_result):
    """The dev split's results (stories 1-4)."""
    splits = load_splits(GOLD)
    return [r for r in every_result if splits[r.article_id] == "dev"]


@pytest.fixture(scope="module")
def ledger(results):
    return corroborate(results)


@pytest.fixture(scope="module")
def split_scores(every_result):
    return score_splits(every_result, GOLD, reference=every_result)


def _group(ledger, ref):
    article, index = ref.split("#")
    return ledger.group_of(article, int(index))


def test_dev_scores_with_the_default_settings(ledger):
    scores = score(load_gold(GOLD, "dev"), labels_from_records(ledger.records()))
    assert scores.f1 >= 0.95, scores.misses
    assert scores.origin_accuracy == 1.0, scores.misses
    assert scores.status_accuracy == 1.0, scores.misses


def test_each_split_is_scored_on_its_own_ledger(split_scores, ledger):
    assert list(split_scores) == ["dev", "heldout"]
    dev, heldout = split_scores["dev"], split_scores["heldout"]
    assert (dev["articles"], dev["claims"], heldout["articles"], heldout["claims"]) == (17, 52, 14, 48)
    assert dev["aligned_claims"] == 52 and heldout["aligned_claims"] == 48  # the analyst's claims align to themselves
    assert dev["f1"] == score(load_gold(GOLD, "dev"), labels_from_records(ledger.records())).f1


def test_heldout_scores_as_measured(split_scores):
    """Held-out numbers are measurements, not targets: a change that moves them must update the README."""
    measured = {k: split_scores["heldout"][k] for k in HELDOUT_MEASURED}
    assert measured == pytest.approx(HELDOUT_MEASURED, abs=1e-4), split_scores["heldout"]["misses"]


def _flag_misses(ledger, split):
    misses = set()
    for label in json.loads(GOLD.read_text())["groups"]:
        if label["split"] != split:
            continue
        codes = {f["code"] for f in _group(ledger, label["members"][0]).flags}
        if not set(label.get("flags_present", [])) <= codes or set(label.get("flags_absent", [])) & codes:
            misses.add(label["id"])
    return misses


def test_gold_flags_carried_across(ledger):
    assert _flag_misses(ledger, "dev") == set()


def test_heldout_flags_as_measured(every_result):
    splits = load_splits(GOLD)
    heldout = corroborate([r for r in every_result if splits[r.article_id] == "heldout"])
    assert _flag_misses(heldout, "heldout") == HELDOUT_FLAG_MISSES


def test_a_wire_story_reprinted_is_one_origin(ledger):
    group = _group(ledger, "meridianwire-s3#0")
    assert group.articles == ["harbourpost-s3", "meridianwire-s3"]
    assert group.origin_count == 1 and group.status == "single_origin"
    assert "circular_reporting" not in {f["code"] for f in group.flags}  # a reprint is one report, not many
    assert ["harbourpost-s1", "meridianwire-s1", "valleytimes-s1"] in ledger.copies


def test_one_party_repeated_by_many_outlets_is_circular(ledger):
    group = _group(ledger, "meridianwire-s3#1")
    assert len(group.outlets) == 4 and group.origin_count == 1
    assert [o.party for o in group.origins] == [True]
    assert {"circular_reporting", "single_interested_source"} <= {f["code"] for f in group.flags}


def test_aliases_resolved_across_articles_make_one_origin(ledger):
    group = _group(ledger, "civicledger-s2#1")  # claimant "DAF"; elsewhere "Dastovan army"
    assert group.status == "independently_corroborated"
    keys = sorted(o.key for o in group.origins)
    assert len(keys) == 2 and any("dastovan army" in k or "daf" in k for k in keys)
    assert "single_interested_source" not in {f["code"] for f in group.flags}  # the UN mission says it too


def test_denials_and_figures_contest(ledger):
    denied = _group(ledger, "meridianwire-s1#2")
    assert denied.status == "contested" and denied.kind == "state_involvement"
    assert {m["kind"] for m in denied.members} == {"state_involvement", "denial"}
    casualties = _group(ledger, "northstar-s1#0")
    assert casualties.status == "contested" and casualties.figures == [4, 6]
    assert casualties is not denied  # a denial joins one claim only, it never bridges two


def test_events_merge_with_the_lowest_figure(ledger):
    depot = next(e for e in ledger.events if e.sub_event_type == "Air/drone strike")
    assert len(depot.reports) == 5 and depot.fatalities == 4
    assert "6 (Karvel Monitoring Group, northstar-s1)" in depot.notes
    assert [f["code"] for f in depot.flags] == ["casualty_figure_disputed"]
    assert len(ledger.events) == 5


def test_events_match_the_gold_events(every_result):
    gold = json.loads(GOLD.read_text())["events"]
    events = corroborate(every_result).events
    merged = {frozenset(f"{r.article_id}#e{r.event_index}" for r in e.reports): e for e in events}
    assert {label["split"] for label in gold} == {"dev", "heldout"}
    for label in gold:
        event = merged[frozenset(label["reports"])]  # KeyError: not merged as the gold says
        assert event.fatalities == label["fatalities"], label["id"]
        assert bool(event.notes) == label["disputed"], label["id"]


def test_same_town_next_day_other_place_stays_apart(ledger):
    market, hospital = _group(ledger, "meridianwire-s4#0"), _group(ledger, "northstar-s4#0")
    assert market is not hospital and market.status == hospital.status == "independently_corroborated"
    assert _group(ledger, "civicledger-s4#0") not in (market, hospital)  # the two-day total is neither


def test_descriptions_do_not_join_actors_across_articles():
    from extractor.corroboration.features import linkable

    assert linkable("CENTCOM") and linkable("U.S. Central Command") and linkable("the U.S. military")
    assert linkable("Police in Brannoch") and linkable("Dastovan officials")
    assert not linkable("the group") and not linkable("the ministry") and not linkable("Police")
    assert not linkable("the hospital's director")


def test_same_inputs_same_ledger_in_any_order(results, ledger):
    shuffled = list(results)
    random.Random(7).shuffle(shuffled)
    assert corroborate(shuffled).records() == ledger.records()


def test_per_article_results_are_not_rewritten(results):
    before = [r.model_dump_json() for r in results]
    corroborate(results)
    assert [r.model_dump_json() for r in results] == before


def test_outlets_mapping_overrides_the_id_prefix(results):
    mapping = {"harbourpost-s3": "Meridian Wire"}
    group = corroborate(results, outlets=mapping).group_of("harbourpost-s3", 0)
    assert "Meridian Wire" in group.outlets


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_ledger_equals_one_run(tmp_path, results, ledger, seed):
    order = list(results)
    random.Random(seed).shuffle(order)
    store = LedgerStore(tmp_path / "ledger.db", Result[ConflictReport].model_validate)
    for start in range(0, len(order), 4):
        store.add(order[start : start + 4])
    assert store.ledger().records() == ledger.records()
    assert store.add(order[:2]) == 0  # the same results again: nothing new
    assert store.ledger().records() == ledger.records()
    store.close()
    reopened = LedgerStore(tmp_path / "ledger.db", Result[ConflictReport].model_validate)
    assert reopened.ledger().records() == ledger.records()
    reopened.close()


def test_incremental_alias_learned_late(tmp_path, results):
    """Claims first seen apart are compared again when a later article says their actors are one."""
    by_id = {r.article_id: r for r in results}
    first = [by_id["meridianwire-s2"], by_id["northstar-s2"]]
    late = [by_id["civicledger-s2"], by_id["harbourpost-s2"]]
    store = LedgerStore(tmp_path / "l.db", Result[ConflictReport].model_validate)
    store.add(first)
    store.add(late)
    assert store.ledger().records() == corroborate(first + late).records()
    store.close()


def test_a_ledger_refuses_other_settings(tmp_path, results):
    path = tmp_path / "l.db"
    LedgerStore(path, Result[ConflictReport].model_validate).close()
    with pytest.raises(ValueError, match="other settings"):
        LedgerStore(path, Result[ConflictReport].model_validate, Settings(threshold=99))


def test_b_cubed_by_hand():
    gold = [GroupLabel("g1", frozenset({"a", "b", "c"})), GroupLabel("g2", frozenset({"d"}))]
    predicted = [GroupLabel("p1", frozenset({"a", "b"})), GroupLabel("p2", frozenset({"c", "d"}))]
    precision, recall, f1, n = b_cubed(gold, predicted)
    # precision: a 1, b 1, c 1/2, d 1/2 -> 3/4; recall: a 2/3, b 2/3, c 1/3, d 1 -> 2/3
    assert n == 4 and precision == pytest.approx(0.75) and recall == pytest.approx(2 / 3)
    assert f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))


def test_gold_splits(tmp_path):
    assert {g.split for g in load_gold(GOLD)} == {"dev", "heldout"}
    assert len(load_gold(GOLD, "dev")) == 18 and len(load_gold(GOLD, "heldout")) == 19
    with pytest.raises(ValueError, match="no split 'test'"):
        load_gold(GOLD, "test")
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"splits": {"dev": ["a"], "heldout": ["b"]},
                                "groups": [{"id": "x", "split": "dev", "members": ["b#0"]}]}))  # fmt: skip
    with pytest.raises(ValueError, match="holds b#0 of split heldout"):
        load_gold(path)


def test_the_gate_names_each_metric_that_dropped():
    baseline = {"dev": {"f1": 0.9, "recall": 0.8, "status_accuracy": 1.0}, "heldout": {"f1": 0.7}}
    assert compare_scores({"dev": {"f1": 0.885, "recall": 0.8, "status_accuracy": 1.0}, "heldout": {"f1": 0.9}},
                          baseline) == []  # fmt: skip
    failures = compare_scores({"dev": {"f1": 0.87, "recall": 0.8, "status_accuracy": 0.5}}, baseline, 0.02)
    assert failures == [
        "dev f1: 0.9 -> 0.87 (max drop 0.02)",
        "dev status_accuracy: 1.0 -> 0.5 (max drop 0.02)",
        "heldout: not scored (the baseline has it)",
    ]


def test_gold_refuses_a_claim_in_two_groups(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"groups": [{"id": "x", "members": ["a#0"]}, {"id": "y", "members": ["a#0"]}]}))
    with pytest.raises(ValueError, match="one group each"):
        load_gold(path)


def test_gold_covers_every_analyst_claim(every_result):
    refs = {f"{r.article_id}#{i}" for r in every_result for i in range(len(r.report.claims))}
    assert {ref for g in load_gold(GOLD) for ref in g.members} == refs


def test_the_scale_benchmark_groups_its_synthetic_stories():
    import importlib.util

    spec = importlib.util.spec_from_file_location("corroboration_scale", ROOT / "benchmarks" / "corroboration_scale.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    synthetic_results, gold = module.synthetic(400, seed=3)
    precision, recall, _f1, n = b_cubed(gold, labels_from_records(corroborate(synthetic_results).records()))
    assert n == 400 and precision == 1.0 and recall == 1.0

"""Batch API files: prepare -> (responses) -> collect, against the STAND-IN server (tests/standin_server.py).

The stand-in runs no model. Its answer is a hand-written report (not model output), so this checks the
plumbing: the prepared bodies are byte-for-byte the JSON an online run POSTs, and collect turns the same
answers into the same Result lines (validated, verified) as the online run. A real-engine round trip is
``test_batch_round_trip_with_the_embedded_engine`` (marked live, skipped unless llama-server is built).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractor.backends import http
from tests.robustness.helpers import jsonl, read_results, run_cli
from tests.standin_server import Reply, StandinServer

# Hand-written (NOT model output): one claim grounded in sentence 1 of every article below.
ANSWER = json.dumps({
    "events": [],
    "actors": [],
    "claims": [{"statement": "Three rockets struck near the air base", "kind": "casualties",
                "claimant": "officials", "evidence": [1]}],
})  # fmt: skip


def _inputs(path: Path) -> Path:
    text = "Three rockets struck near the air base in {} on Monday, officials said. Nobody was hurt."
    records = [{"id": f"a{i}", "text": text.format(city), "published": "2024-01-08"}
               for i, city in enumerate(["Erbil", "Baghdad", "Basra"])]  # fmt: skip
    return jsonl(path, records)


def _strip_volatile(result: dict[str, Any]) -> dict[str, Any]:
    meta = {k: v for k, v in result["meta"].items() if k not in ("created_at", "latency_s", "verify_latency_s")}
    meta["attempts"] = [{k: v for k, v in a.items() if k != "latency_s"} for a in meta["attempts"]]
    return {**result, "meta": meta}


@pytest.mark.parametrize("mode", ["json", "json_schema", "gbnf"])  # the stand-in answers no tool calls
def test_prepare_bodies_equal_online_bodies_and_collect_equals_online_results(tmp_path: Path, mode: str) -> None:
    inputs = _inputs(tmp_path / "in.jsonl")
    with StandinServer(lambda _b: Reply(ANSWER)) as server:
        common = ["--base-url", server.base_url, "--model", "m", "--mode", mode]
        online = run_cli(["extract", str(inputs), "--out", str(tmp_path / "online.jsonl"), "--no-cache",
                          "--ordered", "--no-log", *common])  # fmt: skip
        assert online.exit_code == 0, online.output
        online_bodies = [json.loads(b) for b in server.bodies]
        prepared = run_cli(["batch", "prepare", str(inputs), "-o", str(tmp_path / "requests.jsonl"), *common])
        assert prepared.exit_code == 0, prepared.output
        requests = read_results(tmp_path / "requests.jsonl")
        assert len(server.bodies) == 6, "prepare must not contact the server"  # online: report + events, x3
        assert [r["custom_id"] for r in requests] == ["a0", "a0#events", "a1", "a1#events", "a2", "a2#events"]
        assert {(r["method"], r["url"]) for r in requests} == {("POST", "/v1/chat/completions")}
        assert [r["body"] for r in requests] == online_bodies
        outputs = []
        for number, request in enumerate(requests):  # what the Batch API would return, here from the stand-in
            answer = http.post(server.base_url + "/chat/completions", json=request["body"], timeout=10).json()
            outputs.append({"id": f"batch_req_{number}", "custom_id": request["custom_id"], "error": None,
                            "response": {"status_code": 200, "request_id": f"r{number}", "body": answer}})  # fmt: skip
    jsonl(tmp_path / "responses.jsonl", outputs[::-1])  # the Batch API returns lines in any order
    collected = run_cli(["batch", "collect", str(tmp_path / "responses.jsonl"), "--inputs", str(inputs),
                         "-o", str(tmp_path / "collected.jsonl"), *common])  # fmt: skip
    assert collected.exit_code == 0, collected.output
    online_results = [_strip_volatile(r) for r in read_results(tmp_path / "online.jsonl")]
    collected_results = [_strip_volatile(r) for r in read_results(tmp_path / "collected.jsonl")]
    assert collected_results == online_results
    assert collected_results[0]["report"]["claims"][0]["spans"][0]["status"] == "exact"  # verified


def test_collect_marks_an_invalid_or_failed_response_as_a_failed_result(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl")
    bad = {"id": "x", "choices": [{"index": 0, "finish_reason": "stop",
                                   "message": {"role": "assistant", "content": "not json"}}]}  # fmt: skip
    jsonl(tmp_path / "responses.jsonl", [
        {"custom_id": "a0", "response": {"status_code": 200, "body": bad}, "error": None},
        {"custom_id": "a1", "response": None, "error": {"code": "batch_expired", "message": "expired"}},
    ])  # fmt: skip
    collected = run_cli(["batch", "collect", str(tmp_path / "responses.jsonl"), "--inputs", str(inputs),
                         "-o", str(tmp_path / "c.jsonl"), "--base-url", "http://127.0.0.1:9/v1", "--model", "m",
                         "--mode", "json"])  # fmt: skip
    assert collected.exit_code == 1, collected.output
    results = read_results(tmp_path / "c.jsonl")
    assert [(r["article_id"], r["error_kind"]) for r in results] == [("a0", "invalid_answer"), ("a1", "unreachable")]

    ok = {"id": "y", "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant",
                                                                                 "content": ANSWER}}]}  # fmt: skip
    jsonl(tmp_path / "no-events.jsonl", [{"custom_id": "a2", "response": {"status_code": 200, "body": ok}}])
    collected = run_cli(["batch", "collect", str(tmp_path / "no-events.jsonl"), "--inputs", str(inputs),
                         "-o", str(tmp_path / "e.jsonl"), "--base-url", "http://127.0.0.1:9/v1", "--model", "m",
                         "--mode", "json"])  # fmt: skip
    (result,) = read_results(tmp_path / "e.jsonl")  # the report line alone: its events line is missing
    assert result["article_id"] == "a2" and result["error"].startswith("events pass:"), result["error"]


@pytest.mark.live
def test_batch_round_trip_with_the_embedded_engine(tmp_path: Path) -> None:
    """prepare -> the real llama-server answers each body -> collect (skipped unless the engine is built)."""
    from extractor.backends.engine.build import find_server
    from extractor.backends.engine.server import EngineServer, EngineSettings

    if find_server() is None:
        pytest.skip("llama-server is not built (extractor engine --build)")
    inputs = _inputs(tmp_path / "in.jsonl")
    settings = EngineSettings()
    with EngineServer(settings) as server:
        common = ["--base-url", server.base_url, "--model", settings.alias, "--mode", "gbnf"]
        assert run_cli(["batch", "prepare", str(inputs), "-o", str(tmp_path / "req.jsonl"), *common]).exit_code == 0
        outputs = []
        for request in read_results(tmp_path / "req.jsonl"):
            body = http.post(server.base_url + "/chat/completions", json=request["body"], timeout=600).json()
            outputs.append({"custom_id": request["custom_id"], "response": {"status_code": 200, "body": body}})
    jsonl(tmp_path / "resp.jsonl", outputs)
    collected = run_cli(["batch", "collect", str(tmp_path / "resp.jsonl"), "--inputs", str(inputs), "-o",
                         str(tmp_path / "out.jsonl"), *common])  # fmt: skip
    assert collected.exit_code in (0, 1), collected.output
    assert len(read_results(tmp_path / "out.jsonl")) == 3

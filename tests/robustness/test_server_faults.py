"""The fault table: a stand-in server (NOT a model) misbehaves one way per case; the run reports one error line
for the article that met the fault, exits with the documented code, shows no traceback and loses no record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.robustness.helpers import (
    FAULTY,
    FAULTY_MARK,
    GOOD,
    assert_no_traceback,
    fast_retries,
    jsonl,
    read_results,
    run_cli,
    stderr_of,
)
from tests.standin_server import EMPTY_REPORT, Reply, StandinServer, prompt_text, refused_url

# fault -> the failed article's error_kind ("unreachable": no usable answer came back; "invalid_answer": the
# server answered, never validly; "timeout": --timeout expired)
FAULT_KINDS = {
    "reset_before": "unreachable",
    "reset_during": "unreachable",
    "hang": "timeout",
    "drip": "timeout",
    "429": "unreachable",
    "429_retry_after": "unreachable",
    "400": "unreachable",
    "401": "unreachable",
    "500": "unreachable",
    "503": "unreachable",
    "html": "unreachable",
    "empty_choices": "invalid_answer",  # an answer with nothing in it: re-asked, then given up
    "truncated_json": "unreachable",  # the HTTP body itself is broken: no answer to re-ask about
    "invalid_json": "unreachable",
    "prose": "invalid_answer",
    "schema_invalid": "invalid_answer",
}


@pytest.mark.parametrize("fault", sorted(FAULT_KINDS))
def test_one_faulty_answer_costs_one_error_line_and_nothing_else(
    fault: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(monkeypatch)
    inputs = jsonl(tmp_path / "in.jsonl", [{"id": "faulty", "text": FAULTY}, {"id": "good", "text": GOOD}])
    out = tmp_path / "out.jsonl"

    def script(body: dict) -> Reply | str:
        return fault if FAULTY_MARK in prompt_text(body) else Reply(EMPTY_REPORT)

    timeout = "2" if fault in ("hang", "drip") else "60"
    with StandinServer(script) as server:
        result = run_cli([
            "extract", str(inputs), "--base-url", server.base_url, "--model", "standin", "--mode", "json",
            "--format", "jsonl", "--out", str(out), "--timeout", timeout, "--concurrency", "2",
        ])  # fmt: skip
    assert_no_traceback(result)
    assert result.exit_code == 1, result.output
    records = {r["article_id"]: r for r in read_results(out)}
    assert set(records) == {"faulty", "good"}  # no record lost
    assert records["good"]["error"] is None and records["good"]["report"] is not None
    assert records["faulty"]["error"]
    assert records["faulty"]["error_kind"] == FAULT_KINDS[fault]
    failed_lines = [line for line in stderr_of(result).splitlines() if line.startswith("faulty failed:")]
    assert len(failed_lines) == 1, stderr_of(result)


def test_transport_retries_are_each_recorded_as_an_attempt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_retries(monkeypatch)
    replies = iter(["503", "429_retry_after", "reset_before"])
    out = tmp_path / "out.json"
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    with StandinServer(lambda _body: next(replies, Reply(EMPTY_REPORT))) as server:
        result = run_cli([
            "extract", str(article), "--base-url", server.base_url, "--model", "standin", "--mode", "json",
            "--out", str(out),
        ])  # fmt: skip
        bodies = server.bodies
    assert result.exit_code == 0, result.output
    attempts = json.loads(out.read_text())["meta"]["attempts"]
    assert [(a["ok"], a["step"]) for a in attempts] == [(False, None)] * 3 + [(True, None), (True, "events")]
    assert "503" in attempts[0]["error"] and "429" in attempts[1]["error"]
    assert len(bodies) == 5 and len(set(bodies[:4])) == 1  # the same request, re-sent; then the events request


def test_a_refused_connection_fails_every_article_with_exit_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_retries(monkeypatch)
    inputs = jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": GOOD}, {"id": "b", "text": FAULTY}])
    out = tmp_path / "out.jsonl"
    result = run_cli([
        "extract", str(inputs), "--base-url", refused_url(), "--model", "m", "--mode", "json", "--format", "jsonl",
        "--out", str(out),
    ])  # fmt: skip
    assert_no_traceback(result)
    assert result.exit_code == 3, result.output
    records = read_results(out)
    assert {r["article_id"] for r in records} == {"a", "b"}
    assert all(r["error_kind"] == "unreachable" and len(r["meta"]["attempts"]) == 4 for r in records)

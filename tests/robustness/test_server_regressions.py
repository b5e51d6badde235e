"""Server faults that once cost articles: a 200 whose body is not JSON (re-sent, like a broken connection),
a fault on the events request (the validated report is kept, the failure named in meta), and instructor's
own ERROR lines beside a retry that then succeeds (not printed).

Against the STAND-IN server (tests/standin_server.py): every answer is hand-written or a scripted fault.
"""

from __future__ import annotations

import itertools
import json
import threading
from pathlib import Path
from typing import Any

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
from tests.standin_server import EMPTY_REPORT, Reply, StandinServer, prompt_text

EVENTS_MARK = "every incident"  # in the events request's system prompt (prompts/events.md.j2)


def _every_other(fault: str) -> Any:
    """A script answering ``fault`` to every other request (first, third, ...) and a good answer between."""
    count, lock = itertools.count(), threading.Lock()

    def script(_body: dict[str, Any]) -> Reply | str:
        with lock:
            number = next(count)
        return fault if number % 2 == 0 else Reply(EMPTY_REPORT)

    return script


def _extract(server: StandinServer, inputs: Path, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    return run_cli(["extract", str(inputs), "--out", str(out), "--base-url", server.base_url, "--model", "m",
                    "--mode", "json", "--format", "jsonl", "--no-cache", *extra])  # fmt: skip


@pytest.mark.parametrize("fault", ["invalid_json", "truncated_json"])
def test_a_reply_body_that_is_not_json_is_re_sent(fault: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_retries(monkeypatch)
    inputs = jsonl(tmp_path / "in.jsonl", [{"id": f"a{i}", "text": f"{GOOD} Base {i}."} for i in range(20)])
    out = tmp_path / "out.jsonl"
    with StandinServer(_every_other(fault)) as server:
        result = _extract(server, inputs, out, "--concurrency", "2")
    assert_no_traceback(result)
    assert result.exit_code == 0, stderr_of(result)
    records = read_results(out)
    assert len(records) == 20 and all(r["error"] is None for r in records)
    retried = [a for r in records for a in r["meta"]["attempts"] if not a["ok"]]
    assert retried and all("reply is not JSON" in a["error"] for a in retried)
    assert "StopIteration" not in out.read_text()


def test_a_body_that_is_never_json_ends_unreachable_after_the_transport_retries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(monkeypatch)
    inputs = jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": GOOD}])
    out = tmp_path / "out.jsonl"
    with StandinServer(lambda _b: "invalid_json") as server:
        result = _extract(server, inputs, out)
        asked = len(server.bodies)
    assert result.exit_code == 3, stderr_of(result)
    (record,) = read_results(out)
    assert record["error_kind"] == "unreachable" and "reply is not JSON" in record["error"]
    assert asked == 4  # the request and its three transport retries


@pytest.mark.parametrize("fault", ["500", "reset_before", "invalid_json", "prose"])
def test_a_fault_on_the_events_request_keeps_the_validated_report(
    fault: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(monkeypatch)
    inputs = jsonl(tmp_path / "in.jsonl", [{"id": "faulty", "text": FAULTY}, {"id": "good", "text": GOOD}])
    out = tmp_path / "out.jsonl"

    def script(body: dict[str, Any]) -> Reply | str:
        text = prompt_text(body)
        return fault if FAULTY_MARK in text and EVENTS_MARK in text else Reply(EMPTY_REPORT)

    with StandinServer(script) as server:
        result = _extract(server, inputs, out)
    assert_no_traceback(result)
    assert result.exit_code == 0, stderr_of(result)
    records = {r["article_id"]: r for r in read_results(out)}
    faulty, good = records["faulty"], records["good"]
    assert faulty["error"] is None and faulty["report"] is not None  # the article did not fail
    assert faulty["meta"]["events_error"]
    assert faulty["meta"]["events_error_kind"] == ("invalid_answer" if fault == "prose" else "unreachable")
    assert [a["step"] for a in faulty["meta"]["attempts"] if a["ok"]] == [None]  # the events step never validated
    assert good["meta"]["events_error"] is None and good["meta"]["events_error_kind"] is None
    assert "the events pass" in stderr_of(result) and "keeps its own events" in stderr_of(result)


def test_an_events_request_that_got_no_answer_is_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_retries(monkeypatch)
    inputs = jsonl(tmp_path / "in.jsonl", [{"id": "faulty", "text": FAULTY}])
    broken = [True]

    def script(body: dict[str, Any]) -> Reply | str:
        return "503" if broken[0] and EVENTS_MARK in prompt_text(body) else Reply(EMPTY_REPORT)

    with StandinServer(script) as server:
        args = ["extract", str(inputs), "--base-url", server.base_url, "--model", "m", "--mode", "json"]
        first = run_cli([*args, "--out", str(tmp_path / "one.json")])
        assert first.exit_code == 0, first.output
        broken[0] = False
        asked = len(server.bodies)
        second = run_cli([*args, "--out", str(tmp_path / "two.json")])
        assert len(server.bodies) - asked == 2, "a result with a failed events pass came from the cache"
    record = json.loads((tmp_path / "two.json").read_text())  # one article: one JSON document
    assert second.exit_code == 0 and record["meta"]["events_error"] is None


@pytest.mark.parametrize("fault", ["invalid_json", "prose", "500"])
def test_instructor_prints_no_error_line_for_a_retry_that_then_succeeds(
    fault: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(monkeypatch)
    inputs = jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": GOOD}])
    out = tmp_path / "out.jsonl"
    with StandinServer(_every_other(fault)) as server:
        result = _extract(server, inputs, out)
    assert result.exit_code == 0, stderr_of(result)
    err = stderr_of(result)
    assert "Max retries exceeded" not in err and "API call failed" not in err, err
    assert "ERROR" not in err, err
    (record,) = read_results(out)
    assert record["error"] is None and not record["meta"]["attempts"][0]["ok"]  # the fault is on record


def test_instructor_lines_stay_available_at_debug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_retries(monkeypatch)
    inputs = jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": GOOD}])
    with StandinServer(_every_other("prose")) as server:
        result = _extract(server, inputs, tmp_path / "out.jsonl", "-vv")
    assert result.exit_code == 0
    assert "DEBUG instructor.v2.retry: Max retries exceeded" in stderr_of(result)

"""An API key echoed by a server, or a password in --base-url, never reaches results, stderr or logs."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor.redact import redact, redact_url, url_secrets
from tests.robustness.helpers import (
    FAULTY,
    FAULTY_MARK,
    GOOD,
    fast_retries,
    jsonl,
    read_results,
    run_cli,
    stderr_of,
)  # fmt: skip
from tests.standin_server import EMPTY_REPORT, Raw, Reply, StandinServer, prompt_text

KEY = "sk-SENTINEL-7f3a9c-DO-NOT-LEAK"
PASSWORD = "pw-SENTINEL-51b2"


def test_redact_masks_keys_and_url_passwords() -> None:
    assert KEY not in redact(f"bad key {KEY}!", [KEY])
    assert redact_url(f"http://user:{PASSWORD}@host:8/v1") == "http://user:***@host:8/v1"
    assert PASSWORD not in redact(f"POST http://user:{PASSWORD}@host/v1 failed")
    assert redact_url("http://host/v1") == "http://host/v1"


@pytest.mark.parametrize("echo", ["error_body", "answer_content"])
def test_a_server_echoing_the_key_gets_it_nowhere(echo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_retries(monkeypatch)
    holder: list[StandinServer] = []

    def script(body: dict) -> Reply | Raw:
        if FAULTY_MARK not in prompt_text(body):
            return Reply(EMPTY_REPORT)
        sent = holder[0].headers[-1].get("authorization", "")
        if echo == "error_body":
            return Raw(400, json.dumps({"error": {"message": f"invalid header {sent}"}}).encode())
        return Reply(f'{{"events": "{sent}"}}')

    inputs = jsonl(tmp_path / "in.jsonl", [{"id": "faulty", "text": FAULTY}, {"id": "good", "text": GOOD}])
    out = tmp_path / "out.jsonl"
    server = StandinServer(script)
    holder.append(server)
    with server:
        result = run_cli([
            "extract", str(inputs), "--base-url", server.base_url, "--api-key", KEY,
            "--model", "m", "--mode", "json", "--format", "jsonl", "--out", str(out), "-vv",
        ])  # fmt: skip
        assert any(KEY in h.get("authorization", "") for h in server.headers)  # it was sent, as a header
    assert result.exit_code == 1, result.output
    written = out.read_text(encoding="utf-8")
    assert "***" in written
    for text in (written, stderr_of(result), result.output):
        assert KEY not in text


def test_a_password_in_the_base_url_is_in_no_result_error_or_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(monkeypatch)
    inputs = jsonl(tmp_path / "in.jsonl", [{"id": "faulty", "text": FAULTY}, {"id": "good", "text": GOOD}])
    out = tmp_path / "out.jsonl"
    with StandinServer(lambda body: "500" if FAULTY_MARK in prompt_text(body) else Reply(EMPTY_REPORT)) as server:
        host = server.base_url.removeprefix("http://")
        result = run_cli([
            "extract", str(inputs), "--base-url", f"http://user:{PASSWORD}@{host}", "--model", "m",
            "--mode", "json", "--format", "jsonl", "--out", str(out), "-vv",
        ])  # fmt: skip
    assert result.exit_code == 1, result.output
    written = out.read_text(encoding="utf-8")
    for text in (written, stderr_of(result), result.output):
        assert PASSWORD not in text
    assert all(json.loads(line)["meta"]["base_url"].startswith("http://user:***@") for line in written.splitlines())


def _everything_written(tmp_path: Path, result: Any) -> dict[str, str]:
    """Every text the run left: results, review page, stdout/stderr, the cache and run log (SQLite, WAL too),
    and what `extractor logs` prints."""
    texts = {"stderr": stderr_of(result), "output": result.output}
    texts |= {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.*") if p.suffix in (".jsonl", ".html")}
    store = Path(os.environ["EXTRACTOR_RESULTS_DIR"])
    texts |= {p.name: p.read_bytes().decode("latin-1") for p in store.glob("*.sqlite3*")}
    texts["logs"] = run_cli(["logs", "--json", "--response", "-n", "100"]).output
    with sqlite3.connect(store / "logs.sqlite3") as db:
        texts["runs"] = json.dumps(db.execute("SELECT * FROM runs").fetchall())
        texts["calls"] = json.dumps(db.execute("SELECT * FROM calls").fetchall())
    return texts


def test_a_key_echoed_inside_a_valid_answer_is_masked_in_results_page_cache_and_logs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(monkeypatch)
    holder: list[StandinServer] = []

    def script(body: dict) -> Reply:
        sent = holder[0].headers[-1].get("authorization", "")
        return Reply(json.dumps({
            "events": [{"sub_event_type": "Air/drone strike", "location": f"Erbil {sent}", "perpetrators": [],
                        "targets": [], "evidence": [1]}],
            "actors": [],
            "claims": [{"statement": f"three rockets struck {sent}", "kind": "other", "claimant": f"officials {sent}",
                        "evidence": [1]}],
        }))  # fmt: skip

    inputs = jsonl(tmp_path / "in.jsonl", [{"id": "good", "text": GOOD}])
    server = StandinServer(script)
    holder.append(server)
    with server:
        result = run_cli([
            "extract", str(inputs), "--base-url", server.base_url, "--api-key", KEY, "--model", "m",
            "--mode", "json", "--no-event-pass", "--format", "jsonl", "--out", str(tmp_path / "out.jsonl"),
            "--html", str(tmp_path / "page.html"), "-vv",
        ])  # fmt: skip
    assert result.exit_code == 0, result.output
    (record,) = read_results(tmp_path / "out.jsonl")
    assert record["report"]["claims"][0]["statement"] == "three rockets struck Bearer ***"
    assert record["report"]["events"][0]["location"] == "Erbil Bearer ***"
    shown = run_cli(["show", str(tmp_path / "out.jsonl"), "--format", "claims-csv"])
    assert "officials Bearer ***" in shown.output
    texts = _everything_written(tmp_path, result)
    assert {"out.jsonl", "page.html", "results-cache.sqlite3", "logs.sqlite3"} <= set(texts), sorted(texts)
    assert "Bearer ***" in texts["page.html"]
    for name, text in texts.items():
        assert KEY not in text, name


@pytest.mark.parametrize("param", ["api-key", "key", "token", "access_token", "X-Auth"])
def test_a_secret_in_the_base_urls_query_is_in_no_result_log_or_error(
    param: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(monkeypatch)
    secret = f"q-SENTINEL-{param}-4d2e"
    inputs = jsonl(tmp_path / "in.jsonl", [{"id": "faulty", "text": FAULTY}, {"id": "good", "text": GOOD}])
    with StandinServer(lambda body: "500" if FAULTY_MARK in prompt_text(body) else Reply(EMPTY_REPORT)) as server:
        base_url = f"{server.base_url}?api-version=2024-06-01&{param}={secret}"
        args = [
            "extract", str(inputs), "--base-url", base_url, "--model", "m", "--mode", "json", "--format", "jsonl",
            "--out", str(tmp_path / "out.jsonl"), "-vv",
        ]  # fmt: skip
        monkeypatch.setattr(sys, "argv", ["extractor", *args])  # the run log records the command line
        result = run_cli(args)
    assert result.exit_code == 1, result.output
    records = read_results(tmp_path / "out.jsonl")
    assert {r["meta"]["base_url"] for r in records} == {f"{server.base_url}?api-version=2024-06-01&{param}=***"}
    assert "failed" in next(r["error"] for r in records if r["article_id"] == "faulty")
    texts = _everything_written(tmp_path, result)
    assert "api-version=2024-06-01" in texts["runs"]  # the command is logged, its secret masked
    assert f"&{param}=***" in texts["stderr"] and f"&{param}=***" in texts["calls"]  # -vv logs the URL
    for name, text in texts.items():
        assert secret not in text, name


def test_url_secrets_and_redact_url_cover_query_values() -> None:
    url = "https://u:p%40ss@host/v1?api-version=1&api-key=k%2F1&Token=t1&sig=s1&page=2"
    assert url_secrets(url) == ["p%40ss", "p@ss", "k%2F1", "k/1", "t1", "s1"]
    assert redact_url(url) == "https://u:***@host/v1?api-version=1&api-key=***&Token=***&sig=***&page=2"
    assert redact("GET http://h/v1/chat/completions?key=abc123&page=2 500") == (
        "GET http://h/v1/chat/completions?key=***&page=2 500"
    )
    assert url_secrets("http://host/v1") == [] and redact_url("http://host/v1?page=2") == "http://host/v1?page=2"

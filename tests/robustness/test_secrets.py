"""An API key echoed by a server, or a password in --base-url, never reaches results, stderr or logs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.redact import redact, redact_url
from tests.robustness.helpers import FAULTY, FAULTY_MARK, GOOD, fast_retries, jsonl, run_cli, stderr_of
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

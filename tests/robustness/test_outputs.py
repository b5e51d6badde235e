"""--out never overwrites an input, fails as bad usage before any model call, and never leaves half a file."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.robustness.helpers import GOOD, assert_no_traceback, jsonl, read_results, run_cli, stderr_of
from tests.standin_server import EMPTY_REPORT, Reply, StandinServer


def _extract(server: StandinServer, *args: str):
    return run_cli(["extract", *args, "--base-url", server.base_url, "--model", "m", "--mode", "json"])


def test_out_naming_an_input_is_refused_and_the_input_kept(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    with StandinServer(lambda _body: Reply(EMPTY_REPORT)) as server:
        result = _extract(server, str(article), "--out", str(tmp_path / "." / "a.txt"))
        assert server.bodies == []
    assert result.exit_code == 2 and "also an input" in stderr_of(result)
    assert article.read_text(encoding="utf-8") == GOOD


@pytest.mark.parametrize("where", ["missing_dir", "a_dir"])
def test_out_that_cannot_be_a_file_is_bad_usage_before_any_call(where: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "nope" / "r.json" if where == "missing_dir" else tmp_path
    with StandinServer(lambda _body: Reply(EMPTY_REPORT)) as server:
        result = _extract(server, str(article), "--out", str(out))
        assert server.bodies == []
    assert_no_traceback(result)
    assert result.exit_code == 2, result.output


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_full_disk_is_one_error_line_not_a_traceback(fmt: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    with StandinServer(lambda _body: Reply(EMPTY_REPORT)) as server:
        result = _extract(server, str(article), "--format", fmt, "--out", "/dev/full")
    assert_no_traceback(result)
    assert result.exit_code == 2, result.output
    assert "/dev/full" in stderr_of(result)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # a device is written to, never replaced by a file


def test_out_through_a_symlink_replaces_the_target_not_the_link(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    target, link = tmp_path / "target.json", tmp_path / "link.json"
    target.write_text("old", encoding="utf-8")
    link.symlink_to(target)
    with StandinServer(lambda _body: Reply(EMPTY_REPORT)) as server:
        assert _extract(server, str(article), "--out", str(link)).exit_code == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["article_id"] == "a"


def test_single_json_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "r.json"
    out.write_text("earlier results", encoding="utf-8")
    result = run_cli(["extract", str(article), "--base-url", "http://127.0.0.1:9/v1", "--model", "m",
                      "--out", str(out), "--schema", str(tmp_path / "missing.py:X")])  # fmt: skip
    assert result.exit_code == 2 and out.read_text(encoding="utf-8") == "earlier results"
    with StandinServer(lambda _body: Reply(EMPTY_REPORT)) as server:
        assert _extract(server, str(article), "--out", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["article_id"] == "a"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_json_with_many_articles_says_it_writes_jsonl(tmp_path: Path) -> None:
    inputs = jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": GOOD}, {"id": "b", "text": GOOD}])
    out = tmp_path / "r.json"
    with StandinServer(lambda _body: Reply(EMPTY_REPORT)) as server:
        result = _extract(server, str(inputs), "--format", "json", "--out", str(out))
    assert result.exit_code == 0
    assert "writes JSONL" in stderr_of(result) and len(read_results(out)) == 2

"""The cache and the run log under faults, and one writer per output file.

A cache or run-log file that is random bytes, truncated, locked by another process, a folder or unwritable
is one warning line and a miss: every answer is still written. ``cache clear`` removes a cache that is no
longer a database. A second run writing the same --out is refused (exit 2) before it asks anything.
Against the STAND-IN server (tests/standin_server.py): hand-written answers, no model.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.batch import store
from extractor.batch.outlock import lock_path, output_lock
from tests.robustness.helpers import GOOD, assert_no_traceback, jsonl, read_results, run_cli, stderr_of
from tests.standin_server import EMPTY_REPORT, Reply, StandinServer

ROOT = Path(__file__).resolve().parents[2]
CACHE, LOG = "results-cache.sqlite3", "logs.sqlite3"


def _folder() -> Path:
    return Path(os.environ["EXTRACTOR_RESULTS_DIR"])


def _inputs(path: Path, n: int) -> Path:
    return jsonl(path, [{"id": f"a{i}", "text": f"Rockets hit base {i} in Erbil on Monday, officials said."}
                        for i in range(n)])  # fmt: skip


def _extract(server: StandinServer, inputs: Path, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    return run_cli(["extract", str(inputs), "--out", str(out), "--base-url", server.base_url, "--model", "m",
                    "--mode", "json", *extra])  # fmt: skip


def _warnings(result, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in stderr_of(result).splitlines() if "WARNING" in line and name in line]


def _garbage(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(os.urandom(4096))


def test_random_bytes_in_the_cache_and_the_log_are_one_warning_each_and_every_result_is_written(
    tmp_path: Path,
) -> None:
    _garbage(_folder() / CACHE)
    _garbage(_folder() / LOG)
    inputs, out = _inputs(tmp_path / "in.jsonl", 3), tmp_path / "out.jsonl"
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        result = _extract(server, inputs, out)
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    assert len(read_results(out)) == 3
    (cache_warning,) = _warnings(result, CACHE)
    (log_warning,) = _warnings(result, LOG)
    assert "going on without it" in cache_warning and "extractor cache clear" in cache_warning
    assert "file is not a database" in log_warning


def test_cache_stats_and_logs_name_a_corrupt_file_and_cache_clear_removes_it() -> None:
    _garbage(_folder() / CACHE)
    _garbage(_folder() / LOG)
    for args in (["cache", "stats"], ["logs"], ["logs", "--totals"]):
        result = run_cli(args)
        assert_no_traceback(result)
        assert result.exit_code == 1, (args, result.output)
        assert "is unusable (file is not a database)" in stderr_of(result)
    cleared = run_cli(["cache", "clear"])
    assert cleared.exit_code == 0, cleared.output
    assert "was removed" in stderr_of(cleared)
    stats = run_cli(["cache", "stats"])
    assert stats.exit_code == 0 and '"entries": 0' in stats.stdout


def test_a_truncated_cache_is_a_miss_and_cache_clear_recovers_it(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in.jsonl", 40)
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        assert _extract(server, inputs, tmp_path / "one.jsonl", "--concurrency", "4").exit_code == 0
        path = _folder() / CACHE
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        os.truncate(path, path.stat().st_size // 3)
        again = _extract(server, inputs, tmp_path / "two.jsonl")
    assert_no_traceback(again)
    assert again.exit_code == 0, again.output
    assert len(read_results(tmp_path / "two.jsonl")) == 40
    assert len(_warnings(again, CACHE)) == 1
    assert run_cli(["cache", "stats"]).exit_code == 1
    assert run_cli(["cache", "clear"]).exit_code == 0
    assert run_cli(["cache", "stats"]).exit_code == 0


def test_a_cache_path_that_is_a_folder_is_a_warning_and_cache_clear_leaves_the_folder(tmp_path: Path) -> None:
    (_folder() / CACHE).mkdir(parents=True)
    (_folder() / CACHE / "keep.txt").write_text("mine")
    inputs, out = _inputs(tmp_path / "in.jsonl", 2), tmp_path / "out.jsonl"
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        result = _extract(server, inputs, out)
    assert_no_traceback(result)
    assert result.exit_code == 0 and len(read_results(out)) == 2
    (warning,) = _warnings(result, CACHE)
    assert "folder" in warning
    cleared = run_cli(["cache", "clear"])
    assert_no_traceback(cleared)
    assert cleared.exit_code == 1 and "remove or rename that folder" in stderr_of(cleared)
    assert (_folder() / CACHE / "keep.txt").read_text() == "mine"


def test_an_unwritable_cache_folder_names_the_path_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("EXTRACTOR_RESULTS_DIR", str(blocker / "cache"))
    inputs, out = _inputs(tmp_path / "in.jsonl", 2), tmp_path / "out.jsonl"
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        result = _extract(server, inputs, out)
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    assert len(read_results(out)) == 2
    warnings = _warnings(result, str(blocker))
    assert len(warnings) == 2 and all("going on without it" in w for w in warnings)  # the cache, the log


def test_a_locked_cache_does_not_stall_the_run_or_lose_an_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "BUSY_TIMEOUT_S", 0.2)
    inputs = _inputs(tmp_path / "in.jsonl", 4)
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        assert _extract(server, _inputs(tmp_path / "warm.jsonl", 1), tmp_path / "warm.jsonl.out").exit_code == 0
        holder = sqlite3.connect(_folder() / CACHE, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")  # another process in the middle of a write
        try:
            started = time.monotonic()
            result = _extract(server, inputs, tmp_path / "out.jsonl", "--no-log")
            elapsed = time.monotonic() - started
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    assert len(read_results(tmp_path / "out.jsonl")) == 4  # every answer paid for is written
    (warning,) = _warnings(result, CACHE)
    assert "locked" in warning
    assert elapsed < 20


def test_a_second_writer_of_one_out_file_is_refused_before_any_call(tmp_path: Path) -> None:
    inputs, out = _inputs(tmp_path / "in.jsonl", 2), tmp_path / "out.jsonl"
    out.write_text("")
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        with output_lock(out):  # another run holds it
            refused = _extract(server, inputs, out)
            assert server.bodies == []
        assert_no_traceback(refused)
        assert refused.exit_code == 2, refused.output
        assert f"--out {out} is being written by another extractor run" in stderr_of(refused)
        assert out.read_text() == ""
        after = _extract(server, inputs, out)  # the lock went with its holder
    assert after.exit_code == 0 and len(read_results(out)) == 2
    assert lock_path(out).exists()


def test_the_lock_follows_a_symlink_to_the_file_it_names(tmp_path: Path) -> None:
    target, link = tmp_path / "real.jsonl", tmp_path / "link.jsonl"
    target.write_text("")
    link.symlink_to(target)
    assert lock_path(link) == lock_path(target)


def test_two_processes_writing_one_out_file_never_tear_it(tmp_path: Path) -> None:
    n = 6
    inputs, out = _inputs(tmp_path / "in.jsonl", n), tmp_path / "out.jsonl"
    env = {**os.environ, "OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""}

    def slow(_body: dict) -> Reply:
        time.sleep(0.3)
        return Reply(EMPTY_REPORT)

    with StandinServer(slow) as server:
        command = [sys.executable, "-c", "from extractor.cli import app; app()", "extract", str(inputs),
                   "--out", str(out), "--base-url", server.base_url, "--model", "m", "--mode", "json", "-q",
                   "--no-cache"]  # fmt: skip
        first = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 240
        while not server.bodies and time.monotonic() < deadline:  # the first holds the lock before it asks
            time.sleep(0.02)
        second = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        first_err = first.communicate(timeout=300)[1].decode()
    assert second.returncode == 2, second.stderr
    assert "is being written by another extractor run" in second.stderr and "Traceback" not in second.stderr
    assert first.returncode == 0, first_err
    results = read_results(out)  # every line whole JSON
    assert sorted(r["article_id"] for r in results) == [f"a{i}" for i in range(n)]
    assert out.read_bytes().endswith(b"\n")


def test_an_out_that_is_a_device_is_written_without_a_lock_file(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    with output_lock(Path("/dev/null")), StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        result = run_cli(["extract", str(article), "--out", "/dev/null", "--base-url", server.base_url,
                          "--model", "m", "--mode", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert not Path("/dev/.null.lock").exists()

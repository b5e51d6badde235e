"""Resume after kill -9 and the result cache, against the STAND-IN server (tests/standin_server.py).

The stand-in runs no model: each answer is the hand-written EMPTY_REPORT, so these tests count requests
and output lines; they say nothing about extraction quality.
"""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from extractor.batch.resume import prepare_resume
from tests.robustness.helpers import jsonl, read_results, run_cli
from tests.standin_server import EMPTY_REPORT, Reply, StandinServer, prompt_text

ROOT = Path(__file__).resolve().parents[2]
MARK = re.compile(r"ARTICLE-(\d+)")
PER_ARTICLE = 2  # requests: the report and the events pass


def _articles(path: Path, n: int) -> Path:
    text = "ARTICLE-{}: three rockets struck near the air base in Erbil on Monday, officials said."
    return jsonl(path, [{"id": f"a{i}", "text": text.format(i), "published": "2024-01-08"} for i in range(n)])


def _asked(server: StandinServer) -> list[str]:
    """The article numbers of every request the stand-in received, in order."""
    asked = []
    for raw in list(server.bodies):
        found = MARK.search(prompt_text(json.loads(raw)))
        asked.append(found.group(1) if found else "?")
    return asked


def _slow(delay: float) -> Any:
    def script(_body: dict[str, Any]) -> Reply:
        time.sleep(delay)
        return Reply(EMPTY_REPORT)

    return script


def _extract_cmd(inputs: Path, out: Path, base_url: str, *extra: str) -> list[str]:
    program = "from extractor.cli import app; app()"
    return [sys.executable, "-c", program, "extract", str(inputs), "--out", str(out), "--base-url", base_url,
            "--model", "standin", "--mode", "json", "-q", *extra]  # fmt: skip


def test_kill_9_mid_batch_then_rerun_loses_nothing_and_asks_nothing_twice(tmp_path: Path) -> None:
    n = 12
    inputs, out = _articles(tmp_path / "in.jsonl", n), tmp_path / "results.jsonl"
    env = {**os.environ, "OPENAI_API_KEY": "", "OPENAI_BASE_URL": "", "EXTRACTOR_RESULTS_DIR": str(tmp_path / "c")}
    with StandinServer(_slow(0.25)) as server:
        first = subprocess.Popen(_extract_cmd(inputs, out, server.base_url, "--concurrency", "2"), cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        deadline = time.monotonic() + 240  # a loaded machine starts Python slowly
        while time.monotonic() < deadline:
            if out.exists() and out.read_bytes().count(b"\n") >= 4:
                break
            time.sleep(0.02)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
        written_before = {r["article_id"] for r in read_results(out)} if out.exists() else set()
        assert 4 <= len(written_before) < n, "the kill came too late to test anything"
        asked_before = len(server.bodies)
        second = subprocess.run(_extract_cmd(inputs, out, server.base_url, "--concurrency", "2"), cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=600)  # fmt: skip
        assert second.returncode == 0, second.stderr
        asked_after = _asked(server)[asked_before:]
    results = read_results(out)
    ids = [r["article_id"] for r in results]
    assert sorted(ids) == sorted(f"a{i}" for i in range(n)), "an article was lost or written twice"
    assert len(ids) == len(set(ids))
    assert all(r["error"] is None for r in results)
    assert not {f"a{k}" for k in asked_after} & written_before, "a finished article was sent to the model again"
    assert out.read_bytes().endswith(b"\n")


def test_torn_last_line_is_cut_and_failures_run_again(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    inputs = _articles(tmp_path / "in.jsonl", 4)
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        done = run_cli(["extract", str(inputs), "--out", str(out), "--base-url", server.base_url, "--model", "m",
                        "--mode", "json", "--no-cache"])  # fmt: skip
        assert done.exit_code == 0, done.output
        lines = out.read_text().splitlines(keepends=True)
        failed = json.loads(lines[1]) | {"report": None, "error": "boom", "error_kind": "unreachable"}
        out.write_text(lines[0] + json.dumps(failed) + "\n" + lines[2] + lines[3][: len(lines[3]) // 2])
        before = len(server.bodies)
        again = run_cli(["extract", str(inputs), "--out", str(out), "--base-url", server.base_url, "--model", "m",
                         "--mode", "json", "--no-cache"])  # fmt: skip
        assert again.exit_code == 0, again.output
        assert len(server.bodies) - before == 2 * PER_ARTICLE  # the failed one and the torn one
    ids = [r["article_id"] for r in read_results(out)]
    assert sorted(ids) == ["a0", "a1", "a2", "a3"]


def test_prepare_resume_truncates_only_the_torn_tail(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    good = json.dumps({"article_id": "x", "report": {"events": []}, "error": None}) + "\n"
    out.write_text(good + '{"article_id": "y", "rep')
    found = prepare_resume(out)
    assert (found.done, found.dropped) == ({"x"}, 1)
    assert out.read_text() == good


def test_second_run_makes_zero_model_calls_and_a_changed_prompt_misses(tmp_path: Path) -> None:
    inputs = _articles(tmp_path / "in.jsonl", 5)
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        args = ["extract", str(inputs), "--base-url", server.base_url, "--model", "m", "--mode", "json"]
        first = run_cli([*args, "--out", str(tmp_path / "one.jsonl")])
        assert first.exit_code == 0, first.output
        assert len(server.bodies) == 5 * PER_ARTICLE
        second = run_cli([*args, "--out", str(tmp_path / "two.jsonl")])
        assert second.exit_code == 0, second.output
        assert len(server.bodies) == 5 * PER_ARTICLE, "the second run asked the model"
        one, two = read_results(tmp_path / "one.jsonl"), read_results(tmp_path / "two.jsonl")
        assert sorted(r["article_id"] for r in two) == sorted(r["article_id"] for r in one)
        changed = tmp_path / "changed.md.j2"
        changed.write_text((ROOT / "prompts" / "extract.md.j2").read_text() + "\n")
        third = run_cli([*args, "--out", str(tmp_path / "three.jsonl"), "--prompt", str(changed)])
        assert third.exit_code == 0, third.output
        assert len(server.bodies) == 10 * PER_ARTICLE, "a changed prompt must miss the cache"
        fourth = run_cli([*args, "--out", str(tmp_path / "four.jsonl"), "--no-cache"])
        assert fourth.exit_code == 0, fourth.output
        assert len(server.bodies) == 15 * PER_ARTICLE


def test_a_changed_schema_or_setting_changes_the_key() -> None:
    from pydantic import BaseModel

    from extractor.articles import Article
    from extractor.backends.openai_compat import OpenAICompatBackend
    from extractor.batch.cache import cache_key
    from extractor.pipeline import Extractor, Options

    class Other(BaseModel):
        events: list[str] = []

    backend = OpenAICompatBackend(base_url="http://user:pw-secret@127.0.0.1:9/v1", model="m", mode="json")
    article = Article(id="a", text="Rockets hit the base.")
    base = cache_key(Extractor(backend), article)
    assert cache_key(Extractor(backend), article.model_copy(update={"id": "b"})) == base  # the id is not in it
    assert cache_key(Extractor(backend, schema=Other), article) != base
    assert cache_key(Extractor(backend, options=Options(temperature=0.5)), article) != base
    assert cache_key(Extractor(backend, options=Options(max_retries=0)), article) != base
    assert cache_key(Extractor(backend, options=Options(verify=False)), article) != base
    assert cache_key(Extractor(backend), article.model_copy(update={"text": "Rockets hit the port."})) != base


def test_cache_file_is_user_only_and_cache_commands_work(tmp_path: Path) -> None:
    inputs = _articles(tmp_path / "in.jsonl", 2)
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        done = run_cli(["extract", str(inputs), "--out", str(tmp_path / "o.jsonl"), "--base-url", server.base_url,
                        "--model", "m", "--mode", "json"])  # fmt: skip
        assert done.exit_code == 0, done.output
    path = Path(run_cli(["cache", "path"]).stdout.strip())
    assert path.is_file() and str(path).startswith(os.environ["EXTRACTOR_RESULTS_DIR"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    stats = json.loads(run_cli(["cache", "stats"]).stdout)
    assert stats["entries"] == 2
    assert run_cli(["cache", "clear"]).exit_code == 0
    assert json.loads(run_cli(["cache", "stats"]).stdout)["entries"] == 0

"""Memory stays bounded by the limits, not by the input: an oversized JSONL line is refused while it is read
(never held whole), results are not kept to the end of a batch (unless --html needs them), and an article is
measured in characters as well as words. The model calls go to the STAND-IN server (hand-written answers)."""

from __future__ import annotations

import gc
import io
import json
import tracemalloc
import weakref
from pathlib import Path
from typing import Any

import pytest

from extractor import articles
from extractor.articles import LONG_ARTICLE_CHARS, ArticleError, read_path, read_stream
from extractor.batch.runner import BatchRunner
from tests.robustness.helpers import GOOD, assert_no_traceback, jsonl, read_results, run_cli, stderr_of
from tests.standin_server import EMPTY_REPORT, Reply, StandinServer

LIMIT = 10_000  # MAX_RECORD_CHARS in these tests
HUGE = 2_000_000  # characters in the oversized line


def _with_huge_line(path: Path) -> Path:
    lines = [json.dumps({"id": "a", "text": GOOD}), json.dumps({"id": "huge", "text": "x" * HUGE}),
             json.dumps({"id": "b", "text": GOOD})]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _peak(read: Any) -> tuple[Any, int]:
    """``read()`` and the most memory Python held while it ran, in bytes."""
    tracemalloc.start()
    try:
        value = read()
        return value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_an_oversized_jsonl_line_is_refused_without_holding_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(articles, "MAX_RECORD_CHARS", LIMIT)
    path = _with_huge_line(tmp_path / "in.jsonl")
    problems: list[ArticleError] = []
    found, peak = _peak(lambda: list(read_path(path, on_error=problems.append)))
    assert [a.id for a in found] == ["a", "b"]  # the lines after it are read too
    (problem,) = problems
    assert problem.origin == f"{path}:2" and "over 10,000 characters" in str(problem)
    assert peak < HUGE // 4, f"{peak:,} bytes held to refuse one line"


def test_an_oversized_line_on_stdin_is_refused_without_holding_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(articles, "MAX_RECORD_CHARS", LIMIT)
    small = [json.dumps({"id": f"s{i}", "text": f"{GOOD} {i}"}) for i in range(200)]  # more than LIMIT in all
    text = "\n".join([*small[:100], json.dumps({"id": "huge", "text": "x" * HUGE}), *small[100:]]) + "\n"
    stream = io.StringIO(text)
    problems: list[ArticleError] = []
    found, peak = _peak(lambda: list(read_stream(stream, on_error=problems.append)))
    assert len(found) == 200 and [p.origin for p in problems] == ["stdin:101"]
    assert peak < HUGE // 4, f"{peak:,} bytes held to refuse one line"


def test_a_line_just_at_the_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(articles, "MAX_RECORD_CHARS", LIMIT)
    record = json.dumps({"id": "edge", "text": "y"})
    record = record[:-2] + "y" * (LIMIT - len(record)) + record[-2:]
    assert len(record) == LIMIT
    (article,) = read_stream(io.StringIO(record + "\n" + "\n"))
    assert article.id == "edge"


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_an_oversized_text_article_is_refused(source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(articles, "MAX_RECORD_CHARS", LIMIT)
    text = GOOD + " " + "word " * LIMIT
    with pytest.raises(ArticleError, match="over 10,000 characters"):
        if source == "file":
            (tmp_path / "a.txt").write_text(text, encoding="utf-8")
            list(read_path(tmp_path / "a.txt"))
        else:
            list(read_stream(io.StringIO(text)))


def test_extract_names_the_oversized_record_and_skip_bad_runs_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(articles, "MAX_RECORD_CHARS", LIMIT)
    path, out = _with_huge_line(tmp_path / "in.jsonl"), tmp_path / "out.jsonl"
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        args = [
            "extract",
            str(path),
            "--base-url",
            server.base_url,
            "--model",
            "m",
            "--mode",
            "json",
            "--out",
            str(out),
        ]
        refused = run_cli(args)
        assert server.bodies == []
        skipped = run_cli([*args, "--skip-bad"])
    assert_no_traceback(refused)
    assert refused.exit_code == 2 and f"{path}:2" in stderr_of(refused) and "split the article" in stderr_of(refused)
    assert skipped.exit_code == 0 and sorted(r["article_id"] for r in read_results(out)) == ["a", "b"]


@pytest.mark.parametrize("text", ["x" * (LONG_ARTICLE_CHARS + 1), "炮击" * (LONG_ARTICLE_CHARS // 2 + 1)],
                         ids=["one-long-token", "unspaced-cjk"])  # fmt: skip
def test_an_article_over_the_character_limit_needs_allow_long(text: str, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        result = run_cli(["extract", str(path), "--base-url", server.base_url, "--model", "m", "--mode", "json"])
        assert server.bodies == [], "an oversized article went out as one request"
    assert_no_traceback(result)
    assert result.exit_code == 2
    err = stderr_of(result)
    assert "long.txt" in err and f"over {LONG_ARTICLE_CHARS:,}" in err and "characters" in err and "--allow-long" in err


def _count_live_results(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Before each result is counted, how many of the earlier results are still alive."""
    alive: list[int] = []
    earlier: list[weakref.ref[Any]] = []
    count = BatchRunner._count

    def counting(self: BatchRunner, result: Any, task_id: Any) -> Any:
        gc.collect()
        alive.append(sum(ref() is not None for ref in earlier))
        earlier.append(weakref.ref(result))
        return count(self, result, task_id)

    monkeypatch.setattr(BatchRunner, "_count", counting)
    return alive


def test_results_are_not_kept_to_the_end_of_a_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alive = _count_live_results(monkeypatch)
    inputs = jsonl(tmp_path / "in.jsonl", [{"id": f"a{i}", "text": f"{GOOD} Base {i}."} for i in range(8)])
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        result = run_cli(["extract", str(inputs), "--base-url", server.base_url, "--model", "m", "--mode", "json",
                          "--out", str(tmp_path / "out.jsonl"), "--no-cache"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert len(alive) == 8 and max(alive) <= 1, alive  # written, then let go


def test_with_html_every_result_reaches_the_review_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alive = _count_live_results(monkeypatch)
    inputs = jsonl(tmp_path / "in.jsonl", [{"id": f"a{i}", "text": f"{GOOD} Base {i}."} for i in range(3)])
    page = tmp_path / "review.html"
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        result = run_cli(["extract", str(inputs), "--base-url", server.base_url, "--model", "m", "--mode", "json",
                          "--out", str(tmp_path / "out.jsonl"), "--html", str(page)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert alive == [0, 1, 2]  # kept for the page
    assert all(f"a{i}" in page.read_text(encoding="utf-8") for i in range(3))

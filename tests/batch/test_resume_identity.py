"""Resume matches what the cache keys on, not the id alone; one id is one article across every input.

Against the STAND-IN server (tests/standin_server.py): every answer is the hand-written EMPTY_REPORT, so
these tests count requests and output lines, never extraction quality.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.robustness.helpers import GOOD, assert_no_traceback, jsonl, read_results, run_cli, stderr_of
from tests.standin_server import EMPTY_REPORT, Reply, StandinServer

ROOT = Path(__file__).resolve().parents[2]
PER_ARTICLE = 2  # requests: the report and the events pass


def _inputs(path: Path, texts: dict[str, str]) -> Path:
    return jsonl(path, [{"id": i, "text": t, "published": "2024-01-08"} for i, t in texts.items()])


def _texts(n: int) -> dict[str, str]:
    return {f"a{i}": f"ARTICLE-{i}: three rockets struck near the air base in Erbil, officials said." for i in range(n)}


def _extract(server: StandinServer, inputs: Path, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    return run_cli(["extract", str(inputs), "--out", str(out), "--base-url", server.base_url, "--mode", "json",
                    "--no-cache", *extra])  # fmt: skip


def _killed_after(out: Path, lines: int) -> bytes:
    """``out`` as a run killed after ``lines`` results left it (the rest of its lines gone)."""
    kept = b"".join(out.read_bytes().splitlines(keepends=True)[:lines])
    out.write_bytes(kept)
    return kept


def test_a_rerun_with_another_model_is_refused_and_the_file_left_as_it_was(tmp_path: Path) -> None:
    inputs, out = _inputs(tmp_path / "in.jsonl", _texts(3)), tmp_path / "out.jsonl"
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        assert _extract(server, inputs, out, "--model", "model-one").exit_code == 0
        before = _killed_after(out, 2)
        asked = len(server.bodies)
        again = _extract(server, inputs, out, "--model", "model-two")
        assert len(server.bodies) == asked, "a refused resume must ask the model nothing"
    assert_no_traceback(again)
    assert again.exit_code == 2, again.output
    err = stderr_of(again)
    assert str(out) in err and "'model-one'" in err and "'model-two'" in err and "--fresh" in err
    assert out.read_bytes() == before


def test_a_rerun_with_another_prompt_is_refused(tmp_path: Path) -> None:
    inputs, out = _inputs(tmp_path / "in.jsonl", _texts(3)), tmp_path / "out.jsonl"
    changed = tmp_path / "changed.md.j2"
    changed.write_text((ROOT / "prompts" / "extract.md.j2").read_text() + "\n")
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        assert _extract(server, inputs, out, "--model", "m").exit_code == 0
        before = _killed_after(out, 1)
        again = _extract(server, inputs, out, "--model", "m", "--prompt", str(changed))
    assert again.exit_code == 2 and "prompt hash" in stderr_of(again), again.output
    assert out.read_bytes() == before
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:  # --fresh is the way to replace it
        fresh = _extract(server, inputs, out, "--model", "m", "--prompt", str(changed), "--fresh")
    assert fresh.exit_code == 0 and len(read_results(out)) == 3


def test_an_article_whose_text_changed_is_run_again_and_its_line_replaced(tmp_path: Path) -> None:
    texts = _texts(3)
    inputs, out = _inputs(tmp_path / "in.jsonl", texts), tmp_path / "out.jsonl"
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        assert _extract(server, inputs, out, "--model", "m").exit_code == 0
        old = {r["article_id"]: r["meta"]["text_sha256"] for r in read_results(out)}
        _inputs(inputs, texts | {"a1": texts["a1"] + " A fourth rocket fell short."})
        asked = len(server.bodies)
        again = _extract(server, inputs, out, "--model", "m")
        assert len(server.bodies) - asked == PER_ARTICLE  # a1 only
    assert again.exit_code == 0, again.output
    assert "a1" in stderr_of(again) and "article changed" in stderr_of(again)
    results = read_results(out)
    assert sorted(r["article_id"] for r in results) == ["a0", "a1", "a2"]  # replaced, not duplicated
    new = {r["article_id"]: r["meta"]["text_sha256"] for r in results}
    assert new["a0"] == old["a0"] and new["a2"] == old["a2"] and new["a1"] != old["a1"]


def test_a_changed_publication_date_is_run_again_too(tmp_path: Path) -> None:
    inputs, out = _inputs(tmp_path / "in.jsonl", _texts(2)), tmp_path / "out.jsonl"
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        assert _extract(server, inputs, out, "--model", "m").exit_code == 0
        asked = len(server.bodies)
        again = _extract(server, inputs, out, "--model", "m", "--published", "2024-02-01")
        assert len(server.bodies) - asked == 2 * PER_ARTICLE
    assert again.exit_code == 0 and [r["published"] for r in read_results(out)] == ["2024-02-01"] * 2


def test_the_same_id_in_two_inputs_is_refused_naming_both_records(tmp_path: Path) -> None:
    one = jsonl(tmp_path / "one.jsonl", [{"id": "x", "text": GOOD}])
    two = jsonl(tmp_path / "two.jsonl", [{"id": "y", "text": GOOD}, {"id": "x", "text": GOOD + " Again."}])
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        result = run_cli(["extract", str(one), str(two), "--base-url", server.base_url, "--model", "m"])
        assert server.bodies == []
    assert_no_traceback(result)
    assert result.exit_code == 2
    err = stderr_of(result)
    assert f"{two}:2" in err and f"{one}:1" in err and "duplicate id 'x'" in err


def test_two_text_files_with_one_name_are_refused(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli(["extract", str(tmp_path / "a" / "report.txt"), str(tmp_path / "b" / "report.txt"),
                      "--base-url", "http://127.0.0.1:9/v1", "--model", "m"])  # fmt: skip
    assert result.exit_code == 2 and "duplicate id 'report'" in stderr_of(result)


def test_with_skip_bad_a_duplicate_id_runs_once_and_a_rerun_keeps_its_result(tmp_path: Path) -> None:
    one = jsonl(tmp_path / "one.jsonl", [{"id": "x", "text": GOOD}])
    two = jsonl(tmp_path / "two.jsonl", [{"id": "x", "text": GOOD + " Again."}, {"id": "z", "text": GOOD}])
    out = tmp_path / "out.jsonl"
    args = [
        "extract",
        str(one),
        str(two),
        "--skip-bad",
        "--out",
        str(out),
        "--mode",
        "json",
        "--model",
        "m",
        "--no-cache",
    ]
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        first = run_cli([*args, "--base-url", server.base_url])
        assert first.exit_code == 0, first.output
        assert len(server.bodies) == 2 * PER_ARTICLE  # x once, z
        written = out.read_bytes()
        second = run_cli([*args, "--base-url", server.base_url])
        assert len(server.bodies) == 2 * PER_ARTICLE, "the rerun asked again"
    assert second.exit_code == 0 and "already in" in stderr_of(second)
    assert out.read_bytes() == written  # nothing deleted
    assert sorted(r["article_id"] for r in read_results(out)) == ["x", "z"]


def test_lines_for_ids_outside_this_run_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        everything = _inputs(tmp_path / "all.jsonl", _texts(3))
        assert _extract(server, everything, out, "--model", "m").exit_code == 0
        subset = _inputs(tmp_path / "subset.jsonl", {"a1": _texts(3)["a1"], "b": GOOD})
        again = _extract(server, subset, out, "--model", "m")
    assert again.exit_code == 0, again.output
    assert sorted(r["article_id"] for r in read_results(out)) == ["a0", "a1", "a2", "b"]
    assert all(json.loads(line) for line in out.read_text().splitlines())

"""The run log and cost: every model call recorded, no secret stored (STAND-IN server: no model runs)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.robustness.helpers import jsonl, run_cli, stderr_of
from tests.standin_server import EMPTY_REPORT, Reply, StandinServer

SENTINEL = "sk-SENTINEL-4242-do-not-store"


def test_every_call_is_logged_with_tokens_and_cost_and_the_key_is_never_stored(tmp_path: Path) -> None:
    inputs = jsonl(
        tmp_path / "in.jsonl", [{"id": f"a{i}", "text": f"Rockets hit base {i} on Monday."} for i in range(3)]
    )
    prices = tmp_path / "prices.toml"
    prices.write_text('[models."m"]\ninput = 1000000.0\noutput = 2000000.0\n')  # $1 / $2 per token: easy sums
    with StandinServer(lambda _b: Reply(EMPTY_REPORT)) as server:
        base = f"http://user:{SENTINEL}-pw@{server.base_url.removeprefix('http://')}"
        done = run_cli(["extract", str(inputs), "--out", str(tmp_path / "o.jsonl"), "--base-url", base,
                        "--model", "m", "--mode", "json", "--api-key", SENTINEL, "--prices", str(prices)])  # fmt: skip
        assert done.exit_code == 0, done.output
    assert "estimated cost $18.0000" in stderr_of(done)  # 6 calls (report + events) x (1 in x $1 + 1 out x $2)
    calls = [json.loads(line) for line in run_cli(["logs", "--json"]).stdout.splitlines()]
    assert sorted(c["article_id"] for c in calls) == ["a0", "a0", "a1", "a1", "a2", "a2"]  # report, events
    assert all(c["tokens_in"] == 1 and c["tokens_out"] == 1 and c["cost_usd"] == 3.0 for c in calls)
    assert all(c["error"] is None and c["attempts"] == 1 and json.loads(c["response"])["events"] == [] for c in calls)
    one, two = [json.loads(line) for line in run_cli(["logs", "--json", "--article", "a1"]).stdout.splitlines()]
    assert one["article_id"] == two["article_id"] == "a1" and len(one["request_hash"]) == 16
    assert one["request_hash"] != two["request_hash"]
    totals = json.loads(run_cli(["logs", "--totals"]).stdout)
    assert totals["calls"] == 6 and totals["cost_usd"] == 18.0 and totals["runs"] == 1
    table = run_cli(["logs"])
    assert table.exit_code == 0 and "a2" in table.stdout
    folder = Path(os.environ["EXTRACTOR_RESULTS_DIR"])
    for path in folder.iterdir():
        assert SENTINEL.encode() not in path.read_bytes(), path


def test_failed_calls_are_logged_with_their_error(tmp_path: Path) -> None:
    inputs = jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": "Rockets hit the base on Monday."}])
    with StandinServer(lambda _b: "400") as server:
        done = run_cli(["extract", str(inputs), "--out", str(tmp_path / "o.jsonl"), "--base-url", server.base_url,
                        "--model", "m", "--mode", "json"])  # fmt: skip
        assert done.exit_code != 0
    (call,) = [json.loads(line) for line in run_cli(["logs", "--json"]).stdout.splitlines()]
    assert call["article_id"] == "x" and call["error"].startswith("unreachable") and call["response"] is None

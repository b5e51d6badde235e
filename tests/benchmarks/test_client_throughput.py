"""benchmarks/client_throughput.py: it runs (``--quick``), names the stand-in and prints every figure it
promises; its stand-in counts the calls it gets and waits the delay it is given; its clients send the
same bodies. Nothing here is timed against a goal: the numbers are the benchmark's, not the tests'.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import re
import subprocess
import sys
import time
from types import ModuleType

import pytest

from extractor.backends import http
from tests.conftest import ROOT
from tests.standin_server import EMPTY_REPORT, StandinServer

SCRIPT = ROOT / "benchmarks" / "client_throughput.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("client_throughput", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["client_throughput"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_quick_run_prints_every_promised_figure() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--articles", "8"], capture_output=True, text=True, timeout=300,
        cwd=ROOT,
    )  # fmt: skip
    out = done.stdout
    assert done.returncode == 0, done.stderr[-2000:]
    assert "stand-in server" in out and "request bodies identical across the clients: yes" in out
    for level in (1, 8):  # each level: the four clients' rates and CPU, then the two ratios
        line = re.search(rf"concurrency +{level}, +\d+ articles: (.*)", out)
        assert line, out
        for label in ("bare openai", "plain instructor", "extractor", "extractor, no verify"):
            assert re.search(rf"{label} +[\d.]+/s \( *[\d.]+ ms\)", line.group(1)), line.group(1)
        assert re.search(rf"concurrency +{level}: extractor/bare [\d.]+ +extractor/instructor [\d.]+", out)
    for figure in ("bare client, same request (baseline)", "extractor batch path (cache and run log on)",
                   "toolkit overhead (batch path - bare)", "verification", "sentence split", "cache write",
                   "run-log write"):  # fmt: skip
        assert re.search(rf"{re.escape(figure)}[^\n]* +[\d.]+\n", out), figure
    assert re.search(r"first run: model calls at the stand-in +30\n", out)
    assert re.search(r"second run: model calls at the stand-in +0\n", out)
    assert re.search(r"second run: cache hits +30\n", out)
    assert "| concurrency | bare `openai` |" in out and re.search(r"\| 8 \| \d+/s", out)


def test_the_standin_waits_its_delay_and_counts_what_it_gets() -> None:
    answered = []
    with StandinServer(lambda _body: "answer", delay=0.2, keep=False) as server:
        started = time.perf_counter()
        reply = http.post(server.base_url + "/chat/completions", json={"messages": []}, timeout=10)
        answered.append(time.perf_counter() - started)
        stats = http.get(server.base_url.removesuffix("/v1") + "/standin/stats", timeout=10).json()
        other = http.get(server.base_url + "/models", timeout=10)
    assert reply.status_code == 200 and json.loads(reply.json()["choices"][0]["message"]["content"]) == json.loads(
        EMPTY_REPORT
    )
    assert answered[0] >= 0.2 and stats == {"requests": 1}
    assert other.status_code == 501  # as before: the stand-in serves no other GET
    assert server.bodies == [] and server.requests == 1


def test_the_standin_keeps_its_old_behaviour_by_default() -> None:
    with StandinServer(lambda _body: "answer") as server:
        started = time.perf_counter()
        http.post(server.base_url + "/chat/completions", json={"messages": [{"role": "user", "content": "x"}]})
        assert time.perf_counter() - started < 5
    assert server.delay == 0 and not server.nodelay and server.backlog is None
    assert len(server.bodies) == 1 and server.requests == 1 and server.headers


def test_the_standin_runs_as_its_own_process_until_stdin_closes(bench: ModuleType) -> None:
    with bench.Standin(0.0, EMPTY_REPORT) as standin:
        assert standin.requests() == 0
        http.post(standin.base_url + "/chat/completions", json={"messages": []}, timeout=10)
        assert standin.requests() == 1
    assert standin.process.returncode is not None


def test_the_clients_send_the_bodies_extractor_sends(bench: ModuleType) -> None:
    requests = asyncio.run(bench.requests_for([bench.short_article(1), bench.long_article(2)]))
    short = requests[0].body["messages"][1]["content"]
    assert len(requests) == 2 and "\n[4] " in short and "\n[5] " not in short
    assert asyncio.run(bench.same_bodies(requests))


def test_the_articles_fit_the_hand_written_answer(bench: ModuleType) -> None:
    from extractor.schemas.conflict import ConflictReport
    from extractor.sentences import split_sentences

    for article in (bench.short_article(3), bench.long_article(3)):
        sentences = split_sentences(article.text)
        assert len(sentences) >= 4
        ConflictReport.model_validate_json(bench.ANSWER, context={"sentence_count": len(sentences)})
    words = len(bench.long_article(3).text.split())
    assert 1000 <= words < 1050
    assert bench.short_article(1).text != bench.short_article(bench.WARM + 1).text

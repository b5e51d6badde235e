"""The article reaches the server verbatim (never rendered as a template); results come as they finish."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from extractor.articles import Article
from extractor.backends.openai_compat import OpenAICompatBackend
from extractor.pipeline import Extractor, Options
from tests.robustness.helpers import GOOD, fast_retries, run_cli
from tests.standin_server import EMPTY_REPORT, Reply, StandinServer, prompt_text

TEMPLATE_LOOKALIKES = ["{{ 7*7 }}", "{{ 'A'*300000 }}", "{% endblock %}", "{# comment #}"]


def test_template_syntax_in_an_article_reaches_the_server_verbatim(tmp_path: Path) -> None:
    text = GOOD + " The sign read " + " and ".join(TEMPLATE_LOOKALIKES) + "."
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    with StandinServer(lambda _body: Reply(EMPTY_REPORT)) as server:
        result = run_cli([
            "extract", str(article), "--base-url", server.base_url, "--model", "m", "--mode", "json",
            "--out", str(tmp_path / "r.json"),
        ])  # fmt: skip
        sent = prompt_text(json.loads(server.bodies[0]))
    assert result.exit_code == 0, result.output
    for lookalike in TEMPLATE_LOOKALIKES:
        assert lookalike in sent
    assert "49" not in sent and "A" * 1000 not in sent


def test_results_come_as_they_finish_unless_ordered(monkeypatch: pytest.MonkeyPatch) -> None:
    fast_retries(monkeypatch)

    def script(body: dict) -> Reply | str:
        return "drip" if "SLOW-ONE" in prompt_text(body) else Reply(EMPTY_REPORT)

    articles = [Article(id="slow", text="SLOW-ONE: " + GOOD), Article(id="fast", text=GOOD)]

    async def run(ordered: bool, base_url: str) -> list[str]:
        backend = OpenAICompatBackend(base_url=base_url, model="m", mode="json")
        extractor = Extractor(backend, options=Options(article_timeout=3))
        ids = [r.article_id async for r in extractor.aextract_many(articles, concurrency=2, ordered=ordered)]
        await extractor.aclose()
        return ids

    with StandinServer(script) as server:
        assert asyncio.run(run(False, server.base_url)) == ["fast", "slow"]
        assert asyncio.run(run(True, server.base_url)) == ["slow", "fast"]


def test_an_article_over_its_time_fails_with_kind_timeout() -> None:
    with StandinServer(lambda _body: "hang") as server:
        backend = OpenAICompatBackend(base_url=server.base_url, model="m", mode="json")
        extractor = Extractor(backend, options=Options(article_timeout=1))
        result = extractor.extract(Article(id="a", text=GOOD))
        extractor.close()
    assert result.error_kind == "timeout" and "timed out after 1 s" in (result.error or "")

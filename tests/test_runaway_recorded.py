"""A cut-off answer costs its token budget, and the re-ask never pastes the broken answer back.

Recorded from the real embedded engine (llama-server on 127.0.0.1) with a budget far too small for the
article, so every answer is cut off at ``max_tokens`` the way a looping answer is. Re-record: `make record`.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import yaml

from extractor.articles import read_path
from extractor.backends.base import ExtractionFailed
from extractor.backends.openai_compat import TRUNCATED_NOTE
from extractor.pipeline import Extractor
from extractor.schemas.conflict import ConflictReport
from extractor.sentences import split_sentences
from tests.conftest import ROOT
from tests.test_extract_recorded import local_like_backend

CASSETTE = ROOT / "tests" / "cassettes" / "test_runaway_recorded" / "test_a_cut_off_answer_is_re_asked_briefly.yaml"
TOO_FEW_TOKENS = 96


def recorded_requests(path: Path) -> list[dict]:
    return [json.loads(entry["request"]["body"]) for entry in yaml.safe_load(path.read_text())["interactions"]]


@pytest.mark.vcr
def test_a_cut_off_answer_is_re_asked_briefly(llm_base_url: str) -> None:
    article = next(read_path(ROOT / "examples" / "article.txt"))
    sentences = split_sentences(article.text)
    backend = local_like_backend(llm_base_url)
    messages = Extractor(backend).messages(article, sentences)  # the very messages an extraction sends

    async def ask() -> None:
        try:
            await backend.complete(
                messages, ConflictReport, context={"sentence_count": len(sentences)},
                max_retries=1, max_tokens=TOO_FEW_TOKENS,
            )  # fmt: skip
        finally:
            await backend.aclose()

    with pytest.raises(ExtractionFailed) as failure:
        asyncio.run(ask())
    attempts = failure.value.attempts
    assert [a.error for a in attempts] == ["cut off at max_tokens"] * 2
    assert all(a.tokens_out is not None and a.tokens_out <= TOO_FEW_TOKENS for a in attempts)


def test_the_re_ask_repeats_the_messages_plus_one_note_not_the_broken_answer() -> None:
    """What was sent, read from the recording itself."""
    first, second = recorded_requests(CASSETTE)
    assert first["max_tokens"] == second["max_tokens"] == TOO_FEW_TOKENS
    assert second["messages"] == [*first["messages"], {"role": "user", "content": TRUNCATED_NOTE}]
    assert "grammar" in second and "response_format" not in second

"""The embedded model, live: no recording, no API key, no internet. Skip locally with --no-live."""

from __future__ import annotations

import pytest

from extractor.articles import read_path
from extractor.backends.local import LocalBackend
from extractor.backends.local_server import ServerSettings
from extractor.pipeline import Extractor
from extractor.schemas.conflict import ConflictReport
from tests.conftest import ROOT

pytestmark = pytest.mark.live


def test_embedded_model_extracts_a_grounded_report() -> None:
    article = next(read_path(ROOT / "tests" / "data" / "short_article.txt"))
    backend = LocalBackend(ServerSettings(in_process=True))  # the model runs in this process
    with Extractor(backend) as extractor:
        result = extractor.extract(article)
    assert result.ok, result.error
    report = ConflictReport.model_validate(result.report.model_dump())
    assert report.events or report.claims
    for item in [*report.events, *report.claims]:
        for span in item.spans:
            assert span.char_start is not None, f"evidence not found in the article: {span.text!r}"
            assert article.text[span.char_start : span.char_end] == span.text
    assert result.meta.backend == "local" and result.meta.tokens_out > 0

"""Shared fixtures: recorded HTTP (pytest-recording), the live-model switch, paths.

Extraction tests replay HTTP recorded from the real embedded model served by
llama.cpp's ``llama-server`` on 127.0.0.1. Matching includes the JSON request body, so a changed
prompt, schema or model never replays a stale answer: the test fails and says to re-record
(``make record``).
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extractor.results import Result

ROOT = Path(__file__).resolve().parents[1]
SEED_ARTICLE = ROOT.parent / "shared" / "seed" / "article.txt"
REPLAY_BASE_URL = "http://127.0.0.1:8765/v1"  # never contacted in replay: the cassette answers
RERECORD_HINT = (
    "the recorded HTTP no longer matches this request (the prompt, schema, model or article changed): "
    "re-record with `make record` (needs the embedded model, no API key)"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--no-live", action="store_true", help="skip tests that run the embedded model (marked live)")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Collect garbage before pytest formats a failure, so a failing test prints its failure.

    An object left half-built by a failed constructor (an openai client given a timeout of the wrong
    HTTP library, say) raises from ``__del__`` when collected. On CPython 3.11.7 a collection that
    happens inside ``ast.parse``, which pytest calls while formatting the traceback, leaves the AST
    constructor's depth counter wrong, and pytest aborts the run with "AST constructor recursion depth
    mismatch" (python/cpython#106905). Collected here, the ``__del__`` runs before any formatting.
    """
    gc.collect()
    return (yield)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--no-live"):
        skip = pytest.mark.skip(reason="--no-live given")
        for item in items:
            if "live" in item.keywords:
                item.add_marker(skip)


def _json_body(request: Any) -> Any:
    body = request.body or b""
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace")
    try:
        return json.loads(body) if body else None
    except json.JSONDecodeError:
        return body


def json_body_matcher(recorded: Any, incoming: Any) -> None:
    """Request bodies must be equal as JSON (key order and whitespace do not matter)."""
    if _json_body(recorded) != _json_body(incoming):
        raise AssertionError("request bodies differ")


def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    vcr.register_matcher("json_body", json_body_matcher)


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return {
        "match_on": ["method", "path", "json_body"],
        "filter_headers": ["authorization", "api-key", "x-api-key", "openai-organization", "cookie", "set-cookie"],
        "decode_compressed_response": True,
        "allowed_hosts": ["127.0.0.1", "localhost", "::1"],
    }


@pytest.fixture(scope="session")
def llm_base_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """Where extraction tests send requests: a real embedded-model server when recording, else a placeholder."""
    record_mode = request.config.getoption("--record-mode") or "none"
    if record_mode == "none":
        yield REPLAY_BASE_URL
        return
    from extractor.backends.engine.server import EngineServer, EngineSettings

    port = int(os.environ.get("EXTRACTOR_RECORD_PORT", "0")) or None
    with EngineServer(EngineSettings(port=port, keep_prompt_state=False)) as server:
        yield server.base_url


def assert_ok(result: Result[Any]) -> None:
    """Fail with a re-record hint when the cassette did not match, else with the result's error."""
    if result.error and (
        "CannotOverwriteExistingCassette" in result.error or "overwrite existing cassette" in result.error
    ):
        pytest.fail(RERECORD_HINT)
    assert result.ok, result.error


@pytest.fixture(autouse=True)
def _private_result_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own result cache and run log (extractor.batch), never the user's."""
    monkeypatch.setenv("EXTRACTOR_RESULTS_DIR", str(tmp_path_factory.mktemp("results-cache")))

"""The backend works on whichever openai is installed (2.x on httpx, 3.x on httpx2): built, called, timed out.

Talks to the STAND-IN server (tests/standin_server.py: scripted, hand-written answers, no model) on
127.0.0.1. The canary job (``make test-latest``) runs this under the newest releases.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import openai
import pytest

from extractor.backends import http
from extractor.backends.openai_compat import OpenAICompatBackend
from extractor.errors import ServerUnreachable
from extractor.schemas.conflict import ConflictReport
from tests.standin_server import EMPTY_REPORT, Reply, StandinServer

MESSAGES = [{"role": "user", "content": "Extract the report."}]


def test_the_http_library_is_the_one_the_openai_client_is_built_on() -> None:
    expected = "httpx2" if int(openai.__version__.split(".")[0]) >= 3 else "httpx"
    assert http.library.__name__ == expected
    assert isinstance(http.async_client(), openai.DefaultAsyncHttpxClient)
    assert isinstance(http.timeout(30.0, connect=2.0), openai.Timeout)


def test_nothing_of_ours_imports_an_http_library_by_name() -> None:
    """Only extractor/backends/http.py chooses the library; a second import is how openai 3 broke us."""
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for folder in ("extractor", "tests", "benchmarks")
        for path in (root / folder).rglob("*.py")
        if any(
            line.strip().startswith(("import httpx", "from httpx"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []


def test_the_backend_makes_one_call_under_the_installed_client() -> None:
    with StandinServer(lambda _body: Reply(EMPTY_REPORT)) as server:
        backend = OpenAICompatBackend(base_url=server.base_url, model="standin", api_key="sk-test", mode="json")

        async def call() -> ConflictReport:
            try:
                completion = await backend.complete(MESSAGES, ConflictReport, max_retries=0)
            finally:
                await backend.aclose()
            return completion.value

        report = asyncio.run(call())
    assert report.claims == [] and report.events == []
    assert len(server.bodies) == 1
    assert server.headers[0]["authorization"] == "Bearer sk-test"


def test_a_server_that_never_answers_times_out_with_the_clients_own_timeout() -> None:
    with StandinServer(lambda _body: "hang") as server:
        backend = OpenAICompatBackend(base_url=server.base_url, model="standin", mode="json", timeout=0.5)
        backend.transport_retries = 0

        async def call() -> None:
            try:
                await backend.complete(MESSAGES, ConflictReport, max_retries=0)
            finally:
                await backend.aclose()

        with pytest.raises(ServerUnreachable, match=r"(?i)time"):
            asyncio.run(call())


def test_a_cassette_records_and_replays_through_the_installed_client(tmp_path: Path) -> None:
    """vcrpy hooks the library openai sends through: recorded once, replayed with the server gone."""
    import vcr

    cassette = tmp_path / "call.yaml"
    recorder = vcr.VCR(record_mode="once", match_on=["method", "path", "body"])

    def call(base_url: str) -> ConflictReport:
        backend = OpenAICompatBackend(base_url=base_url, model="standin", mode="json")
        backend.transport_retries = 0

        async def run() -> ConflictReport:
            try:
                return (await backend.complete(MESSAGES, ConflictReport, max_retries=0)).value
            finally:
                await backend.aclose()

        return asyncio.run(run())

    with StandinServer(lambda _body: Reply(EMPTY_REPORT)) as server:
        base_url = server.base_url
        with recorder.use_cassette(str(cassette)):
            call(base_url)
        assert len(server.bodies) == 1
    assert cassette.is_file()
    with recorder.use_cassette(str(cassette)) as replay:  # the server is stopped: only the cassette answers
        report = call(base_url)
    assert replay.play_count == 1 and report.claims == []

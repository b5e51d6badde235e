"""Run the embedded model as an OpenAI-compatible ``llama_cpp.server`` on 127.0.0.1.

Every backend then speaks the same HTTP, which is what the tests record and replay.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from extractor.backends.model_files import DEFAULT_MODEL_NAME, cache_dir, resolve_model_path

log = logging.getLogger(__name__)


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ServerSettings:
    """How to start ``llama_cpp.server`` (flags documented in the README)."""

    model_path: Path | None = None
    host: str = "127.0.0.1"
    port: int | None = None
    n_ctx: int = 16384  # room for a long article plus two re-asks that quote the failed answer
    n_threads: int = field(default_factory=lambda: os.cpu_count() or 2)
    alias: str = DEFAULT_MODEL_NAME
    seed: int = 0
    # llama_cpp.server's disk prompt cache (KV state kept across processes). Off by default: measured here it
    # missed on every request while saving ~100 MB of state each time (5-14 s added per article). The server
    # still reuses the static prompt prefix between requests in one process.
    prompt_cache: bool = False
    in_process: bool = False  # serve from a thread of this process instead of a child process
    prompt_cache_bytes: int = 2 << 30

    def command(self, model_path: Path, port: int) -> list[str]:
        return [
            sys.executable, "-m", "llama_cpp.server",
            "--model", str(model_path),
            "--model_alias", self.alias,
            "--host", self.host,
            "--port", str(port),
            "--n_ctx", str(self.n_ctx),
            "--n_threads", str(self.n_threads),
            "--seed", str(self.seed),
        ] + (
            ["--cache", "true", "--cache_type", "disk", "--cache_size", str(self.prompt_cache_bytes)]
            if self.prompt_cache
            else []
        )  # fmt: skip

    def workdir(self) -> Path:
        """llama_cpp.server keeps its disk prompt cache under ``./.cache`` of its working directory."""
        path = cache_dir().parent / "llama-server"
        path.mkdir(parents=True, exist_ok=True)
        return path


class LocalServer:
    """A ``llama_cpp.server`` child process; use as a context manager or call start()/stop()."""

    def __init__(self, settings: ServerSettings | None = None) -> None:
        self.settings = settings or ServerSettings()
        self.process: subprocess.Popen[bytes] | None = None
        self.port: int | None = None
        self.log_path: Path | None = None
        self._uvicorn: Any = None
        self._thread: Any = None

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise RuntimeError("the local server is not started")
        return f"http://{self.settings.host}:{self.port}/v1"

    def start(self, timeout: float = 180.0) -> LocalServer:
        try:
            import llama_cpp.server  # noqa: F401
        except ImportError:
            raise RuntimeError(
                "the embedded model needs llama-cpp-python: pip install 'extractor[local]' "
                "(or point --base-url at any OpenAI-compatible server)"
            ) from None
        model_path = resolve_model_path(self.settings.model_path)
        self.port = self.settings.port or free_port()
        if self.settings.in_process:
            self._start_thread(model_path, timeout)
            return self
        command = self.settings.command(model_path, self.port)
        log.info("starting local model server on %s (%s)", self.base_url, model_path.name)
        workdir = self.settings.workdir()
        self.log_path = workdir / f"server-{self.port}.log"
        with self.log_path.open("wb") as log_file:  # a pipe nobody reads would fill up and stall the server
            self.process = subprocess.Popen(command, cwd=workdir, stdout=log_file, stderr=subprocess.STDOUT)
        self._wait_ready(timeout)
        return self

    def _start_thread(self, model_path: Path, timeout: float) -> None:
        """The same llama_cpp.server app, run by uvicorn in a daemon thread of this process."""
        import threading

        import uvicorn
        from llama_cpp.server.app import create_app
        from llama_cpp.server.settings import ModelSettings
        from llama_cpp.server.settings import ServerSettings as LlamaServerSettings

        settings = self.settings
        model = ModelSettings(
            model=str(model_path), model_alias=settings.alias, n_ctx=settings.n_ctx,
            n_threads=settings.n_threads, seed=settings.seed, verbose=False,
        )  # fmt: skip
        app = create_app(
            server_settings=LlamaServerSettings(host=settings.host, port=self.port), model_settings=[model]
        )
        self._uvicorn = uvicorn.Server(uvicorn.Config(app, host=settings.host, port=self.port, log_level="warning"))
        self._thread = threading.Thread(target=self._uvicorn.run, name="extractor-llama-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._uvicorn.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the in-process model server did not start")
            time.sleep(0.05)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        assert self.process is not None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self.log_path.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"local model server exited with {self.process.returncode}: {tail}")
            try:
                if httpx.get(f"{self.base_url}/models", timeout=2.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"local model server did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        if self._uvicorn is not None and self._thread is not None:
            self._uvicorn.should_exit = True
            self._thread.join(timeout=30)
            self._uvicorn = self._thread = None
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self.log_path is not None:
            self.log_path.unlink(missing_ok=True)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

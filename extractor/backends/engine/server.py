"""Run llama.cpp's ``llama-server`` on 127.0.0.1 with the embedded model; keep its prompt state on disk.

The server speaks the same OpenAI-compatible HTTP as any other, which is what the tests record. Its slot
state (the KV cache of the static instructions) is saved to the user cache dir after the first answer and
restored by the next process, so a one-article CLI call after the first pays only for the article.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from extractor.backends import http
from extractor.backends.engine.build import require_server
from extractor.backends.model_files import DEFAULT_MODEL_NAME, cache_dir, resolve_model_path
from extractor.errors import BackendUnavailable

log = logging.getLogger(__name__)


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def default_threads() -> int:
    return os.cpu_count() or 2


@dataclass
class EngineSettings:
    """How to start ``llama-server`` (README: Configuration)."""

    model_path: Path | None = None
    host: str = "127.0.0.1"
    port: int | None = None
    n_ctx: int = 8192  # a long article's part (~1,200 tokens) + instructions (~1,300) + a bounded answer
    threads: int = field(default_factory=default_threads)
    slots: int = 1  # parallel sequences; on 2 cores one at a time is fastest per article (README: Speed)
    alias: str = DEFAULT_MODEL_NAME
    keep_prompt_state: bool = True  # save/restore the static prompt's KV state across processes

    def slot_dir(self) -> Path:
        path = cache_dir().parent / "prompt-state"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def command(self, binary: Path, model_path: Path, port: int) -> list[str]:
        command = [
            str(binary), "--model", str(model_path), "--alias", self.alias,
            "--host", self.host, "--port", str(port),
            "--ctx-size", str(self.n_ctx * self.slots), "--parallel", str(self.slots),
            "--threads", str(self.threads), "--no-webui",
        ]  # fmt: skip
        if self.keep_prompt_state:
            command += ["--slot-save-path", str(self.slot_dir())]
        return command


def prompt_state_name(model_path: Path, static_prompt: str) -> str:
    """A file name for the saved KV state of ``static_prompt`` on this model (plain, no user text)."""
    digest = hashlib.sha256(f"{model_path.name}\0{model_path.stat().st_size}\0{static_prompt}".encode()).hexdigest()
    return f"prompt-{digest[:24]}.bin"


class EngineServer:
    """A ``llama-server`` child process; use as a context manager or call start()/stop()."""

    def __init__(self, settings: EngineSettings | None = None) -> None:
        self.settings = settings or EngineSettings()
        self.process: subprocess.Popen[bytes] | None = None
        self.port: int | None = None
        self.model_path: Path | None = None
        self.log_path: Path | None = None
        self._restored: set[str] = set()

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise BackendUnavailable("the embedded engine is not started")
        return f"http://{self.settings.host}:{self.port}/v1"

    @property
    def root_url(self) -> str:
        return self.base_url.removesuffix("/v1")

    @property
    def health_url(self) -> str:
        return f"{self.root_url}/health"

    def command(self, model_path: Path, port: int) -> list[str]:
        return self.settings.command(require_server(), model_path, port)

    def start(self, timeout: float = 180.0) -> EngineServer:
        self.model_path = resolve_model_path(self.settings.model_path)
        self.port = self.settings.port or free_port()
        command = self.command(self.model_path, self.port)
        workdir = cache_dir().parent / "engine-logs"
        workdir.mkdir(parents=True, exist_ok=True)
        self.log_path = workdir / f"llama-server-{self.port}.log"
        log.info("starting llama-server on %s (%s)", self.base_url, self.model_path.name)
        with self.log_path.open("wb") as log_file:  # a pipe nobody reads would fill up and stall the server
            self.process = subprocess.Popen(command, cwd=workdir, stdout=log_file, stderr=subprocess.STDOUT)
        self._wait_ready(timeout)
        return self

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        assert self.process is not None and self.log_path is not None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self.log_path.read_text(errors="replace")[-2000:]
                raise BackendUnavailable(f"llama-server exited with {self.process.returncode}: {tail}")
            try:
                if http.get(self.health_url, timeout=2.0).status_code == 200:
                    return
            except http.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise BackendUnavailable(f"llama-server did not answer within {timeout:.0f} s")

    def restore_prompt_state(self, static_prompt: str) -> bool:
        """Load the saved KV state of ``static_prompt`` into slot 0; False when none is saved."""
        if not self.settings.keep_prompt_state or self.model_path is None:
            return False
        name = prompt_state_name(self.model_path, static_prompt)
        if name in self._restored or not (self.settings.slot_dir() / name).is_file():
            return False
        self._restored.add(name)
        return self._slot_action("restore", name)

    def save_prompt_state(self, static_prompt: str) -> bool:
        """Save slot 0's KV state for the next process, once per static prompt."""
        if not self.settings.keep_prompt_state or self.model_path is None:
            return False
        name = prompt_state_name(self.model_path, static_prompt)
        if name in self._restored or (self.settings.slot_dir() / name).is_file():
            return False
        self._restored.add(name)
        return self._slot_action("save", name)

    def _slot_action(self, action: str, name: str) -> bool:
        try:
            response = http.post(f"{self.root_url}/slots/0", params={"action": action}, json={"filename": name},
                                  timeout=60.0)  # fmt: skip
        except http.HTTPError as exc:
            log.info("prompt state %s failed: %s", action, exc)
            return False
        if response.status_code != 200:
            log.info("prompt state %s failed: HTTP %s", action, response.status_code)
            return False
        log.info("prompt state %sd (%s)", action, name)
        return True

    def stop(self) -> None:
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

    def __enter__(self) -> EngineServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

"""The previous embedded engine, ``llama_cpp.server`` (llama-cpp-python 0.3.36), for benchmarks only.

Install it with ``pip install -e '.[old-engine]'``. It runs exactly as the toolkit ran it before the move
to llama.cpp's own ``llama-server``: same model, 16,384-token context, all cores, seed 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

from extractor.backends.engine.server import EngineServer, EngineSettings


class OldStackServer(EngineServer):
    """``python -m llama_cpp.server`` on 127.0.0.1, started and stopped like the new engine."""

    def __init__(self, n_ctx: int = 16384) -> None:
        super().__init__(EngineSettings(n_ctx=n_ctx, keep_prompt_state=False))

    @property
    def health_url(self) -> str:
        return f"{self.base_url}/models"

    def command(self, model_path: Path, port: int) -> list[str]:
        try:
            import llama_cpp.server  # noqa: F401
        except ImportError:
            raise SystemExit("the old stack needs llama-cpp-python: pip install -e '.[old-engine]'") from None
        s = self.settings
        return [sys.executable, "-m", "llama_cpp.server", "--model", str(model_path), "--model_alias", s.alias,
                "--host", s.host, "--port", str(port), "--n_ctx", str(s.n_ctx), "--n_threads", str(s.threads),
                "--seed", "0"]  # fmt: skip

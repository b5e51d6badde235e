"""The embedded engine: llama.cpp's ``llama-server`` (built once from source) serving the bundled GGUF."""

from extractor.backends.engine.build import EngineNotFound, build_server, find_server
from extractor.backends.engine.server import EngineServer, EngineSettings

__all__ = ["EngineNotFound", "EngineServer", "EngineSettings", "build_server", "find_server"]

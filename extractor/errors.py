"""The toolkit's exceptions, rooted in one class so callers (and the CLI's exit codes) follow the cause.

    ExtractorError            anything the toolkit raises on purpose (exit 1 unless a subclass says else)
    ├── BadInput              a file, record, option or schema the user gave is wrong; nothing ran (exit 2)
    ├── BackendUnavailable    no model or server could be reached, or the embedded engine is missing (exit 3)
    └── ExtractionFailed      one article got no valid report (carries every attempt)
        ├── ServerUnreachable     the request never got an answer (transport, 5xx after retries)
        └── NoValidAnswer         the model answered, but never validly (exit 4 when every article fails so)

This module imports nothing of ours.
"""

from __future__ import annotations

from typing import Any


class ExtractorError(Exception):
    """Base of everything the toolkit raises on purpose."""

    exit_code = 1


class BadInput(ExtractorError, ValueError):
    """The user's input or options are wrong; the message names the file or record and the fix."""

    exit_code = 2


class BackendUnavailable(ExtractorError, RuntimeError):
    """No model or server can be reached (or the embedded engine or model is not installed)."""

    exit_code = 3


class ExtractionFailed(ExtractorError, RuntimeError):
    """Every attempt at one extraction failed; ``attempts`` says how."""

    kind = "failed"

    def __init__(self, message: str, attempts: list[Any]) -> None:
        super().__init__(message)
        self.attempts = attempts


class ServerUnreachable(ExtractionFailed):
    """No answer came back (connection refused, reset, timeout, 5xx after the client's retries)."""

    kind = "unreachable"
    exit_code = 3


class NoValidAnswer(ExtractionFailed):
    """The model answered, but no answer validated against the schema (or each was cut off)."""

    kind = "invalid_answer"
    exit_code = 4

"""What every command shares: exit codes, the stderr console, logging set-up and failing with a message."""

from __future__ import annotations

import logging
import sys
from contextvars import ContextVar
from typing import Any

import typer
from rich.console import Console
from rich.text import Text

from extractor.errors import BackendUnavailable, BadInput, ExtractorError, NoValidAnswer, exit_code_for
from extractor.redact import RedactingFilter, redact

EXIT_OK = 0
EXIT_PARTIAL = ExtractorError.exit_code  # some articles failed, the others are written
EXIT_BAD_INPUT = BadInput.exit_code
EXIT_BACKEND = BackendUnavailable.exit_code
EXIT_INVALID = NoValidAnswer.exit_code
VERBOSITY: ContextVar[int] = ContextVar("extractor_cli_verbosity", default=0)  # -v of the running command

err = Console(stderr=True, soft_wrap=True)  # one message, one line (however long)
log = logging.getLogger("extractor")


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is now (test runners swap it), not the one seen at start-up."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def setup_logging(verbose: int, quiet: bool) -> None:
    VERBOSITY.set(verbose)  # the error handler prints a bug's traceback under -v
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else logging.INFO)
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())  # an API key echoed into any library's log line is masked
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for noisy in ("httpx", "httpcore", "httpx2", "httpcore2", "openai", "instructor"):
        logging.getLogger(noisy).setLevel(logging.WARNING if verbose < 2 else logging.DEBUG)


def say(label: str, message: str, style: str = "red") -> None:
    """``label message`` on stderr; ``message`` (ids, paths, server text) is printed as text, never as markup,
    registered secrets masked."""
    err.print(Text.assemble((label, style), " ", redact(message)))


def redacted_text(message: str) -> Text:
    """``message`` as rich text (never markup), registered secrets masked."""
    return Text(redact(message))


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    """Print ``error: message`` on stderr; the exit to raise."""
    say("error:", message)
    return typer.Exit(code)


def exit_code_for_failures(kinds: list[str | None]) -> int:
    """When every article failed: 4 if the model answered but never validly, else 3 (nothing answered)."""
    return exit_code_for(kinds, len(kinds)) if kinds else EXIT_BACKEND

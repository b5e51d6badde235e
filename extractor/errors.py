"""The toolkit's exceptions, rooted in one class so callers (and the CLI's exit codes) follow the cause.

    ExtractorError            anything the toolkit raises on purpose (exit 1 unless a subclass says else)
    ├── BadInput              a file, record, option or schema the user gave is wrong; nothing ran (exit 2)
    │   └── FileMissing           a file the user named does not exist (also a FileNotFoundError)
    ├── BackendUnavailable    no model or server could be reached, or the embedded engine is missing (exit 3)
    ├── InsideEventLoop       a synchronous call made inside a running event loop (use the async one)
    └── ExtractionFailed      one article got no valid report (carries every attempt)
        ├── ServerUnreachable     the request never got an answer (transport, 5xx after retries)
        └── NoValidAnswer         the model answered, but never validly (exit 4 when every article fails so)

The modules that read a kind of file name their own BadInput (``SchemaError``, ``PolicyError``,
``WeightsError``, ``GoldError``, ``PriceError``, ``ReportError``, ``BatchFileError``, ...). Each keeps
the standard exception it replaced as a second base (``ValueError``, ``RuntimeError``), so older
``except ValueError`` code still catches it. :data:`EXIT_CODES` is the table ``--help`` and
docs/exit-codes.md are rendered from. This module imports nothing of ours.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


class ExtractorError(Exception):
    """Base of everything the toolkit raises on purpose."""

    exit_code = 1


class BadInput(ExtractorError, ValueError):
    """The user's input or options are wrong; the message names the file or record and the fix."""

    exit_code = 2


class FileMissing(BadInput, FileNotFoundError):
    """A file the user named (results, a prompt template, ...) does not exist; the message names it."""


class BackendUnavailable(ExtractorError, RuntimeError):
    """No model or server can be reached (or the embedded engine or model is not installed)."""

    exit_code = 3


class InsideEventLoop(ExtractorError, RuntimeError):
    """A synchronous entry point was called inside a running event loop: ``await`` the async one instead."""


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


def exit_code_for(kinds: Sequence[str | None], total: int) -> int:
    """A run's exit code from the failure kind of each failed article, of ``total``: 0 none failed, 1 some;
    when every article failed, 4 if each answer was invalid, else 3 (nothing answered)."""
    if not kinds:
        return 0
    if len(kinds) < total:
        return ExtractorError.exit_code
    invalid = all(kind == NoValidAnswer.kind for kind in kinds)
    return NoValidAnswer.exit_code if invalid else ServerUnreachable.exit_code


@dataclass(frozen=True)
class ExitCode:
    """One exit code of the ``extractor`` command: its number, what it means and which errors end so."""

    code: int
    meaning: str
    raised_by: tuple[type[ExtractorError], ...] = ()


EXIT_CODES: tuple[ExitCode, ...] = (
    ExitCode(0, "Done: the command succeeded (extract: every article was extracted; eval: the gate passed)."),
    ExitCode(
        1,
        "Some articles failed and the others were written; or the eval gate failed; or an unexpected error "
        "(a bug: the message asks you to report it, and -v prints the traceback).",
        (ExtractorError,),
    ),
    ExitCode(
        2,
        "Bad input or usage: a file, record, option, schema, prompt, policy, weights, gold or price file is "
        "wrong, or --out is busy; nothing was run.",
        (BadInput,),
    ),
    ExitCode(
        3,
        "No model or server could be reached, or the embedded engine or model is missing; extract and eval "
        "also exit 3 when every article failed without an answer.",
        (BackendUnavailable, ServerUnreachable),
    ),
    ExitCode(4, "The model answered, but never validly, for every article (extract and eval).", (NoValidAnswer,)),
)

"""The one error handler of the ``extractor`` command: an error the toolkit raised on purpose exits with its code,
anything else is a bug and says so."""

from __future__ import annotations

import traceback
from typing import Any

import typer
from typer.core import TyperGroup

from extractor.cli import common
from extractor.errors import ExtractorError

BUG_EXIT = 1
BUG_HINT = "this is a bug in extractor: please report it with the command you ran (-v prints the traceback)"
PASSED_THROUGH = (typer.Exit, typer.Abort, typer.exceptions.TyperException)  # typer's own exits, usage errors


class HandledGroup(TyperGroup):
    """The root command group: every subcommand (nested groups too) runs inside :meth:`invoke`'s handler."""

    def invoke(self, ctx: Any) -> Any:
        token = common.VERBOSITY.set(0)
        try:
            return super().invoke(ctx)
        except PASSED_THROUGH:
            raise
        except ExtractorError as exc:
            raise common.fail(str(exc), exc.exit_code) from None
        except Exception as exc:
            raise _bug(exc) from None
        finally:
            common.VERBOSITY.reset(token)


def _bug(exc: Exception) -> typer.Exit:
    """Say that ``exc`` is a bug (with its traceback under -v); the exit to raise."""
    if common.VERBOSITY.get() > 0:
        common.err.print(common.redacted_text("".join(traceback.format_exception(exc))))
    message = " ".join(str(exc).split())  # one line, however the exception spells it
    common.say("internal error:", f"{type(exc).__name__}: {message}; {BUG_HINT}")
    return typer.Exit(BUG_EXIT)

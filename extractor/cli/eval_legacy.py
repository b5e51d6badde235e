"""The old one-command ``extractor eval --flag ...`` spellings, mapped to the subcommands for one release.

``extractor eval --from-results X --gold G`` becomes ``extractor eval score X --gold G`` (with a
deprecation warning on stderr naming the new command); remove this module in the next release.
"""

from __future__ import annotations

import shlex

import click
import typer
from typer.core import TyperGroup

COMPARE_FLAGS = {"--compare-prompt": "--prompt-b", "--compare-model": "--model-b", "--compare-report": "--report-a"}
RENAMED = {**COMPARE_FLAGS, "--fit-weights": "--out"}
FROM_RESULTS = "--from-results"


def modern_args(args: list[str]) -> list[str]:
    """The subcommand and its arguments for an old-style argument list (which starts with an option)."""
    kept: list[str] = []
    values: dict[str, str] = {}
    tokens = iter(args)
    for token in tokens:
        name, equals, value = token.partition("=")
        if name in RENAMED or name == FROM_RESULTS:
            values[name] = value if equals else next(tokens, "")
        else:
            kept.append(token)
    compare = [flag for flag in COMPARE_FLAGS if flag in values]
    if compare and "--fit-weights" in values:
        raise click.UsageError("--fit-weights with --compare-*: run `eval fit-weights` and `eval compare` separately")
    command = (
        "compare"
        if compare
        else "fit-weights"
        if "--fit-weights" in values
        else "score"
        if FROM_RESULTS in values
        else "run"
    )
    new = [command]
    if FROM_RESULTS in values:
        new.append(values[FROM_RESULTS])
    for old, renamed in RENAMED.items():
        if old in values:
            new += [renamed, values[old]]
    return new + kept


class LegacyEvalGroup(TyperGroup):
    """``eval`` as a group whose old flag-only form still works, mapped to a subcommand with a warning."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0].startswith("-") and args[0] not in ctx.help_option_names:
            new = modern_args(args)
            typer.echo(
                f"warning: `extractor eval {shlex.join(args)}` is deprecated and stops working in the next release; "
                f"use: extractor eval {shlex.join(new)}",
                err=True,
            )
            args = new
        return super().parse_args(ctx, args)

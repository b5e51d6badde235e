"""The ``extractor`` command: thin wrappers that parse options, call the library and render.

Exit codes: the table ``errors.EXIT_CODES``, printed by ``--help`` (``exit_codes``). ``handler`` is the one
error handler: an ``ExtractorError`` exits with its ``exit_code``, anything else is reported as a bug.

Modules: ``common`` (exit codes, stderr, logging), ``options`` (option declarations shared
by several commands, and ``ModelRun.options``, the one builder of pipeline Options), ``extract_options``
(extract's option groups), ``commands`` (extract, a thin call of ``extractor.batch.run``; show, schema, model,
engine, serve, verify),
``eval_commands`` (the ``eval`` group) and ``eval_legacy`` (its old spellings, for one release).
"""

from __future__ import annotations

from typing import Annotated

import typer

from extractor.cli import batch_commands, commands, exit_codes
from extractor.cli.common import EXIT_BACKEND, EXIT_BAD_INPUT, EXIT_OK, EXIT_PARTIAL
from extractor.cli.corroborate_command import CORROBORATE_EPILOG, corroborate_command
from extractor.cli.corroboration_eval import EVAL_EPILOG, eval_corroboration_command
from extractor.cli.eval_commands import eval_app
from extractor.cli.handler import HandledGroup
from extractor.cli.review_commands import REVIEW_EPILOG, review_command

__all__ = ["EXIT_BACKEND", "EXIT_BAD_INPUT", "EXIT_OK", "EXIT_PARTIAL", "app"]

app = typer.Typer(
    cls=HandledGroup,
    help="Turn news articles about armed conflict into structured, verified data with an LLM.",
    epilog=exit_codes.epilog(),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from extractor.about import version_text  # runs llama-server --version: only when asked

        typer.echo(version_text())
        raise typer.Exit()


VERSION_HELP = "Print the versions of extractor, openai, instructor, pydantic, llama-server and the model; exit."


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help=VERSION_HELP)] = False,
) -> None:
    """extractor: events, actors and attributed claims from conflict reporting, every claim verified."""


app.command(epilog=commands.EXTRACT_EPILOG)(commands.extract)
app.command(epilog="Example:\n\n  extractor show out/example.json --min-confidence 0.5")(commands.show)
app.command("schema")(commands.schema_command)
app.command("model")(commands.model_command)
app.command("engine")(commands.engine_command)
app.command(epilog="Example:\n\n  extractor serve --port 8765   # then --base-url http://127.0.0.1:8765/v1")(
    commands.serve
)
app.command("verify")(commands.verify_command)
eval_app.command("corroboration", epilog=EVAL_EPILOG)(eval_corroboration_command)
app.add_typer(eval_app, name="eval")
app.command("review", epilog=REVIEW_EPILOG)(review_command)
app.command("corroborate", epilog=CORROBORATE_EPILOG)(corroborate_command)
app.add_typer(batch_commands.cache_app, name="cache")
app.command("logs", epilog=batch_commands.LOGS_EPILOG)(batch_commands.logs_command)
app.add_typer(batch_commands.batch_app, name="batch")

"""Option declarations shared by several commands, each written once.

An option group is a dataclass whose fields are typer options. A command decorated with
``@option_groups`` takes the group as one parameter; typer sees the group's fields as
options in that parameter's place, and the command receives one instance.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar, get_type_hints

import typer

from extractor.backends import Backend, make_backend
from extractor.cli.common import setup_logging
from extractor.pipeline import Extractor, Options

F = TypeVar("F", bound=Callable[..., Any])

BaseUrl = Annotated[
    str | None,
    typer.Option(
        "--base-url", envvar="OPENAI_BASE_URL", help="OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1."
    ),
]
Model = Annotated[str | None, typer.Option("--model", envvar="EXTRACTOR_MODEL", help="Model name on that server.")]
ApiKey = Annotated[str | None, typer.Option("--api-key", envvar="OPENAI_API_KEY", help="API key (never logged).")]
Mode = Annotated[
    str | None,
    typer.Option(
        "--mode", help="How the schema is enforced: gbnf (llama.cpp servers), json_schema, json, tools, md_json."
    ),
]
ModelPath = Annotated[
    Path | None, typer.Option("--model-path", envvar="EXTRACTOR_MODEL_PATH", help="GGUF file for the embedded model.")
]
Local = Annotated[bool, typer.Option("--local", help="Use the embedded model even if OPENAI_API_KEY is set.")]
Verbose = Annotated[int, typer.Option("--verbose", "-v", count=True, help="More logs on stderr (-vv: HTTP too).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Only warnings and errors on stderr.")]
Policy = Annotated[Path | None, typer.Option("--policy", help="High-stakes policy TOML (default ships).")]
Weights = Annotated[
    Path | None,
    typer.Option("--weights", help="Confidence weights TOML (default ships; fit your own with eval fit-weights)."),
]
Format = Annotated[
    str, typer.Option("--format", "-f", help="json (one article), jsonl (many), table, acled-csv or claims-csv.")
]
MinConfidence = Annotated[
    float | None, typer.Option("--min-confidence", min=0.0, max=1.0, help="Drop claims below this confidence.")
]
Schema = Annotated[str | None, typer.Option("--schema", help="Your pydantic model: module:Class or file.py:Class.")]
Published = Annotated[str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for every input.")]


@dataclasses.dataclass(frozen=True)
class BackendChoice:
    """Which model answers: a server (--base-url/--model/--api-key) or the embedded model (--model-path/--local)."""

    base_url: BaseUrl = None
    model: Model = None
    api_key: ApiKey = None
    mode: Mode = None
    model_path: ModelPath = None
    local: Local = False

    def make(self) -> Backend:
        return make_backend(
            base_url=self.base_url, model=self.model, api_key=self.api_key, mode=self.mode,
            model_path=self.model_path, local=self.local or None,
        )  # fmt: skip

    def with_model(self, model: str) -> BackendChoice:
        """The same server with another model (never the embedded one)."""
        return dataclasses.replace(self, model=model, model_path=None, local=False)


@dataclasses.dataclass(frozen=True)
class ModelRun:
    """How the pipeline runs: prompt, verification, retries and concurrency."""

    prompt: Annotated[str, typer.Option("--prompt", help="Prompt name in prompts/ or a .j2 file.")] = "extract"
    no_verify: Annotated[bool, typer.Option("--no-verify", help="Skip claim verification.")] = False
    no_event_pass: Annotated[
        bool,
        typer.Option(
            "--no-event-pass",
            help="One request per article: keep the report's own events (faster; multi-incident articles lose some).",
        ),
    ] = False
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, help="Articles in flight at once.")] = 1
    max_retries: Annotated[int, typer.Option("--max-retries", min=0, help="Re-asks after invalid output.")] = 2

    def options(self, **more: Any) -> Options:
        """The pipeline Options these choices make, with ``more`` (policy, weights, samples, ...) on top: the one
        place the CLI turns options into ``pipeline.Options``."""
        base: dict[str, Any] = {"verify": not self.no_verify, "event_pass": not self.no_event_pass,
                                "max_retries": self.max_retries}  # fmt: skip
        return Options(**{**base, **more})

    def extractor(self, backend: Backend, schema: type[Any], **more: Any) -> Extractor[Any]:
        """An Extractor on ``backend`` with this prompt and :meth:`options` (``more`` on top)."""
        return Extractor(backend, schema=schema, prompt=self.prompt, options=self.options(**more))


@dataclasses.dataclass(frozen=True)
class Logs:
    """How much goes to stderr."""

    verbose: Verbose = 0
    quiet: Quiet = False

    def setup(self) -> None:
        setup_logging(self.verbose, self.quiet)


def option_groups(command: F) -> F:
    """Expand every option-group parameter of ``command`` (a dataclass annotation) into its fields for typer.

    Groups may nest: a field whose annotation is itself a group is expanded in its place.
    """
    hints = get_type_hints(command, include_extras=True)
    signature = inspect.signature(command)
    parameters: list[inspect.Parameter] = []
    groups: dict[str, type[Any]] = {}
    for parameter in signature.parameters.values():
        annotation = hints.get(parameter.name, parameter.annotation)
        if _is_group(annotation):
            groups[parameter.name] = annotation
            parameters += _flatten(annotation, parameter.kind)
        else:
            parameters.append(parameter.replace(annotation=annotation))

    @functools.wraps(command)
    def expanded(**kwargs: Any) -> Any:
        for name, group in groups.items():
            kwargs[name] = _build(group, kwargs)
        return command(**kwargs)

    expanded.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    expanded.__annotations__ = {p.name: p.annotation for p in parameters}
    return expanded  # type: ignore[return-value]


def _is_group(annotation: Any) -> bool:
    return isinstance(annotation, type) and dataclasses.is_dataclass(annotation)


def _flatten(group: type[Any], kind: Any) -> list[inspect.Parameter]:
    """The group's options as parameters, nested groups expanded."""
    hints = get_type_hints(group, include_extras=True)
    parameters: list[inspect.Parameter] = []
    for field in dataclasses.fields(group):
        annotation = hints[field.name]
        if _is_group(annotation):
            parameters += _flatten(annotation, kind)
        else:
            parameters.append(inspect.Parameter(field.name, kind, default=field.default, annotation=annotation))
    return parameters


def _build(group: type[Any], values: dict[str, Any]) -> Any:
    """An instance of ``group`` from the option values (taken out of ``values``)."""
    hints = get_type_hints(group, include_extras=True)
    return group(**{
        field.name: _build(hints[field.name], values) if _is_group(hints[field.name]) else values.pop(field.name)
        for field in dataclasses.fields(group)
    })  # fmt: skip

"""The option groups of ``extractor extract``: which inputs, how claims are checked, how results are written."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from extractor.articles import LONG_ARTICLE_CHARS, LONG_ARTICLE_WORDS
from extractor.batch.job import BatchOptions
from extractor.cli.options import Format, MinConfidence, Policy, Published, Schema, Weights


@dataclasses.dataclass(frozen=True)
class ArticleInputs:
    """How the inputs are read: their date and title, the schema, and what to do with bad or long ones."""

    published: Published = None
    title: Annotated[str | None, typer.Option("--title", help="Title for every input.")] = None
    schema: Schema = None
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Run the readable inputs, report the rest.")] = False
    allow_long: Annotated[
        bool,
        typer.Option(
            "--allow-long",
            help=f"Run articles longer than {LONG_ARTICLE_WORDS:,} words or {LONG_ARTICLE_CHARS:,} characters.",
        ),
    ] = False


@dataclasses.dataclass(frozen=True)
class Checking:
    """What verification adds to the model call: samples, the LLM verifier, policy, weights, the time limit."""

    samples: Annotated[int, typer.Option("--samples", min=0, help="Self-consistency: N extra samples.")] = 0
    verify_with_llm: Annotated[
        bool, typer.Option("--verify-with-llm", help="Ask the model whether each claim's evidence entails it.")
    ] = False
    policy: Policy = None
    weights: Weights = None
    timeout: Annotated[
        float, typer.Option("--timeout", min=1.0, help="Seconds one article may take, retries included.")
    ] = 900.0

    def options(self) -> dict[str, Any]:
        """These choices as ``pipeline.Options`` keywords (for ``ModelRun.options``)."""
        return {"samples": self.samples, "verify_with_llm": self.verify_with_llm, "policy": self.policy,
                "weights": self.weights, "article_timeout": self.timeout}  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Writing:
    """Where and how results are written, and what the batch keeps: resume, cache, run log, prices, page."""

    fmt: Format = "json"
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write results here instead of stdout.")] = None
    min_confidence: MinConfidence = None
    ordered: Annotated[
        bool, typer.Option("--ordered", help="Write results in input order (default: as each finishes).")
    ] = False
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Overwrite --out instead of resuming (skipping the ids already in it).")
    ] = False
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the result cache (extractor cache path).")
    ] = False
    no_log: Annotated[bool, typer.Option("--no-log", help="Do not record model calls in the run log.")] = False
    prices: Annotated[
        Path | None, typer.Option("--prices", help="Price table TOML for the cost estimate (default eval/prices.toml).")
    ] = None
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write a self-contained HTML review page of this run here.")
    ] = None

    def batch_options(self, concurrency: int, inputs: list[str]) -> BatchOptions:
        """The library's BatchOptions (BadInput for an unknown --format); the run log records the command line."""
        return BatchOptions(
            fmt=self.fmt, min_confidence=self.min_confidence, concurrency=concurrency, ordered=self.ordered,
            fresh=self.fresh, cache=not self.no_cache, runlog=not self.no_log, prices=self.prices, html=self.html,
            command=" ".join(sys.argv[1:]), inputs=tuple(inputs),
        )  # fmt: skip


# Defaults for the command's group parameters (option_groups expands the fields; the instance is never used).
ARTICLE_INPUTS, CHECKING, WRITING = ArticleInputs(), Checking(), Writing()

"""``extractor review``: one self-contained HTML page to review saved results against their article text."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from extractor.cli.common import fail, say
from extractor.cli.options import Schema
from extractor.evaluation import load_results
from extractor.html import attach_texts, write_review_html
from extractor.html.review import read_texts
from extractor.schema_io import load_schema

REVIEW_EPILOG = (
    "Examples:\n\n"
    "  extractor review out/example.json --text examples/article.txt -o review.html\n\n"
    "  extractor review run.jsonl --text articles.jsonl -o review.html\n\n"
    "  extractor review run.jsonl --text eval/gold -o review.html   (a folder of <id>.txt files)\n\n"
    "Results do not carry the article text; --text gives it (paired with each result by article id; "
    "one result and one text pair up whatever their ids). The page needs no network: open it from disk."
)


def review_command(
    results: Annotated[
        list[Path], typer.Argument(metavar="RESULTS...", help="Saved results: JSON or JSONL written by `extract`.")
    ],
    text: Annotated[
        list[Path],
        typer.Option("--text", "-t", help="Article text: a .txt/.md file, articles JSONL, or a folder of them."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Write the HTML page here.")] = Path("review.html"),
    title: Annotated[str, typer.Option("--title", help="Page title.")] = "extractor review",
    schema: Schema = None,
) -> None:
    """Write an HTML review page: article text with evidence highlighted, claims (flagged first) and events."""
    model = load_schema(schema)
    loaded: list[Any] = [r for path in results for r in load_results(path, model)]
    articles = read_texts(text)
    views, missing = attach_texts(loaded, articles)
    if missing:
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        raise fail(f"no article text for {len(missing)} result(s): {shown}; fix: give their text with --text")
    path = write_review_html(views, out, title)
    say("review page:", f"{path} ({len(views)} article(s))", "green")

"""Re-verify saved results (ours, or another tool's in the same schema) against their article text."""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractor import verification
from extractor.articles import ArticleError, parse_date, read_path
from extractor.evaluation.results_io import load_results
from extractor.results import Result
from extractor.schemas.conflict import ConflictReport


def reverify(
    result_path: Path,
    text_path: Path,
    published: str | None = None,
    policy: Path | None = None,
    weights: Path | None = None,
    *,
    force: bool = False,
    repair: bool = True,
) -> list[Result[ConflictReport]]:
    """Every result in ``result_path`` repaired, grounded and verified again against ``text_path``
    (``verification.check``: the same as ``extractor extract`` does after the model call; ``repair=False``:
    the checks alone, items without spans grounded).

    A result that records its article's hash (``meta.text_sha256``) is re-verified only against that same
    text: another text raises ArticleError, unless ``force``.
    """
    article = next(read_path(text_path))
    digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    when = parse_date(published, "--published") if published else article.published
    loaded_policy = verification.load_policy(policy)
    loaded_weights = verification.load_weights(weights)
    results = []
    loaded = load_results(result_path, bare_reports=True)
    if not force:
        for result in loaded:
            if result.meta.text_sha256 and result.meta.text_sha256 != digest:
                raise ArticleError(
                    str(text_path),
                    f"is not the article result {result.article_id!r} was extracted from (its text hash differs)",
                    "pass that article's text, or --force to re-ground against this text anyway",
                )
    for result in loaded:
        if result.report is None:
            results.append(result)
            continue
        outcome = verification.check(
            result.report, article.text, published=when, repair=repair, policy=loaded_policy, weights=loaded_weights
        )
        verified = outcome.report
        meta = result.meta.model_copy(update={"verifier": verification.VERIFIER_VERSION})
        results.append(result.model_copy(update={"report": verified, "meta": meta}))
    return results

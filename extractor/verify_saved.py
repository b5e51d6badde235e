"""Re-verify saved results (ours, or another tool's in the same schema) against their article text."""

from __future__ import annotations

from pathlib import Path

from extractor import verification
from extractor.articles import parse_date, read_path
from extractor.evaluation.results_io import load_results
from extractor.results import Result
from extractor.schemas.conflict import ConflictReport


def reverify(
    result_path: Path,
    text_path: Path,
    published: str | None = None,
    policy: Path | None = None,
    weights: Path | None = None,
) -> list[Result[ConflictReport]]:
    """Every result in ``result_path`` repaired, grounded and verified again against ``text_path``
    (``verification.check``: the same as ``extractor extract`` does after the model call)."""
    article = next(read_path(text_path))
    when = parse_date(published, "--published") if published else article.published
    loaded_policy = verification.load_policy(policy)
    loaded_weights = verification.load_weights(weights)
    results = []
    for result in load_results(result_path, bare_reports=True):
        if result.report is None:
            results.append(result)
            continue
        outcome = verification.check(
            result.report, article.text, published=when, policy=loaded_policy, weights=loaded_weights
        )
        verified = outcome.report
        meta = result.meta.model_copy(update={"verifier": verification.VERIFIER_VERSION})
        results.append(result.model_copy(update={"report": verified, "meta": meta}))
    return results

"""extractor: structured, verified data from news articles about armed conflict.

    from extractor import extract
    result = extract(text, published="2023-11-22")
    for claim in result.report.claims:
        print(claim.claimant, claim.cue, claim.statement, claim.confidence, [f.code for f in claim.flags])

Names are imported on first use, so ``import extractor`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from extractor.version import __version__

_EXPORTS = {
    "Article": "extractor.articles",
    "Extractor": "extractor.pipeline",
    "Options": "extractor.pipeline",
    "aextract": "extractor.pipeline",
    "extract": "extractor.pipeline",
    "Result": "extractor.results",
    "ResultMeta": "extractor.results",
    "load_schema": "extractor.schema_io",
    "Actor": "extractor.schemas.conflict",
    "Claim": "extractor.schemas.conflict",
    "ConflictReport": "extractor.schemas.conflict",
    "Event": "extractor.schemas.conflict",
    "Flag": "extractor.schemas.conflict",
    "Span": "extractor.schemas.conflict",
    "corroborate": "extractor.corroboration",
    "ground_report": "extractor.verification",
    "load_policy": "extractor.verification",
    "load_weights": "extractor.verification",
    "verify": "extractor.verification",
}
__all__ = [
    "Actor",
    "Article",
    "Claim",
    "ConflictReport",
    "Event",
    "Extractor",
    "Flag",
    "Options",
    "Result",
    "ResultMeta",
    "Span",
    "__version__",
    "aextract",
    "extract",
    "ground_report",
    "load_policy",
    "load_schema",
    "load_weights",
    "verify",
]

if TYPE_CHECKING:
    from extractor.articles import Article
    from extractor.pipeline import Extractor, Options, aextract, extract
    from extractor.results import Result, ResultMeta
    from extractor.schema_io import load_schema
    from extractor.schemas.conflict import Actor, Claim, ConflictReport, Event, Flag, Span
    from extractor.verification import ground_report, load_policy, load_weights, verify


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'extractor' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

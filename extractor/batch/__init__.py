"""Batch runs at scale: a result cache, resumable output, a run log of every model call, cost and progress,
and OpenAI Batch API files (prepare requests, collect responses). A thin layer around ``Extractor``.

    from extractor.batch import BatchOptions, run
    outcome = run(extractor, articles, Path("results.jsonl"), BatchOptions(concurrency=4))

``run`` (``job.py``) is what ``extractor extract`` calls. Names are imported on first use, so importing one
submodule (the cache, the run log) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {"BatchOptions": "extractor.batch.job", "BatchOutcome": "extractor.batch.job", "run": "extractor.batch.job"}
__all__ = ["BatchOptions", "BatchOutcome", "run"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'extractor.batch' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)

"""Use extractor from another pipeline: sync for one article, async for many.

python examples/library_usage.py                                   # embedded model
OPENAI_BASE_URL=http://127.0.0.1:8000/v1 python examples/library_usage.py   # any OpenAI-compatible server
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from extractor import Extractor, verify
from extractor.articles import read_path

HERE = Path(__file__).parent


def one_article() -> None:
    article = next(read_path(HERE / "article.txt"))
    with Extractor() as extractor:
        result = extractor.extract(article)
    if not result.ok:
        raise SystemExit(result.error)
    for claim in sorted(result.report.claims, key=lambda c: c.confidence or 0):
        flags = ", ".join(f.code for f in claim.flags) or "-"
        print(f"{claim.confidence:.2f}  {claim.claimant} ({claim.cue}): {claim.statement}  [{flags}]")
    # Verification alone, e.g. after editing a report by hand or with a stricter policy:
    again = verify(result.report, article.text)
    print("flags after re-verifying:", sum(len(c.flags) for c in again.claims))


async def many_articles() -> None:
    async with Extractor() as extractor:
        async for result in extractor.aextract_many(read_path(HERE / "articles.jsonl"), concurrency=2):
            print(result.article_id, result.meta.tokens_in, result.meta.tokens_out, result.meta.latency_s, result.error)


if __name__ == "__main__":
    one_article()
    asyncio.run(many_articles())

"""Benchmark: instructor modes and evidence styles on the embedded model (or any server), same articles, same run.

    python benchmarks/extraction_modes.py --limit 4                       # tools vs json vs md_json, sentence ids
    python benchmarks/extraction_modes.py --variants tools:ids,tools:quotes   # evidence as ids vs verbatim quotes

Prints seconds, tokens, valid rate, claims, claims per second and grounding per variant, and
each variant's claims-per-second ratio against the first (the baseline of this run).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from extractor.articles import Article, read_path
from extractor.backends.engine.server import EngineServer
from extractor.backends.model_files import DEFAULT_MODEL_NAME
from extractor.backends.openai_compat import OpenAICompatBackend
from extractor.pipeline import Extractor, Options
from extractor.schemas.conflict_quotes import QuoteConflictReport

ROOT = Path(__file__).resolve().parents[1]

EVIDENCE_STYLES = {"ids": ("extract", None), "quotes": ("extract_quotes", QuoteConflictReport)}


def articles_for(paths: list[str], limit: int) -> list[Article]:
    found: list[Article] = []
    for pattern in paths:
        for path in sorted(ROOT.glob(pattern)) if not Path(pattern).is_absolute() else [Path(pattern)]:
            found.extend(read_path(path))
    return found[:limit]


async def run_variant(base_url: str, mode: str, style: str, articles: list[Article]) -> dict[str, Any]:
    prompt, schema = EVIDENCE_STYLES[style]
    backend = OpenAICompatBackend(base_url=base_url, model=DEFAULT_MODEL_NAME, mode=mode)
    kwargs: dict[str, Any] = {"prompt": prompt, "options": Options(verify=False)}
    if schema is not None:
        kwargs["schema"] = schema
    extractor = Extractor(backend, **kwargs)
    rows = []
    for article in articles:
        started = time.perf_counter()
        result = await extractor.aextract(article)
        seconds = time.perf_counter() - started
        spans = [
            s for item in ([*result.report.events, *result.report.claims] if result.report else []) for s in item.spans
        ]
        rows.append(
            {
                "article": article.id,
                "seconds": seconds,
                "ok": result.ok,
                "attempts": len(result.meta.attempts),
                "tokens_in": result.meta.tokens_in,
                "tokens_out": result.meta.tokens_out,
                "claims": len(result.report.claims) if result.report else 0,
                "spans": len(spans),
                "exact": sum(s.status == "exact" for s in spans),
                "found": sum(s.status != "not_found" for s in spans),
            }
        )
        print(f"  {mode}:{style} {article.id}: {seconds:.1f} s, {rows[-1]}", file=sys.stderr)
    await extractor.aclose()
    total = sum(r["seconds"] for r in rows)
    spans = sum(r["spans"] for r in rows) or 1
    return {
        "variant": f"{mode}:{style}",
        "articles": len(rows),
        "seconds_total": round(total, 1),
        "seconds_median": round(statistics.median(r["seconds"] for r in rows), 1),
        "valid_rate": sum(r["ok"] for r in rows) / len(rows),
        "attempts_mean": statistics.mean(r["attempts"] for r in rows),
        "tokens_out_mean": round(statistics.mean(r["tokens_out"] for r in rows)),
        "claims": sum(r["claims"] for r in rows),
        "claims_per_s": round(sum(r["claims"] for r in rows) / total, 3),
        "grounded_share": round(sum(r["found"] for r in rows) / spans, 3),
        "exact_share": round(sum(r["exact"] for r in rows) / spans, 3),
        "rows": rows,
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variants", default="tools:ids,json:ids,md_json:ids", help="mode:evidence,...")
    parser.add_argument("--articles", nargs="+", default=["examples/article.txt", "tests/data/short_article.txt"])
    parser.add_argument("--limit", type=int, default=4)
    parser.add_argument("--base-url", help="an OpenAI-compatible server; default: start the embedded model")
    parser.add_argument("--json", type=Path, help="write the numbers here too")
    args = parser.parse_args()
    articles = articles_for(args.articles, args.limit)
    server = None if args.base_url else EngineServer().start()
    base_url = args.base_url or server.base_url  # type: ignore[union-attr]
    try:
        # Warm the server's prompt cache once so no variant pays the first-request cost alone.
        await run_variant(base_url, "tools", "ids", articles[:1])
        results = []
        for variant in args.variants.split(","):
            mode, style = variant.split(":")
            results.append(await run_variant(base_url, mode, style, articles))
    finally:
        if server:
            server.stop()
    baseline = results[0]["claims_per_s"] or 1e-9
    print(f"{'variant':18} {'valid':>6} {'att.':>5} {'s/art':>6} {'tok out':>8} {'claims':>7} {'claims/s':>9} "
          f"{'ratio':>6} {'grounded':>9} {'exact':>6}")  # fmt: skip
    for r in results:
        print(
            f"{r['variant']:18} {r['valid_rate']:6.0%} {r['attempts_mean']:5.2f} {r['seconds_median']:6.1f} "
            f"{r['tokens_out_mean']:8d} {r['claims']:7d} {r['claims_per_s']:9.3f} {r['claims_per_s'] / baseline:6.2f} "
            f"{r['grounded_share']:9.0%} {r['exact_share']:6.0%}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    asyncio.run(main())

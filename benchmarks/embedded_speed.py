"""Benchmark: the embedded model on the old stack and the new one, same articles, same run, same machine.

    python benchmarks/embedded_speed.py                   # example + 4 dev gold articles, both stacks
    python benchmarks/embedded_speed.py --stacks new --dev 8

- old: ``llama_cpp.server`` (llama-cpp-python 0.3.36, ``pip install -e '.[old-engine]'``), instructor ``tools`` mode
- new: llama.cpp's ``llama-server`` (``extractor engine --build``), mode ``gbnf`` (whitespace-free grammar)

Per stack it prints prompt and output tokens, seconds with the prompt cold and warm, median and p95 per
article, decode tokens/s (server-side, from the output tokens and the time after the prompt), the eval
metrics of the dev articles against their gold labels (so speed is never bought with quality), and every
figure's ratio new/old. For the new stack it also times the CLI as a user runs it: the first
``extractor extract examples/article.txt`` in a fresh process with no saved prompt state, then the same in
a new process that restores the saved state from disk. Run it on a quiet machine: a second CPU-heavy
process halves llama.cpp's speed on 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from extractor.articles import Article, read_path
from extractor.backends.engine.server import EngineServer, EngineSettings
from extractor.backends.model_files import DEFAULT_MODEL_NAME
from extractor.backends.openai_compat import OpenAICompatBackend
from extractor.evaluation import load_gold
from extractor.evaluation.report import build_report
from extractor.pipeline import Extractor
from extractor.results import Result

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "article.txt"
OUT = ROOT / "out" / "embedded_speed_example.json"
HEADLINE = ("events_f1", "claims_f1", "claimant_accuracy", "flag_f1", "auroc", "schema_valid_rate")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def start_old() -> tuple[Any, str]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from old_stack import OldStackServer  # llama_cpp.server: benchmark-only

    server = OldStackServer().start()
    return server, server.base_url


def start_new() -> tuple[Any, str]:
    server = EngineServer(EngineSettings(keep_prompt_state=False)).start()
    return server, server.base_url


STACKS = {"old": (start_old, "tools"), "new": (start_new, "gbnf")}


async def run_stack(name: str, articles: list[Article]) -> list[Result[Any]]:
    start, mode = STACKS[name]
    server, base_url = start()
    extractor = Extractor(OpenAICompatBackend(base_url=base_url, model=DEFAULT_MODEL_NAME, mode=mode))
    results = []
    try:
        for article in articles:  # the first article meets a cold prompt cache, the rest a warm prefix
            results.append(await extractor.aextract(article))
            meta = results[-1].meta
            print(f"  {name} {article.id}: {meta.tokens_in}+{meta.tokens_out} tokens, {meta.latency_s:.1f} s, "
                  f"{len(meta.attempts)} attempt(s){'' if results[-1].ok else ' FAILED'}", file=sys.stderr)  # fmt: skip
    finally:
        await extractor.aclose()
        server.stop()
    return results


def summary(results: list[Result[Any]]) -> dict[str, float]:
    seconds = [r.meta.latency_s or 0.0 for r in results]
    warm = seconds[1:] or seconds
    out_tokens = sum(r.meta.tokens_out or 0 for r in results)
    return {
        "prompt_tokens": statistics.mean(r.meta.tokens_in or 0 for r in results),
        "output_tokens": statistics.mean(r.meta.tokens_out or 0 for r in results),
        "s_cold_first": seconds[0],
        "s_median_warm": statistics.median(warm),
        "s_p95_warm": p95(warm),
        "s_max": max(seconds),
        "output_tokens_per_s": out_tokens / sum(seconds),
        "attempts": statistics.mean(len(r.meta.attempts) for r in results),
    }


def time_cli(clear_state: bool) -> float:
    state = Path(EngineSettings().slot_dir())
    if clear_state:
        shutil.rmtree(state, ignore_errors=True)
    OUT.parent.mkdir(exist_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).parent / "extractor"), "extract", str(EXAMPLE), "--out", str(OUT), "-q",
         "--no-cache", "--no-log", "--fresh"],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stacks", default="old,new", help="comma-separated: old, new (old first: the baseline)")
    parser.add_argument("--dev", type=int, default=4, help="how many dev gold articles besides the example")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    gold = [g for g in load_gold(ROOT / "eval" / "gold") if g.split == "dev"][: args.dev]
    articles = [next(read_path(EXAMPLE)), *(g.article for g in gold)]
    figures: dict[str, dict[str, float]] = {}
    for name in args.stacks.split(","):
        results = asyncio.run(run_stack(name, articles))
        figures[name] = summary(results)
        headline = build_report(gold, results[1:]).headline
        figures[name].update({k: float(headline.get(k) or 0.0) for k in HEADLINE})
    if "new" in figures:
        figures["new"]["cli_first_call_s"] = time_cli(clear_state=True)
        figures["new"]["cli_next_call_s"] = time_cli(clear_state=False)
    names = list(figures)
    keys = list(dict.fromkeys(k for f in figures.values() for k in f))
    print(f"{'figure':<22}" + "".join(f"{n:>12}" for n in names) + ("   new/old" if len(names) == 2 else ""))
    for key in keys:
        values = [figures[n].get(key) for n in names]
        row = f"{key:<22}" + "".join(f"{v:>12.2f}" if v is not None else f"{'-':>12}" for v in values)
        if len(names) == 2 and all(values) and values[0]:
            row += f"   {values[1] / values[0]:.2f}"
        print(row)
    print(f"articles: example + {len(gold)} dev ({', '.join(g.id for g in gold)}); quality on the dev ones")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()

"""A prompt, schema or backend change judged live against live: base branch (A) and this checkout (B), one server.

    python tools/eval_pr.py --base main                      # the embedded model, the fixed dev subset
    python tools/eval_pr.py --base main --all --base-url URL --model NAME   # the whole gold set on an endpoint

A is the base branch's code, prompts and schemas (``git archive BASE``, imported from a temp folder); B is this
checkout. Both run ``extractor eval run`` against the same server, one after the other: the embedded model
served once by ``extractor serve`` on 127.0.0.1 (mode gbnf, one request at a time, as the embedded default
runs), or the endpoint given. Both runs are scored by B's scorer, and ``eval compare`` prints A, B, B - A with
paired bootstrap intervals and gates: exit 1 when a headline metric dropped significantly (its paired interval
excludes zero) by at least ``--max-drop``. Everything lands in ``--out`` (summary.md for a job page).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUBSET = ROOT / "eval" / "pr_subset.txt"
BIN = Path(sys.executable).parent
EMBEDDED_MODEL = "qwen2.5-coder-1.5b-instruct"  # the alias `extractor serve` gives the embedded model


def subset_ids(path: Path) -> list[str]:
    """Article ids, one a line (``#`` comments and blank lines ignored)."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def gold_folder(ids: list[str] | None, into: Path) -> Path:
    """The gold set, or only ``ids`` of it, copied into ``into`` (both runs read the same files)."""
    source = ROOT / "eval" / "gold"
    into.mkdir(parents=True)
    chosen = ids if ids is not None else sorted(p.name.removesuffix(".gold.json") for p in source.glob("*.gold.json"))
    for article in chosen:
        for suffix in (".txt", ".gold.json"):
            if not (source / f"{article}{suffix}").is_file():
                raise SystemExit(f"eval_pr: {source / (article + suffix)} does not exist: fix {SUBSET.name}")
            shutil.copy(source / f"{article}{suffix}", into / f"{article}{suffix}")
    return into


def base_checkout(base: str, into: Path) -> Path:
    """The base revision's files (``git archive``), without touching this checkout."""
    archive = into.with_suffix(".tar")
    subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", "-o", str(archive), base], check=True)
    into.mkdir(parents=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="tar")
    return into


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int, log: Path) -> subprocess.Popen[bytes]:
    """``extractor serve`` on 127.0.0.1:``port``, ready when its health check answers."""
    process = subprocess.Popen([str(BIN / "extractor"), "serve", "--port", str(port)],
                               stdout=log.open("wb"), stderr=subprocess.STDOUT)  # fmt: skip
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"eval_pr: the server exited ({process.returncode}); see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as answer:
                if answer.status == 200:
                    return process
        except OSError:
            time.sleep(1)
    process.terminate()
    raise SystemExit(f"eval_pr: the server did not answer within 300 s; see {log}")


def run_side(name: str, code: Path | None, gold: Path, server: list[str], out: Path) -> float:
    """One side's ``eval run`` (``code``: a folder whose ``extractor`` package is imported first); seconds taken."""
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(code), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    command = [str(BIN / "python"), "-c", "from extractor.cli import app; app()", "eval", "run", "--gold", str(gold),
               "--split", "all", *server, "--results", str(out / f"{name}.jsonl"), "--table", "none"]  # fmt: skip
    started = time.monotonic()
    subprocess.run(command, env=env, cwd=code or ROOT, check=True)
    return time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--base", default="main", help="git revision of A (default main)")
    parser.add_argument("--all", action="store_true", help="the whole gold set, not eval/pr_subset.txt")
    parser.add_argument("--base-url", help="an OpenAI-compatible endpoint instead of the embedded model")
    parser.add_argument("--model", help="the model name on --base-url")
    parser.add_argument("--max-drop", default="0.02", help="smallest drop that fails, if significant")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "eval-pr")
    args = parser.parse_args(argv)

    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    work = Path(tempfile.mkdtemp(prefix="eval-pr-"))
    gold = gold_folder(None if args.all else subset_ids(SUBSET), work / "gold")
    base = base_checkout(args.base, work / "base")
    server_process = None
    if args.base_url:
        server = ["--base-url", args.base_url] + (["--model", args.model] if args.model else [])
    else:
        port = free_port()
        server_process = start_server(port, args.out / "server.log")
        server = ["--base-url", f"http://127.0.0.1:{port}/v1", "--model", EMBEDDED_MODEL, "--mode", "gbnf",
                  "--concurrency", "1"]  # fmt: skip
    try:
        seconds = {side: run_side(side, code, gold, server, args.out) for side, code in (("A", base), ("B", None))}
    finally:
        if server_process is not None:
            server_process.terminate()
            server_process.wait(timeout=30)
    score = [str(BIN / "extractor"), "eval"]
    subprocess.run([*score, "score", str(args.out / "A.jsonl"), "--gold", str(gold), "--split", "all",
                    "--json", str(args.out / "A.json"), "--table", "none"], check=True)  # fmt: skip
    compared = subprocess.run([*score, "compare", str(args.out / "B.jsonl"), "--report-a", str(args.out / "A.json"),
                               "--gold", str(gold), "--split", "all", "--baseline", str(args.out / "A.json"),
                               "--max-drop", args.max_drop, "--markdown", str(args.out / "summary.md")])  # fmt: skip
    articles = len(list(gold.glob("*.gold.json")))
    timing = f"\n{articles} articles; A {seconds['A']:.0f} s, B {seconds['B']:.0f} s (base {args.base})\n"
    with (args.out / "summary.md").open("a", encoding="utf-8") as summary:
        summary.write(timing)
    print(timing.strip())
    return compared.returncode


if __name__ == "__main__":
    raise SystemExit(main())

"""The claim checks' reference in docs/verification.md, written from the check registry.

    python tools/verification_docs.py            # rewrite the block
    python tools/verification_docs.py --check    # exit 1 when it no longer matches the code

The block between ``<!-- checks:start -->`` and ``<!-- checks:end -->`` gets one section per module of
extractor/verification/checks/, in the order the checks run: the module's docstring, the flag codes it raises
with their meaning (``claim_checks()``, the same registry ``FLAG_CODES`` comes from), and the confidence
signals it sets with their default weight and the weight that ships in extractor/verification/weights.toml.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import tomllib
from typing import Any

from doc_blocks import ROOT, Block, run

DOC = ROOT / "docs" / "verification.md"
CHECKS = "extractor/verification/checks"
WEIGHTS = ROOT / "extractor" / "verification" / "weights.toml"


def prose(docstring: str | None) -> list[str]:
    """A module docstring as Markdown: paragraphs joined into one line each, indented lines (examples) as a list,
    reST double backticks and roles as code spans."""
    text = re.sub(r"``([^`]+)``", r"`\1`", (docstring or "").strip())
    text = re.sub(r":(?:func|class|mod|meth):`~?([^`]+)`", r"`\1`", text)
    lines: list[str] = []
    for part in re.split(r"\n\s*\n", text):
        flowing = [line for line in part.splitlines() if line.strip() and not line.startswith((" ", "\t"))]
        indented = [line for line in part.splitlines() if line.strip() and line.startswith((" ", "\t"))]
        if flowing:
            lines += [" ".join(" ".join(flowing).split()), ""]
        if indented:
            lines += [f"- {' '.join(line.split())}" for line in indented] + [""]
    return lines


def weight(value: float | None) -> str:
    return "–" if value is None else f"{value:+.3f}".replace("-", "−")


def checks_block() -> list[str]:
    from extractor.verification.checks import claim_checks

    shipped = tomllib.loads(WEIGHTS.read_text(encoding="utf-8"))
    adjust = shipped.get("adjust", {})
    modules: dict[str, list[Any]] = {}
    for check in claim_checks():
        modules.setdefault(check.run.__module__, []).append(check)
    lines = [
        f"The {len(modules)} check modules, in the order they run on every claim. The confidence of a claim is "
        f"{shipped['base']:.3f} plus the weight of each signal it shows, kept between {shipped['floor']:.2f} and "
        f"{shipped['ceiling']:.2f} (`extractor/verification/weights.toml`). A signal the weights file does not "
        "name (– below) takes the check's default weight, with a warning.",
        "",
        "| order | module | flag codes |",
        "|---:|---|---|",
    ]
    for module, checks in modules.items():
        short = module.rsplit(".", 1)[-1]
        codes = ", ".join(f"`{code}`" for check in checks for code in check.codes) or "none (confidence only)"
        lines.append(f"| {checks[0].order} | [`{short}`](#{short}) | {codes} |")
    for module, checks in modules.items():
        short = module.rsplit(".", 1)[-1]
        lines += ["", f"### {short}", "", *prose(importlib.import_module(module).__doc__)]
        codes = {code: meaning for check in checks for code, meaning in check.codes.items()}
        if codes:
            lines += ["| flag code | meaning |", "|---|---|", *(f"| `{c}` | {m} |" for c, m in codes.items()), ""]
        else:
            lines += ["Raises no flag: it only moves the confidence.", ""]
        signals = {name: value for check in checks for name, value in check.weights.items()}
        if signals:
            lines += ["| confidence signal | default weight | shipped weight |", "|---|---:|---:|"]
            lines += [f"| `{name}` | {weight(value)} | {weight(adjust.get(name))} |"
                      for name, value in signals.items()]  # fmt: skip
            lines.append("")
        order = ", ".join(str(check.order) for check in checks)
        lines.append(f"Order {order}; source `{CHECKS}/{short}.py`.")
    return lines


def blocks() -> list[Block]:
    return [Block(DOC, "checks", checks_block, CHECKS, "python tools/verification_docs.py")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when the block is stale")
    args = parser.parse_args(argv)
    return run(blocks(), args.check)


if __name__ == "__main__":
    sys.exit(main())

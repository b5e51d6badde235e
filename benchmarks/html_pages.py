"""Size and load time of the review page for 1 and 1,000 articles, in headless system Chromium.

    .venv/bin/python benchmarks/html_pages.py [--repeat 3]

The articles repeat the hand-built example of tests/html/htmlfixtures.py with different ids (5 claims,
1 event, ~560 characters of text each). Load time is the navigation's loadEventEnd; "ready" adds the
first layout (a forced reflow after load). Needs Playwright (dev extra) and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "html"))

from htmlfixtures import ARTICLE, result
from playwright.sync_api import sync_playwright

from extractor.html import ArticleView, write_review_html

ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=ARGS, headless=True)
        print(f"{'articles':>8} {'size':>9} {'build s':>8} {'load ms':>8} {'ready ms':>9}")
        for count in (1, 1000):
            started = time.perf_counter()
            views = [ArticleView(result(f"article-{i:04d}", f"Article {i}"), ARTICLE) for i in range(count)]
            path = write_review_html(views, Path(folder) / f"review-{count}.html")
            build = time.perf_counter() - started
            loads, readies = [], []
            for _ in range(args.repeat):
                page = browser.new_page()
                started = time.perf_counter()
                page.goto(path.as_uri(), wait_until="load")
                page.evaluate("() => document.body.getBoundingClientRect().height")
                readies.append((time.perf_counter() - started) * 1000)
                loads.append(page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd"))
                page.close()
            size = path.stat().st_size
            print(
                f"{count:>8} {size / 1e6:>7.2f}MB {build:>8.2f} {statistics.median(loads):>8.0f} "
                f"{statistics.median(readies):>9.0f}"
            )
        browser.close()


if __name__ == "__main__":
    main()

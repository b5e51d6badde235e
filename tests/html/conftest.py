"""Browser fixtures: headless system Chromium (Debian package ``chromium``) driven by Playwright.

Tests marked ``browser`` FAIL (never skip) when the browser cannot be had: `.ci/run` installs it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("EXTRACTOR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
INSTALL_HINT = (
    "install it: apt-get install -y chromium && .venv/bin/pip install playwright "
    "(never `playwright install`; .ci/run does both)"
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: opens generated pages in headless Chromium (fails without it)")


@pytest.fixture(scope="module")  # a module: the sync API holds an event loop until it stops
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"the browser tests need Playwright for Python: {INSTALL_HINT}", pytrace=False)
    if not Path(CHROMIUM).exists():
        pytest.fail(f"the browser tests need Chromium at {CHROMIUM}: {INSTALL_HINT}", pytrace=False)
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        except Exception as exc:  # the message says what is missing
            pytest.fail(f"Chromium at {CHROMIUM} would not start ({exc}); {INSTALL_HINT}", pytrace=False)
        yield chromium
        chromium.close()


@dataclass
class Opened:
    """A page opened from disk, with what it asked the network for and what it logged."""

    page: Any
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    load_ms: float = 0.0


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """``open_page(path)``: load a file in a fresh page; every non-file request is recorded and aborted."""
    contexts = []

    def opener(path: Path, width: int = 1280, height: int = 900) -> Opened:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page)

        def route(route: Any) -> None:
            url = route.request.url
            opened.requests.append(url)
            if url.startswith("file://"):
                route.continue_()
            else:
                opened.blocked.append(url)
                route.abort()

        context.route("**/*", route)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("requestfailed", lambda r: None if r.url.startswith("file://") else opened.blocked.append(r.url))
        page.goto(path.resolve().as_uri(), wait_until="load")
        opened.load_ms = page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime; }"
        )
        return opened

    yield opener
    for context in contexts:
        context.close()

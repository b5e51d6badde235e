"""The generated pages in headless Chromium: nothing leaves the file, nothing planted runs, clicks and filters work.

Set EXTRACTOR_DOCS_SCREENSHOTS=1 to also write the README's screenshots (docs/review.png, docs/eval-report.png).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from htmlfixtures import ARTICLE, failed_result, gold_article, hostile_result, result

from extractor.evaluation import build_report
from extractor.html import ArticleView, anchor_id, write_eval_html, write_review_html
from extractor.html.eval_page import article_details

pytestmark = pytest.mark.browser
DOCS = Path(__file__).resolve().parents[2] / "docs"


def _clean(opened: Any) -> None:
    assert opened.errors == [], opened.errors
    assert opened.blocked == [], f"requests left the file: {opened.blocked}"
    assert all(url.startswith("file://") for url in opened.requests)


def _screenshot(page: Any, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000 and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("EXTRACTOR_DOCS_SCREENSHOTS") == "1":
        DOCS.mkdir(exist_ok=True)
        (DOCS / name).write_bytes(path.read_bytes())
    return path


@pytest.fixture
def review_page(tmp_path: Path) -> Path:
    hostile, text = hostile_result()
    views = [ArticleView(result(), ARTICLE), ArticleView(hostile, text), ArticleView(failed_result(), ARTICLE)]
    return write_review_html(views, tmp_path / "review.html")


def test_review_page_loads_offline_and_planted_markup_never_runs(open_page: Any, review_page: Path) -> None:
    opened = open_page(review_page)
    _clean(opened)
    page = opened.page
    assert page.evaluate("() => window.pwned") is None
    assert page.locator("article.doc").count() == 3
    assert page.locator("script").count() == 1
    hostile = page.locator("article.doc").nth(1)
    assert "<script>window.pwned = 1</script>" in hostile.locator(".text").inner_text()
    hostile.locator("mark").first.hover()
    assert page.evaluate("() => window.pwned") is None


def test_clicking_a_claim_scrolls_to_and_marks_its_span_and_back(open_page: Any, review_page: Path) -> None:
    page = open_page(review_page, height=500).page
    ref = f"{anchor_id('qaryat-depot')}-c5"
    button = page.locator(f'button.jump[data-ref="{ref}"]')
    button.click()
    mark = page.locator(f'mark[data-refs~="{ref}"]').first
    assert "active" in (mark.get_attribute("class") or "")
    in_view = "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    assert mark.is_visible() and page.evaluate(in_view, mark.element_handle())
    assert page.evaluate("() => document.activeElement.tagName") == "MARK"
    assert page.locator("#back").is_visible()
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.activeElement.dataset.ref") == ref
    # keyboard only: focus the claim and press Enter
    other = f"{anchor_id('qaryat-depot')}-c3"
    page.locator(f'button.jump[data-ref="{other}"]').focus()
    page.keyboard.press("Enter")
    assert "active" in (page.locator(f'mark[data-refs~="{other}"]').first.get_attribute("class") or "")
    assert "active" not in (mark.get_attribute("class") or "")
    page.keyboard.press("Enter")  # on the mark: back to the claim
    assert page.evaluate("() => document.activeElement.dataset.ref") == other


def test_filters_change_what_is_shown(open_page: Any, review_page: Path, tmp_path: Path) -> None:
    page = open_page(review_page).page
    visible_rows = "() => [...document.querySelectorAll('tr.claim')].filter(r => r.offsetParent !== null).length"
    assert page.evaluate(visible_rows) == 10
    page.select_option("#f-code", "anonymous_source")
    assert page.evaluate(visible_rows) == 2
    assert page.locator("article.doc:visible").count() == 2  # the failed article has no claims
    assert page.locator("#nav li:visible").count() == 2
    page.select_option("#f-code", "all")
    page.locator("#f-conf").fill("0.4")
    assert page.evaluate(visible_rows) == 4  # 0.35 and 0.18 in each of the two reports
    assert "4 claim(s) in 2 article(s)" in page.locator("#f-status").inner_text()
    page.locator("#f-conf").fill("1")
    assert page.evaluate(visible_rows) == 10 and page.locator("article.doc:visible").count() == 3
    page.locator(f'button.jump[data-ref="{anchor_id("qaryat-depot")}-c1"]').click()
    page.evaluate("() => document.getElementById('main').scrollTo(0, 0)")
    _screenshot(page, tmp_path, "review.png")


def test_the_hashed_script_runs_under_the_policy_and_enter_in_the_filters_stays(
    open_page: Any, review_page: Path
) -> None:
    opened = open_page(review_page)
    page = opened.page
    url = page.url
    page.locator("#f-conf").fill("0.4")
    assert "claim(s) in" in page.locator("#f-status").inner_text()  # the script ran: the policy allowed it
    page.evaluate("() => document.getElementById('filters').requestSubmit()")  # as Enter in a field would
    page.wait_for_timeout(300)
    assert page.url == url and page.locator("#f-conf").input_value() == "0.4"  # not submitted, not reloaded
    _clean(opened)  # a blocked script or handler would log a CSP violation


def test_eval_report_page(open_page: Any, tmp_path: Path) -> None:
    gold, results = [gold_article(), gold_article("no-answer")], [result(), failed_result()]
    report = build_report(gold, results)
    write_review_html([ArticleView(r, ARTICLE) for r in results], tmp_path / "report.review.html")
    path = write_eval_html(
        report, tmp_path / "report.html", baseline=build_report(gold[:1], results[:1]), failures=[
            "schema_valid_rate dropped by 0.500 (1.000 → 0.500; allowed 0.020)"], max_drop=0.02,
        details=article_details(gold, results), review_href="report.review.html",
    )  # fmt: skip
    opened = open_page(path, height=1400)
    _clean(opened)
    page = opened.page
    assert page.locator("svg").count() == 3
    assert "ECE" in page.locator("#reliability").inner_text()
    assert "Gate: failed" in page.inner_text("body")
    _screenshot(page, tmp_path, "eval-report.png")
    page.locator(f"#row-{anchor_id('qaryat-depot')} a").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"report.review.html#{anchor_id('qaryat-depot')}")
    assert page.locator(f"#{anchor_id('qaryat-depot')}").is_visible()
    assert opened.blocked == [] and opened.errors == []


def test_a_thousand_articles(open_page: Any, tmp_path: Path) -> None:
    views = [ArticleView(result(f"article-{i:04d}", f"Article {i}"), ARTICLE) for i in range(1000)]
    path = write_review_html(views, tmp_path / "many.html")
    opened = open_page(path)
    _clean(opened)
    page = opened.page
    size_mb = path.stat().st_size / 1e6
    print(f"1000 articles: {size_mb:.1f} MB, load {opened.load_ms:.0f} ms")
    assert size_mb < 30
    assert page.locator("article.doc").count() == 1000
    last = f"{anchor_id('article-0999')}-c5"
    page.locator(f'button.jump[data-ref="{last}"]').click()
    assert "active" in (page.locator(f'mark[data-refs~="{last}"]').first.get_attribute("class") or "")
    page.select_option("#f-code", "state_involvement_unsupported")
    assert "1000 claim(s) in 1000 article(s)" in page.locator("#f-status").inner_text()

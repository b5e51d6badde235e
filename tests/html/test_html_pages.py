"""The HTML pages without a browser: escaping, highlighting, the review command and the eval report."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

import pytest
from htmlfixtures import ARTICLE, failed_result, gold_article, hostile_result, result, span
from typer.testing import CliRunner

from extractor import redact
from extractor.cli import app
from extractor.evaluation import build_report
from extractor.html import ArticleView, anchor_id, eval_html, review_html
from extractor.html.eval_page import article_details
from extractor.html.review import _segments


def test_article_text_and_model_output_are_escaped() -> None:
    res, text = hostile_result()
    page = review_html([ArticleView(res, text)])
    assert "<script>window.pwned" not in page and "<img src" not in page
    assert '" onmouseover=' not in page and 'onerror="window' not in page
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in page
    assert page.count("<script>") == 1  # ours, at the end


def test_page_is_self_contained() -> None:
    page = review_html([ArticleView(result(), ARTICLE)])
    for needle in ("http://", "https://", "<link", "@import", "src="):
        assert needle not in page, needle


def test_segments_split_at_every_boundary_and_keep_the_text() -> None:
    text = "aaaa bbbb cccc"
    pieces = _segments(text, [(0, 9, "c1", "C1", "high"), (5, 14, "c2", "C2", "low")])
    assert "".join(p["text"] for p in pieces if p["kind"] != "label") == text
    marks = [p for p in pieces if p["kind"] == "mark"]
    assert [(m["text"], m["refs"], m["level"]) for m in marks] == [
        ("aaaa ", "c1", "high"), ("bbbb", "c1 c2", "low"), (" cccc", "c2", "low"),
    ]  # fmt: skip


def test_flagged_claims_come_first_and_labels_do_not_rely_on_colour() -> None:
    page = review_html([ArticleView(result(), ARTICLE)])
    statements = ["a foreign government supplied the drones", "nine workers were killed", "the Northern Front had no"]
    table = page[page.index('<table class="claims">') :]
    positions = [table.index(s) for s in statements]
    assert positions == sorted(positions)
    assert "low confidence" in page and "⚑ anonymous_source" in page


def test_anchor_ids_are_stable_safe_and_distinct() -> None:
    assert anchor_id("g001") == anchor_id("g001")
    assert anchor_id("a b") != anchor_id("a_b")
    assert all(c.isalnum() or c in "-_" for c in anchor_id('x"><script>'))


def test_review_command_writes_one_page(tmp_path: Path) -> None:
    results = tmp_path / "run.jsonl"
    results.write_text(
        "\n".join(json.dumps(r.to_json_dict()) for r in (result(), failed_result())) + "\n", encoding="utf-8"
    )
    texts = tmp_path / "articles.jsonl"
    texts.write_text(
        "\n".join(json.dumps({"id": i, "text": ARTICLE}) for i in ("qaryat-depot", "no-answer")) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "site" / "review.html"
    run = CliRunner().invoke(app, ["review", str(results), "--text", str(texts), "-o", str(out)])
    assert run.exit_code == 0, run.output
    page = out.read_text(encoding="utf-8")
    assert "Drones hit fuel depot near Qaryat" in page and "no valid answer after 3 attempts" in page


def test_review_command_needs_the_text(tmp_path: Path) -> None:
    results = tmp_path / "run.jsonl"
    results.write_text(json.dumps(result().to_json_dict()) + "\n" + json.dumps(failed_result().to_json_dict()))
    other = tmp_path / "other.txt"
    other.write_text("Some other article.", encoding="utf-8")
    run = CliRunner().invoke(app, ["review", str(results), "--text", str(other), "-o", str(tmp_path / "r.html")])
    assert run.exit_code == 2
    assert "no article text for 2 result(s)" in run.output
    assert not (tmp_path / "r.html").exists()


def test_eval_page_has_plots_gate_and_what_went_wrong() -> None:
    gold, res = [gold_article()], [result()]
    report = build_report(gold, res)
    details = article_details(gold, res)
    assert details["qaryat-depot"]["missed claims"] == ["the Northern Front: the depot was hit by a stray missile"]
    assert any("carried out the attack" in w for w in details["qaryat-depot"]["wrongly flagged"])
    page = eval_html(report, baseline=report, failures=[], max_drop=0.02, details=details, review_href="r.html")
    assert page.count("<svg") == 3 and "ECE 0.397" in page
    assert "✔ Gate: passed" in page
    assert f'href="r.html#{anchor_id("qaryat-depot")}"' in page
    failed = eval_html(report, baseline=report, failures=["claims_f1 dropped by 0.1"], max_drop=0.02)
    assert "✖ Gate: failed" in failed and "claims_f1 dropped by 0.1" in failed


def test_eval_score_html_writes_the_report_and_its_review_page(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    article = gold_article()
    (gold / "qaryat-depot.txt").write_text(ARTICLE, encoding="utf-8")
    labels = article.model_dump(mode="json", exclude={"article"})
    (gold / "qaryat-depot.gold.json").write_text(json.dumps({"format": "extractor-gold/1", **labels}), "utf-8")
    results = tmp_path / "run.jsonl"
    results.write_text(json.dumps(result().to_json_dict()) + "\n", encoding="utf-8")
    out = tmp_path / "site" / "report.html"
    args = ["eval", "score", str(results), "--gold", str(gold), "--html", str(out), "--table", "none"]
    run = CliRunner().invoke(app, args)
    assert run.exit_code == 0, run.output
    page = out.read_text(encoding="utf-8")
    assert f'href="report.review.html#{anchor_id("qaryat-depot")}"' in page
    assert "the depot was hit by a stray missile" in page  # missed
    review = (tmp_path / "site" / "report.review.html").read_text(encoding="utf-8")
    assert f'id="{anchor_id("qaryat-depot")}"' in review


def _csp(page: str) -> dict[str, str]:
    """The page's Content-Security-Policy, directive name to its sources."""
    content = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert content is not None
    directives = (d.strip().split(" ", 1) for d in html.unescape(content[1]).split(";") if d.strip())
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives}


def test_the_only_script_runs_by_its_hash_not_unsafe_inline() -> None:
    res, text = hostile_result()
    page = review_html([ArticleView(result(), ARTICLE), ArticleView(res, text)])
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", page, flags=re.DOTALL)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    assert _csp(page)["script-src"] == f"'sha256-{digest}'"
    assert "unsafe-inline" not in _csp(page)["script-src"] and "addEventListener" in scripts[0]
    assert not re.search(r"<[^>]+\son[a-z]+=", page)  # an inline handler would be blocked by the hash policy
    assert _csp(eval_html(build_report([gold_article()], [result()])))["script-src"] == "'none'"


def test_bidi_controls_in_untrusted_text_are_shown_as_escapes() -> None:
    controls = "".join(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
    text = f"Reported\u202e{ARTICLE}"
    res = result(article_id=f"id\u2066{controls}", title=f"title\u202e{controls}")
    res.report.claims[0].statement = f"nine\u202d killed {controls}"
    res.report.claims[0].spans[0] = span(text, res.report.claims[0].spans[0].text, 2)
    page = review_html([ArticleView(res, text)], title="page\u2067")
    assert not any(c in page for c in controls)
    for shown in ("Reported\\u202e", "title\\u202e", "id\\u2066", "nine\\u202d killed", "page\\u2067", "\\u2069"):
        assert shown in page, shown


def test_a_registered_secret_in_a_result_or_text_never_reaches_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(redact, "_KNOWN", set())  # this test's secret stays this test's
    secret = "sk-PAGE-SENTINEL-93c1"
    redact.register_secret(secret)
    res = result(title=f"echo {secret}")
    res.report.claims[0].statement = f"the key is {secret}"
    page = review_html([ArticleView(res, ARTICLE + f"\nkey {secret}\n")])
    assert secret not in page and "the key is ***" in page and "echo ***" in page

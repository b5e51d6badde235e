"""The review page: each article's text with its evidence spans highlighted, and its events and claims.

Every printed value passes ``extractor.html.env.shown`` (secrets masked, bidi controls made visible); the
page's one script is ours, allowed by its SHA-256 in the Content-Security-Policy (no ``'unsafe-inline'``).

Results do not carry the article text (offsets refer to it), so the text is given separately:
``attach_texts`` pairs results with articles read by ``extractor.articles`` (by article id).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.articles import JSONL_SUFFIXES, TEXT_SUFFIXES, Article, read_path
from extractor.html.env import environment, packaged_script
from extractor.results import Result

HIGH, MID = 0.7, 0.4  # confidence levels: high >= 0.7 > mid >= 0.4 > low
LEVEL_LABEL = {"high": "high confidence", "mid": "medium confidence", "low": "low confidence", "none": "no confidence"}
LEVEL_ICON = {"high": "●", "mid": "◐", "low": "○", "none": "◌", "event": "◆"}


@dataclass(frozen=True)
class ArticleView:
    """One result and the text its offsets refer to (None when the text was not given)."""

    result: Result[Any]
    text: str | None


def anchor_id(article_id: str) -> str:
    """A stable HTML id for an article: readable, unique for any id (a short hash of the id is appended)."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", article_id)[:40] or "_"
    return f"a-{slug}-{hashlib.sha1(article_id.encode('utf-8')).hexdigest()[:6]}"


def read_texts(paths: Iterable[Path]) -> dict[str, Article]:
    """Articles by id from text files, JSONL files or folders of them (``<id>.txt``, ``*.jsonl``)."""
    articles: dict[str, Article] = {}
    for path in paths:
        files = (
            sorted(p for p in path.iterdir() if p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES)
            if path.is_dir()
            else [path]
        )
        for file in files:
            for article in read_path(file):
                articles[article.id] = article
    return articles


def attach_texts(results: Sequence[Result[Any]], articles: dict[str, Article]) -> tuple[list[ArticleView], list[str]]:
    """Pair each result with its article text by id (one result and one article pair up whatever their ids).

    Returns the views and the ids of results that have no text.
    """
    if len(results) == 1 and len(articles) == 1 and results[0].article_id not in articles:
        return [ArticleView(results[0], next(iter(articles.values())).text)], []
    views = [ArticleView(r, articles[r.article_id].text if r.article_id in articles else None) for r in results]
    return views, [v.result.article_id for v in views if v.text is None]


def level(confidence: float | None) -> str:
    """high / mid / low / none."""
    if confidence is None:
        return "none"
    return "high" if confidence >= HIGH else "mid" if confidence >= MID else "low"


def _located(span: Any, size: int) -> bool:
    start, end = getattr(span, "char_start", None), getattr(span, "char_end", None)
    return start is not None and end is not None and 0 <= start < end <= size


def _segments(text: str, marks: list[tuple[int, int, str, str, str]]) -> list[dict[str, Any]]:
    """Cut ``text`` at every span boundary: plain pieces, labelled span starts and highlighted pieces.

    ``marks`` are (start, end, ref, label, level); a piece covered by several spans takes the
    most worrying level (low before mid before high; events only when no claim covers it).
    """
    bounds = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    starts: dict[int, list[tuple[int, int, str, str, str]]] = {}
    for mark in marks:
        starts.setdefault(mark[0], []).append(mark)
    order = {"low": 0, "mid": 1, "none": 2, "high": 3, "event": 4}
    pieces: list[dict[str, Any]] = []
    for start, end in itertools.pairwise(bounds):
        for mark in starts.get(start, []):
            pieces.append({"kind": "label", "ref": mark[2], "label": mark[3], "level": mark[4]})
        covering = [m for m in marks if m[0] <= start and end <= m[1]]
        if not covering:
            pieces.append({"kind": "text", "text": text[start:end]})
            continue
        worst = min((m[4] for m in covering), key=lambda lv: order[lv])
        refs = list(dict.fromkeys(m[2] for m in covering))
        titles = ", ".join(dict.fromkeys(m[3] for m in covering))
        pieces.append(
            {"kind": "mark", "text": text[start:end], "refs": " ".join(refs), "level": worst, "title": titles}
        )
    return pieces


def _flags(item: Any) -> list[dict[str, str]]:
    return [{"code": f.code, "message": f.message} for f in getattr(item, "flags", None) or []]


def _span_status(item: Any) -> str:
    statuses = [s.status for s in getattr(item, "spans", None) or []]
    return ", ".join(dict.fromkeys(statuses)) or "no evidence"


def _article(view: ArticleView) -> dict[str, Any]:
    result, text = view.result, view.text or ""
    anchor = anchor_id(result.article_id)
    report = result.report
    marks: list[tuple[int, int, str, str, str]] = []
    claims, events = [], []
    for number, claim in enumerate(getattr(report, "claims", None) or [], start=1):
        ref = f"{anchor}-c{number}"
        confidence = getattr(claim, "confidence", None)
        lv = level(confidence)
        spans = [s for s in getattr(claim, "spans", None) or [] if _located(s, len(text))]
        marks += [(s.char_start, s.char_end, ref, f"C{number}", lv) for s in spans]
        flags = _flags(claim)
        claims.append({
            "number": number, "ref": ref, "statement": getattr(claim, "statement", ""),
            "claimant": getattr(claim, "claimant", ""), "cue": getattr(claim, "cue", None),
            "kind": getattr(claim, "kind", ""), "status": getattr(claim, "status", None),
            "confidence": confidence, "level": lv, "flags": flags, "located": bool(spans),
            "span_status": _span_status(claim), "codes": " ".join(f["code"] for f in flags),
        })  # fmt: skip
    for number, event in enumerate(getattr(report, "events", None) or [], start=1):
        ref = f"{anchor}-e{number}"
        spans = [s for s in getattr(event, "spans", None) or [] if _located(s, len(text))]
        marks += [(s.char_start, s.char_end, ref, f"E{number}", "event") for s in spans]
        events.append({
            "number": number, "ref": ref, "type": getattr(event, "sub_event_type", ""),
            "date": getattr(event, "date", None) or getattr(event, "date_text", None),
            "place": ", ".join(x for x in (getattr(event, "location", None), getattr(event, "country", None)) if x),
            "perpetrators": ", ".join(getattr(event, "perpetrators", []) or []),
            "targets": ", ".join(getattr(event, "targets", []) or []),
            "fatalities": getattr(event, "fatalities", None), "injured": getattr(event, "injured", None),
            "flags": _flags(event), "located": bool(spans), "span_status": _span_status(event),
        })  # fmt: skip
    claims.sort(key=lambda c: (not c["flags"], c["confidence"] if c["confidence"] is not None else 2, c["number"]))
    meta = result.meta
    attempts = [
        {"number": a.number, "ok": a.ok, "error": a.error, "tokens": f"{a.tokens_in or 0}/{a.tokens_out or 0}",
         "latency": f"{a.latency_s:.1f} s" if a.latency_s is not None else "–", "part": a.part}
        for a in meta.attempts
    ]  # fmt: skip
    return {
        "anchor": anchor,
        "id": result.article_id,
        "title": result.title or result.article_id,
        "published": result.published.isoformat() if result.published else None,
        "error": result.error,
        "has_text": view.text is not None,
        "pieces": _segments(text, marks) if view.text is not None else [],
        "claims": claims,
        "events": events,
        "flagged": sum(1 for c in claims if c["flags"]),
        "meta": [
            ("model", f"{meta.model} ({meta.backend}, mode {meta.mode})"),
            ("prompt", f"{meta.prompt}@{meta.prompt_hash}"),
            ("schema", f"{meta.schema_name}@{meta.schema_hash}"),
            ("verifier", meta.verifier or "off"),
            ("tokens", f"{meta.tokens_in} in / {meta.tokens_out} out"),
            (
                "time",
                f"{meta.latency_s:.1f} s model"
                + (f" + {meta.verify_latency_s:.2f} s verify" if meta.verify_latency_s is not None else ""),
            ),
            ("attempts", str(len(meta.attempts))),
            ("extractor", f"{meta.extractor_version}, segmenter {meta.segmenter}, temperature {meta.temperature}"),
            ("created", meta.created_at.isoformat(timespec="seconds")),
        ],
        "attempts": attempts,
    }


def review_html(views: Sequence[ArticleView], title: str = "extractor review") -> str:
    """The review page for ``views`` as one self-contained HTML document."""
    articles = [_article(v) for v in views]
    codes = Counter(f["code"] for a in articles for c in a["claims"] for f in c["flags"])
    script, script_source = packaged_script("review.js")  # allowed by its hash: no inline script else runs
    return (
        environment()
        .get_template("review.html.j2")
        .render(
            title=title,
            articles=articles,
            codes=sorted(codes.items()),
            n_claims=sum(len(a["claims"]) for a in articles),
            n_flagged=sum(a["flagged"] for a in articles),
            level_label=LEVEL_LABEL,
            level_icon=LEVEL_ICON,
            script=script,
            script_source=script_source,
        )
    )


def write_review_html(views: Sequence[ArticleView], path: Path | str, title: str = "extractor review") -> Path:
    """Write the review page (parent folders are created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(review_html(views, title), encoding="utf-8")
    return path

"""Small inline-SVG plots (no plotting library): horizontal bars and a reliability diagram.

Every value is drawn as a shape AND written as text, so no number is read from colour alone.
Labels are escaped here (these strings are inserted into the page as markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from markupsafe import Markup


def _num(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def bars(items: Sequence[tuple[str, float | None, float | None]], title: str, width: int = 520) -> Markup:
    """Horizontal bars for values in 0..1: (label, value, baseline or None); a tick marks the baseline."""
    row, label_w, right = 24, 150, 110
    plot_w = width - label_w - right
    height = row * len(items) + 30
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = label_w + tick * plot_w
        out.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 22}" stroke="#e3e3e3"/>')
        out.append(f'<text x="{x:.1f}" y="{height - 8}" font-size="10" text-anchor="middle">{tick:g}</text>')
    for index, (label, value, base) in enumerate(items):
        y = 6 + index * row
        out.append(f'<text x="{label_w - 6}" y="{y + 13}" font-size="12" text-anchor="end">{escape(label)}</text>')
        if value is not None:
            w = max(0.0, min(1.0, value)) * plot_w
            out.append(f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="14" fill="#4a78c2"/>')
        if base is not None:
            x = label_w + max(0.0, min(1.0, base)) * plot_w
            out.append(f'<line x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + 18}" stroke="#000" stroke-width="2" '
                       'stroke-dasharray="3 2"/>')  # fmt: skip
        text = _num(value) + ("" if base is None or value is None else f" ({value - base:+.3f})")
        out.append(f'<text x="{label_w + plot_w + 6}" y="{y + 13}" font-size="12">{escape(text)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def reliability(rows: Sequence[dict[str, Any]], ece: float | None, size: int = 320) -> Markup:
    """Reliability diagram: observed rate against mean confidence per bin (dots sized by count), with the diagonal."""
    pad = 40
    plot = size - pad - 12
    title = f"Reliability diagram (ECE {_num(ece)})"

    def px(x: float) -> float:
        return pad + x * plot

    def py(y: float) -> float:
        return 12 + (1 - y) * plot

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {size} {size}" width="{size}" '
        f'height="{size}" aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<rect x="{pad}" y="12" width="{plot}" height="{plot}" fill="#fafafa" stroke="#999"/>',
        f'<line x1="{px(0)}" y1="{py(0)}" x2="{px(1)}" y2="{py(1)}" stroke="#999" stroke-dasharray="4 3"/>',
    ]
    for tick in (0, 0.5, 1):
        out.append(f'<text x="{px(tick):.1f}" y="{size - 18}" font-size="10" text-anchor="middle">{tick:g}</text>')
        out.append(f'<text x="{pad - 4}" y="{py(tick) + 4:.1f}" font-size="10" text-anchor="end">{tick:g}</text>')
    out.append(f'<text x="{px(0.5)}" y="{size - 4}" font-size="11" text-anchor="middle">mean confidence</text>')
    out.append(f'<text x="10" y="{py(0.5)}" font-size="11" text-anchor="middle" '
               f'transform="rotate(-90 10 {py(0.5)})">observed: needs no flag</text>')  # fmt: skip
    total = sum(r.get("n", 0) for r in rows) or 1
    points = [r for r in rows if r.get("n") and r.get("mean_confidence") is not None and r.get("observed") is not None]
    if len(points) > 1:
        path = " ".join(f"{px(r['mean_confidence']):.1f},{py(r['observed']):.1f}" for r in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="#4a78c2" stroke-width="1.5"/>')
    for r in points:
        radius = 3 + 9 * (r["n"] / total) ** 0.5
        out.append(
            f'<circle cx="{px(r["mean_confidence"]):.1f}" cy="{py(r["observed"]):.1f}" r="{radius:.1f}" '
            f'fill="#4a78c2" fill-opacity="0.6" stroke="#1d3f7a"><title>{escape(str(r["bin"]))}: n={r["n"]}, '
            f"confidence {r['mean_confidence']:.2f}, observed {r['observed']:.2f}</title></circle>"
        )
    out.append(f'<text x="{pad + 6}" y="28" font-size="12" font-weight="600">ECE {_num(ece)}</text>')
    out.append("</svg>")
    return Markup("".join(out))

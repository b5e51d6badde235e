"""Resolve the date words an article uses ("on Wednesday", "Nov. 21", "last week") against its publication date.

News convention: a bare weekday means the most recent such day on or before publication
("on Wednesday" in a report published on a Wednesday is that same day).
"""

from __future__ import annotations

import datetime as dt
import re

from extractor.schemas.conflict import DatePrecision

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_MONTH_DAY = re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4}))?", re.I)
_DAY_MONTH = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>\d{4}))?", re.I
)
_MONTH_ONLY = re.compile(r"\b(?:in|during|since|early|late|mid-?)?\s*" + _MONTH + r"(?:\s+(?P<year>\d{4}))?\b", re.I)
_WEEKDAY = re.compile(r"\b(?P<last>last\s+|this\s+|past\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.I)

Resolved = tuple[str | None, DatePrecision | None]


def _latest_on_or_before(published: dt.date, month: int, day: int, year: int | None) -> dt.date | None:
    """A month/day without a year: the latest such date not after publication."""
    candidates = [year] if year else [published.year, published.year - 1]
    for candidate_year in candidates:
        try:
            value = dt.date(candidate_year, month, day)
        except ValueError:
            return None
        if year or value <= published:
            return value
    return None


def resolve_date(text: str | None, published: dt.date | None) -> Resolved:
    """ISO date and precision for ``text``; (None, None) when it cannot be resolved."""
    if not text:
        return None, None
    words = text.lower()
    if match := _ISO.search(text):
        try:
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"])).isoformat(), "day"
        except ValueError:
            return None, None
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        if match := pattern.search(text):
            month = MONTHS[match["month"].lower()]
            year = int(match["year"]) if match["year"] else None
            if year is None and published is None:
                return None, None
            value = _latest_on_or_before(published or dt.date(year or 1, 1, 1), month, int(match["day"]), year)
            return (value.isoformat(), "day") if value else (None, None)
    if published is None:
        return None, None
    if re.search(r"\b(today|tonight|this morning|this afternoon|this evening)\b", words):
        return published.isoformat(), "day"
    if re.search(r"\b(yesterday|last night)\b", words):
        return (published - dt.timedelta(days=1)).isoformat(), "day"
    if match := _WEEKDAY.search(text):
        target = WEEKDAYS.index(match["weekday"].lower())
        back = (published.weekday() - target) % 7
        if match["last"] and match["last"].strip().lower() == "last" and back == 0:
            back = 7
        return (published - dt.timedelta(days=back)).isoformat(), "day"
    if "weekend" in words:
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if "last weekend" in words and (published - saturday).days < 2:
            saturday -= dt.timedelta(days=7)
        return saturday.isoformat(), "week"
    if re.search(r"\b(last|past|previous) week\b", words):
        return (published - dt.timedelta(days=7)).isoformat(), "week"
    if re.search(r"\b(this week|earlier this week)\b", words):
        return published.isoformat(), "week"
    if re.search(r"\b(last|past|previous) month\b", words):
        first = published.replace(day=1) - dt.timedelta(days=1)
        return first.replace(day=1).isoformat(), "month"
    if re.search(r"\b(this month|earlier this month)\b", words):
        return published.replace(day=1).isoformat(), "month"
    if match := _MONTH_ONLY.search(text):
        month = MONTHS[match["month"].lower()]
        year = (
            int(match["year"])
            if match["year"]
            else (published.year if month <= published.month else published.year - 1)
        )
        return dt.date(year, month, 1).isoformat(), "month"
    return None, None

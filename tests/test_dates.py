"""Relative and absolute date words resolve against the publication date."""

import datetime as dt

import pytest

from extractor.dates import resolve_date

WEDNESDAY = dt.date(2023, 11, 22)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Wednesday", ("2023-11-22", "day")),  # same weekday as publication: that very day
        ("On Tuesday", ("2023-11-21", "day")),
        ("on Sunday night", ("2023-11-19", "day")),
        ("Thursday", ("2023-11-16", "day")),  # never in the future
        ("yesterday", ("2023-11-21", "day")),
        ("late last night", ("2023-11-21", "day")),
        ("today", ("2023-11-22", "day")),
        ("Nov. 21", ("2023-11-21", "day")),
        ("November 21", ("2023-11-21", "day")),
        ("21 November 2023", ("2023-11-21", "day")),
        ("Dec. 30", ("2022-12-30", "day")),  # a month-day after publication belongs to the year before
        ("2023-10-17", ("2023-10-17", "day")),
        ("over the weekend", ("2023-11-18", "week")),
        ("last week", ("2023-11-15", "week")),
        ("earlier this month", ("2023-11-01", "month")),
        ("late last month", ("2023-10-01", "month")),
        ("in October", ("2023-10-01", "month")),
    ],
)
def test_resolves_against_publication(text: str, expected: tuple[str, str]) -> None:
    assert resolve_date(text, WEDNESDAY) == expected


def test_last_weekday_on_that_weekday_means_a_week_ago() -> None:
    assert resolve_date("last Wednesday", WEDNESDAY) == ("2023-11-15", "day")


def test_relative_words_without_publication_date_stay_unresolved() -> None:
    assert resolve_date("on Wednesday", None) == (None, None)
    assert resolve_date("Nov. 21, 2023", None) == ("2023-11-21", "day")


@pytest.mark.parametrize("text", [None, "", "recently", "in the past", "Feb. 30"])
def test_unresolvable(text: str | None) -> None:
    assert resolve_date(text, WEDNESDAY) == (None, None)

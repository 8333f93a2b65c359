"""Weeks, weekends and two-digit decades grounded on the publication date.

A week or weekend is a window of days: inside one month it gives the month, across two it
gives its first day (as tests/nlp/test_dates.py states for "this week"). Publication dates
below are chosen so that the window's part of the week ("early", "late", what is left of
"this week") decides the answer.
"""

from __future__ import annotations

import pytest

from amity.nlp.dates import ground_date


@pytest.mark.parametrize(("expression", "published", "tense", "date", "precision"), [
    # weekends: 2018-06-30 is a Saturday, 2018-07-01 its Sunday
    ("last weekend", "2018-07-02", "past", "2018-06-30", "day"),
    ("the past weekend", "2018-07-02", "past", "2018-06-30", "day"),
    ("previous weekend", "2018-07-03", "past", "2018-06-30", "day"),
    ("last weekend", "2018-07-01", "past", "2018-06", "month"),  # said on a Sunday: the one before
    ("this weekend", "2018-06-27", "future", "2018-06-30", "day"),
    ("coming weekend", "2018-06-27", "future", "2018-06-30", "day"),
    ("this weekend", "2018-06-30", "past", "2018-06-30", "day"),
    ("this weekend", "2018-07-01", "past", "2018-06-30", "day"),
    ("this weekend", "2018-06-27", "past", "2018-06", "month"),  # the one just gone: 23-24 June
    ("next weekend", "2018-06-30", "past", "2018-07-07", "day"),
    # weeks: Monday 2018-07-30 to Sunday 2018-08-05 straddles two months
    ("last week", "2018-08-08", "past", "2018-07-30", "day"),
    ("previous week", "2018-07-04", "past", "2018-06-25", "day"),
    ("late last week", "2018-08-08", "past", "2018-08", "month"),  # Thursday 2 to Sunday 5 August
    ("next week", "2018-08-22", "future", "2018-08-27", "day"),
    ("early next week", "2018-08-22", "future", "2018-08", "month"),  # Monday 27 to Wednesday 29
    ("the coming week", "2018-06-27", "future", "2018-07", "month"),
    ("this week", "2018-07-04", "past", "2018-07", "month"),  # Monday 2 to Wednesday 4 July
    ("this week", "2018-09-02", "past", "2018-08-27", "day"),
    ("this week", "2018-08-29", "future", "2018-08-29", "day"),  # from today to Sunday 2 September
    ("later this week", "2018-08-29", "future", "2018-08-30", "day"),
    ("later this week", "2018-06-27", "future", "2018-06-28", "day"),
    ("earlier this week", "2018-08-31", "past", "2018-08", "month"),
    ("the past week", "2018-07-04", "past", "2018-06-28", "day"),  # the seven days to publication
    # two-digit decades: the latest that is not after the publication year
    ("the '90s", "2018-08-01", "past", "1990", "decade"),
    ("the '20s", "2018-08-01", "past", "1920", "decade"),
    ("the '10s", "2018-08-01", "past", "2010", "decade"),
    ("the '20s", "2020-05-01", "past", "2020", "decade"),
])
def test_windows_and_decades(expression: str, published: str, tense: str, date: str, precision: str) -> None:
    when = ground_date(expression, published, tense)
    assert when is not None
    assert (when.date, when.precision, when.text) == (date, precision, expression)


def test_a_grounded_date_as_a_record() -> None:
    when = ground_date("last weekend", "2018-07-02", "past")
    assert when is not None
    assert when.to_dict() == {"date": "2018-06-30", "precision": "day", "basis": "text", "text": "last weekend"}

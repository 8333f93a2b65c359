"""Date, amount and actor parsers on random text: never raise, always well-formed answers."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amity.nlp.amounts import find_amounts, parse_amount
from amity.nlp.dates import ground_date

ISO_PREFIX = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
PRECISIONS = {"day", "month", "year", "decade", "unknown"}
LENGTH = {"day": 10, "month": 7, "year": 4, "decade": 4}
DATE_WORDS = ["the", "early", "mid", "late", "last", "next", "this", "past", "ago", "since",
              "1990s", "'90s", "March", "Tuesday", "week", "year", "2018", "13", "31", "of",
              "yesterday", "-", "/", ",", "between", "and", "99999", "0", "Feb", "29th"]
AMOUNT_WORDS = ["$", "US$", "¥", "€", "RMB", "yen", "riels", "1,500", "2.3", "billion",
                "million", "trillion", "%", "percent", "doses", "troops", "9" * 400, "1e308",
                ",", ".", "(about", ")", "0", "bn", "k", "Japanese"]
PUBLISHED = st.one_of(st.none(), st.text(max_size=12),
                      st.dates().map(lambda d: d.isoformat()))
SETTINGS = settings(max_examples=150, deadline=None)


def check_when(found: object) -> None:
    if found is None:
        return
    date, precision = found.date, found.precision  # type: ignore[attr-defined]
    assert precision in PRECISIONS
    if date is None:
        return
    assert ISO_PREFIX.fullmatch(date), date
    assert len(date) == LENGTH.get(precision, len(date)), (date, precision)


@SETTINGS
@given(text=st.text(max_size=80), published=PUBLISHED, tense=st.sampled_from(["past", "future"]))
def test_ground_date_on_random_text(text: str, published: str | None, tense: str) -> None:
    check_when(ground_date(text, published, tense))


@SETTINGS
@given(words=st.lists(st.sampled_from(DATE_WORDS), min_size=1, max_size=6), published=PUBLISHED,
       tense=st.sampled_from(["past", "future"]))
def test_ground_date_on_date_like_text(words: list[str], published: str | None, tense: str) -> None:
    check_when(ground_date(" ".join(words), published, tense))


@pytest.mark.parametrize("expression", ["Feb 29", "February 29th", "29 February", "last Feb 29"])
def test_leap_day_without_year_never_raises(expression: str) -> None:
    check_when(ground_date(expression, "2019-03-01", "past"))
    check_when(ground_date(expression, "2019-03-01", "future"))


@pytest.mark.parametrize("expression", ["9999-12-31", "0001-01-01", "2018-02-30", "10000 years ago",
                                        "the past 5000 decades", "99999999999 days ago"])
def test_extreme_dates_never_raise(expression: str) -> None:
    check_when(ground_date(expression, "2018-07-30", "past"))
    check_when(ground_date(expression, "0001-01-01", "past"))
    check_when(ground_date(expression, "9999-12-31", "future"))


def check_amount(amount: object) -> None:
    if amount is None:
        return
    value = amount.value  # type: ignore[attr-defined]
    assert isinstance(value, float) and math.isfinite(value) and value >= 0, value


@SETTINGS
@given(text=st.text(max_size=120))
def test_parse_amount_on_random_text(text: str) -> None:
    check_amount(parse_amount(text))


@SETTINGS
@given(words=st.lists(st.sampled_from(AMOUNT_WORDS), min_size=1, max_size=8))
def test_amounts_on_amount_like_text(words: list[str]) -> None:
    text = " ".join(words)
    for amount in find_amounts(text):
        check_amount(amount)
        assert amount.start is not None and amount.end is not None
        assert text[amount.start:amount.end] == amount.text


def test_amount_too_big_for_a_float_is_skipped_not_infinite() -> None:
    text = "$" + "9" * 400 + " trillion and US$ 2 million"
    for amount in find_amounts(text):
        check_amount(amount)


@pytest.fixture(scope="module")
def actor_nlp():  # type: ignore[no-untyped-def]
    from amity.nlp.actors import _default_nlp

    return _default_nlp()


ACTOR_WORDS = ["Japan", "Cambodia", "'s", "Prime", "Minister", "Hun", "Sen", "Kishida", ",", "the",
               "two", "leaders", "he", "she", "his", "foreign", "minister", "government", "of",
               "Tokyo", "in", "Phnom", "Penh", "both", "sides", "ASEAN", "UN", ".", "\n\n", "said"]


@settings(max_examples=40, deadline=None)
@given(words=st.lists(st.sampled_from(ACTOR_WORDS), max_size=25), date=PUBLISHED)
def test_actor_explain_on_random_text(actor_nlp, words: list[str], date: str | None) -> None:  # type: ignore[no-untyped-def]
    from amity.nlp.actors import explain

    text = " ".join(words)
    for mention in explain(actor_nlp, text, date):
        assert isinstance(mention["code"], str) and mention["code"]
        assert isinstance(mention["why"], str)
        start, end = mention["start"], mention["end"]
        assert 0 <= start <= end <= len(text)


@settings(max_examples=25, deadline=None)
@given(text=st.text(max_size=200))
def test_actor_explain_on_random_unicode(actor_nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    from amity.nlp.actors import explain

    assert isinstance(explain(actor_nlp, text, "2018-07-30"), list)

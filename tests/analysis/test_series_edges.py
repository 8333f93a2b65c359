"""Dyad series at their edges: unknown precisions, coarse buckets, means, paging ignored.

Hand-built ``GroupHead`` records (what the store reads of each merged event) and the API's
hand-built store; every assertion is a period, a bound, a count or a mean a user reads.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from amity.analysis.series import date_label, series_points, undated_count
from amity.core import Amity
from amity.errors import UsageError
from amity.models import EventQuery, GroupHead
from tests.api.conftest import build_corpus


def head(gid: str, date: str | None, precision: str = "day", quad: str = "verbal_coop",
         goldstein: float = 1.0) -> GroupHead:
    return GroupHead(gid, date, precision, quad, goldstein, 1, [f"{gid}.txt"])


def periods(points: list) -> list[tuple[str, str, str, bool, int]]:  # type: ignore[type-arg]
    return [(p.period, p.start, p.end, p.coarse, p.n_events) for p in points]


def test_a_precision_recorded_as_unknown_is_read_from_the_date() -> None:
    heads = [head("d", "2018-07-30", "unknown"), head("m", "2018-07", "unknown"), head("y", "2018", "unknown"),
             head("bad", "2018-7", "unknown")]
    assert periods(series_points(heads, by="month")) == [
        ("2018", "2018-01-01", "2018-12-31", True, 1),
        ("2018-07", "2018-07-01", "2018-07-31", False, 2)]
    assert undated_count(heads) == 1  # only the date of no known length
    assert [date_label(h.date, h.date_precision) for h in heads] == ["2018-07-30", "2018-07", "2018", "undated"]


def test_a_coarse_bucket_sorts_before_the_finer_ones_it_holds() -> None:
    heads = [head("a", "2018-01-05"), head("b", "2018-01", "month"), head("c", "2018", "year"),
             head("d", "2018-03-02")]
    assert periods(series_points(heads, by="day")) == [
        ("2018", "2018-01-01", "2018-12-31", True, 1),
        ("2018-01", "2018-01-01", "2018-01-31", True, 1),
        ("2018-01-05", "2018-01-05", "2018-01-05", False, 1),
        ("2018-03-02", "2018-03-02", "2018-03-02", False, 1)]


def test_a_day_event_in_a_yearly_series_spans_the_whole_year() -> None:
    points = series_points([head("a", "2016-02-29"), head("b", "2016-12-31")], by="year")
    assert periods(points) == [("2016", "2016-01-01", "2016-12-31", False, 2)]


def test_goldstein_sum_and_mean_are_rounded_as_shown() -> None:
    heads = [head("a", "2018", "year", goldstein=1.0), head("b", "2018", "year", goldstein=1.0),
             head("c", "2018", "year", goldstein=0.0)]
    (point,) = series_points(heads, by="year")
    assert (point.goldstein_sum, point.goldstein_mean) == (2.0, 0.667)


def test_an_unknown_period_is_refused_by_name() -> None:
    with pytest.raises(UsageError) as caught:
        series_points([head("a", "2018")], by="week")
    assert str(caught.value) == "--by must be year, month or day, not 'week'"


@pytest.fixture
def amity(db_url: str) -> Iterator[Amity]:
    instance = Amity(db_url)
    instance.store.write(build_corpus())
    yield instance
    instance.close()


def test_a_series_ignores_the_paging_and_order_of_its_query(amity: Amity) -> None:
    paged = EventQuery(limit=1, offset=1, sort="doc")
    points = amity.dyad_series("jpn", "khm", query=paged)
    assert [(p.period, p.n_events) for p in points] == [("1993", 1), ("2015", 1), ("2019", 1)]
    series, undated = amity.series(EventQuery(actor="KHM", limit=1, offset=2, sort="doc"))
    assert [(p.period, p.n_events) for p in series] == [("1993", 1), ("2015", 1), ("2018", 1), ("2019", 1)]
    assert undated == 0

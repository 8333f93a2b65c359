"""Dyad series buckets and Goldstein sums; timelines ordered with dates shown as written.

Pure: the merged events are built by hand from the corpus records (no database).
"""

from __future__ import annotations

import pytest

from amity.analysis.series import SeriesPoint, date_label, series_of, series_points, undated_count
from amity.analysis.timeline import timeline_entries, timeline_order
from amity.errors import UsageError
from amity.models import GroupHead, MergedEvent
from tests.analysis.conftest import corpus
from tests.analysis.helpers import involving, merge_by_hand


@pytest.fixture
def merged() -> list[MergedEvent]:
    return merge_by_hand(corpus())


def _series(merged: list[MergedEvent], by: str = "year") -> dict[str, SeriesPoint]:
    return {p.period: p for p in series_of(involving(merged, "JPN", "KHM"), by)}


def test_yearly_series_counts_merged_events_and_sums_goldstein(merged: list[MergedEvent]) -> None:
    points = _series(merged)
    assert list(points) == ["2015", "2016", "2018"]
    y2015 = points["2015"]
    # the bridge grant (two reports, one event) and two different aid totals: 3 events, 4 reports
    assert (y2015.n_events, y2015.reports, y2015.material_coop) == (3, 4, 3)
    assert y2015.goldstein_sum == pytest.approx(7.4 + 7.0 + 7.0)
    assert y2015.goldstein_mean == pytest.approx((7.4 + 7.0 + 7.0) / 3, abs=1e-3)
    y2018 = points["2018"]
    assert (y2018.verbal_conflict, y2018.material_coop) == (1, 1)
    assert y2018.goldstein_sum == pytest.approx(7.4 - 2.0)
    assert not any(p.coarse for p in points.values())


def test_monthly_series_puts_a_year_only_event_in_its_own_coarse_bucket(merged: list[MergedEvent]) -> None:
    points = series_of(involving(merged, "JPN", "KHM"), by="month")
    assert [(p.period, p.coarse) for p in points] == [
        ("2015-04", False), ("2016-01", False), ("2018", True), ("2018-07", False)]
    coarse = points[2]
    assert coarse.n_events == 1 and coarse.start == "2018-01-01" and coarse.end == "2018-12-31"


def test_each_point_lists_the_events_and_articles_behind_it(merged: list[MergedEvent]) -> None:
    grant = [m for m in involving(merged, "JPN", "KHM") if m.event.cameo == "0711"]
    point = series_of(grant, by="day")[0]
    assert point.period == "2015-04-09"
    assert point.doc_names == ["courier-2015.txt", "post-2015.txt"]
    [event_id] = point.event_ids
    assert next(m for m in merged if m.group_id == event_id).event.cameo == "0711"


def test_bad_bucket_is_a_usage_error(merged: list[MergedEvent]) -> None:
    with pytest.raises(UsageError):
        series_of(merged, by="week")


def test_heads_without_a_placeable_date_are_left_out_and_counted() -> None:
    heads = [GroupHead("a", "2015-04-09", "day", "material_coop", 7.4, 2, ["x.txt", "y.txt"]),
             GroupHead("b", None, "unknown", "verbal_conflict", -2.0, 1, ["z.txt"]),
             GroupHead("c", "1990", "decade", "verbal_coop", 1.0, 1, ["z.txt"])]
    points = series_points(heads, by="year")
    assert [(p.period, p.coarse, p.start, p.end) for p in points] == [
        ("1990s", True, "1990-01-01", "1999-12-31"), ("2015", False, "2015-01-01", "2015-12-31")]
    assert points[1].reports == 2 and points[1].doc_names == ["x.txt", "y.txt"]
    assert undated_count(heads) == 1


def test_timeline_is_ordered_with_precision_shown_as_written(merged: list[MergedEvent]) -> None:
    entries = sorted(timeline_entries(involving(merged, "KHM")), key=timeline_order)
    labels = [e.date_label for e in entries]
    assert labels == ["1979", "2015-04-09", "2015-04-10", "2015-04-11", "2016-01-04", "2018", "2018-07", "2018-07-30"]
    first = entries[0]
    assert (first.source_code, first.target_name, first.goldstein) == ("VNMMIL", "Cambodia", -10.0)
    assert "Vietnamese troops" in first.sentence
    assert entries[1].doc_names == ["courier-2015.txt", "post-2015.txt"]


def test_dates_are_labelled_at_their_precision() -> None:
    assert [date_label(d, p) for d, p in (("1979", "year"), ("2013-12", "month"), ("2018-07-30", "day"),
                                          ("1995", "decade"), ("2013-12", "unknown"), (None, "day"))] == [
        "1979", "2013-12", "2018-07-30", "1990s", "2013-12", "undated"]

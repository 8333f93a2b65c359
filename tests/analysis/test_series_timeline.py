"""Dyad series buckets and Goldstein sums; timelines ordered with dates shown as written."""

from __future__ import annotations

import pytest

from amity.analysis import dyad_series, timeline
from amity.errors import UsageError
from amity.store import EventQuery, Store


def test_yearly_series_counts_merged_events_and_sums_goldstein(store: Store) -> None:
    points = {p.period: p for p in dyad_series(store, "JPN", "KHM", by="year")}
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


def test_monthly_series_puts_a_year_only_event_in_its_own_coarse_bucket(store: Store) -> None:
    points = dyad_series(store, "JPN", "KHM", by="month")
    assert [(p.period, p.coarse) for p in points] == [
        ("2015-04", False), ("2016-01", False), ("2018", True), ("2018-07", False)]
    coarse = points[2]
    assert coarse.n_events == 1 and coarse.start == "2018-01-01" and coarse.end == "2018-12-31"


def test_each_point_lists_the_events_and_articles_behind_it(store: Store) -> None:
    point = dyad_series(store, "JPN", "KHM", by="day", query=EventQuery(code="0711"))[0]
    assert point.period == "2015-04-09"
    assert point.doc_names == ["courier-2015.txt", "post-2015.txt"]
    [event_id] = point.event_ids
    assert store.event(event_id).cameo == "0711"


def test_directed_series_excludes_the_other_direction(store: Store) -> None:
    assert dyad_series(store, "KHM", "JPN", directed=True) == []
    assert dyad_series(store, "KHM", "JPN") == dyad_series(store, "JPN", "KHM")


def test_bad_bucket_is_a_usage_error(store: Store) -> None:
    with pytest.raises(UsageError):
        dyad_series(store, "JPN", "KHM", by="week")


def test_timeline_is_ordered_with_precision_shown_as_written(store: Store) -> None:
    entries = timeline(store, actor="KHM")
    labels = [e.date_label for e in entries]
    assert labels == ["1979", "2015-04-09", "2015-04-10", "2015-04-11", "2016-01-04", "2018", "2018-07", "2018-07-30"]
    first = entries[0]
    assert (first.source_code, first.target_name, first.goldstein) == ("VNMMIL", "Cambodia", -10.0)
    assert "Vietnamese troops" in first.sentence
    assert entries[1].doc_names == ["courier-2015.txt", "post-2015.txt"]


def test_dyad_timeline_leaves_out_third_parties(store: Store) -> None:
    entries = timeline(store, dyad="CHN-KHM")
    assert [(e.date_label, e.source_code) for e in entries] == [("2018-07-30", "CHNGOV")]
    assert timeline(store, dyad=("JPN", "KHM"), query=EventQuery(since="2018"))[0].date_label == "2018"


def test_corpus_series_read_in_sql_matches_the_series_of_merged_events(store: Store) -> None:
    """/api/series no longer builds every merged Event: same points, same undated count."""
    from amity.analysis import merged_events
    from amity.analysis.series import query_series, series_of, undated_count

    for query in (EventQuery(), EventQuery(actor="KHM"), EventQuery(since="2016")):
        points, undated = query_series(store, query, "month")
        found = merged_events(store, query)
        assert [p.to_dict() for p in points] == [p.to_dict() for p in series_of(found, "month")]
        assert undated == undated_count(found)
    assert any(p.coarse for p in query_series(store, EventQuery(), "month")[0]), "the 1979 event is year-only"

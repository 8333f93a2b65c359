"""Edges of the event filters: date windows are inclusive at both ends, limits take their
whole range, and every refused filter says exactly what was wrong (CLI and API alike)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from amity.app import create_app
from amity.core import Amity
from amity.errors import UsageError
from amity.store import EventQuery, Store
from tests.store.test_store import coded, make_event

MAX_SQL_INT = 2**63 - 1


@pytest.fixture
def store(db_url: str) -> Store:
    store = Store(db_url)
    store.write([coded("a.txt", "Japan met Cambodia.", [
        make_event("a.txt", "JPN", "KHM", "040", "2018-07-30", "day"),
        make_event("a.txt", "JPN", "KHM", "051", "2018-07", "month"),
        make_event("a.txt", "JPN", "KHM", "0711", "2015", "year"),
    ])])
    return store


def codes(store: Store, **filters: object) -> list[str]:
    return sorted(e.cameo for e in store.events(EventQuery(**filters)))  # type: ignore[arg-type]


def test_since_and_until_include_the_day_they_name(store: Store) -> None:
    assert codes(store, since="2018-07-30") == ["040", "051"]  # that day, and July (which ends after it)
    assert codes(store, until="2018-07-30") == ["040", "051", "0711"]
    assert codes(store, since="2018-07-30", until="2018-07-30") == ["040", "051"]
    assert codes(store, since="2018-07-31") == ["051"]  # July 2018 still reaches the 31st
    assert codes(store, until="2018-07-29") == ["051", "0711"]  # July 2018 began before it
    assert codes(store, since="2018-08-01") == []


def test_a_year_or_month_overlaps_the_windows_it_touches(store: Store) -> None:
    assert codes(store, since="2015-12-31", until="2015-12-31") == ["0711"]
    assert codes(store, since="2015-01", until="2015-01") == ["0711"]
    assert codes(store, until="2014-12-31") == []
    assert codes(store, since="2018-07-01", until="2018-07-01") == ["051"]


def test_limit_and_offset_take_their_whole_range(store: Store) -> None:
    assert store.events(EventQuery(limit=0)) == []
    assert len(store.events(EventQuery(limit=MAX_SQL_INT))) == 3
    assert store.events(EventQuery(offset=MAX_SQL_INT)) == []
    assert store.count_events(EventQuery(limit=0)) == 3


@pytest.mark.parametrize(("filters", "message"), [
    ({"limit": -1}, f"--limit must be between 0 and {MAX_SQL_INT}"),
    ({"limit": MAX_SQL_INT + 1}, f"--limit must be between 0 and {MAX_SQL_INT}"),
    ({"offset": -1}, f"--offset must be between 0 and {MAX_SQL_INT}"),
    ({"offset": MAX_SQL_INT + 1}, f"--offset must be between 0 and {MAX_SQL_INT}"),
    ({"quad": "friendly"},
     "--quad must be one of verbal_coop, material_coop, verbal_conflict, material_conflict, not 'friendly'"),
    ({"doc": "a\x00.txt"}, "--doc must not contain NUL characters"),
    ({"until": "soon"}, "--until must be a date like 2013, 2019-06 or 2018-07-30, not 'soon'"),
    ({"since": "2018-02-30"}, "--since must be a date like 2013, 2019-06 or 2018-07-30, not '2018-02-30'"),
])
def test_refused_filters_say_exactly_what_is_wrong(store: Store, filters: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        store.events(EventQuery(**filters))  # type: ignore[arg-type]
    assert caught.value.message == message


def test_a_bad_sort_lists_the_sorts(store: Store) -> None:
    with pytest.raises(UsageError) as caught:
        store.events(EventQuery(sort="random"))
    assert caught.value.message.startswith("sort must be one of date, -date, ")
    assert caught.value.message.endswith(", not 'random'")


def test_the_api_passes_the_messages_on(db_url: str) -> None:
    amity = Amity(db_url)
    client = TestClient(create_app(amity), raise_server_exceptions=False)
    response = client.get("/api/events", params={"dyad": "JPN"})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "--dyad takes two actor codes like JPN-KHM, not 'JPN'"
    response = client.get("/api/events", params={"until": "soon"})
    assert response.status_code == 400 and "not 'soon'" in response.json()["error"]["message"]
    amity.close()

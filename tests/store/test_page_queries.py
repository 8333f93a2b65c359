"""Paged event queries (index-friendly branches) give the same events as a full sort,
and migration 3 gives an older store the page indexes."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from amity.models import Event
from amity.store import EventQuery, Store
from amity.store.migrations import SCHEMA_VERSION
from amity.store.schema import PAGE_INDEXES, REPLACED_INDEXES
from tests.store.test_store import coded, make_event

DYADS = [("USAGOV", "CHNGOV"), ("CHNMIL", "USAGOV"), ("USA", "USA"), ("USAGOVLEG", "RUS"),
         ("RUSGOV", "USAMIL"), ("JPN", "KHM")]
CODES = ["051", "0511", "05", "042", "190"]
DATES = [("2010-03-04", "day"), ("2010-03", "month"), ("2010", "year"), ("2000", "decade"),
         ("2011-07-01", "day"), (None, "unknown")]


def _events(doc: str, n: int) -> list[Event]:
    found = []
    for k, ((src, tgt), code, (date, precision)) in enumerate(
            itertools.islice(itertools.product(DYADS, CODES, DATES), n)):
        found.append(make_event(doc, src, tgt, code, date, precision, goldstein=float(k % 7) - 3,
                                sentence_index=0, trigger=f"t{k}"))
    return found


@pytest.fixture
def filled(db_url: str) -> Store:
    store = Store(db_url)
    everything = _events("x", len(DYADS) * len(CODES) * len(DATES))
    store.write([coded(f"doc{i}.txt", f"Article number {i} text.", everything[i::4]) for i in range(4)])
    return store


def _ids(found: list[Event]) -> list[str]:
    return [e.event_id for e in found]


QUERIES = [
    EventQuery(dyad=("USA", "CHN")),
    EventQuery(dyad=("USA", "USA")),
    EventQuery(dyad=("USAGOV", "CHN")),
    EventQuery(actor="USA", since="2005"),
    EventQuery(source="USAGOV"),
    EventQuery(code="051"),
    EventQuery(code="05", since="2009", until="2010"),
]


@pytest.mark.parametrize("sort", ["date", "-date", "goldstein", "-goldstein", "doc"])
@pytest.mark.parametrize("base", QUERIES, ids=lambda q: repr(q)[:60])
def test_pages_are_slices_of_the_full_sorted_list(filled: Store, base: EventQuery, sort: str) -> None:
    full = _ids(filled.events(EventQuery(**{**vars(base), "sort": sort})))
    assert full, "the fixture must match every query"
    assert len(set(full)) == len(full)
    pages = [_ids(filled.events(EventQuery(**{**vars(base), "sort": sort, "limit": 3, "offset": o})))
             for o in range(0, len(full) + 3, 3)]
    assert list(itertools.chain.from_iterable(pages)) == full
    assert filled.count_events(base) == len(full)


def test_descending_date_is_the_reverse_of_ascending(filled: Store) -> None:
    up = _ids(filled.events(EventQuery(dyad=("USA", "CHN"), sort="date")))
    down = _ids(filled.events(EventQuery(dyad=("USA", "CHN"), sort="-date")))
    assert down == up[::-1]


def test_code_and_actor_prefixes_match_longer_codes_only_below_them(filled: Store) -> None:
    cameo = {e.cameo for e in filled.events(EventQuery(code="051"))}
    assert cameo == {"051", "0511"}
    sources = {e.source.code for e in filled.events(EventQuery(source="USAGOV", limit=100))}
    assert sources == {"USAGOV", "USAGOVLEG"}


def test_since_keeps_a_decade_date_that_reaches_into_the_period(filled: Store) -> None:
    found = filled.events(EventQuery(since="2009", include_nonfactual=True))
    assert "decade" in {e.date_precision for e in found}  # the 2000s run until 2009-12-31
    assert not filled.events(EventQuery(since="2012"))


def _index_names(store: Store) -> set[str]:
    return {ix["name"] for ix in inspect(store.engine).get_indexes("events") if ix["name"]}


def test_migration_3_gives_an_older_store_the_page_indexes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    store = Store(url)
    store.write([coded("a.txt", "Text.", _events("a", 12))])
    fresh_indexes = _index_names(store)
    with store.engine.begin() as conn:  # turn it into a schema-2 store
        for index in PAGE_INDEXES:
            index.drop(conn)
        # raw SQL: an Index object would attach itself to the shared `events` Table for good
        conn.execute(text("CREATE INDEX ix_events_dyad ON events (source_country, target_country)"))
        conn.execute(text("DELETE FROM amity_migrations WHERE version = 3"))
    store.close()
    old = create_engine(url)
    assert not {ix.name for ix in PAGE_INDEXES} & {ix["name"] for ix in inspect(old).get_indexes("events")}
    old.dispose()
    migrated = Store(url)
    assert _index_names(migrated) == fresh_indexes
    assert not set(REPLACED_INDEXES) & _index_names(migrated)
    with migrated.engine.connect() as conn:
        assert max(conn.execute(text("SELECT version FROM amity_migrations")).scalars()) == SCHEMA_VERSION
    assert len(migrated.events(EventQuery(dyad=("USA", "CHN"), limit=5))) == 5


def test_the_review_queue_reads_its_index_not_a_sort(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'queue.db'}")
    with store.engine.begin() as conn:  # what the optimiser knows of a big store
        conn.execute(text("ANALYZE"))
    captured: list[str] = []

    from sqlalchemy import event

    @event.listens_for(store.engine, "before_cursor_execute")
    def keep(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if "ORDER BY events.confidence" in statement:
            captured.append(statement)

    store.review_candidates(10)
    assert captured, "the queue query ran"
    with store.engine.connect() as conn:
        plan = " | ".join(str(row[-1]) for row in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + captured[0], (10, 0)))
    assert "ix_events_review_queue" in plan and "TEMP B-TREE FOR ORDER BY" not in plan, plan
    store.close()

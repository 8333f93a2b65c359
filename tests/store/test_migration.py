"""A store made by the first release (schema v1) migrates to the analysis schema and works."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from amity.errors import StoreError
from amity.models import CodedArticle
from amity.reading import on_store
from amity.store import Store
from amity.store.migrations import MIGRATIONS, SCHEMA_VERSION, _record, migrate
from amity.store.schema import migrations_table
from amity.store.store import make_engine
from tests.analysis.conftest import corpus
from tests.conftest import _reset_postgres


def _v1_store(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        MIGRATIONS[0].apply(conn)  # migration 1 creates only the v1 tables
        _record(conn, MIGRATIONS[0])
    engine.dispose()


def test_v1_store_migrates_and_answers_analysis_queries(db_url: str) -> None:
    _v1_store(db_url)
    tables = set(inspect(make_engine(db_url)).get_table_names())
    assert "event_groups" not in tables and "articles" in tables
    # the first release wrote its articles before the migration existed
    old = Store.__new__(Store)
    old.url, old.engine = db_url, make_engine(db_url)
    Store.write(old, corpus())

    store = Store(db_url)  # runs migration 2
    assert {"event_groups", "search_state"} <= set(inspect(store.engine).get_table_names())
    with store.engine.connect() as conn:
        versions = sorted(conn.execute(select(migrations_table.c.version)).scalars())
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    assert [h.doc_name for h in on_store(store).search("election monitors")] == ["times-2018.txt"]
    assert any(m.mentions == 2 for m in store.merged_events())


def test_migrated_and_new_stores_have_the_same_tables(db_url: str, tmp_path: Path) -> None:
    _v1_store(db_url)
    migrated = set(inspect(Store(db_url).engine).get_table_names())
    fresh_url = db_url if db_url.startswith("postgresql") else f"sqlite:///{tmp_path / 'fresh.db'}"
    if fresh_url == db_url:
        _reset_postgres(db_url)
    fresh = Store(fresh_url)
    assert migrated == set(inspect(fresh.engine).get_table_names())
    if fresh.dialect == "postgresql":
        assert "ix_articles_fts" in {ix["name"] for ix in inspect(fresh.engine).get_indexes("articles")}


def test_a_store_before_estimated_dates_gains_their_columns(db_url: str) -> None:
    from sqlalchemy import text

    from amity.models import Article, CodedArticle

    _v1_store(db_url)
    engine = make_engine(db_url)
    with engine.begin() as conn:  # the articles table as releases before migration 7 made it
        for name in ("published_range", "published_evidence"):
            conn.execute(text(f"ALTER TABLE articles DROP COLUMN {name}"))
    engine.dispose()
    store = Store(db_url)
    columns = {c["name"] for c in inspect(store.engine).get_columns("articles")}
    assert {"published_range", "published_evidence"} <= columns
    estimate = {"range": ["2018-08-01", "2018-08-31"], "guess": "2018-08-16", "evidence": "an election",
                "basis": "estimated"}
    store.write([CodedArticle(Article("a.txt", "Japan met Cambodia.").with_estimate(estimate))])
    assert store.article("a.txt").published_range == ["2018-08-01", "2018-08-31"]


def _store_before_one_copy(url: str) -> Store:
    """A store as amity made it before migration 4 (a text could be stored under two names)."""
    from sqlalchemy import text

    from amity.store.schema import reviews

    engine = make_engine(url)
    with engine.begin() as conn:
        for migration in MIGRATIONS[:3]:
            migration.apply(conn)
            _record(conn, migration)
        conn.execute(text("DROP INDEX ix_articles_content_hash"))  # migration 1 builds today's table
        conn.execute(text("CREATE INDEX ix_articles_content_hash ON articles (content_hash)"))
        reviews.create(conn)
    engine.dispose()
    old = Store.__new__(Store)
    old.url, old.engine = url, make_engine(url)
    return old


def test_migration_4_keeps_the_copy_ingested_first_then_the_first_name(db_url: str) -> None:
    from sqlalchemy import update

    from amity.store.schema import articles
    from tests.analysis.helpers import Ev, make_article

    def report(name: str, line: str) -> CodedArticle:
        return make_article(name, "2015-04-10", [line], [Ev(0, "JPNGOV", "KHMGOV", "0711", "2015-04-06")],
                            title=line)

    old = _store_before_one_copy(db_url)
    ingested = {"zulu.txt": "2020-01-01T00:00:00", "alpha.txt": "2020-01-02T00:00:00",
                "mike.txt": "2020-01-03T00:00:00", "kilo.txt": "2020-01-03T00:00:00"}
    for name in ingested:  # zulu and alpha hold one text, mike and kilo another
        Store.write_bulk(old, [report(name, "Japan pledged aid to Cambodia." if name in ("zulu.txt", "alpha.txt")
                                      else "Japan thanked Cambodia.")])
    with old.engine.begin() as conn:
        for name, at in ingested.items():
            conn.execute(update(articles).where(articles.c.doc_name == name).values(ingested_at=at))
    old.engine.dispose()
    store = Store(db_url)  # runs migrations 4 to the last
    assert sorted(a["doc_name"] for a in store.list_articles()) == ["kilo.txt", "zulu.txt"]
    assert sorted(e.doc_name for e in store.events()) == ["kilo.txt", "zulu.txt"]


def test_migrate_returns_the_versions_it_applied(db_url: str) -> None:
    _v1_store(db_url)
    engine = make_engine(db_url)
    assert migrate(engine) == list(range(2, SCHEMA_VERSION + 1))
    assert migrate(engine) == []
    engine.dispose()


def test_an_empty_migration_record_is_brought_to_the_current_schema(db_url: str) -> None:
    engine = make_engine(db_url)
    migrations_table.create(engine)  # a store whose creation recorded nothing
    assert migrate(engine) == [m.version for m in MIGRATIONS]
    engine.dispose()
    assert Store(db_url).stats()["articles"] == 0


def test_a_store_of_a_newer_schema_is_refused_by_version(db_url: str) -> None:
    Store(db_url).engine.dispose()
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(migrations_table.insert().values(version=SCHEMA_VERSION + 1, name="future", applied_at="x"))
    engine.dispose()
    with pytest.raises(StoreError) as caught:
        Store(db_url)
    assert str(caught.value) == (f"this store has schema version {SCHEMA_VERSION + 1}, newer than this amity "
                                 f"(schema {SCHEMA_VERSION}): upgrade amity")


def test_a_foreign_database_is_named_without_its_password(db_url: str) -> None:
    from sqlalchemy import text

    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE customers (id INTEGER)"))
    shown = engine.url.render_as_string(hide_password=True)
    engine.dispose()
    with pytest.raises(StoreError) as caught:
        Store(db_url)
    assert str(caught.value) == (f"the database at {shown} has tables but is not an amity store "
                                 "(no amity_migrations table)")
    if db_url.startswith("postgresql"):
        assert ":***@" in shown

"""A store made by the first release (schema v1) migrates to the analysis schema and works."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, select

from amity.reading import on_store
from amity.store import Store
from amity.store.migrations import MIGRATIONS, SCHEMA_VERSION, _record
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

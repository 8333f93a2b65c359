"""Recorded schema migrations.

A new store is created at the current schema and every migration is recorded as applied.
An existing store runs, in order and each in its own transaction, the migrations it has
not recorded yet. To change the schema: edit ``schema.py`` *and* append a step here that
brings a store of the previous version to it (tests/store/test_migrations.py checks both
paths give the same tables).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, select, text

from amity.errors import StoreError
from amity.store.rows import chunks
from amity.store.schema import (
    PAGE_INDEXES,
    REPLACED_INDEXES,
    articles,
    event_groups,
    events,
    mentions,
    metadata,
    migrations_table,
    reviews,
    search_state,
    sentences,
)

V1_TABLES = (migrations_table, articles, sentences, mentions, events)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


def _initial(conn: Connection) -> None:
    metadata.create_all(conn, tables=list(V1_TABLES))


def _analysis(conn: Connection) -> None:
    """v1 → v2: merged-event groups and the full-text index (FTS5 / GIN, see schema.py).

    Both are filled lazily: the store refreshes whatever is stale when it reads.
    """
    for table in (event_groups, search_state):
        table.create(conn, checkfirst=True)


def _page_indexes(conn: Connection) -> None:
    """v2 → v3: covering page indexes for event queries (see schema.py); drop the ones they replace.

    On a big store this builds each index once (about a minute per index per 1M events
    on SQLite).
    """
    for index in PAGE_INDEXES:
        index.create(conn, checkfirst=True)
    for name in REPLACED_INDEXES:
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))


def _one_copy_of_a_text(conn: Connection) -> None:
    """v3 → v4: ``articles.content_hash`` becomes unique (one stored copy of a text).

    Copies that concurrent writers stored before (same text under another name) are
    removed with their coding, keeping the one ingested first (then the first name): the
    store becomes what one writer after the other would have built. Their merge groups and
    search entries are refreshed as stale on the next read.
    """
    ranked = (select(articles.c.doc_id, articles.c.content_hash).order_by(
        articles.c.content_hash, articles.c.ingested_at, articles.c.doc_name))
    kept: set[str] = set()
    copies: list[str] = []
    for row in conn.execute(ranked):
        if row.content_hash in kept:
            copies.append(row.doc_id)
        kept.add(row.content_hash)
    for table in (sentences, mentions, events, search_state, articles):
        for chunk in chunks(copies):
            conn.execute(table.delete().where(table.c.doc_id.in_(chunk)))
    conn.execute(text("DROP INDEX IF EXISTS ix_articles_content_hash"))
    conn.execute(text("CREATE UNIQUE INDEX ix_articles_content_hash ON articles (content_hash)"))


def _regroup_by_country_dyad(conn: Connection) -> None:
    """Merge blocks became the directed country dyad (sector and root left the key): the old
    groups are dropped, and the store rebuilds them when they are next read."""
    conn.execute(event_groups.delete())


def _reviews(conn: Connection) -> None:
    """v5 → v6: the analyst's reviews of events (``reviews``, see schema.py)."""
    reviews.create(conn, checkfirst=True)


def _estimated_dates(conn: Connection) -> None:
    """v6 → v7: ``articles.published_range`` and ``published_evidence``, an undated article's
    estimated publication date and its evidence (issue 17); stored articles have none until re-coded."""
    have = {c["name"] for c in inspect(conn).get_columns("articles")}
    for name, kind in (("published_range", "JSON"), ("published_evidence", "TEXT")):
        if name not in have:
            conn.execute(text(f"ALTER TABLE articles ADD COLUMN {name} {kind}"))


def _review_queue_index(conn: Connection) -> None:
    """v7 → v8: the review queue (factual, not negated, least confident first) reads an
    index instead of sorting every factual event."""
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_events_review_queue "
                      "ON events (factual, negated, confidence, event_id)"))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: articles, sentences, mentions, events", _initial),
    Migration(2, "analysis: event_groups, search_state, full-text index", _analysis),
    Migration(3, "page indexes: covering indexes for event pages, counts and series", _page_indexes),
    Migration(4, "one copy of a text: unique content hash on articles", _one_copy_of_a_text),
    Migration(5, "merge blocks by directed country dyad: regroup every event", _regroup_by_country_dyad),
    Migration(6, "reviews: the analyst's verdicts on events, keyed to their evidence", _reviews),
    Migration(7, "estimated publication dates: published_range, published_evidence on articles", _estimated_dates),
    Migration(8, "review queue index: factual events by confidence", _review_queue_index),
)

SCHEMA_VERSION = MIGRATIONS[-1].version


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _record(conn: Connection, migration: Migration) -> None:
    conn.execute(
        migrations_table.insert().values(
            version=migration.version, name=migration.name, applied_at=_now()
        )
    )


def applied_versions(conn: Connection) -> set[int]:
    if not inspect(conn).has_table("amity_migrations"):
        return set()
    return set(conn.execute(select(migrations_table.c.version)).scalars())


def migrate(engine: Engine) -> list[int]:
    """Bring the store to the current schema; return the versions applied now."""
    with engine.begin() as conn:
        tables = set(inspect(conn).get_table_names())
        if not tables:
            metadata.create_all(conn)
            for migration in MIGRATIONS:
                _record(conn, migration)
            return [m.version for m in MIGRATIONS]
        if "amity_migrations" not in tables:
            raise StoreError(
                f"the database at {engine.url.render_as_string(hide_password=True)} has tables "
                "but is not an amity store (no amity_migrations table)"
            )
        done = applied_versions(conn)
    if max(done, default=0) > SCHEMA_VERSION:
        raise StoreError(
            f"this store has schema version {max(done)}, newer than this amity "
            f"(schema {SCHEMA_VERSION}): upgrade amity"
        )
    ran = []
    for migration in MIGRATIONS:
        if migration.version in done:
            continue
        with engine.begin() as conn:
            migration.apply(conn)
            _record(conn, migration)
        ran.append(migration.version)
    return ran


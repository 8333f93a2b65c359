"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

This is the *current* schema. ``migrations.py`` records how older stores reach it.
"""

from __future__ import annotations

from sqlalchemy import (
    DDL,
    JSON,
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    event,
)

metadata = MetaData()

migrations_table = Table(
    "amity_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("applied_at", String(32), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("doc_id", String(32), primary_key=True),
    Column("doc_name", String(500), nullable=False, unique=True),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("published", String(10)),
    Column("published_basis", String(16), nullable=False),
    Column("published_range", JSON),  # an undated article's estimate: [earliest, latest] (issue 17)
    Column("published_evidence", Text),  # what the estimate rests on, as text
    Column("source", String(300)),
    Column("url", Text),
    Column("authors", JSON, nullable=False),
    Column("meta", JSON, nullable=False),
    Column("path", Text),
    Column("content_hash", String(64), nullable=False, index=True, unique=True),  # one copy of a text
    Column("removed", JSON, nullable=False),
    Column("n_sentences", Integer, nullable=False, default=0),
    Column("ingested_at", String(32), nullable=False),
    Column("coded_at", String(32)),
    Column("coder_version", String(64)),
)

sentences = Table(
    "sentences",
    metadata,
    Column("doc_id", String(32), primary_key=True),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(32), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("mention", Text, nullable=False),
    Column("code", String(32), nullable=False, index=True),
    Column("country", String(8), index=True),
    Column("sector", String(8)),
    Column("name", Text),
    Column("role", Text),
    Column("actor_id", String(200)),
)


def _actor_columns(side: str) -> list[Column]:
    return [
        Column(f"{side}_code", String(32), nullable=False),
        Column(f"{side}_country", String(8)),
        Column(f"{side}_sector", String(8)),
        Column(f"{side}_name", Text),
        Column(f"{side}_role", Text),
        Column(f"{side}_mention", Text),
        Column(f"{side}_actor_id", String(200)),
    ]


events = Table(
    "events",
    metadata,
    Column("event_id", String(32), primary_key=True),
    Column("doc_id", String(32), nullable=False),
    Column("doc_name", String(500), nullable=False),
    Column("published", String(10)),
    Column("sentence_index", Integer, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("trigger", Text),
    *_actor_columns("source"),
    *_actor_columns("target"),
    Column("cameo", String(8), nullable=False),
    Column("cameo_root", String(2), nullable=False),
    Column("cameo_name", Text),
    Column("goldstein", Float, nullable=False),
    Column("quad", String(20), nullable=False),
    Column("plover", String(40)),
    Column("date", String(10)),
    Column("date_precision", String(10), nullable=False),
    Column("date_basis", String(16), nullable=False),
    Column("date_start", String(10)),  # first day the date can mean, for range queries
    Column("date_end", String(10)),  # last day
    Column("amounts", JSON, nullable=False),
    Column("location", JSON),
    Column("negated", Boolean, nullable=False),
    Column("factual", Boolean, nullable=False),
    Column("confidence", Float, nullable=False),
    Index("ix_events_doc", "doc_id"),
    Index("ix_events_quad", "quad", "date_start"),
    Index("ix_events_date", "date_start"),
    # the review queue: unreviewed factual events, least confident first (migration 8)
    Index("ix_events_review_queue", "factual", "negated", "confidence", "event_id"),
)

# Page indexes (schema version 3). Each one starts with the equality columns of a filter,
# then the sort (date_start, event_id) so a page is read in order and stops at its limit;
# the trailing columns let the usual extra filters (factual, negated, since, quad) and
# aggregates (Goldstein) be answered from the index without reading the row.
_PAGE_TAIL = ("date_start", "event_id", "factual", "negated", "date_end")
PAGE_INDEXES = (
    Index("ix_events_dyad_page", "source_country", "target_country", *_PAGE_TAIL, "goldstein", "quad"),
    Index("ix_events_source_page", "source_country", *_PAGE_TAIL, "quad", "goldstein"),
    Index("ix_events_target_page", "target_country", *_PAGE_TAIL, "quad", "goldstein"),
    Index("ix_events_source_code_page", "source_code", *_PAGE_TAIL, "goldstein"),
    Index("ix_events_target_code_page", "target_code", *_PAGE_TAIL, "goldstein"),
    Index("ix_events_root_page", "cameo_root", *_PAGE_TAIL, "cameo"),
    # the merge blocks of amity.analysis.merge (directed dyad with sectors + root + factuality):
    # ingest regroups every block an article touches, one lookup per block
    Index("ix_events_block", "source_country", "target_country", "cameo_root", "source_sector",
          "target_sector", "factual", "negated"),
)
for _index in PAGE_INDEXES:
    events.append_constraint(_index)
# indexes of schema versions 1-2 that a page index above replaces (dropped by migration 3)
REPLACED_INDEXES = ("ix_events_dyad", "ix_events_target", "ix_events_source_code",
                    "ix_events_target_code", "ix_events_root")

TABLES_BY_DOC = (sentences, mentions, events)


# -- analysis (schema version 2): merged events and the full-text index --------------
event_groups = Table(
    "event_groups",
    metadata,
    Column("event_id", String(32), primary_key=True),
    Column("group_id", String(32), nullable=False, index=True),
    Column("doc_id", String(32), nullable=False, index=True),
    Column("block", String(120), nullable=False, index=True),  # directed dyad + root + factuality
    Column("size", Integer, nullable=False),  # reports (event rows) in the group
    Column("doc_names", JSON, nullable=False),  # distinct articles reporting it
)

search_state = Table(
    "search_state",
    metadata,
    Column("doc_id", String(32), primary_key=True),
    Column("content_hash", String(64), nullable=False),
)

# The full-text index lives outside SQLAlchemy's table model: an FTS5 virtual table on
# SQLite, a GIN expression index over ``articles`` on PostgreSQL. Both are created with
# ``search_state`` (by ``metadata.create_all`` on a new store and by migration 2).
FTS_TABLE = "search_fts"
PG_TSVECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || text)"
event.listen(
    search_state, "after_create",
    DDL(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        "doc_id UNINDEXED, title, text, tokenize = 'porter unicode61')").execute_if(dialect="sqlite"),
)
event.listen(
    search_state, "after_create",
    DDL(f"CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING gin ({PG_TSVECTOR})")
    .execute_if(dialect="postgresql"),
)
event.listen(
    search_state, "before_drop",
    DDL(f"DROP TABLE IF EXISTS {FTS_TABLE}").execute_if(dialect="sqlite"),
)

# -- reviews (the analyst's verdicts on events) ----------------------------------------
# A review is keyed to the event's *evidence* (article, span, source and target at review
# time), not to its id: a re-code or a re-ingested article gives the event a new id, and
# ``event_id`` (the event it is attached to now; NULL when the evidence is gone) follows it.
# ``current`` marks the latest review of an event; older ones are its history.
reviews = Table(
    "reviews",
    metadata,
    Column("review_id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(32), index=True),
    Column("reviewed_event_id", String(32), nullable=False, index=True),
    Column("doc_name", String(500), nullable=False, index=True),
    Column("content_hash", String(64), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("span_text", Text, nullable=False),
    Column("source_code", String(32), nullable=False),
    Column("target_code", String(32), nullable=False),
    Column("verdict", String(8), nullable=False),
    Column("cameo", String(8)),
    Column("source", String(32)),
    Column("target", String(32)),
    Column("date", String(10)),
    Column("fixed", JSON, nullable=False),  # events columns a "fixed" review sets
    Column("original", JSON, nullable=False),  # the coder's values of those columns
    Column("note", Text),
    Column("token_name", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("current", Boolean, nullable=False),
)

"""The full-text index over article titles and texts, and the ranked lookup in it.

SQLite: an FTS5 table (``search_fts``, Porter stemming) kept in step with ``articles`` by
``update_search_index`` (and caught up for anything stale before each search).
PostgreSQL: ``to_tsvector('english', …)`` over ``articles`` with a GIN index, always current.
Search terms arrive as words (``amity.analysis.search.parse_query``) and are bound as
parameters (FTS5: each term double-quoted), so nothing a user types is an operator.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, text

from amity.store.engine import StoreBase
from amity.store.rows import chunks
from amity.store.schema import FTS_TABLE, PG_TSVECTOR, articles, search_state

Terms = list[list[str]]  # each term a list of words (a quoted phrase is several words)


def fts5_query(terms: Terms) -> str:
    """An FTS5 MATCH expression: every term double-quoted (so nothing is an operator)."""
    return " ".join('"' + " ".join(words) + '"' for words in terms)


def _index_rows(conn: Connection, doc_ids: list[str] | None) -> int:
    stmt = select(articles.c.doc_id, articles.c.title, articles.c.text, articles.c.content_hash)
    if doc_ids is not None:
        stmt = stmt.where(articles.c.doc_id.in_(doc_ids))
    rows = conn.execute(stmt).all()
    if rows:
        conn.execute(text(f"INSERT INTO {FTS_TABLE} (doc_id, title, text) VALUES (:d, :t, :x)"),
                     [{"d": r.doc_id, "t": r.title or "", "x": r.text} for r in rows])
        conn.execute(insert(search_state), [{"doc_id": r.doc_id, "content_hash": r.content_hash} for r in rows])
    return len(rows)


def _sqlite_hits(conn: Connection, terms: Terms, limit: int) -> list[tuple[str, float]]:
    rows = conn.execute(
        text(f"SELECT doc_id, bm25({FTS_TABLE}) AS rank FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q "
             "ORDER BY rank LIMIT :n"), {"q": fts5_query(terms), "n": limit}).all()
    return [(r.doc_id, round(-float(r.rank), 6)) for r in rows]


def _postgres_hits(conn: Connection, terms: Terms, limit: int) -> list[tuple[str, float]]:
    params: dict[str, Any] = {f"t{i}": " ".join(words) for i, words in enumerate(terms)}
    tsquery = " && ".join(f"phraseto_tsquery('english', :t{i})" for i in range(len(terms)))
    params["n"] = limit
    rows = conn.execute(
        text(f"SELECT doc_id, ts_rank({PG_TSVECTOR}, {tsquery}) AS rank FROM articles "
             f"WHERE {PG_TSVECTOR} @@ ({tsquery}) ORDER BY rank DESC, doc_id LIMIT :n"), params).all()
    return [(r.doc_id, round(float(r.rank), 6)) for r in rows]


class SearchIndex(StoreBase):
    """The full-text index: kept current (SQLite) and queried (both backends)."""

    def update_search_index(self, doc_ids: Collection[str] | None = None) -> int:
        """Re-index the articles ``doc_ids`` (all when None; deleted ones are dropped).

        Returns the number of articles indexed. PostgreSQL needs no work (its GIN expression
        index follows ``articles``): it returns how many of those articles exist.
        """
        if self.dialect != "sqlite":
            return self._count_articles(doc_ids)
        with self.engine.begin() as conn:
            if doc_ids is None:
                conn.execute(text(f"DELETE FROM {FTS_TABLE}"))
                conn.execute(delete(search_state))
                return _index_rows(conn, None)
            total = 0
            for part in chunks(doc_ids):
                conn.execute(text(f"DELETE FROM {FTS_TABLE} WHERE doc_id IN (SELECT value FROM json_each(:ids))"),
                             {"ids": json.dumps(part)})
                conn.execute(delete(search_state).where(search_state.c.doc_id.in_(part)))
                total += _index_rows(conn, part)
            return total

    def _count_articles(self, doc_ids: Collection[str] | None) -> int:
        count = select(func.count()).select_from(articles)
        with self.engine.connect() as conn:
            if doc_ids is None:
                return int(conn.execute(count).scalar() or 0)
            return sum(int(conn.execute(count.where(articles.c.doc_id.in_(part))).scalar() or 0)
                       for part in chunks(doc_ids))

    def stale_search_docs(self, after: str = "", limit: int | None = None) -> list[str]:
        """doc_ids whose index entry is missing, outdated, or left from a deleted article, in
        doc_id order after ``after``; at most ``limit``. None on PostgreSQL (its index follows
        ``articles`` by itself)."""
        if self.dialect != "sqlite":
            return []
        joined = articles.outerjoin(search_state, search_state.c.doc_id == articles.c.doc_id)
        outdated = select(articles.c.doc_id).select_from(joined).where(
            (search_state.c.doc_id.is_(None)) | (search_state.c.content_hash != articles.c.content_hash),
            articles.c.doc_id > after).order_by(articles.c.doc_id).limit(limit)
        orphans = select(search_state.c.doc_id).where(
            ~search_state.c.doc_id.in_(select(articles.c.doc_id)), search_state.c.doc_id > after,
        ).order_by(search_state.c.doc_id).limit(limit)
        with self.engine.connect() as conn:
            found = set(conn.execute(outdated).scalars()) | set(conn.execute(orphans).scalars())
        return sorted(found)[:limit]

    def catch_up_search_index(self, chunk: int = 2000) -> int:
        """Index whatever is stale, ``chunk`` articles per transaction (bounded memory and WAL)."""
        if self.dialect != "sqlite":
            return 0
        total, after = 0, ""
        while stale := self.stale_search_docs(after, chunk):
            total += self.update_search_index(stale)
            after = stale[-1]
        return total

    def search_ranked(self, terms: Terms, limit: int) -> list[tuple[str, float]]:
        """(doc_id, score) of the articles matching every term, best first, at most ``limit``.

        The index is caught up first (SQLite), so articles written without an index refresh
        are found too.
        """
        if not terms:
            return []
        self.catch_up_search_index()
        with self.engine.connect() as conn:
            return (_sqlite_hits if self.dialect == "sqlite" else _postgres_hits)(conn, terms, limit)

"""The store: one class over SQLAlchemy Core for SQLite (default) and PostgreSQL.

Writes are whole articles inside one transaction: an article, its sentences, actor
mentions and events are stored together or not at all. Every SQL statement of amity is
in this package: the merge groups (``groups.py``, ``merged.py``), the full-text index
(``search_index.py``), corpus summaries (``summary.py``) are ``Store`` mixins.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, union
from sqlalchemy.engine import Connection

from amity.errors import NotFoundError
from amity.models import Actor, Article, Event
from amity.query import EventQuery
from amity.store.engine import BUSY_TIMEOUT_S, make_engine, sqlite_cache_kib
from amity.store.merged import MergedReads
from amity.store.query import branches, not_wrong, order_by, where
from amity.store.reviews import Reviews, mark_events
from amity.store.rows import (
    IN_CHUNK,
    article_from_row,
    chunks,
    events_select,
    load_events,
    mention_from_row,
    row_to_event,
)
from amity.store.schema import articles, events, mentions, sentences
from amity.store.search_index import SearchIndex
from amity.store.summary import Summaries
from amity.store.writes import Writes

__all__ = ["BUSY_TIMEOUT_S", "Store", "make_engine", "page_ids_select", "row_to_event", "sqlite_cache_kib"]

_ID_FIRST_MAX = 10_000  # pages up to this (offset + limit) pick their ids first


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _ordered(columns: Any, keys: tuple[tuple[str, bool], ...]) -> list[Any]:
    return [columns[name].desc() if desc else columns[name] for name, desc in keys]


def page_ids_select(query: EventQuery) -> Any:
    """The ids of one page of ``query``, in its order, as a statement.

    With OR filters (undirected dyad, either-side actor, code prefixes) each OR-free
    branch is read in order from its index and cut at ``offset + limit``; the union of
    those short lists is sorted and paged: no sort of every matching event.
    """
    keys = query.sort_keys()
    names = [name for name, _ in keys]
    parts_where = branches(query)
    if len(parts_where) == 1 or query.limit is None:
        stmt = select(events.c.event_id).where(where(query)).order_by(*order_by(query))
    else:
        cut = query.offset + query.limit
        parts = [select(*(events.c[n] for n in names)).where(branch)
                 .order_by(*_ordered(events.c, keys)).limit(cut).subquery() for branch in parts_where]
        merged = union(*(select(*part.c) for part in parts)).subquery()
        stmt = select(merged.c.event_id).order_by(*_ordered(merged.c, keys))
    if query.limit is not None:
        stmt = stmt.limit(query.limit)
    return stmt.offset(query.offset) if query.offset else stmt


class Store(Writes, Summaries, SearchIndex, MergedReads, Reviews):
    """Articles, sentences, actor mentions and events in one database, with their indexes
    (merged-event groups, full-text search)."""

    def refresh_indexes(self, doc_ids: Collection[str] | None) -> None:
        """Bring merged-event groups and the full-text index up to date for these articles
        (all when None; nothing when empty)."""
        if doc_ids is not None and not doc_ids:
            return
        self.update_merges(doc_ids)
        self.update_search_index(doc_ids)

    def catch_up_indexes(self) -> None:
        """Refresh merged events and the search index for whatever is stale.

        The store itself says what is stale (events without a merge group, articles whose
        text changed since indexing), so nothing per article is kept in memory during an
        ingest, and articles left by an interrupted run are caught up too. Both work in
        bounded chunks, one transaction each.
        """
        self.ensure_merges()
        self.catch_up_search_index()

    # -- articles ---------------------------------------------------------------
    def article_states(self, doc_names: Sequence[str]) -> dict[str, tuple[str, str]]:
        """``article_state`` for many names in one round trip: name -> (doc_id, content_hash)."""
        out: dict[str, tuple[str, str]] = {}
        names = sorted(set(doc_names))
        with self.engine.connect() as conn:
            for start in range(0, len(names), IN_CHUNK):
                rows = conn.execute(
                    select(articles.c.doc_name, articles.c.doc_id, articles.c.content_hash)
                    .where(articles.c.doc_name.in_(names[start : start + IN_CHUNK]))
                )
                out.update({r.doc_name: (r.doc_id, r.content_hash) for r in rows})
        return out

    def names_for_hashes(self, hashes: Sequence[str]) -> dict[str, str]:
        """``name_for_hash`` for many hashes in one round trip: content_hash -> a doc_name."""
        out: dict[str, str] = {}
        wanted = sorted(set(hashes))
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), IN_CHUNK):
                rows = conn.execute(
                    select(articles.c.content_hash, func.min(articles.c.doc_name).label("name"))
                    .where(articles.c.content_hash.in_(wanted[start : start + IN_CHUNK]))
                    .group_by(articles.c.content_hash)
                )
                out.update({r.content_hash: r.name for r in rows})
        return out

    def has_page(self, doc_name: str, page_digest: str) -> bool:
        """Whether article ``doc_name`` is stored from a page of this digest (a WARC record's
        ``meta["page_digest"]``): reading the page again would change nothing."""
        with self.engine.connect() as conn:
            meta = conn.execute(select(articles.c.meta).where(articles.c.doc_name == doc_name)).scalar()
        return isinstance(meta, dict) and meta.get("page_digest") == page_digest

    def iter_articles(self, doc_names: Sequence[str] | None = None, chunk: int = 200) -> Iterator[Article]:
        """Stream stored articles (ordered by doc_name), optionally only some names."""
        last = ""
        while True:
            stmt = select(articles).where(articles.c.doc_name > last)
            if doc_names:
                stmt = stmt.where(articles.c.doc_name.in_(list(doc_names)))
            stmt = stmt.order_by(articles.c.doc_name).limit(chunk)
            with self.engine.connect() as conn:
                rows = conn.execute(stmt).all()
            if not rows:
                return
            for row in rows:
                yield article_from_row(row)
            last = rows[-1].doc_name

    def article(self, key: str) -> Article:
        """An article by doc_id or doc_name; NotFoundError if neither exists."""
        if "\x00" in key:  # no stored name has one (PostgreSQL text cannot hold NUL)
            raise NotFoundError(f"no article {key!r} in the store")
        with self.engine.connect() as conn:
            row = conn.execute(
                select(articles).where((articles.c.doc_id == key) | (articles.c.doc_name == key))
            ).first()
        if row is None:
            raise NotFoundError(f"no article {key!r} in the store")
        return article_from_row(row)

    def article_sentences(self, doc_id: str) -> list[tuple[int, int, int]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(sentences.c.idx, sentences.c.start, sentences.c.end)
                .where(sentences.c.doc_id == doc_id).order_by(sentences.c.idx)
            ).all()
        return [(r.idx, r.start, r.end) for r in rows]

    def article_mentions(self, doc_id: str) -> list[Actor]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(mentions).where(mentions.c.doc_id == doc_id).order_by(mentions.c.start)
            ).all()
        return [mention_from_row(r) for r in rows]

    def list_articles(self, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        n_events = (
            select(events.c.doc_id, func.count().label("n")).group_by(events.c.doc_id).subquery()
        )
        stmt = (
            select(articles.c.doc_id, articles.c.doc_name, articles.c.title, articles.c.published,
                   articles.c.published_basis, articles.c.published_range, articles.c.published_evidence,
                   articles.c.source, articles.c.n_sentences,
                   func.coalesce(n_events.c.n, 0).label("n_events"))
            .outerjoin(n_events, n_events.c.doc_id == articles.c.doc_id)
            .order_by(articles.c.published, articles.c.doc_name)
            .limit(limit).offset(offset)
        )
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def articles_by_id(self, doc_ids: Collection[str]) -> dict[str, Article]:
        """doc_id → stored article, for those of ``doc_ids`` that exist."""
        found: dict[str, Article] = {}
        with self.engine.connect() as conn:
            for part in chunks(doc_ids):
                found.update({r.doc_id: article_from_row(r)
                              for r in conn.execute(select(articles).where(articles.c.doc_id.in_(part)))})
        return found

    # -- events -----------------------------------------------------------------
    def doc_events(self, doc_ids: Collection[str]) -> list[Event]:
        """Every stored event (factual or not) of the articles ``doc_ids``, with its sentence."""
        with self.engine.connect() as conn:
            found = [e for part in chunks(doc_ids) for e in load_events(conn, events.c.doc_id.in_(part))]
            mark_events(conn, found)
        return found

    def events(self, query: EventQuery | None = None, with_sentences: bool = True) -> list[Event]:
        """Stored events matching ``query``, in its order and page.

        A page (``limit`` set) picks its event ids first from the indexes, then reads
        just those rows: the wide rows of skipped or unsorted events are never read.
        """
        query = query or EventQuery()
        with self.engine.connect() as conn:
            if query.limit is not None and query.offset + query.limit <= _ID_FIRST_MAX:
                rows = self._page_rows(conn, query)
            else:
                stmt = events_select().where(where(query)).order_by(*order_by(query))
                if query.limit is not None:
                    stmt = stmt.limit(query.limit)
                rows = list(conn.execute(stmt.offset(query.offset) if query.offset else stmt).all())
            texts = self._texts(conn, {r.doc_id for r in rows}) if with_sentences else {}
            found = [row_to_event(r, texts.get(r.doc_id)) for r in rows]
            mark_events(conn, found)
        return found

    @staticmethod
    def _page_rows(conn: Connection, query: EventQuery) -> list[Any]:
        ids = list(conn.execute(page_ids_select(query)).scalars())
        if not ids:
            return []
        by_id = {r.event_id: r for r in conn.execute(events_select().where(events.c.event_id.in_(ids)))}
        return [by_id[i] for i in ids if i in by_id]

    def count_events(self, query: EventQuery | None = None) -> int:
        query = query or EventQuery()
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(events).where(where(query))).scalar() or 0)

    def event(self, event_id: str) -> Event:
        with self.engine.connect() as conn:
            row = conn.execute(events_select().where(events.c.event_id == event_id)).first()
            if row is None:
                raise NotFoundError(f"no event {event_id!r} in the store")
            found = row_to_event(row, self._texts(conn, {row.doc_id}).get(row.doc_id))
            mark_events(conn, [found])
        return found

    @staticmethod
    def _texts(conn: Connection, doc_ids: set[str]) -> dict[str, str]:
        if not doc_ids:
            return {}
        rows = conn.execute(select(articles.c.doc_id, articles.c.text).where(articles.c.doc_id.in_(doc_ids)))
        return {r.doc_id: r.text for r in rows}

    # -- counts -----------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            def count(stmt: Any) -> int:
                return int(conn.execute(stmt).scalar() or 0)

            factual = (events.c.factual.is_(True)) & (events.c.negated.is_(False)) & not_wrong()
            return {
                "articles": count(select(func.count()).select_from(articles)),
                "sentences": count(select(func.count()).select_from(sentences)),
                "mentions": count(select(func.count()).select_from(mentions)),
                "actors": count(select(func.count(func.distinct(mentions.c.code)))),
                "events": count(select(func.count()).select_from(events).where(factual)),
                "events_all": count(select(func.count()).select_from(events)),
                # undated articles (issue 17): dated by an estimate from their text, or left undated
                "articles_estimated": count(select(func.count()).select_from(articles).where(
                    articles.c.published_basis == "estimated")),
                "articles_undated": count(select(func.count()).select_from(articles).where(
                    articles.c.published.is_(None))),
            }


"""The store: one class over SQLAlchemy Core for SQLite (default) and PostgreSQL.

Writes are whole articles inside one transaction: an article, its sentences, actor
mentions and events are stored together or not at all.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Engine, create_engine, delete, event, func, insert, select, union
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from amity.errors import NotFoundError, StoreError
from amity.models import Actor, Amount, Article, CodedArticle, Event, Location
from amity.settings import normalise_db_url
from amity.store.migrations import migrate
from amity.store.query import EventQuery, date_bounds
from amity.store.schema import TABLES_BY_DOC, articles, events, mentions, sentences

ACTOR_FIELDS = ("code", "country", "sector", "name", "role", "mention", "actor_id")
_IN_CHUNK = 500  # doc ids per DELETE … IN (…): under every backend's parameter limit
_ID_FIRST_MAX = 10_000  # pages up to this (offset + limit) pick their ids first

# How long a writer waits for another one (SQLite has one writer at a time): long enough
# for a concurrent ingest's largest transaction on a busy 2-core machine.
BUSY_TIMEOUT_S = 180


DEFAULT_CACHE_MB = 8


def sqlite_cache_kib() -> int:
    """SQLite page cache per connection: ``AMITY_SQLITE_CACHE_MB`` (default 8 MB).

    8 MB keeps an ingest's memory flat however big the store grows and still answers the
    1M-event queries well under 200 ms (BENCHMARKS.md); a bigger cache speeds up index
    builds and merge rebuilds on big stores at the cost of that memory.
    """
    try:
        return max(1, int(os.environ.get("AMITY_SQLITE_CACHE_MB", str(DEFAULT_CACHE_MB)))) * 1024
    except ValueError:
        return DEFAULT_CACHE_MB * 1024


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    # large stores: an 8 MB page cache (SQLite's default is 2 MB) and in-memory sorts keep index
    # maintenance and ORDER BY over big result sets off the disk
    cur.execute(f"PRAGMA cache_size=-{sqlite_cache_kib()}")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def make_engine(url: str) -> Engine:
    url = normalise_db_url(url)
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except ImportError as exc:
        raise StoreError(f"cannot open store {url!r}: its database driver is not installed "
                         f"({exc.name}); for PostgreSQL: pip install 'amity[postgres]'") from exc
    except (SQLAlchemyError, ValueError) as exc:
        raise StoreError(f"cannot open store {url!r}: {exc}") from exc


def event_row(ev: Event) -> dict[str, Any]:
    row: dict[str, Any] = {
        "event_id": ev.event_id,
        "doc_id": ev.doc_id,
        "doc_name": ev.doc_name,
        "published": ev.published,
        "sentence_index": ev.sentence_index,
        "span_start": ev.span[0],
        "span_end": ev.span[1],
        "trigger": ev.trigger,
        "cameo": ev.cameo,
        "cameo_root": ev.cameo_root,
        "cameo_name": ev.cameo_name,
        "goldstein": ev.goldstein,
        "quad": ev.quad,
        "plover": ev.plover,
        "date": ev.date,
        "date_precision": ev.date_precision,
        "date_basis": ev.date_basis,
        "amounts": [a.to_dict() for a in ev.amounts],
        "location": ev.location.to_dict() if ev.location else None,
        "negated": ev.negated,
        "factual": ev.factual,
        "confidence": ev.confidence,
    }
    row["date_start"], row["date_end"] = date_bounds(ev.date, ev.date_precision)
    for side, actor in (("source", ev.source), ("target", ev.target)):
        for name in ACTOR_FIELDS:
            row[f"{side}_{name}"] = getattr(actor, name)
    return row


def article_row(coded: CodedArticle, now: str) -> dict[str, Any]:
    art = coded.article
    return {
        "doc_id": art.doc_id, "doc_name": art.doc_name, "title": art.title, "text": art.text,
        "published": art.published, "published_basis": art.published_basis,
        "source": art.source, "url": art.url, "authors": list(art.authors),
        "meta": dict(art.meta), "path": art.path, "content_hash": art.content_hash,
        "removed": list(art.removed), "n_sentences": len(coded.sentences),
        "ingested_at": now, "coded_at": now, "coder_version": coded.coder_version,
    }


def mention_row(doc_id: str, actor: Actor) -> dict[str, Any]:
    return {"doc_id": doc_id, "start": actor.start or 0, "end": actor.end or 0,
            "mention": actor.mention or "", "code": actor.code, "country": actor.country,
            "sector": actor.sector, "name": actor.name, "role": actor.role,
            "actor_id": actor.actor_id}


def coding_rows(batch: Iterable[CodedArticle]) -> list[tuple[Any, list[dict[str, Any]]]]:
    """(table, rows) for the sentences, mentions and events of ``batch``."""
    sentence_rows: list[dict[str, Any]] = []
    mention_rows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    for coded in batch:
        doc_id = coded.article.doc_id
        sentence_rows += [{"doc_id": doc_id, "idx": s.index, "start": s.start, "end": s.end}
                          for s in coded.sentences]
        mention_rows += [mention_row(doc_id, m) for m in coded.mentions]
        # one row per id: a clause coded twice is one event
        event_rows += {ev.event_id: event_row(ev) for ev in coded.events}.values()
    return [(sentences, sentence_rows), (mentions, mention_rows), (events, event_rows)]


def _raw_insert(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """SQLite executemany straight to the driver (JSON columns encoded here): the bulk path."""
    if not rows:
        return
    names = list(rows[0])
    json_cols = {c.name for c in table.c if isinstance(c.type, JSON)}
    quote = conn.dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {table.name} ({', '.join(quote(n) for n in names)}) "
           f"VALUES ({', '.join('?' for _ in names)})")
    conn.exec_driver_sql(sql, [
        tuple(json.dumps(r[n]) if n in json_cols and r[n] is not None else r[n] for n in names)
        for r in rows])


def _actor_from_row(row: Any, side: str) -> Actor:
    return Actor(**{name: getattr(row, f"{side}_{name}") for name in ACTOR_FIELDS})


def _sentence_text(text: str | None, start: int | None, end: int | None) -> str:
    if text is None or start is None or end is None:
        return ""
    return text[start:end]


def _events_select() -> Any:
    """Events with the offsets of the sentence each one was found in."""
    return select(events, sentences.c.start.label("sent_start"), sentences.c.end.label("sent_end")).outerjoin(
        sentences, (sentences.c.doc_id == events.c.doc_id) & (sentences.c.idx == events.c.sentence_index)
    )


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
    branches = query.branches()
    if len(branches) == 1 or query.limit is None:
        stmt = select(events.c.event_id).where(query.where()).order_by(*query.order_by())
    else:
        cut = query.offset + query.limit
        parts = [select(*(events.c[n] for n in names)).where(branch)
                 .order_by(*_ordered(events.c, keys)).limit(cut).subquery() for branch in branches]
        merged = union(*(select(*part.c) for part in parts)).subquery()
        stmt = select(merged.c.event_id).order_by(*_ordered(merged.c, keys))
    if query.limit is not None:
        stmt = stmt.limit(query.limit)
    return stmt.offset(query.offset) if query.offset else stmt


def row_to_event(row: Any, text: str | None = None) -> Event:
    return Event(
        event_id=row.event_id,
        doc_id=row.doc_id,
        doc_name=row.doc_name,
        published=row.published,
        sentence=_sentence_text(text, row.sent_start, row.sent_end),
        sentence_index=row.sentence_index,
        span=(row.span_start, row.span_end),
        trigger=row.trigger or "",
        source=_actor_from_row(row, "source"),
        target=_actor_from_row(row, "target"),
        cameo=row.cameo,
        cameo_root=row.cameo_root,
        cameo_name=row.cameo_name or "",
        goldstein=row.goldstein,
        quad=row.quad,
        plover=row.plover,
        date=row.date,
        date_precision=row.date_precision,
        date_basis=row.date_basis,
        amounts=[Amount.from_dict(a) for a in row.amounts or []],
        location=Location.from_dict(row.location) if row.location else None,
        negated=bool(row.negated),
        factual=bool(row.factual),
        confidence=row.confidence,
    )


class Store:
    """Articles, sentences, actor mentions and events in one database."""

    def __init__(self, url: str = "sqlite:///amity.db") -> None:
        self.url = normalise_db_url(url)
        self.engine = make_engine(self.url)
        self._migrate_with_retry()

    def _migrate_with_retry(self, attempts: int = 5) -> None:
        for attempt in range(attempts):
            try:
                migrate(self.engine)
                return
            except OperationalError as exc:
                if attempt == attempts - 1:
                    raise StoreError(f"cannot open store {self.display_url}: {exc.orig}") from exc
                time.sleep(0.2 * (attempt + 1))

    @property
    def display_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    # -- articles ---------------------------------------------------------------
    def article_states(self, doc_names: Sequence[str]) -> dict[str, tuple[str, str]]:
        """``article_state`` for many names in one round trip: name -> (doc_id, content_hash)."""
        out: dict[str, tuple[str, str]] = {}
        names = sorted(set(doc_names))
        with self.engine.connect() as conn:
            for start in range(0, len(names), _IN_CHUNK):
                rows = conn.execute(
                    select(articles.c.doc_name, articles.c.doc_id, articles.c.content_hash)
                    .where(articles.c.doc_name.in_(names[start : start + _IN_CHUNK]))
                )
                out.update({r.doc_name: (r.doc_id, r.content_hash) for r in rows})
        return out

    def names_for_hashes(self, hashes: Sequence[str]) -> dict[str, str]:
        """``name_for_hash`` for many hashes in one round trip: content_hash -> a doc_name."""
        out: dict[str, str] = {}
        wanted = sorted(set(hashes))
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), _IN_CHUNK):
                rows = conn.execute(
                    select(articles.c.content_hash, func.min(articles.c.doc_name).label("name"))
                    .where(articles.c.content_hash.in_(wanted[start : start + _IN_CHUNK]))
                    .group_by(articles.c.content_hash)
                )
                out.update({r.content_hash: r.name for r in rows})
        return out

    def write(self, batch: Sequence[CodedArticle]) -> None:
        """Store (or replace) whole articles with their coding, in one transaction."""
        latest = {coded.article.doc_id: coded for coded in batch}  # a name twice: the last wins
        self._insert_articles(list(latest.values()), replace=True)

    def write_bulk(self, batch: Sequence[CodedArticle]) -> None:
        """Fast path for loading *new* articles (benchmarks, imports): no replace, one transaction.

        The caller guarantees no article in ``batch`` is stored yet (else an integrity error).
        """
        self._insert_articles(batch, replace=False)

    def _insert_articles(self, batch: Sequence[CodedArticle], replace: bool) -> None:
        if not batch:
            return
        now = _now()
        raw = self.dialect == "sqlite"  # straight to the driver: the same rows, less overhead
        rows = [article_row(c, now) for c in batch]
        with self.engine.begin() as conn:
            if replace:
                self._delete_docs(conn, [c.article.doc_id for c in batch], with_articles=True)
            if raw:
                _raw_insert(conn, articles, rows)
            else:
                conn.execute(insert(articles), rows)
            self._insert_coding(conn, batch, raw=raw)

    @staticmethod
    def _delete_docs(conn: Connection, doc_ids: list[str], with_articles: bool = False) -> None:
        tables = (*TABLES_BY_DOC, articles) if with_articles else TABLES_BY_DOC
        for start in range(0, len(doc_ids), _IN_CHUNK):
            chunk = doc_ids[start : start + _IN_CHUNK]
            for table in tables:
                conn.execute(delete(table).where(table.c.doc_id.in_(chunk)))

    @staticmethod
    def _insert_coding(conn: Connection, batch: Iterable[CodedArticle], raw: bool = False) -> None:
        """Sentences, mentions and events of ``batch``: one multi-row insert per table."""
        for table, rows in coding_rows(batch):
            if raw:
                _raw_insert(conn, table, rows)
            elif rows:
                conn.execute(insert(table), rows)

    def replace_coding(self, batch: Sequence[CodedArticle]) -> None:
        """Re-coded articles: replace sentences, mentions and events, keep the article."""
        if not batch:
            return
        latest = {coded.article.doc_id: coded for coded in batch}
        with self.engine.begin() as conn:
            self._delete_docs(conn, list(latest))
            self._insert_coding(conn, latest.values(), raw=self.dialect == "sqlite")
            for doc_id, coded in latest.items():
                conn.execute(
                    articles.update()
                    .where(articles.c.doc_id == doc_id)
                    .values(coded_at=_now(), coder_version=coded.coder_version,
                            n_sentences=len(coded.sentences))
                )

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
                yield self._article_from_row(row)
            last = rows[-1].doc_name

    @staticmethod
    def _article_from_row(row: Any) -> Article:
        return Article(
            doc_name=row.doc_name, text=row.text, title=row.title, published=row.published,
            published_basis=row.published_basis, source=row.source, url=row.url,
            authors=list(row.authors or []), meta=dict(row.meta or {}), path=row.path,
            content_hash=row.content_hash, removed=list(row.removed or []),
        )

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
        return self._article_from_row(row)

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
        return [
            Actor(code=r.code, country=r.country, sector=r.sector, name=r.name, role=r.role,
                  mention=r.mention, actor_id=r.actor_id, start=r.start, end=r.end)
            for r in rows
        ]

    def list_articles(self, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        n_events = (
            select(events.c.doc_id, func.count().label("n")).group_by(events.c.doc_id).subquery()
        )
        stmt = (
            select(articles.c.doc_id, articles.c.doc_name, articles.c.title, articles.c.published,
                   articles.c.published_basis, articles.c.source, articles.c.n_sentences,
                   func.coalesce(n_events.c.n, 0).label("n_events"))
            .outerjoin(n_events, n_events.c.doc_id == articles.c.doc_id)
            .order_by(articles.c.published, articles.c.doc_name)
            .limit(limit).offset(offset)
        )
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    # -- events -----------------------------------------------------------------
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
                stmt = _events_select().where(query.where()).order_by(*query.order_by())
                if query.limit is not None:
                    stmt = stmt.limit(query.limit)
                rows = list(conn.execute(stmt.offset(query.offset) if query.offset else stmt).all())
            texts = self._texts(conn, {r.doc_id for r in rows}) if with_sentences else {}
        return [row_to_event(r, texts.get(r.doc_id)) for r in rows]

    @staticmethod
    def _page_rows(conn: Connection, query: EventQuery) -> list[Any]:
        ids = list(conn.execute(page_ids_select(query)).scalars())
        if not ids:
            return []
        by_id = {r.event_id: r for r in conn.execute(_events_select().where(events.c.event_id.in_(ids)))}
        return [by_id[i] for i in ids if i in by_id]

    def count_events(self, query: EventQuery | None = None) -> int:
        query = query or EventQuery()
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(events).where(query.where())).scalar() or 0)

    def event(self, event_id: str) -> Event:
        with self.engine.connect() as conn:
            row = conn.execute(_events_select().where(events.c.event_id == event_id)).first()
            if row is None:
                raise NotFoundError(f"no event {event_id!r} in the store")
            text = self._texts(conn, {row.doc_id}).get(row.doc_id)
        return row_to_event(row, text)

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

            factual = (events.c.factual.is_(True)) & (events.c.negated.is_(False))
            return {
                "articles": count(select(func.count()).select_from(articles)),
                "sentences": count(select(func.count()).select_from(sentences)),
                "mentions": count(select(func.count()).select_from(mentions)),
                "actors": count(select(func.count(func.distinct(mentions.c.code)))),
                "events": count(select(func.count()).select_from(events).where(factual)),
                "events_all": count(select(func.count()).select_from(events)),
            }

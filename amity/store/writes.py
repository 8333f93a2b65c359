"""Writing coded articles: whole articles in one transaction, one copy of each text.

The store enforces "one article per content": ``articles.content_hash`` is unique, so two
writers given the same text under two names (a wire story arriving through two feeds, two
``amity ingest`` runs at once) store it once whatever the timing. The write answers which
names were skipped as copies of which stored article; the ingest counts them as duplicates.

The first statement of a write is the article insert, so on SQLite the transaction holds
the write lock before it reads anything: what it then reads cannot change under it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from amity.models import CodedArticle
from amity.store.engine import StoreBase
from amity.store.reviews import reattach
from amity.store.rows import article_row, chunks, coding_rows, raw_insert
from amity.store.schema import TABLES_BY_DOC, articles

_KEEP_ON_UPDATE = ("doc_id", "doc_name")  # an updated article keeps its key


@dataclass(frozen=True)
class Wrote:
    """What one write did: ``copies`` (name -> the stored name holding its text, left out)
    and the names it ``replaced`` (the store held them before)."""

    copies: dict[str, str]
    replaced: set[str]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Writes(StoreBase):
    """The write path of ``Store``."""

    def write(self, batch: Sequence[CodedArticle]) -> dict[str, str]:
        """Store (or replace) whole articles with their coding, in one transaction.

        Returns the names left out because the store already holds their text under another
        name: ``{doc_name: stored doc_name}``. A name given twice in ``batch``: the last wins.
        """
        return self.write_batch(batch).copies

    def write_batch(self, batch: Sequence[CodedArticle]) -> Wrote:
        """:meth:`write`, also saying which names the store held before (replaced, not added)."""
        latest = {coded.article.doc_id: coded for coded in batch}
        if not latest:
            return Wrote({}, set())
        now = _now()
        rows = {doc_id: article_row(c, now) for doc_id, c in latest.items()}
        with self.engine.begin() as conn:
            inserted = self._insert_new(conn, list(rows.values()))  # first: a write, it takes the lock
            rest = {i: r for i, r in rows.items() if i not in inserted}
            stored = self._hashes(conn, list(rest))
            copies = self._copies(conn, {i: r for i, r in rest.items() if stored.get(i) != r["content_hash"]})
            updated = [i for i in rest if i in stored and i not in copies]
            copies.update({i: "an article another writer stored" for i in rest
                           if i not in stored and i not in copies})  # a row gone since the insert
            for doc_id in updated:
                values = {k: v for k, v in rows[doc_id].items() if k not in _KEEP_ON_UPDATE}
                conn.execute(update(articles).where(articles.c.doc_id == doc_id).values(**values))
            self._delete_docs(conn, updated)
            kept = [latest[i] for i in rows if i not in copies]
            self._insert_coding(conn, kept, raw=self.dialect == "sqlite")
            # reviews follow their evidence into the new coding (a new name has none: articles are never deleted)
            reattach(conn, [rows[i]["doc_name"] for i in updated])
        return Wrote({rows[i]["doc_name"]: owner for i, owner in copies.items()},
                     {rows[i]["doc_name"] for i in updated})

    def _insert_new(self, conn: Connection, rows: list[dict[str, Any]]) -> set[str]:
        """Insert the articles the store does not hold; any name or text already stored is
        left. Returns the doc_ids inserted."""
        dialect = postgresql if self.dialect == "postgresql" else sqlite
        stmt = dialect.insert(articles).on_conflict_do_nothing().returning(articles.c.doc_id)
        return set(conn.execute(stmt, rows).scalars())

    @staticmethod
    def _hashes(conn: Connection, doc_ids: list[str]) -> dict[str, str]:
        """doc_id -> stored content hash, for those of ``doc_ids`` the store holds now."""
        out: dict[str, str] = {}
        for chunk in chunks(doc_ids):
            found = conn.execute(select(articles.c.doc_id, articles.c.content_hash)
                                 .where(articles.c.doc_id.in_(chunk)))
            out.update({r.doc_id: r.content_hash for r in found})
        return out

    @staticmethod
    def _copies(conn: Connection, rows: dict[str, dict[str, Any]]) -> dict[str, str]:
        """Of ``rows`` (not stored with their text), those whose text another name holds:
        doc_id -> that name."""
        by_hash = {r["content_hash"]: doc_id for doc_id, r in rows.items()}
        out: dict[str, str] = {}
        for chunk in chunks(by_hash):
            found = conn.execute(select(articles.c.content_hash, articles.c.doc_id, articles.c.doc_name)
                                 .where(articles.c.content_hash.in_(chunk)))
            out.update({by_hash[r.content_hash]: r.doc_name for r in found
                        if r.doc_id != by_hash[r.content_hash]})
        return out

    def write_bulk(self, batch: Sequence[CodedArticle]) -> None:
        """Fast path for loading *new* articles (benchmarks, imports): no replace, one transaction.

        The caller guarantees no article in ``batch`` is stored yet, by name or by text (else
        an integrity error).
        """
        if not batch:
            return
        now = _now()
        rows = [article_row(c, now) for c in batch]
        with self.engine.begin() as conn:
            if self.dialect == "sqlite":
                raw_insert(conn, articles, rows)
            else:
                conn.execute(insert(articles), rows)
            self._insert_coding(conn, batch, raw=self.dialect == "sqlite")  # new names: no reviews yet

    @staticmethod
    def _delete_docs(conn: Connection, doc_ids: list[str]) -> None:
        """The sentences, mentions and events of these articles (the articles stay)."""
        for chunk in chunks(doc_ids):
            for table in TABLES_BY_DOC:
                conn.execute(delete(table).where(table.c.doc_id.in_(chunk)))

    @staticmethod
    def _insert_coding(conn: Connection, batch: Iterable[CodedArticle], raw: bool = False) -> None:
        """Sentences, mentions and events of ``batch``: one multi-row insert per table."""
        for table, rows in coding_rows(batch):
            if raw:
                raw_insert(conn, table, rows)
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
            reattach(conn, [c.article.doc_name for c in latest.values()])
            for doc_id, coded in latest.items():
                conn.execute(
                    articles.update()
                    .where(articles.c.doc_id == doc_id)
                    .values(coded_at=_now(), coder_version=coded.coder_version,
                            n_sentences=len(coded.sentences))
                )

    def note_page_digests(self, digests: dict[str, str]) -> None:
        """Record the page digest (``meta["page_digest"]``) of stored articles read again
        with the same text, so the next reading of the same record skips them."""
        with self.engine.begin() as conn:
            for name, digest in sorted(digests.items()):
                meta = conn.execute(select(articles.c.meta).where(articles.c.doc_name == name)).scalar()
                if isinstance(meta, dict) and meta.get("page_digest") != digest:
                    conn.execute(update(articles).where(articles.c.doc_name == name)
                                 .values(meta={**meta, "page_digest": digest}))

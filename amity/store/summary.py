"""Corpus summaries counted in SQL: top dyads, actor counts, the stored actor mentions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select

from amity.models import ActorCount, DyadTotal
from amity.query import EventQuery
from amity.store.engine import StoreBase
from amity.store.query import not_wrong, where
from amity.store.schema import articles, events, mentions


class Summaries(StoreBase):
    """Aggregates for ``amity demo``, ``amity stats``, ``amity actors`` and the dashboard overview."""

    def top_dyads(self, limit: int = 10, query: EventQuery | None = None) -> list[DyadTotal]:
        """Undirected country dyads (a < b) by number of factual events, with Goldstein totals.

        Domestic events (a == b) are included: a court banning a party is a KHM–KHM event.
        """
        query = query or EventQuery()
        pair = (events.c.source_country, events.c.target_country)
        # SQLite's two-argument min/max are scalar; PostgreSQL spells them least/greatest.
        postgres = self.dialect == "postgresql"
        lo: Any = func.least(*pair) if postgres else func.min(*pair)
        hi: Any = func.greatest(*pair) if postgres else func.max(*pair)
        a, b = lo.label("a"), hi.label("b")
        stmt = (
            select(a, b, func.count().label("n"), func.sum(events.c.goldstein).label("g"))
            .where(where(query))
            .where(events.c.source_country.is_not(None), events.c.target_country.is_not(None))
            .group_by(lo, hi)
            .order_by(func.count().desc(), lo, hi)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).all()
        return [DyadTotal(r.a, r.b, r.n, round(r.g or 0.0, 2), round((r.g or 0.0) / r.n, 2)) for r in rows]

    def _event_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        factual = events.c.factual.is_(True) & events.c.negated.is_(False) & not_wrong()
        with self.engine.connect() as conn:
            for side in ("source", "target"):
                col = events.c[f"{side}_code"]
                for code, n in conn.execute(select(col, func.count()).where(factual).group_by(col)):
                    counts[code] = counts.get(code, 0) + n
        return counts

    def actor_counts(self, country: str | None = None, limit: int | None = None) -> list[ActorCount]:
        """Actor codes in the store with how often they are mentioned and take part in events."""
        name = func.max(mentions.c.name)
        stmt = select(mentions.c.code, func.max(mentions.c.country), func.max(mentions.c.sector), name,
                      func.count()).group_by(mentions.c.code)
        if country:
            stmt = stmt.where(mentions.c.country == country.upper())
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).all()
        in_events = self._event_counts()
        found = [ActorCount(r[0], r[1], r[2], r[3], r[4], in_events.get(r[0], 0)) for r in rows]
        found.sort(key=lambda a: (-a.events, -a.mentions, a.code))
        return found[:limit] if limit else found

    def iter_mentions(self, doc: str | None = None) -> Iterator[dict[str, object]]:
        """Every stored actor mention as the ``amity mentions`` record."""
        stmt = (select(articles.c.doc_name, mentions).join(articles, articles.c.doc_id == mentions.c.doc_id)
                .order_by(articles.c.doc_name, mentions.c.start))
        if doc:
            stmt = stmt.where(articles.c.doc_name == doc)
        with self.engine.connect() as conn:
            for row in conn.execute(stmt):
                yield {"doc_name": row.doc_name, "mention": row.mention, "start": row.start, "end": row.end,
                       "code": row.code, "country": row.country, "sector": row.sector, "name": row.name,
                       "role": row.role}

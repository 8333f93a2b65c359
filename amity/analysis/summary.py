"""Corpus summaries used by ``amity demo``, ``amity stats`` and the dashboard overview."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from amity.store import EventQuery, Store
from amity.store.schema import events


@dataclass
class DyadTotal:
    a: str
    b: str
    events: int
    goldstein_total: float
    goldstein_mean: float


def top_dyads(store: Store, limit: int = 10, query: EventQuery | None = None) -> list[DyadTotal]:
    """Undirected country dyads (a < b) by number of factual events, with Goldstein totals.

    Domestic events (a == b) are included: a court banning a party is a KHM–KHM event.
    """
    query = query or EventQuery()
    lo = func.min(events.c.source_country, events.c.target_country)
    hi = func.max(events.c.source_country, events.c.target_country)
    if store.dialect == "postgresql":
        lo = func.least(events.c.source_country, events.c.target_country)
        hi = func.greatest(events.c.source_country, events.c.target_country)
    a, b = lo.label("a"), hi.label("b")
    stmt = (
        select(a, b, func.count().label("n"), func.sum(events.c.goldstein).label("g"))
        .where(query.where())
        .where(events.c.source_country.is_not(None), events.c.target_country.is_not(None))
        .group_by(lo, hi)
        .order_by(func.count().desc(), lo, hi)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return [DyadTotal(r.a, r.b, r.n, round(r.g or 0.0, 2), round((r.g or 0.0) / r.n, 2)) for r in rows]

"""Timelines: the merged events of an actor or a dyad, dated and ordered, across articles.

Order: by the first day an event's date can mean; at the same start, coarser dates first
("1993" before "1993-05" before "1993-05-23"); undated events last. Dates are shown at
their precision, as written ("1979", "2013-12", "2018-07-30").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, func, select

from amity.analysis.merge import MergedEvent, ensure_merges, merged_page, representatives_select
from amity.analysis.series import date_label
from amity.store import EventQuery, Store, parse_dyad
from amity.store.query import date_bounds
from amity.store.schema import event_groups, events


@dataclass
class TimelineEntry:
    """One merged event on a timeline; ``event_id`` is the merged event (group) id."""

    event_id: str
    date: str | None
    date_label: str
    date_precision: str
    date_basis: str
    source_code: str
    source_name: str
    target_code: str
    target_name: str
    cameo: str
    cameo_name: str
    quad: str
    goldstein: float
    sentence: str
    doc_name: str
    doc_names: list[str] = field(default_factory=list)
    mentions: int = 1
    member_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def entry_of(merged: MergedEvent) -> TimelineEntry:
    event = merged.event
    return TimelineEntry(
        event_id=merged.group_id, date=event.date, date_label=date_label(event.date, event.date_precision),
        date_precision=event.date_precision, date_basis=event.date_basis,
        source_code=event.source.code, source_name=event.source.name or event.source.mention or "",
        target_code=event.target.code, target_name=event.target.name or event.target.mention or "",
        cameo=event.cameo, cameo_name=event.cameo_name, quad=event.quad, goldstein=event.goldstein,
        sentence=event.sentence, doc_name=event.doc_name, doc_names=list(merged.doc_names),
        mentions=merged.mentions, member_ids=list(merged.member_ids),
    )


def _order(entry: TimelineEntry) -> tuple[int, str, str, str]:
    lo, hi = date_bounds(entry.date, entry.date_precision)
    if lo is None or hi is None:
        return (1, "", "", entry.event_id)
    inverted_end = "".join(chr(0x10FFFF - ord(c)) for c in hi)
    return (0, lo, inverted_end, entry.event_id)


def _page(conn: Connection, query: EventQuery, offset: int, limit: int | None) -> list[MergedEvent]:
    """The merged events of one timeline page, in timeline order, selected and paged in SQL.

    The order is ``_order``'s: dated first, by first day, coarser (later last day) first, then id;
    ``date_start``/``date_end`` are stored as ``date_bounds`` of the date.
    """
    undated = (events.c.date_start.is_(None) | events.c.date_end.is_(None)).label("undated")
    stmt = representatives_select(query, event_groups.c.size, undated).order_by(
        undated, events.c.date_start, events.c.date_end.desc(), event_groups.c.group_id).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return merged_page(conn, [(r.group_id, r.size) for r in conn.execute(stmt)])


def _timeline_query(actor: str | None, dyad: str | tuple[str, str] | None, base: EventQuery) -> EventQuery:
    if isinstance(dyad, str):
        dyad = parse_dyad(dyad)
    changes: dict[str, Any] = {"limit": None, "offset": 0}
    if actor:
        changes["actor"] = actor.upper()
    if dyad:
        changes["dyad"] = (dyad[0].upper(), dyad[1].upper())
    full = replace(base, **changes)
    full.validate()
    return full


def timeline(store: Store, actor: str | None = None, dyad: str | tuple[str, str] | None = None,
             query: EventQuery | None = None) -> list[TimelineEntry]:
    """Merged events of ``actor`` (source or target) or ``dyad`` (undirected), ordered.

    Only the page asked for (``query.offset``/``limit``) is read into ``Event`` objects.
    """
    base = query or EventQuery()
    full = _timeline_query(actor, dyad, base)
    ensure_merges(store)
    with store.engine.connect() as conn:
        page = _page(conn, full, base.offset, base.limit)
    return [entry_of(m) for m in page]


def timeline_total(store: Store, actor: str | None = None, dyad: str | tuple[str, str] | None = None,
                   query: EventQuery | None = None) -> int:
    """How many entries ``timeline`` has without paging (counted in SQL, nothing loaded)."""
    full = _timeline_query(actor, dyad, query or EventQuery())
    ensure_merges(store)
    stmt = select(func.count()).select_from(representatives_select(full).subquery())
    with store.engine.connect() as conn:
        return int(conn.execute(stmt).scalar() or 0)

"""Reading merged events: the groups of ``event_groups`` selected, sorted and paged in SQL.

Only the representatives of the page asked for become ``Event`` records; series read just
the columns they count (``GroupHead``), timelines their page, in timeline order.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from sqlalchemy import Connection, Text, case, cast, func, select

from amity.models import Event, GroupHead, MergedEvent
from amity.query import EventQuery
from amity.store.groups import MergeGroups
from amity.store.query import where
from amity.store.reviews import mark_events
from amity.store.rows import chunks, load_events_by_id
from amity.store.schema import event_groups, events


def _invert(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


def _sort_key(sort: str) -> Any:
    """Sort key over representative rows (group_id, date_start, goldstein, doc_name, span_start)."""
    keys = {
        "date": lambda r: (r[1] or "9999", r[0]),
        "-date": lambda r: (_invert(r[1] or "9999"), r[0]),
        "goldstein": lambda r: (r[2], r[0]),
        "-goldstein": lambda r: (-r[2], r[0]),
        "doc": lambda r: (r[3], r[4], r[0]),
    }
    return keys[sort]


def matching_groups(query: EventQuery) -> Any:
    """Subquery of the ``group_id`` of every group with a report matching ``query``."""
    return (select(event_groups.c.group_id).select_from(events.join(
        event_groups, event_groups.c.event_id == events.c.event_id)).where(where(query)).distinct().subquery())


def block_level(query: EventQuery) -> bool:
    """True when the merge block decides every filter of ``query``: all reports of a group agree.

    Blocks share the directed country dyad, CAMEO root and factuality, so country actors
    (3 letters) and a 2-digit code are block level; dates, longer codes, quad and doc are not.
    """
    actors = [a for a in (*(query.dyad or ()), query.actor, query.source, query.target) if a]
    return (all(len(a.strip()) == 3 for a in actors) and (query.code is None or len(query.code.strip()) == 2)
            and not (query.quad or query.since or query.until or query.doc))


def representatives_select(query: EventQuery, *columns: Any) -> Any:
    """``columns`` of each matching group's representative (its ``events`` and ``event_groups`` rows).

    When ``query`` is block level the representative matches whenever a member does, so the
    representatives are simply the matching reports that lead their group (no DISTINCT).
    """
    if block_level(query):
        return select(event_groups.c.group_id, *columns).select_from(
            events.join(event_groups, event_groups.c.event_id == events.c.event_id)
        ).where(where(query), event_groups.c.group_id == events.c.event_id)
    groups = matching_groups(query)
    return select(groups.c.group_id, *columns).select_from(
        groups.join(events, events.c.event_id == groups.c.group_id)
        .join(event_groups, event_groups.c.event_id == groups.c.group_id))


def group_members(conn: Connection, group_ids: Collection[str]) -> dict[str, list[str]]:
    """group_id → member event ids."""
    members: dict[str, list[str]] = {}
    for part in chunks(group_ids):
        rows = conn.execute(select(event_groups.c.group_id, event_groups.c.event_id)
                            .where(event_groups.c.group_id.in_(part)))
        for row in rows:
            members.setdefault(row.group_id, []).append(row.event_id)
    return members


def _stored_doc_names(conn: Connection, group_ids: Collection[str]) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for part in chunks(group_ids):
        rows = conn.execute(select(event_groups.c.event_id, event_groups.c.doc_names)
                            .where(event_groups.c.event_id.in_(part)))
        names.update({r.event_id: list(r.doc_names or []) for r in rows})
    return names


def merged_page(conn: Connection, groups: list[tuple[str, int]]) -> list[MergedEvent]:
    """``MergedEvent`` records for (group_id, size) pairs, in that order: only their leads are loaded."""
    ids = [group_id for group_id, _ in groups]
    leads = {e.event_id: e for e in load_events_by_id(conn, ids)}
    mark_events(conn, leads.values())
    members, names = group_members(conn, ids), _stored_doc_names(conn, ids)
    page = []
    for group_id, size in groups:
        lead = leads.get(group_id)
        if lead is None:
            continue
        lead.doc_names = names.get(group_id) or [lead.doc_name]
        lead.mentions = len(lead.doc_names)
        page.append(MergedEvent(group_id, lead, sorted(members.get(group_id, [group_id])), size))
    return page


def _doc_names(doc_name: str, names: Any) -> list[str]:
    if names is None:  # a single report: its own article (the stored list is not decoded)
        return [doc_name]
    return list(json.loads(names) if isinstance(names, str) else names)


class MergedReads(MergeGroups):
    """Merged events read from ``event_groups`` (brought up to date first)."""

    def merged_events(self, query: EventQuery | None = None) -> list[MergedEvent]:
        """Merged events with at least one report matching ``query`` (sorted, paged by it).

        The groups are selected and sorted on their representatives' rows; ``Event`` records are
        built only for the page returned.
        """
        query = query or EventQuery()
        query.validate()
        self.ensure_merges()
        stmt = representatives_select(query, events.c.date_start, events.c.goldstein, events.c.doc_name,
                                      events.c.span_start, event_groups.c.size)
        with self.engine.connect() as conn:
            rows = sorted((tuple(r) for r in conn.execute(stmt)), key=_sort_key(query.sort))
            end = None if query.limit is None else query.offset + query.limit
            return merged_page(conn, [(r[0], r[5]) for r in rows[query.offset : end]])

    def merged_groups(self, query: EventQuery | None = None) -> list[tuple[str, list[Event]]]:
        """(group_id, every report) of the merged events ``merged_events`` returns for ``query``,
        in its order (the reports of a page loaded in one pass)."""
        page = self.merged_events(query)
        with self.engine.connect() as conn:
            found = {e.event_id: e for e in load_events_by_id(conn, [i for m in page for i in m.member_ids])}
        return [(m.group_id, [found[i] for i in m.member_ids if i in found]) for m in page]

    def group_reports(self, event_id: str) -> tuple[str, list[Event]]:
        """(group_id, every report) of the merged event report ``event_id`` belongs to
        (``NotFoundError`` when there is no such report)."""
        lead = self.event(event_id)  # type: ignore[attr-defined]
        group_id = self.group_ids([event_id]).get(event_id, event_id)
        with self.engine.connect() as conn:
            ids = group_members(conn, [group_id]).get(group_id, [event_id])
            return group_id, load_events_by_id(conn, ids) or [lead]

    def merge_counts(self) -> dict[str, int]:
        """Reports (stored events) and merged events over the whole store."""
        self.ensure_merges()
        with self.engine.connect() as conn:
            reports = conn.execute(select(event_groups.c.event_id)).all()
            groups = conn.execute(select(event_groups.c.group_id).distinct()).all()
        return {"reports": len(reports), "merged": len(groups)}

    def group_heads(self, query: EventQuery) -> list[GroupHead]:
        """One ``GroupHead`` per merged event matching ``query`` (its paging ignored), read in SQL.

        The order is ``merged_events``'s "date" sort: first day the date can mean (``date_start``,
        stored as ``date_bounds`` of the date; undated last), then the group id.
        """
        query.validate()
        self.ensure_merges()
        names = case((event_groups.c.size > 1, cast(event_groups.c.doc_names, Text)))
        stmt = representatives_select(query, events.c.date, events.c.date_precision, events.c.quad,
                                      events.c.goldstein, event_groups.c.size, events.c.doc_name,
                                      events.c.date_start, names)
        with self.engine.connect() as conn:
            rows = [tuple(r) for r in conn.execute(stmt)]
        rows.sort(key=lambda r: (r[7] or "9999", r[0]))
        return [GroupHead(gid, date, precision, quad, goldstein, size, _doc_names(doc_name, names))
                for gid, date, precision, quad, goldstein, size, doc_name, _, names in rows]

    def timeline_page(self, query: EventQuery, offset: int = 0, limit: int | None = None) -> list[MergedEvent]:
        """The merged events matching ``query`` in timeline order, ``offset``/``limit`` paged in SQL.

        Dated first, by first day, coarser (later last day) first, then id
        (``amity.analysis.timeline.timeline_order``); ``date_start``/``date_end`` are stored
        as ``date_bounds`` of the date.
        """
        self.ensure_merges()
        undated = (events.c.date_start.is_(None) | events.c.date_end.is_(None)).label("undated")
        stmt = representatives_select(query, event_groups.c.size, undated).order_by(
            undated, events.c.date_start, events.c.date_end.desc(), event_groups.c.group_id).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            return merged_page(conn, [(r.group_id, r.size) for r in conn.execute(stmt)])

    def count_merged(self, query: EventQuery) -> int:
        """How many merged events match ``query`` (paging ignored; counted in SQL, nothing loaded)."""
        self.ensure_merges()
        stmt = select(func.count()).select_from(representatives_select(query).subquery())
        with self.engine.connect() as conn:
            return int(conn.execute(stmt).scalar() or 0)

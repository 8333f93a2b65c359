"""Event merging: one real-world event reported by several articles becomes one event.

Two reports (stored events) are the same event when all of these hold:

- the same directed dyad at country + sector level (``JPNGOV → KHMGOV``), the same CAMEO
  root and compatible codes (equal, or one a prefix of the other: ``03`` and ``0311``),
  the same factuality (a negated or hypothetical report never merges with a factual one);
- compatible dates: two dates grounded in the text merge when their ranges overlap
  (``1993`` contains ``1993-05-23``); a date taken from the publication (or unknown) only
  merges with reports published within ``publication_days`` of it;
- similar evidence: the Jaccard overlap of the content words of trigger + sentence is at
  least ``jaccard``, or both state the same amount.

Groups are built greedily with complete linkage (a report joins a group only if it is
compatible with every member), most precise dates first, so ``1993`` cannot chain two
different days of 1993 together. The group's representative is its first member; its
``event_id`` is the ``group_id``. Groups are stored in ``event_groups`` and recomputed per
block (directed dyad + root + factuality) for the articles touched by an ingest.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select, union

from amity.analysis._rows import chunks, load_events, load_events_by_id
from amity.models import Event
from amity.store import EventQuery, Store
from amity.store.query import date_bounds
from amity.store.schema import event_groups, events

PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "unknown": 4}
_WORD = re.compile(r"[a-z]+|\d+(?:[.,]\d+)*")
BLOCK_COLUMNS = ("source_country", "source_sector", "target_country", "target_sector",
                 "cameo_root", "factual", "negated")


@dataclass(frozen=True)
class MergeSettings:
    """Thresholds of the merge rule (see the module docstring)."""

    jaccard: float = 0.25
    publication_days: int = 2


@dataclass
class MergedEvent:
    """One real-world event: a representative report plus every report of it.

    ``event`` is the representative with ``mentions`` (distinct articles) and ``doc_names``
    filled in; ``member_ids`` are the event ids of all reports; ``reports`` their number.
    """

    group_id: str
    event: Event
    member_ids: list[str] = field(default_factory=list)
    reports: int = 1

    @property
    def mentions(self) -> int:
        return self.event.mentions

    @property
    def doc_names(self) -> list[str]:
        return self.event.doc_names

    def to_dict(self) -> dict[str, Any]:
        out = self.event.to_dict()
        out.update(group_id=self.group_id, member_ids=list(self.member_ids), reports=self.reports)
        return out


# -- the merge rule -------------------------------------------------------------------
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


_STOP: frozenset[str] | None = None


def evidence_tokens(event: Event) -> frozenset[str]:
    """Content words of the trigger and sentence (lower case, stop words dropped)."""
    global _STOP
    if _STOP is None:
        _STOP = _stop_words()
    words = _WORD.findall(f"{event.trigger} {event.sentence}".lower())
    return frozenset(w for w in words if w not in _STOP and (len(w) > 2 or w.isdigit()))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _amount_keys(event: Event) -> set[tuple[float, str, str | None]]:
    return {(round(a.value, 6), a.unit, a.currency) for a in event.amounts if a.value}


def codes_compatible(a: str, b: str) -> bool:
    return a[:2] == b[:2] and (a.startswith(b) or b.startswith(a))


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _text_range(event: Event) -> tuple[str, str] | None:
    if event.date_basis != "text" or event.date_precision == "unknown":
        return None
    lo, hi = date_bounds(event.date, event.date_precision)
    return (lo, hi) if lo and hi else None


def dates_compatible(a: Event, b: Event, days: int = 2) -> bool:
    """Overlapping text dates; publication-basis dates within ``days`` of the other report."""
    ra, rb = _text_range(a), _text_range(b)
    if ra and rb:
        return ra[0] <= rb[1] and rb[0] <= ra[1]
    pa, pb = _day(a.published), _day(b.published)
    if ra is None and rb is None:
        if pa and pb:
            return abs((pa - pb).days) <= days
        return bool(a.doc_id) and a.doc_id == b.doc_id
    text_range, pub = (ra, pb) if ra else (rb, pa)
    if pub is None or text_range is None:
        return False
    window = ((pub - dt.timedelta(days=days)).isoformat(), (pub + dt.timedelta(days=days)).isoformat())
    return text_range[0] <= window[1] and window[0] <= text_range[1]


class _Report:
    __slots__ = ("event", "tokens", "amounts")

    def __init__(self, event: Event) -> None:
        self.event = event
        self.tokens = evidence_tokens(event)
        self.amounts = _amount_keys(event)


def _same_event(a: _Report, b: _Report, settings: MergeSettings) -> bool:
    if not codes_compatible(a.event.cameo, b.event.cameo):
        return False
    if not dates_compatible(a.event, b.event, settings.publication_days):
        return False
    return bool(a.amounts & b.amounts) or jaccard(a.tokens, b.tokens) >= settings.jaccard


def _order_key(event: Event) -> tuple[Any, ...]:
    return (PRECISION_RANK.get(event.date_precision, 4), event.date_basis != "text",
            -event.confidence, event.published or "9999", event.event_id)


def cluster(reports: Iterable[Event], settings: MergeSettings | None = None) -> list[list[Event]]:
    """Group the reports of one block into events (complete linkage, precise dates first)."""
    settings = settings or MergeSettings()
    groups: list[list[_Report]] = []
    for event in sorted(reports, key=_order_key):
        report = _Report(event)
        for group in groups:
            if all(_same_event(report, member, settings) for member in group):
                group.append(report)
                break
        else:
            groups.append([report])
    return [[r.event for r in group] for group in groups]


# -- storing groups ---------------------------------------------------------------------
BlockKey = tuple[Any, ...]


def _block_id(key: BlockKey) -> str:
    return "|".join("" if v is None else str(int(v) if isinstance(v, bool) else v) for v in key)


def _block_where(key: BlockKey) -> Any:
    return and_(*(events.c[name].is_not_distinct_from(value) for name, value in zip(BLOCK_COLUMNS, key, strict=True)))


def _blocks_of(conn: Connection, doc_ids: Collection[str] | None) -> tuple[set[BlockKey], set[str]]:
    """Block keys of the current events of ``doc_ids`` (all when None) and old block ids."""
    cols = [events.c[name] for name in BLOCK_COLUMNS]
    if doc_ids is None:
        keys = {tuple(r) for r in conn.execute(select(*cols).distinct())}
        return keys, set(conn.execute(select(event_groups.c.block).distinct()).scalars())
    keys, old = set(), set()
    for part in chunks(doc_ids):
        keys |= {tuple(r) for r in conn.execute(select(*cols).where(events.c.doc_id.in_(part)).distinct())}
        old |= set(conn.execute(
            select(event_groups.c.block).where(event_groups.c.doc_id.in_(part)).distinct()).scalars())
    return keys, old


def _normalise_key(key: BlockKey) -> BlockKey:
    return tuple(bool(v) if name in ("factual", "negated") else v for name, v in zip(BLOCK_COLUMNS, key, strict=True))


def _group_rows(block: str, groups: list[list[Event]]) -> list[dict[str, Any]]:
    rows = []
    for group in groups:
        names = sorted({e.doc_name for e in group})
        for event in group:
            rows.append({"event_id": event.event_id, "group_id": group[0].event_id, "doc_id": event.doc_id,
                         "block": block, "size": len(group), "doc_names": names})
    return rows


def _regroup_block(conn: Connection, key: BlockKey, settings: MergeSettings) -> int:
    block = _block_id(key)
    conn.execute(delete(event_groups).where(event_groups.c.block == block))
    groups = cluster(load_events(conn, _block_where(key)), settings)
    rows = _group_rows(block, groups)
    if rows:
        conn.execute(insert(event_groups), rows)
    return len(groups)


def update_merges(store: Store, doc_ids: Collection[str] | None = None,
                  settings: MergeSettings | None = None) -> int:
    """Recompute the merged-event groups of every block the articles ``doc_ids`` touch.

    ``None`` recomputes everything. Call after writing or re-coding articles (pass their
    doc_ids, including deleted ones). Returns the number of merged events in the blocks
    recomputed.
    """
    settings = settings or MergeSettings()
    with store.engine.begin() as conn:
        keys, old_blocks = _blocks_of(conn, doc_ids)
        keys = {_normalise_key(k) for k in keys}
        if doc_ids is None:
            conn.execute(delete(event_groups))
        live = {_block_id(k) for k in keys}
        for block in sorted(old_blocks - live):
            conn.execute(delete(event_groups).where(event_groups.c.block == block))
        return sum(_regroup_block(conn, key, settings) for key in sorted(keys, key=_block_id))


def stale_doc_ids(store: Store) -> set[str]:
    """Articles whose events are not (or no longer) reflected in ``event_groups``."""
    missing = (select(events.c.doc_id).outerjoin(event_groups, event_groups.c.event_id == events.c.event_id)
               .where(event_groups.c.event_id.is_(None)))
    gone = (select(event_groups.c.doc_id).outerjoin(events, events.c.event_id == event_groups.c.event_id)
            .where(events.c.event_id.is_(None)))
    with store.engine.connect() as conn:
        return set(conn.execute(union(missing, gone)).scalars())


def ensure_merges(store: Store) -> int:
    """Bring ``event_groups`` up to date for articles written without ``update_merges``."""
    stale = stale_doc_ids(store)
    return update_merges(store, stale) if stale else 0


# -- reading merged events -----------------------------------------------------------------
def _sort_key(sort: str) -> Any:
    keys = {
        "date": lambda m: (m.event_start, m.event.event_id),
        "-date": lambda m: (_invert(m.event_start), m.event.event_id),
        "goldstein": lambda m: (m.event.goldstein, m.event.event_id),
        "-goldstein": lambda m: (-m.event.goldstein, m.event.event_id),
        "doc": lambda m: (m.event.doc_name, m.event.span[0], m.event.event_id),
    }
    return keys[sort]


def _invert(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


class _Sortable:
    def __init__(self, merged: MergedEvent) -> None:
        self.merged = merged
        self.event = merged.event
        self.event_start = date_bounds(merged.event.date, merged.event.date_precision)[0] or "9999"


def _groups_matching(conn: Connection, query: EventQuery) -> dict[str, list[str]]:
    """group_id → member event ids, for every group with a report matching ``query``."""
    stmt = (select(event_groups.c.group_id).select_from(events.join(
        event_groups, event_groups.c.event_id == events.c.event_id)).where(query.where()).distinct())
    group_ids = list(conn.execute(stmt).scalars())
    members: dict[str, list[str]] = {}
    for part in chunks(group_ids):
        rows = conn.execute(select(event_groups.c.group_id, event_groups.c.event_id)
                            .where(event_groups.c.group_id.in_(part)))
        for row in rows:
            members.setdefault(row.group_id, []).append(row.event_id)
    return members


def build_merged(members: dict[str, list[str]], reports: dict[str, Event]) -> list[MergedEvent]:
    out = []
    for group_id, ids in members.items():
        group = sorted((reports[i] for i in ids if i in reports), key=_order_key)
        if not group:
            continue
        lead = next((e for e in group if e.event_id == group_id), group[0])
        lead.doc_names = sorted({e.doc_name for e in group})
        lead.mentions = len(lead.doc_names)
        out.append(MergedEvent(group_id, lead, sorted(e.event_id for e in group), len(group)))
    return out


def merged_events(store: Store, query: EventQuery | None = None) -> list[MergedEvent]:
    """Merged events with at least one report matching ``query`` (sorted, paged by it)."""
    query = query or EventQuery()
    query.validate()
    ensure_merges(store)
    with store.engine.connect() as conn:
        members = _groups_matching(conn, query)
        reports = {e.event_id: e for e in load_events_by_id(conn, {i for ids in members.values() for i in ids})}
    merged = sorted((_Sortable(m) for m in build_merged(members, reports)), key=_sort_key(query.sort))
    found = [s.merged for s in merged]
    end = None if query.limit is None else query.offset + query.limit
    return found[query.offset : end]


def merge_counts(store: Store) -> dict[str, int]:
    """Reports (stored events) and merged events over the whole store."""
    ensure_merges(store)
    with store.engine.connect() as conn:
        reports = conn.execute(select(event_groups.c.event_id)).all()
        groups = conn.execute(select(event_groups.c.group_id).distinct()).all()
    return {"reports": len(reports), "merged": len(groups)}

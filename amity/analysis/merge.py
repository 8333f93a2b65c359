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

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, or_, select

from amity.analysis._rows import chunks, event_of_row, events_with_text_select, load_events_by_id
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
    from amity.codebook import word_set  # codebook data/words.yaml (spaCy's English stop words)

    return word_set("merge", "stop_words")


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


def _equals(column: Any, value: Any) -> Any:
    """``column IS NOT DISTINCT FROM value``, written so that both backends use an index."""
    return column.is_(None) if value is None else column == value


def _block_where(key: BlockKey) -> Any:
    return and_(*(_equals(events.c[name], value) for name, value in zip(BLOCK_COLUMNS, key, strict=True)))


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


def _keys_still_in(conn: Connection, blocks: Collection[str]) -> set[BlockKey]:
    """Block keys of the other articles' events still grouped in ``blocks``.

    A re-coded article can leave a block; the block's other reports must be regrouped then.
    """
    cols = [events.c[name] for name in BLOCK_COLUMNS]
    joined = events.join(event_groups, event_groups.c.event_id == events.c.event_id)
    keys: set[BlockKey] = set()
    for part in chunks(blocks):
        keys |= {tuple(r) for r in conn.execute(
            select(*cols).select_from(joined).where(event_groups.c.block.in_(part)).distinct())}
    return keys


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


BLOCKS_PER_QUERY = 100


_BLOCK_STATEMENTS: dict[int, Any] = {}


def _blocks_statement(n: int) -> Any:
    """SQLite: one prepared statement for ``n`` blocks (``col IS :value`` matches NULL too)."""
    stmt = _BLOCK_STATEMENTS.get(n)
    if stmt is None:
        terms = [and_(*(events.c[name].is_not_distinct_from(bindparam(f"k{i}_{j}", type_=events.c[name].type))
                        for j, name in enumerate(BLOCK_COLUMNS))) for i in range(n)]
        stmt = _BLOCK_STATEMENTS[n] = events_with_text_select().where(or_(*terms))
    return stmt


def _blocks_rows(conn: Connection, keys: list[BlockKey]) -> Any:
    if conn.dialect.name != "sqlite":  # equality / IS NULL terms, which PostgreSQL answers from the index
        return conn.execute(events_with_text_select().where(or_(*(_block_where(k) for k in keys))))
    padded = keys + [keys[-1]] * (BLOCKS_PER_QUERY - len(keys))  # the same statement for every chunk
    params = {f"k{i}_{j}": value for i, key in enumerate(padded) for j, value in enumerate(key)}
    return conn.execute(_blocks_statement(len(padded)), params)


def _load_blocks(conn: Connection, keys: list[BlockKey]) -> dict[BlockKey, list[Event]]:
    """The events of every block in ``keys``, by block key, in one statement."""
    found: dict[BlockKey, list[Event]] = {key: [] for key in keys}
    for row in _blocks_rows(conn, keys):
        key = _normalise_key(tuple(row._mapping[name] for name in BLOCK_COLUMNS))
        if key in found:
            found[key].append(event_of_row(row))
    return found


def _regroup_blocks(conn: Connection, keys: list[BlockKey], settings: MergeSettings) -> int:
    """Recompute the groups of ``keys``: one load, one delete and one insert for all of them."""
    loaded = _load_blocks(conn, keys)
    rows: list[dict[str, Any]] = []
    merged = 0
    for key in keys:
        groups = cluster(loaded[key], settings)
        merged += len(groups)
        rows += _group_rows(_block_id(key), groups)
    conn.execute(delete(event_groups).where(event_groups.c.block.in_([_block_id(k) for k in keys])))
    if rows:
        conn.execute(insert(event_groups), rows)
    return merged


def _delete_blocks(conn: Connection, blocks: Collection[str]) -> None:
    for part in chunks(blocks):
        conn.execute(delete(event_groups).where(event_groups.c.block.in_(part)))


def update_merges(store: Store, doc_ids: Collection[str] | None = None,
                  settings: MergeSettings | None = None) -> int:
    """Recompute the merged-event groups of every block the articles ``doc_ids`` touch.

    ``None`` recomputes everything. Call after writing or re-coding articles (pass their
    doc_ids, including deleted ones). Returns the number of merged events in the blocks
    recomputed. Blocks are loaded, grouped and written ``BLOCKS_PER_QUERY`` at a time.
    """
    settings = settings or MergeSettings()
    with store.engine.begin() as conn:
        keys, old_blocks = _blocks_of(conn, doc_ids)
        if doc_ids is not None:
            keys |= _keys_still_in(conn, old_blocks - {_block_id(_normalise_key(k)) for k in keys})
        ordered = sorted({_normalise_key(k) for k in keys}, key=_block_id)
        if doc_ids is None:
            conn.execute(delete(event_groups))
        _delete_blocks(conn, old_blocks - {_block_id(k) for k in ordered})
        return sum(_regroup_blocks(conn, ordered[i : i + BLOCKS_PER_QUERY], settings)
                   for i in range(0, len(ordered), BLOCKS_PER_QUERY))


STALE_CHUNK = 2000  # articles regrouped per transaction when catching up


def stale_doc_ids(store: Store, after: str = "", limit: int | None = None) -> list[str]:
    """Articles whose events are not (or no longer) reflected in ``event_groups``, in
    ``doc_id`` order after ``after``; at most ``limit`` (each side read from its doc_id index)."""
    missing = (select(events.c.doc_id).outerjoin(event_groups, event_groups.c.event_id == events.c.event_id)
               .where(event_groups.c.event_id.is_(None), events.c.doc_id > after)
               .distinct().order_by(events.c.doc_id).limit(limit))
    gone = (select(event_groups.c.doc_id).outerjoin(events, events.c.event_id == event_groups.c.event_id)
            .where(events.c.event_id.is_(None), event_groups.c.doc_id > after)
            .distinct().order_by(event_groups.c.doc_id).limit(limit))
    with store.engine.connect() as conn:
        found = set(conn.execute(missing).scalars()) | set(conn.execute(gone).scalars())
    return sorted(found)[:limit]


def _first_missing(conn: Connection, have: Any, want: Any) -> str | None:
    """One id of column ``have`` that column ``want`` lacks; an ordered EXCEPT, so a merge of indexes."""
    stmt = select(have).except_(select(want)).order_by(have.name).limit(1)
    return conn.execute(stmt).scalar()


def groups_current(store: Store) -> bool:
    """True when ``event_groups`` holds exactly the stored events (nothing to regroup).

    Compares the two id sets by walking both primary keys in order (no per-row lookups), after
    a cheaper count check; a replaced article shows up as ids on one side only.
    """
    with store.engine.connect() as conn:
        n_events = conn.execute(select(func.count()).select_from(events)).scalar()
        n_groups = conn.execute(select(func.count()).select_from(event_groups)).scalar()
        if n_events != n_groups:
            return False
        return _first_missing(conn, events.c.event_id, event_groups.c.event_id) is None


def ensure_merges(store: Store) -> int:
    """Bring ``event_groups`` up to date for articles written without ``update_merges``."""
    if groups_current(store):
        return 0
    total, after = 0, ""
    while stale := stale_doc_ids(store, after, STALE_CHUNK):  # bounded memory on any store size
        total += update_merges(store, stale)
        after = stale[-1]
    return total


# -- reading merged events -----------------------------------------------------------------
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


def _invert(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


def matching_groups(query: EventQuery) -> Any:
    """Subquery of the ``group_id`` of every group with a report matching ``query``."""
    return (select(event_groups.c.group_id).select_from(events.join(
        event_groups, event_groups.c.event_id == events.c.event_id)).where(query.where()).distinct().subquery())


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
        ).where(query.where(), event_groups.c.group_id == events.c.event_id)
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
    """``MergedEvent`` objects for (group_id, size) pairs, in that order: only their leads are loaded."""
    ids = [group_id for group_id, _ in groups]
    leads = {e.event_id: e for e in load_events_by_id(conn, ids)}
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
    """Merged events with at least one report matching ``query`` (sorted, paged by it).

    The groups are selected and sorted on their representatives' rows; ``Event`` objects are
    built only for the page returned.
    """
    query = query or EventQuery()
    query.validate()
    ensure_merges(store)
    stmt = representatives_select(query, events.c.date_start, events.c.goldstein, events.c.doc_name,
                                  events.c.span_start, event_groups.c.size)
    with store.engine.connect() as conn:
        rows = sorted((tuple(r) for r in conn.execute(stmt)), key=_sort_key(query.sort))
        end = None if query.limit is None else query.offset + query.limit
        return merged_page(conn, [(r[0], r[5]) for r in rows[query.offset : end]])


def merge_counts(store: Store) -> dict[str, int]:
    """Reports (stored events) and merged events over the whole store."""
    ensure_merges(store)
    with store.engine.connect() as conn:
        reports = conn.execute(select(event_groups.c.event_id)).all()
        groups = conn.execute(select(event_groups.c.group_id).distinct()).all()
    return {"reports": len(reports), "merged": len(groups)}

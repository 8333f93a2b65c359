"""Merge groups: which stored events (reports) are one real-world event, kept in ``event_groups``.

The rule that decides it is ``amity.analysis.merge.cluster`` (pure, over ``Event`` records);
this module reads the reports of a block (directed country dyad + factuality), hands
them to the rule and writes the groups, for the articles an ingest touched or for
whatever the store finds stale. The group's ``group_id`` is its first member's event id.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, or_, select, text

from amity.analysis.merge import MergeSettings, cluster, merge_settings
from amity.models import Event
from amity.store.engine import StoreBase
from amity.store.reviews import wrong_event_ids
from amity.store.rows import chunks, event_of_row, events_with_text_select
from amity.store.schema import event_groups, events

BLOCK_COLUMNS = ("source_country", "target_country", "factual", "negated")
BLOCKS_PER_QUERY = 100
STALE_CHUNK = 2000  # articles regrouped per transaction when catching up

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
    wrong = set(conn.execute(wrong_event_ids()).scalars())  # reviewed wrong: a group of its own, never merged
    rows: list[dict[str, Any]] = []
    merged = 0
    for key in keys:
        groups = cluster([e for e in loaded[key] if e.event_id not in wrong], settings)
        groups += [[e] for e in loaded[key] if e.event_id in wrong]
        merged += len(groups)
        rows += _group_rows(_block_id(key), groups)
    conn.execute(delete(event_groups).where(event_groups.c.block.in_([_block_id(k) for k in keys])))
    if rows:
        conn.execute(insert(event_groups), rows)
    return merged


def _delete_blocks(conn: Connection, blocks: Collection[str]) -> None:
    for part in chunks(blocks):
        conn.execute(delete(event_groups).where(event_groups.c.block.in_(part)))


def _first_missing(conn: Connection, have: Any, want: Any) -> str | None:
    """One id of column ``have`` that column ``want`` lacks; an ordered EXCEPT, so a merge of indexes."""
    stmt = select(have).except_(select(want)).order_by(have.name).limit(1)
    return conn.execute(stmt).scalar()


MERGE_LOCK = 0x616D6974  # PostgreSQL advisory lock key ("amit") held while merge groups are rewritten


def _one_writer_at_a_time(conn: Connection) -> None:
    """On PostgreSQL, two writers regrouping one block would both delete its rows and both
    insert them (READ COMMITTED: the second delete does not see the first's new rows), a
    duplicate key; a transaction-scoped advisory lock makes them take turns. SQLite already
    lets one writer in at a time."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MERGE_LOCK})


class MergeGroups(StoreBase):
    """Keeping ``event_groups`` (the merged events) in step with the stored events."""

    def update_merges(self, doc_ids: Collection[str] | None = None, settings: MergeSettings | None = None) -> int:
        """Recompute the merged-event groups of every block the articles ``doc_ids`` touch.

        ``None`` recomputes everything. Call after writing or re-coding articles (pass their
        doc_ids, including deleted ones). Returns the number of merged events in the blocks
        recomputed. Blocks are loaded, grouped and written ``BLOCKS_PER_QUERY`` at a time.
        """
        settings = settings or merge_settings()
        with self.engine.begin() as conn:
            _one_writer_at_a_time(conn)
            keys, old_blocks = _blocks_of(conn, doc_ids)
            if doc_ids is not None:
                keys |= _keys_still_in(conn, old_blocks - {_block_id(_normalise_key(k)) for k in keys})
            ordered = sorted({_normalise_key(k) for k in keys}, key=_block_id)
            if doc_ids is None:
                conn.execute(delete(event_groups))
            _delete_blocks(conn, old_blocks - {_block_id(k) for k in ordered})
            step = BLOCKS_PER_QUERY
            return sum(_regroup_blocks(conn, ordered[i : i + step], settings) for i in range(0, len(ordered), step))

    def stale_doc_ids(self, after: str = "", limit: int | None = None) -> list[str]:
        """Articles whose events are not (or no longer) reflected in ``event_groups``, in
        ``doc_id`` order after ``after``; at most ``limit`` (each side read from its doc_id index)."""
        missing = (select(events.c.doc_id).outerjoin(event_groups, event_groups.c.event_id == events.c.event_id)
                   .where(event_groups.c.event_id.is_(None), events.c.doc_id > after)
                   .distinct().order_by(events.c.doc_id).limit(limit))
        gone = (select(event_groups.c.doc_id).outerjoin(events, events.c.event_id == event_groups.c.event_id)
                .where(events.c.event_id.is_(None), event_groups.c.doc_id > after)
                .distinct().order_by(event_groups.c.doc_id).limit(limit))
        with self.engine.connect() as conn:
            found = set(conn.execute(missing).scalars()) | set(conn.execute(gone).scalars())
        return sorted(found)[:limit]

    def groups_current(self) -> bool:
        """True when ``event_groups`` holds exactly the stored events (nothing to regroup).

        Compares the two id sets by walking both primary keys in order (no per-row lookups), after
        a cheaper count check; a replaced article shows up as ids on one side only.
        """
        with self.engine.connect() as conn:
            n_events = conn.execute(select(func.count()).select_from(events)).scalar()
            n_groups = conn.execute(select(func.count()).select_from(event_groups)).scalar()
            if n_events != n_groups:
                return False
            return _first_missing(conn, events.c.event_id, event_groups.c.event_id) is None

    def ensure_merges(self) -> int:
        """Bring ``event_groups`` up to date for articles written without ``update_merges``."""
        if self.groups_current():
            return 0
        total, after = 0, ""
        while stale := self.stale_doc_ids(after, STALE_CHUNK):  # bounded memory on any store size
            total += self.update_merges(stale)
            after = stale[-1]
        return total

    def group_ids(self, event_ids: Collection[str]) -> dict[str, str]:
        """event_id → the group_id of its merged event (groups brought up to date first)."""
        return {event_id: group_id for event_id, (group_id, _) in self.group_info(event_ids).items()}

    def group_info(self, event_ids: Collection[str]) -> dict[str, tuple[str, list[str]]]:
        """event_id → (group_id, the articles reporting its merged event), groups brought up to date."""
        self.ensure_merges()
        found: dict[str, tuple[str, list[str]]] = {}
        with self.engine.connect() as conn:
            for part in chunks(event_ids):
                rows = conn.execute(select(event_groups.c.event_id, event_groups.c.group_id,
                                           event_groups.c.doc_names).where(event_groups.c.event_id.in_(part)))
                found.update({r.event_id: (r.group_id, list(r.doc_names or [])) for r in rows})
        return found

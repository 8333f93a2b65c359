"""Portable backup and restore of a store (SQLite ⇄ PostgreSQL alike).

A backup is a gzip-compressed JSON-lines file: a header line naming the schema version,
then one line per row (``{"t": table, "r": row}``), then a trailer with the row counts, so
a truncated file is detected before anything is written. A restore runs in one
transaction into an empty store: it succeeds whole or leaves the store as it was.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from amity.errors import InputError, StoreError
from amity.store.migrations import SCHEMA_VERSION
from amity.store.schema import metadata
from amity.store.store import Store

FORMAT = "amity-backup"
SKIP = {"amity_migrations", "search_state"}  # the search index is rebuilt after a restore


def _tables() -> list[Table]:
    return [t for t in metadata.sorted_tables if t.name not in SKIP]


def backup(store: Store, path: str | Path) -> dict[str, int]:
    """Write every row of every table to ``path`` (atomically: temp file, then rename)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    counts: dict[str, int] = {}
    with gzip.open(tmp, "wt", encoding="utf-8") as fh, store.engine.connect() as conn:
        fh.write(json.dumps({"format": FORMAT, "schema_version": SCHEMA_VERSION}) + "\n")
        for table in _tables():
            counts[table.name] = 0
            for row in conn.execute(select(table)).mappings():
                fh.write(json.dumps({"t": table.name, "r": dict(row)}, ensure_ascii=False) + "\n")
                counts[table.name] += 1
        fh.write(json.dumps({"end": counts}) + "\n")
    os.replace(tmp, path)
    return counts


def _read(path: Path) -> Iterator[dict[str, Any]]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number}: damaged backup line ({exc.msg})") from exc
    except (OSError, EOFError) as exc:
        raise InputError(f"{path}: not a readable amity backup ({exc})") from exc


def _check(path: Path) -> dict[str, int]:
    """Validate header and trailer before touching the store; return the expected counts."""
    lines = _read(path)
    header = next(lines, None)
    if not header or header.get("format") != FORMAT:
        raise InputError(f"{path}: not an amity backup (no amity-backup header)")
    if int(header.get("schema_version", 0)) > SCHEMA_VERSION:
        raise InputError(f"{path}: made by a newer amity (schema {header['schema_version']})")
    end: dict[str, int] | None = None
    for item in lines:
        end = item.get("end", end)
    if end is None:
        raise InputError(f"{path}: backup is truncated (no end marker); nothing was restored")
    return end


def restore(store: Store, path: str | Path, replace: bool = False) -> dict[str, int]:
    """Load a backup into ``store`` in one transaction; refuses a non-empty store unless ``replace``."""
    path = Path(path)
    expected = _check(path)
    known = {t.name: t for t in _tables()}
    with store.engine.begin() as conn:
        existing = conn.execute(select(func.count()).select_from(known["articles"])).scalar()
        if existing and not replace:
            raise StoreError(f"the store already has {existing} articles: restore into an empty store "
                             "or pass --replace")
        for table in reversed(_tables()):
            conn.execute(delete(table))
        counts = {name: 0 for name in known}
        for item in _read(path):
            if "t" in item and item["t"] in known:
                _insert_row(conn, path, known[item["t"]], item["r"])
                counts[item["t"]] += 1
        missing = {k: v for k, v in expected.items() if counts.get(k, 0) != v}
        if missing:
            raise StoreError(f"{path}: row counts do not match the backup's trailer {missing}")
        if store.dialect == "postgresql":
            _reset_sequences(conn)
    return counts


def _insert_row(conn: Connection, path: Path, table: Any, row: dict[str, Any]) -> None:
    try:
        conn.execute(insert(table), [row])
    except IntegrityError as exc:
        name = row.get("doc_name", row.get("doc_id", "?"))
        raise StoreError(f"{path}: {table.name} row {name!r} clashes with another row of the backup "
                         "(a backup made before the store kept one copy of a text may hold the same "
                         "text twice); nothing was restored") from exc


def _reset_sequences(conn: Connection) -> None:
    """Explicit ids were inserted: move PostgreSQL's serial counters past them."""
    for table in _tables():
        for column in table.primary_key.columns:
            if column.autoincrement is True:
                conn.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                    f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"))

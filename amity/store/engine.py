"""Opening a store: the SQLAlchemy engine (SQLite pragmas, drivers) and the migrated base."""

from __future__ import annotations

import os
import time
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from amity.errors import StoreError
from amity.settings import normalise_db_url
from amity.store.migrations import migrate

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


class StoreBase:
    """A migrated database behind an engine; the ``Store`` mixins build on it."""

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

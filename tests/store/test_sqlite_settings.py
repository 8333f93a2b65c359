"""SQLite connection settings a user can see: WAL, and the page cache bound on memory."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from amity.store import Store


def _pragma(store: Store, name: str) -> object:
    with store.engine.connect() as conn:
        return conn.execute(text(f"PRAGMA {name}")).scalar()


def test_default_page_cache_is_8_mb_and_the_journal_is_wal(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AMITY_SQLITE_CACHE_MB", raising=False)
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    assert _pragma(store, "cache_size") == -8 * 1024
    assert _pragma(store, "journal_mode") == "wal"


def test_page_cache_follows_the_setting_and_ignores_junk(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMITY_SQLITE_CACHE_MB", "64")
    assert _pragma(Store(f"sqlite:///{tmp_path / 'b.db'}"), "cache_size") == -64 * 1024
    monkeypatch.setenv("AMITY_SQLITE_CACHE_MB", "lots")
    assert _pragma(Store(f"sqlite:///{tmp_path / 'c.db'}"), "cache_size") == -8 * 1024

"""Backups restore whole (on SQLite and PostgreSQL alike) or not at all."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from amity.errors import InputError, StoreError
from amity.store import Store
from amity.store.backup import backup, restore
from tests.store.test_store import coded, make_event


def filled(url: str) -> Store:
    store = Store(url)
    store.write([
        coded("a.txt", "Japan aided Cambodia in 1993.", [make_event("a.txt", "JPNGOV", "KHMGOV", "073", "1993")]),
        coded("b.txt", "China praised Cambodia.", [make_event("b.txt", "CHNGOV", "KHMGOV", "051", "2018")]),
    ])
    return store


def test_backup_then_restore_gives_the_same_events(db_url: str, tmp_path: Path) -> None:
    source = filled(f"sqlite:///{tmp_path / 'src.db'}")
    counts = backup(source, tmp_path / "b.amity.gz")
    assert counts["articles"] == 2 and counts["events"] == 2
    target = Store(db_url)
    restore(target, tmp_path / "b.amity.gz")
    assert [e.event_id for e in target.events()] == [e.event_id for e in source.events()]
    assert target.article("a.txt").text == "Japan aided Cambodia in 1993."
    target.write([coded("c.txt", "Japan thanked Cambodia.", [])])  # ids keep working after restore
    assert target.stats()["articles"] == 3


def test_restore_refuses_a_non_empty_store(tmp_path: Path) -> None:
    store = filled(f"sqlite:///{tmp_path / 'a.db'}")
    backup(store, tmp_path / "b.gz")
    with pytest.raises(StoreError, match="already has 2 articles"):
        restore(store, tmp_path / "b.gz")
    assert restore(store, tmp_path / "b.gz", replace=True)["articles"] == 2


def test_truncated_backup_changes_nothing(tmp_path: Path) -> None:
    backup(filled(f"sqlite:///{tmp_path / 'a.db'}"), tmp_path / "b.gz")
    with gzip.open(tmp_path / "b.gz", "rt") as fh:
        lines = fh.read().splitlines()
    with gzip.open(tmp_path / "cut.gz", "wt") as fh:
        fh.write("\n".join(lines[:-2]) + "\n")
    target = Store(f"sqlite:///{tmp_path / 't.db'}")
    with pytest.raises(InputError, match="truncated"):
        restore(target, tmp_path / "cut.gz")
    assert target.stats()["articles"] == 0


def test_a_file_that_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.gz").write_bytes(b"plain text")
    with pytest.raises(InputError, match="not a readable amity backup"):
        restore(Store(f"sqlite:///{tmp_path / 't.db'}"), tmp_path / "x.gz")

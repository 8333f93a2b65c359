"""Backups restore whole (on SQLite and PostgreSQL alike) or not at all."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from amity.errors import InputError, StoreError
from amity.models import Actor, CodedArticle, Event
from amity.store import Store
from amity.store.backup import backup, restore
from amity.store.migrations import SCHEMA_VERSION
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


def lines_of(path: Path) -> list[dict]:  # type: ignore[type-arg]
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def write_lines(path: Path, items: list[dict]) -> Path:  # type: ignore[type-arg]
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(item) + "\n" for item in items))
    return path


def test_the_backup_file_is_a_header_every_row_and_a_trailer_of_counts(tmp_path: Path) -> None:
    path = tmp_path / "b.amity.gz"
    counts = backup(filled(f"sqlite:///{tmp_path / 'a.db'}"), path)
    items = lines_of(path)
    assert items[0] == {"format": "amity-backup", "schema_version": SCHEMA_VERSION}
    assert items[-1] == {"end": counts}
    rows = items[1:-1]
    assert {name: sum(1 for r in rows if r["t"] == name) for name in counts} == counts
    assert sorted(r["r"]["doc_name"] for r in rows if r["t"] == "articles") == ["a.txt", "b.txt"]
    assert "amity_migrations" not in counts and "search_state" not in counts
    assert list(tmp_path.glob("*.part")) == []  # written to a temp file, then renamed


def test_restore_returns_the_rows_it_loaded_per_table(tmp_path: Path) -> None:
    counts = backup(filled(f"sqlite:///{tmp_path / 'a.db'}"), tmp_path / "b.gz")
    target = Store(f"sqlite:///{tmp_path / 't.db'}")
    assert restore(target, tmp_path / "b.gz") == counts
    assert sorted(a["doc_name"] for a in target.list_articles(limit=10)) == ["a.txt", "b.txt"]


def test_a_refused_restore_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = filled(f"sqlite:///{tmp_path / 'a.db'}")
    backup(store, tmp_path / "b.gz")
    store.write([coded("c.txt", "Japan thanked Cambodia.", [])])
    with pytest.raises(StoreError) as caught:
        restore(store, tmp_path / "b.gz")
    assert str(caught.value) == ("the store already has 3 articles: restore into an empty store "
                                 "or pass --replace")
    assert store.stats()["articles"] == 3
    restore(store, tmp_path / "b.gz", replace=True)  # replaces: c.txt is gone, not kept beside
    assert sorted(a["doc_name"] for a in store.list_articles(limit=10)) == ["a.txt", "b.txt"]
    assert len(store.events()) == 2


def test_a_backup_missing_rows_its_trailer_counts_restores_nothing(tmp_path: Path) -> None:
    backup(filled(f"sqlite:///{tmp_path / 'a.db'}"), tmp_path / "b.gz")
    items = lines_of(tmp_path / "b.gz")
    first_event = next(i for i, item in enumerate(items) if item.get("t") == "events")
    write_lines(tmp_path / "short.gz", items[:first_event] + items[first_event + 1:])
    target = Store(f"sqlite:///{tmp_path / 't.db'}")
    with pytest.raises(StoreError, match=r"row counts do not match the backup's trailer \{'events': 2\}"):
        restore(target, tmp_path / "short.gz")
    assert target.stats()["articles"] == 0


def test_a_row_twice_is_a_clash_and_restores_nothing(tmp_path: Path) -> None:
    backup(filled(f"sqlite:///{tmp_path / 'a.db'}"), tmp_path / "b.gz")
    items = lines_of(tmp_path / "b.gz")
    article = next(item for item in items if item.get("t") == "articles")
    items.insert(items.index(article) + 1, article)
    items[-1]["end"]["articles"] += 1
    target = Store(f"sqlite:///{tmp_path / 't.db'}")
    with pytest.raises(StoreError, match=f"articles row {article['r']['doc_name']!r} clashes with another row"):
        restore(target, write_lines(tmp_path / "twice.gz", items))
    assert target.stats()["articles"] == 0


def test_rows_of_unknown_tables_are_skipped(tmp_path: Path) -> None:
    backup(filled(f"sqlite:///{tmp_path / 'a.db'}"), tmp_path / "b.gz")
    items = lines_of(tmp_path / "b.gz")
    items.insert(1, {"t": "no_such_table", "r": {"x": 1}})
    items[-1]["end"]["gone_table"] = 0  # a table this version no longer has, empty in the backup
    counts = restore(Store(f"sqlite:///{tmp_path / 't.db'}"), write_lines(tmp_path / "extra.gz", items))
    assert counts["articles"] == 2 and "no_such_table" not in counts


@pytest.mark.parametrize(("items", "message"), [
    ([], "not an amity backup (no amity-backup header)"),
    ([{"format": "other", "schema_version": 1}, {"end": {}}], "not an amity backup (no amity-backup header)"),
    ([{"format": "amity-backup", "schema_version": SCHEMA_VERSION + 1}, {"end": {}}],
     f"made by a newer amity (schema {SCHEMA_VERSION + 1})"),
])
def test_headers_are_checked_before_the_store_is_touched(tmp_path: Path, items: list[dict],  # type: ignore[type-arg]
                                                         message: str) -> None:
    target = filled(f"sqlite:///{tmp_path / 't.db'}")
    with pytest.raises(InputError) as caught:
        restore(target, write_lines(tmp_path / "h.gz", items), replace=True)
    assert str(caught.value) == f"{tmp_path / 'h.gz'}: {message}"
    assert target.stats()["articles"] == 2


def test_a_backup_of_this_schema_version_and_an_older_one_restore(tmp_path: Path) -> None:
    backup(filled(f"sqlite:///{tmp_path / 'a.db'}"), tmp_path / "b.gz")
    items = lines_of(tmp_path / "b.gz")
    items[0]["schema_version"] = SCHEMA_VERSION - 1
    assert restore(Store(f"sqlite:///{tmp_path / 't.db'}"), write_lines(tmp_path / "old.gz", items))["articles"] == 2


def test_a_damaged_line_is_named_by_number(tmp_path: Path) -> None:
    backup(filled(f"sqlite:///{tmp_path / 'a.db'}"), tmp_path / "b.gz")
    with gzip.open(tmp_path / "b.gz", "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    lines[2] = lines[2][:10]
    with gzip.open(tmp_path / "bad.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    with pytest.raises(InputError, match=r"bad\.gz:3: damaged backup line \("):
        restore(Store(f"sqlite:///{tmp_path / 't.db'}"), tmp_path / "bad.gz")


def with_mentions(name: str, text: str, events: list[Event]) -> CodedArticle:
    article = coded(name, text, events)
    words = text.split()
    article.mentions = [Actor(code="JPNGOV", country="JPN", sector="GOV", mention=words[0], start=0,
                              end=len(words[0]))]
    return article


def test_new_mentions_and_reviews_after_a_restore_get_fresh_ids(db_url: str, tmp_path: Path) -> None:
    source = Store(f"sqlite:///{tmp_path / 'src.db'}")
    aid = make_event("a.txt", "JPNGOV", "KHMGOV", "073", "1993")
    source.write([with_mentions("a.txt", "Japan aided Cambodia in 1993.", [aid]),
                  with_mentions("b.txt", "Japan praised Cambodia.", [])])
    source.add_review(aid.event_id, "correct", {}, {}, None, "tester")
    backup(source, tmp_path / "b.gz")
    target = Store(db_url)
    restore(target, tmp_path / "b.gz")  # explicit ids 1 and 2 for mentions, 1 for the review
    praise = make_event("c.txt", "JPNGOV", "KHMGOV", "051", "2018")
    target.write([with_mentions("c.txt", "Japan thanked Cambodia.", [praise])])
    review = target.add_review(praise.event_id, "correct", {}, {}, None, "tester")
    assert [m.mention for m in target.article_mentions(target.article("c.txt").doc_id)] == ["Japan"]
    assert target.stats()["mentions"] == 3
    assert review["review_id"] == 2
    assert [r["review_id"] for r in target.all_reviews()] == [1, 2]

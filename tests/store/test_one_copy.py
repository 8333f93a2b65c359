"""The store keeps one copy of a text, whatever the writers' timing (issue 14's duplicate bug).

Two ``amity ingest`` runs at once, each given the same articles under other names (a wire
story through two feeds), used to store both copies: the content check ran in Python before
the write. The store now enforces it with a unique content hash.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from amity.models import CodedArticle
from amity.store import Store
from amity.store.migrations import MIGRATIONS, _record
from amity.store.schema import articles, events, reviews
from amity.store.store import make_engine
from tests.analysis.helpers import Ev, make_article
from tests.store.writers import ingest_at_once

LINES = ["Japan pledged aid to Cambodia on Monday.", "The grant funds a bridge."]


def _report(name: str, lines: list[str] = LINES, title: str = "Aid for a bridge", evs_code: str = "0711") -> CodedArticle:
    return make_article(name, "2015-04-10", lines, [Ev(0, "JPNGOV", "KHMGOV", evs_code, "2015-04-06")], title=title)


def _count(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_the_same_text_under_two_names_is_stored_once(db_url: str) -> None:
    store = Store(db_url)
    assert store.write([_report("feed-a/aid.txt")]) == {}
    assert store.write([_report("feed-b/aid.txt")]) == {"feed-b/aid.txt": "feed-a/aid.txt"}
    assert [a["doc_name"] for a in store.list_articles()] == ["feed-a/aid.txt"]
    assert _count(store, events) == 1


def test_an_update_to_a_text_another_name_holds_keeps_the_old_version(db_url: str) -> None:
    store = Store(db_url)
    store.write([_report("a.txt"), _report("b.txt", ["Cambodia thanked Japan.", "The bridge opens."], "Thanks")])
    copies = store.write([_report("b.txt")])  # b.txt now carries a.txt's text
    assert copies == {"b.txt": "a.txt"}
    assert store.article("b.txt").text.startswith("Cambodia thanked Japan.")
    assert _count(store, articles) == 2


def test_an_update_to_a_new_text_replaces_the_article_and_its_events(db_url: str) -> None:
    store = Store(db_url)
    store.write([_report("a.txt")])
    store.write([_report("a.txt", ["Japan pledged a loan to Cambodia.", "It funds a port."], "A loan")])
    assert store.article("a.txt").title == "A loan"
    assert _count(store, articles) == 1
    assert [e.sentence for e in store.events()] == ["Japan pledged a loan to Cambodia."]


def test_a_store_holding_copies_keeps_the_first_ingested_when_it_migrates(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.begin() as conn:
        for migration in MIGRATIONS[:3]:  # the store as amity made it before the unique hash
            migration.apply(conn)
            _record(conn, migration)
        conn.execute(text("DROP INDEX ix_articles_content_hash"))  # migration 1 builds today's table
        conn.execute(text("CREATE INDEX ix_articles_content_hash ON articles (content_hash)"))
        reviews.create(conn)  # today's write_bulk below re-attaches reviews (migration 6 keeps it)
    engine.dispose()
    old = Store.__new__(Store)
    old.url, old.engine = db_url, make_engine(db_url)
    Store.write_bulk(old, [_report("first.txt")])
    Store.write_bulk(old, [_report("second.txt"), _report("other.txt", ["Cambodia thanked Japan."], "Thanks")])
    old.engine.dispose()

    store = Store(db_url)  # migration 4
    assert sorted(a["doc_name"] for a in store.list_articles()) == ["first.txt", "other.txt"]
    assert sorted(e.doc_name for e in store.events()) == ["first.txt", "other.txt"]
    assert store.write([_report("third.txt")]) == {"third.txt": "first.txt"}


def test_two_ingests_at_once_of_one_story_under_two_names_store_it_once(db_url: str, tmp_path: Path) -> None:
    feeds = [tmp_path / "feed-a", tmp_path / "feed-b"]
    for feed in feeds:
        feed.mkdir()
        for i in range(8):
            (feed / f"{feed.name}-{i}.txt").write_text(
                f"Japan pledged {i + 2} million dollars to Cambodia for bridge number {i}.\n\n"
                "The two countries signed the agreement in Phnom Penh.\n", encoding="utf-8")
    outputs = ingest_at_once(db_url, [feeds[0]], [feeds[1]])
    summaries = [re.search(r"(\d+) added, \d+ updated, \d+ unchanged, (\d+) duplicate", err) for _, err in outputs]
    assert all(summaries), outputs
    assert sum(int(m.group(1)) for m in summaries if m) == 8
    assert sum(int(m.group(2)) for m in summaries if m) == 8
    store = Store(db_url)
    assert _count(store, articles) == 8
    with store.engine.connect() as conn:
        hashes = conn.execute(select(func.count(func.distinct(articles.c.content_hash)))).scalar_one()
    assert hashes == 8


def test_a_backup_holding_one_text_twice_is_refused_whole(db_url: str, tmp_path: Path) -> None:
    import gzip

    from amity.errors import StoreError
    from amity.store.backup import backup, restore

    source = Store(f"sqlite:///{tmp_path / 'old.db'}")
    source.write([_report("a.txt"), _report("b.txt", ["Cambodia thanked Japan."], "Thanks")])
    backup(source, tmp_path / "old.amity.gz")
    with gzip.open(tmp_path / "old.amity.gz", "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    rows = [json.loads(line) for line in lines]
    hashes = [r["r"]["content_hash"] for r in rows if r.get("t") == "articles"]
    for row in rows:  # as a store written by two racing writers before the unique hash
        if row.get("t") == "articles":
            row["r"]["content_hash"] = hashes[0]
    with gzip.open(tmp_path / "twice.amity.gz", "wt", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(r) + "\n" for r in rows))

    target = Store(db_url)
    target.write([_report("kept.txt", ["Japan thanked Cambodia."], "Kept")])
    with pytest.raises(StoreError, match="clashes with another row of the backup .* nothing was restored"):
        restore(target, tmp_path / "twice.amity.gz", replace=True)
    assert [a["doc_name"] for a in target.list_articles()] == ["kept.txt"]


def test_writing_an_article_again_with_its_text_unchanged_records_the_new_coding(db_url: str) -> None:
    store = Store(db_url)
    store.write([_report("a.txt")])
    again = _report("a.txt", evs_code="0712")
    again.coder_version = "amity-next"
    assert store.write([again]) == {}
    with store.engine.connect() as conn:
        version = conn.execute(select(articles.c.coder_version)).scalar_one()
    assert version == "amity-next"
    assert [e.cameo for e in store.events()] == ["0712"]

"""Two ``amity ingest`` processes writing one store at once leave it as one writer after the
other would: whole articles, merge groups and a search index that a rebuild agrees with."""

from __future__ import annotations

from pathlib import Path

from amity.reading import on_store
from amity.store import Store
from tests.store.writers import ingest_at_once

OUTLETS = ("herald", "courier", "tribune", "gazette", "chronicle", "observer")


def _report(folder: Path, outlet: str, n: int) -> Path:
    path = folder / f"{outlet}.txt"
    path.write_text(f"Japan pledged {n} million dollars in aid to Cambodia on March 2, 2015, the {outlet} reports.\n\n"
                    "The grant will fund a new bridge over the Mekong.\n", encoding="utf-8")
    return path


def test_merge_groups_and_search_index_written_by_two_writers_match_a_rebuild(db_url: str, tmp_path: Path) -> None:
    files = [_report(tmp_path, outlet, 30) for outlet in OUTLETS]
    ingest_at_once(db_url, files[::2], files[1::2])
    store = Store(db_url)
    merged = sorted((m.event.doc_names, m.member_ids) for m in store.merged_events())
    store.update_merges(None)  # regroup every block from scratch
    assert sorted((m.event.doc_names, m.member_ids) for m in store.merged_events()) == merged
    assert any(len(names) == len(OUTLETS) for names, _ in merged)  # six outlets, one pledge
    hits = on_store(store).search("Mekong bridge", limit=20)
    assert sorted(h.doc_name for h in hits) == sorted(f.name for f in files)


def test_one_article_written_by_two_writers_at_once_is_one_version_whole(db_url: str, tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir(), second.mkdir()
    _report(first, "herald", 30), _report(second, "herald", 45)  # the same name, two versions
    ingest_at_once(db_url, [first / "herald.txt"], [second / "herald.txt"])
    store = Store(db_url)
    [article] = store.list_articles()
    text = store.article(article["doc_name"]).text
    assert text.split(" million")[0] in ("Japan pledged 30", "Japan pledged 45")
    sentences = {e.sentence.strip() for e in store.events()}
    assert sentences and all(sentence in text for sentence in sentences)

"""The full-text index: ranked hits with snippets and evidence; junk input never errors.

Searched through ``Amity.search`` (the store ranks, ``amity.analysis.search`` cuts snippets).
"""

from __future__ import annotations

import pytest

from amity import Amity
from amity.store import Store
from tests.analysis.conftest import corpus
from tests.analysis.helpers import Ev, make_article


@pytest.fixture
def amity(db_url: str) -> Amity:
    amity = Amity(db_url)
    amity.store.write(corpus())
    return amity


@pytest.fixture
def store(amity: Amity) -> Store:
    return amity.store


def search(store: Store, q: str) -> list:  # type: ignore[type-arg]
    from amity.reading import on_store

    return on_store(store).search(q)


def test_words_find_the_article_and_the_event_sentence(store: Store) -> None:
    [hit] = search(store, "election monitors")
    assert hit.doc_name == "times-2018.txt"
    marked = [hit.snippet[a:b].lower() for a, b in hit.highlights]
    assert "election" in marked and "monitors" in marked
    [event_id] = hit.event_ids
    assert "election monitors" in store.event(event_id).sentence


def test_stemming_and_ranking(store: Store) -> None:
    hits = search(store, "bridges")
    assert {h.doc_name for h in hits} == {"courier-2015.txt", "post-2015.txt", "courier-2016.txt"}
    assert hits == sorted(hits, key=lambda h: -h.score)


def test_quoted_phrase_must_appear_in_order(store: Store) -> None:
    assert [h.doc_name for h in search(store, '"largest donor"')] == ["times-2018.txt"]
    assert search(store, '"donor largest"') == []


@pytest.mark.parametrize("junk", [
    '"', "'; DROP TABLE articles; --", "NEAR(bridge", "bridge AND OR NOT", "*", "a:b", "((", "", "   ",
    "bridge\" OR \"x", "%_\\", "монитор", "^bridge",
])
def test_junk_queries_do_not_error(store: Store, junk: str) -> None:
    hits = search(store, junk)
    assert isinstance(hits, list)
    assert store.stats()["articles"] == 4


def test_rewritten_and_new_articles_are_searchable(store: Store) -> None:
    store.write([make_article("times-2018.txt", "2018-07-31", ["Japan sent observers to Cambodia in 2018."], [
        Ev(0, "JPNGOV", "KHMGOV", "0711", "2018", "year")])])
    assert store.update_search_index([store.article("times-2018.txt").doc_id]) == 1
    assert search(store, "monitors") == []
    assert [h.doc_name for h in search(store, "observers")] == ["times-2018.txt"]
    store.write([make_article("new.txt", "2019-01-01", ["Cambodia hosted a summit on mekong water."])])
    assert [h.doc_name for h in search(store, "mekong")] == ["new.txt"]  # refreshed lazily


def test_catch_up_indexes_every_stale_article_a_chunk_at_a_time(db_url: str) -> None:
    store = Store(db_url)
    store.write([make_article(f"n{i}.txt", "2019-01-01", [f"Cambodia hosted summit number{i} on water."])
                 for i in range(5)])
    indexed = store.catch_up_search_index(chunk=2)
    assert store.stale_search_docs() == []
    if store.dialect == "sqlite":
        assert indexed == 5
    assert [h.doc_name for h in search(store, "number3")] == ["n3.txt"]


def test_ranked_ids_come_from_the_index_best_first(store: Store) -> None:
    ranked = store.search_ranked([["bridge"]], limit=2)
    assert len(ranked) == 2 and ranked == sorted(ranked, key=lambda r: -r[1])
    assert store.search_ranked([], limit=5) == []
    assert {doc for doc, _ in store.search_ranked([["largest", "donor"]], 5)} == {
        store.article("times-2018.txt").doc_id}

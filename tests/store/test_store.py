"""The store keeps whole articles with their coding, and answers filtered event queries."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from amity.errors import NotFoundError, StoreError, UsageError
from amity.models import Actor, Amount, Article, CodedArticle, Event, Sentence
from amity.store import EventQuery, Store, date_bounds, parse_dyad
from amity.store.migrations import SCHEMA_VERSION


def make_event(doc: str, src: str, tgt: str, cameo: str, date: str | None, precision: str = "year",
               **kw: object) -> Event:
    return Event(
        doc_name=doc, source=Actor(code=src, country=src[:3], sector=src[3:] or None),
        target=Actor(code=tgt, country=tgt[:3], sector=tgt[3:] or None), cameo=cameo,
        goldstein=kw.pop("goldstein", 1.0), quad=kw.pop("quad", "verbal_coop"),  # type: ignore[arg-type]
        date=date, date_precision=precision, date_basis="text", span=(0, 10), **kw,  # type: ignore[arg-type]
    )


def coded(name: str, text: str, events: list[Event], published: str = "2018-08-01") -> CodedArticle:
    article = Article(doc_name=name, text=text, published=published, published_basis="metadata")
    for ev in events:
        ev.doc_id = article.doc_id
        ev.span = (0, min(10, len(text)))
        ev.event_id = ev.compute_id()
    return CodedArticle(article, [Sentence(0, 0, len(text), text)], [], events, "test")


@pytest.fixture
def store(db_url: str) -> Store:
    return Store(db_url)


def test_new_store_records_its_schema_version(store: Store) -> None:
    assert {"articles", "events", "sentences", "mentions"} <= set(inspect(store.engine).get_table_names())
    with store.engine.connect() as conn:
        versions = [r[0] for r in conn.exec_driver_sql("SELECT version FROM amity_migrations")]
    assert max(versions) == SCHEMA_VERSION


def test_reopening_a_store_applies_nothing_twice(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    Store(url).write([coded("a.txt", "Japan aided Cambodia.", [])])
    again = Store(url)
    assert again.stats()["articles"] == 1


def test_a_foreign_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE customers (id INTEGER)").connection.commit()
    with pytest.raises(StoreError, match="is not an amity store"):
        Store(f"sqlite:///{path}")


def test_rewriting_an_article_replaces_its_events(store: Store) -> None:
    store.write([coded("a.txt", "Japan aided Cambodia in 1993.", [make_event("a.txt", "JPNGOV", "KHMGOV", "073", "1993")])])
    store.write([coded("a.txt", "Japan criticised Cambodia in 2018.", [make_event("a.txt", "JPNGOV", "KHMGOV", "111", "2018")])])
    found = store.events()
    assert [e.cameo for e in found] == ["111"]
    assert store.stats()["articles"] == 1


def test_event_roundtrip_keeps_actors_amounts_and_sentence(store: Store) -> None:
    ev = make_event("a.txt", "JPNGOV", "KHMGOV", "0711", "1993", amounts=[Amount(2.3e9, "currency", "USD", "US$ 2.3 billion")])
    ev.source.name, ev.source.role = "Fumio Kishida", "Foreign Minister"
    store.write([coded("a.txt", "Japan pledged US$ 2.3 billion to Cambodia.", [ev])])
    got = store.event(ev.event_id)
    assert got.source.name == "Fumio Kishida" and got.source.role == "Foreign Minister"
    assert got.amounts[0].value == 2.3e9 and got.amounts[0].currency == "USD"
    assert got.sentence == "Japan pledged US$ 2.3 billion to Cambodia."


def test_dyad_filter_is_undirected_unless_asked(store: Store) -> None:
    store.write([coded("a.txt", "x" * 20, [
        make_event("a.txt", "JPNGOV", "KHMGOV", "042", "2013"),
        make_event("a.txt", "KHMGOV", "JPNGOV", "043", "2013"),
        make_event("a.txt", "CHNGOV", "KHMGOV", "051", "2018"),
    ])])
    assert len(store.events(EventQuery(dyad=("JPN", "KHM")))) == 2
    assert [e.cameo for e in store.events(EventQuery(dyad=("JPN", "KHM"), directed=True))] == ["042"]
    assert [e.cameo for e in store.events(EventQuery(actor="CHNGOV"))] == ["051"]


def test_date_filters_respect_precision(store: Store) -> None:
    store.write([coded("a.txt", "x" * 20, [
        make_event("a.txt", "JPN", "KHM", "042", "2013", "year"),
        make_event("a.txt", "JPN", "KHM", "043", "2019-06-12", "day"),
        make_event("a.txt", "JPN", "KHM", "051", "1990", "decade"),
    ])])
    assert {e.cameo for e in store.events(EventQuery(since="2013"))} == {"042", "043"}
    assert {e.cameo for e in store.events(EventQuery(until="2019-05"))} == {"042", "051"}
    assert {e.cameo for e in store.events(EventQuery(since="1995", until="1995"))} == {"051"}


def test_nonfactual_and_negated_events_are_hidden_unless_asked(store: Store) -> None:
    store.write([coded("a.txt", "x" * 20, [
        make_event("a.txt", "JPN", "KHM", "042", "2013"),
        make_event("a.txt", "JPN", "KHM", "057", "2013", factual=False),
        make_event("a.txt", "JPN", "KHM", "036", "2013", negated=True),
    ])])
    assert [e.cameo for e in store.events()] == ["042"]
    assert len(store.events(EventQuery(include_nonfactual=True))) == 3
    assert store.stats()["events"] == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"quad": "friendly"}, "--quad must be one of"),
        ({"code": "4x"}, "--code must be a CAMEO code"),
        ({"since": "last year"}, "--since must be a date"),
        ({"actor": "JPN'; DROP TABLE events; --"}, "actor codes are letters and digits"),
    ],
)
def test_bad_filters_are_usage_errors(store: Store, kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        store.events(EventQuery(**kwargs))  # type: ignore[arg-type]


def test_unknown_article_and_event_raise_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no article 'nope'"):
        store.article("nope")
    with pytest.raises(NotFoundError, match="no event"):
        store.event("0" * 16)


def test_date_bounds_and_dyad_parsing() -> None:
    assert date_bounds("2013-12", "month") == ("2013-12-01", "2013-12-31")
    assert date_bounds("1995", "decade") == ("1990-01-01", "1999-12-31")
    assert date_bounds("2016-02", "month")[1] == "2016-02-29"
    assert parse_dyad("jpn-khm") == ("JPN", "KHM")
    with pytest.raises(UsageError):
        parse_dyad("JPN")


def test_impossible_dates_are_usage_errors(store: Store) -> None:
    for value in ("2013-13", "2013-02-30"):
        with pytest.raises(UsageError, match="--since must be a date"):
            store.events(EventQuery(since=value))


def with_coding(name: str, text: str, events: list[Event], words: list[tuple[str, str]],
                meta: dict[str, str] | None = None) -> CodedArticle:
    """An article whose sentences are its lines (written last first) and whose mentions are
    ``words`` (word, code), in the order given."""
    article = coded(name, text, events)
    article.article.meta = dict(meta or {})
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    ends = [s - 1 for s in starts[1:]] + [len(text)]
    article.sentences = [Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(zip(starts, ends, strict=True))][::-1]
    article.mentions = [Actor(code=code, country=code[:3], mention=word, start=text.index(word),
                              end=text.index(word) + len(word)) for word, code in words]
    return article


def two_articles(store: Store) -> tuple[str, str]:
    store.write([
        with_coding("a.txt", "Japan aided Cambodia.\nCambodia thanked Japan.",
                    [make_event("a.txt", "JPNGOV", "KHMGOV", "073", "1993"),
                     make_event("a.txt", "KHMGOV", "JPNGOV", "051", "1993")],
                    [("Japan", "JPN"), ("Cambodia", "KHM")], meta={"page_digest": "d1"}),
        with_coding("b.txt", "China praised Vietnam.", [make_event("b.txt", "CHNGOV", "VNMGOV", "051", "2018")],
                    [("Vietnam", "VNM"), ("China", "CHN")]),
    ])
    return store.article("a.txt").doc_id, store.article("b.txt").doc_id


def test_an_article_reads_back_its_own_sentences_and_mentions_in_text_order(store: Store) -> None:
    a, b = two_articles(store)
    assert store.article_sentences(a) == [(0, 0, 21), (1, 22, 45)]
    assert store.article_sentences(b) == [(0, 0, 22)]
    assert [(m.mention, m.code, m.start, m.end) for m in store.article_mentions(a)] == [
        ("Japan", "JPN", 0, 5), ("Cambodia", "KHM", 12, 20)]
    assert [(m.mention, m.start) for m in store.article_mentions(b)] == [("China", 0), ("Vietnam", 14)]


def test_an_article_is_found_by_name_or_id_and_a_nul_in_the_key_is_not_found(store: Store) -> None:
    a, _ = two_articles(store)
    assert store.article(a).doc_name == "a.txt"
    for key in ("a.txt\x00", "nope"):
        with pytest.raises(NotFoundError) as caught:
            store.article(key)
        assert str(caught.value) == f"no article {key!r} in the store"


def test_listed_articles_show_their_dates_source_and_counts_by_publication_date(store: Store) -> None:
    a, b = two_articles(store)  # published 2018-08-01
    early = coded("z.txt", "Laos hosted Thailand.", [], published="2017-05-01")
    early.article.title, early.article.source = "Talks in Vientiane", "Lao News"
    estimate = {"range": ["2019-01-01", "2019-12-31"], "guess": "2019-07-02", "evidence": "a summit",
                "basis": "estimated"}
    late = CodedArticle(Article("c.txt", "Laos met Vietnam.").with_estimate(estimate), [], [], [], "test")
    store.write([early, late])
    listed = store.list_articles()
    assert [(r["doc_name"], r["n_events"], r["n_sentences"]) for r in listed] == [
        ("z.txt", 0, 1), ("a.txt", 2, 2), ("b.txt", 1, 1), ("c.txt", 0, 0)]
    assert listed[0] == {"doc_id": early.article.doc_id, "doc_name": "z.txt", "title": "Talks in Vientiane",
                         "published": "2017-05-01", "published_basis": "metadata", "published_range": None,
                         "published_evidence": None, "source": "Lao News", "n_sentences": 1, "n_events": 0}
    assert (listed[1]["doc_id"], listed[2]["doc_id"]) == (a, b)
    assert {k: listed[3][k] for k in ("published", "published_basis", "published_range", "published_evidence")} == {
        "published": "2019-07-02", "published_basis": "estimated", "published_range": ["2019-01-01", "2019-12-31"],
        "published_evidence": "a summit"}
    assert [r["doc_name"] for r in store.list_articles(limit=2, offset=1)] == ["a.txt", "b.txt"]


def test_stats_count_every_table(store: Store) -> None:
    two_articles(store)
    assert store.stats() == {"articles": 2, "sentences": 3, "mentions": 4, "actors": 4, "events": 3,
                             "events_all": 3, "articles_estimated": 0, "articles_undated": 0}


def test_iter_articles_streams_every_article_by_name_in_chunks(store: Store) -> None:
    two_articles(store)
    store.write([coded("c.txt", "Laos hosted Thailand.", [])])
    assert [a.doc_name for a in store.iter_articles(chunk=1)] == ["a.txt", "b.txt", "c.txt"]
    assert [a.doc_name for a in store.iter_articles(chunk=2)] == ["a.txt", "b.txt", "c.txt"]
    assert [a.doc_name for a in store.iter_articles(["c.txt", "a.txt"], chunk=1)] == ["a.txt", "c.txt"]
    assert [a.text for a in store.iter_articles(["b.txt"])] == ["China praised Vietnam."]
    assert list(store.iter_articles(["none.txt"])) == []


def test_has_page_is_true_only_for_the_stored_page_digest(store: Store) -> None:
    two_articles(store)
    assert store.has_page("a.txt", "d1")
    assert not store.has_page("a.txt", "d2")
    assert not store.has_page("b.txt", "d1")  # stored without a page digest
    assert not store.has_page("none.txt", "d1")


def test_a_fixed_review_regroups_the_merged_events_at_once(store: Store) -> None:
    from tests.analysis.helpers import Ev, make_article

    line = "Japan criticised Cambodia over the election on Monday."
    store.write([make_article(name, "2018-08-01", [line], [Ev(0, "JPNGOV", "KHMGOV", "111", "2018-07-30")])
                 for name in ("one.txt", "two.txt")])
    assert [m.mentions for m in store.merged_events()] == [2]
    first = store.events()[0]
    store.add_review(first.event_id, "fixed", {"cameo": "190"}, {"cameo": "190"}, None, "tester")
    assert sorted((m.event.cameo, m.mentions) for m in store.merged_events()) == [("111", 1), ("190", 1)]

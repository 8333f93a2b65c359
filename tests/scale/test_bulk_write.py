"""The bulk write path stores the same records as ``Store.write`` and reads back intact."""

from __future__ import annotations

from amity.models import Actor, Amount, Article, CodedArticle, Event, Location, Sentence
from amity.store import EventQuery, Store


def coded(name: str, goldstein: float) -> CodedArticle:
    text = f"Japan pledged $5 million to Cambodia in Phnom Penh ({name})."  # one text per article
    article = Article(name, text, published="2020-03-04", meta={"lang": "en"}, authors=["A. B."])
    japan = Actor("JPNGOV", country="JPN", sector="GOV", mention="Japan", start=0, end=5)
    event = Event(name, japan, Actor("KHM", country="KHM", mention="Cambodia"), "0234",
                  goldstein=goldstein, quad="verbal_coop", span=(0, 50), date="2020-03",
                  date_precision="month", amounts=[Amount(5e6, "currency", "USD", "$5 million")],
                  location=Location("Phnom Penh", "KHM", lat=11.56, lon=104.92),
                  doc_id=article.doc_id, negated=False, factual=True)
    return CodedArticle(article, [Sentence(0, 0, len(text), text)], [japan], [event], "v1")


def test_bulk_and_normal_writes_read_back_the_same(db_url: str, tmp_path: object) -> None:
    store = Store(db_url)
    store.write_bulk([coded("bulk-1", 3.4)])
    store.write([coded("normal-1", 3.4)])
    by_doc = {e.doc_name: e for e in store.events(EventQuery(since="2020", until="2020"))}
    bulk, normal = by_doc["bulk-1"], by_doc["normal-1"]
    for field in ("amounts", "location", "source", "target", "goldstein", "date", "factual"):
        assert getattr(bulk, field) == getattr(normal, field)
    assert bulk.amounts[0].currency == "USD" and bulk.location and bulk.location.lat == 11.56
    assert store.article("bulk-1").meta == {"lang": "en"}
    assert store.article_mentions(bulk.doc_id)[0].code == "JPNGOV"
    store.close()


def test_rewriting_an_article_replaces_its_events(db_url: str) -> None:
    store = Store(db_url)
    store.write([coded("a", 3.4), coded("b", 3.4)])
    store.write([coded("a", -2.0), coded("a", 1.5)])  # the same name twice: the last one wins
    goldstein = {e.doc_name: e.goldstein for e in store.events()}
    assert goldstein == {"a": 1.5, "b": 3.4}
    assert store.stats()["articles"] == 2
    store.close()

"""``Amity``'s analysis and reading methods (the faces' only door to the store and analyses)."""

from __future__ import annotations

import pytest

from amity import Amity
from amity.errors import NotFoundError
from amity.models import QUADS, SORTS, EventQuery, parse_dyad
from tests.analysis.conftest import corpus


@pytest.fixture
def amity(db_url: str) -> Amity:
    amity = Amity(db_url)
    amity.store.write(corpus())
    amity.refresh_indexes(None)
    return amity


def test_filters_come_from_amity_models_and_the_package() -> None:
    import amity as package

    assert package.EventQuery is EventQuery and package.parse_dyad is parse_dyad
    assert parse_dyad("jpn-khm") == ("JPN", "KHM")
    assert "material_coop" in QUADS and "-date" in SORTS


def test_the_result_records_come_from_the_package(amity: Amity) -> None:
    import amity as package

    [point] = amity.dyad_series("CHN", "KHM")
    assert isinstance(point, package.SeriesPoint) and point.period == "2018"
    assert isinstance(amity.network(), package.ActorNetwork)
    assert all(isinstance(e, package.TimelineEntry) for e in amity.timeline(actor="KHM"))
    group = amity.claims()[0]
    assert isinstance(group, package.ClaimGroup) and isinstance(group.claims[0], package.Claim)
    assert isinstance(amity.search("bridge")[0], package.SearchHit)
    assert isinstance(amity.merged_events()[0], package.MergedEvent)
    assert isinstance(amity.top_dyads()[0], package.DyadTotal)
    assert isinstance(amity.actor_counts()[0], package.ActorCount)


def test_series_of_the_corpus_and_of_a_dyad(amity: Amity) -> None:
    points, undated = amity.series(EventQuery(actor="KHM"), by="year")
    assert [p.period for p in points] == ["1979", "2015", "2016", "2018"] and undated == 0
    by_year = {p.period: p for p in amity.dyad_series("JPN", "KHM")}
    assert (by_year["2015"].n_events, by_year["2015"].reports) == (3, 4)
    assert amity.dyad_series("KHM", "JPN", directed=True) == []


def test_timeline_pages_and_counts(amity: Amity) -> None:
    entries = amity.timeline(actor="KHM", query=EventQuery(limit=2))
    assert [e.date_label for e in entries] == ["1979", "2015-04-09"]
    assert entries[1].doc_names == ["courier-2015.txt", "post-2015.txt"]
    assert amity.timeline_total(actor="KHM") == 8
    assert [e.source_code for e in amity.timeline(dyad="CHN-KHM")] == ["CHNGOV"]


def test_network_claims_and_search(amity: Amity) -> None:
    graph = amity.network().graph
    assert graph.edges["JPN", "KHM"]["events"] == 6 and graph.nodes["KHM"]["label"] == "Cambodia"
    kinds = {g.kind for g in amity.claims(EventQuery(actor="JPN"))}
    assert kinds == {"total", "event", "rank"}
    total = next(g for g in amity.claims() if g.kind == "total")
    assert total.conflicting and total.values == [2.3e9, 2.8e9]
    assert not next(g for g in amity.claims(tolerance=0.5) if g.kind == "total").conflicting
    [hit] = amity.search("election monitors")
    assert hit.doc_name == "times-2018.txt" and hit.event_ids


def test_merges_and_the_search_index(amity: Amity) -> None:
    assert amity.merge_counts() == {"reports": 9, "merged": 8}
    assert amity.update_merges() == 8
    assert amity.update_search_index() == 4
    bridge = amity.merged_events(EventQuery(code="0711", since="2015", until="2015"))
    assert [(m.reports, m.doc_names) for m in bridge] == [(2, ["courier-2015.txt", "post-2015.txt"])]


def test_summaries(amity: Amity) -> None:
    top = amity.top_dyads(limit=1)[0]
    assert (top.a, top.b, top.events) == ("JPN", "KHM", 7)
    assert [d.a for d in amity.top_dyads(query=EventQuery(actor="CHN"))] == ["CHN"]
    codes = [a.code for a in amity.actor_counts(country="KHM")]
    assert codes == ["KHM"]
    assert len(amity.actor_counts(limit=2)) == 2
    names = {m["doc_name"] for m in amity.mentions(doc="times-2018.txt")}
    assert names == {"times-2018.txt"}


def test_stored_records(amity: Amity) -> None:
    heads = amity.articles()
    assert [h["doc_name"] for h in heads][:2] == ["courier-2015.txt", "post-2015.txt"]
    assert [h["n_events"] for h in amity.articles(limit=1, offset=3)] == [3]
    article = amity.article("times-2018.txt")
    assert len(amity.article_sentences(article.doc_id)) == 4
    assert {m.country for m in amity.article_mentions(article.doc_id)} >= {"JPN", "KHM", "CHN"}
    query = EventQuery(dyad=("CHN", "KHM"))
    [found] = amity.select(query)
    assert amity.event(found.event_id).trigger == "pledged"
    assert amity.count_events(query) == 1 and amity.count_events() == 9
    assert amity.select(query, with_sentences=False)[0].sentence == ""
    with pytest.raises(NotFoundError):
        amity.event("nope")

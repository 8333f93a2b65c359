"""Reports of one real-world event become one merged event; different events stay apart."""

from __future__ import annotations

import pytest

from amity.analysis import MergeSettings, merged_events, update_merges
from amity.analysis.merge import cluster, dates_compatible
from amity.store import EventQuery, Store
from tests.analysis.conftest import BRIDGE_2015, BRIDGE_2015_AGAIN, corpus
from tests.analysis.helpers import Ev, make_article


def _by_date(store: Store, **filters: object) -> dict[str | None, list[str]]:
    return {m.event.date: m.doc_names for m in merged_events(store, EventQuery(**filters))}  # type: ignore[arg-type]


def test_one_grant_reported_by_two_articles_is_one_event_with_both_sources(store: Store) -> None:
    found = merged_events(store, EventQuery(code="0711", since="2015", until="2015"))
    assert len(found) == 1
    grant = found[0]
    assert grant.mentions == 2 and grant.reports == 2
    assert grant.doc_names == ["courier-2015.txt", "post-2015.txt"]
    assert len(grant.member_ids) == 2 and grant.group_id in grant.member_ids
    assert grant.to_dict()["doc_names"] == grant.doc_names


def test_same_wording_on_another_date_or_dyad_is_another_event(store: Store) -> None:
    japan = _by_date(store, dyad=("JPN", "KHM"), code="0711")
    assert japan["2016-01-04"] == ["courier-2016.txt"]  # same sentence shape, a year later
    china = _by_date(store, dyad=("CHN", "KHM"))
    assert china == {"2018-07-30": ["times-2018.txt"]}


def test_counts_use_merged_events_not_reports(store: Store) -> None:
    reports = store.count_events(EventQuery(dyad=("JPN", "KHM")))
    merged = merged_events(store, EventQuery(dyad=("JPN", "KHM")))
    assert reports - len(merged) == sum(m.reports - 1 for m in merged) > 0


def test_rewriting_an_article_regroups_only_after_update(store: Store) -> None:
    update_merges(store)
    moved = make_article("post-2015.txt", "2015-04-11", [BRIDGE_2015_AGAIN.replace("9 April", "20 June")], [
        Ev(0, "JPNGOV", "KHMGOV", "0711", "2015-06-20", goldstein=7.4, trigger="handed",
           amounts=[(10e6, "currency", "USD", "US$ 10 million")]),
    ])
    store.write([moved])
    update_merges(store, [moved.article.doc_id])
    assert _by_date(store, code="0711", since="2015", until="2015") == {
        "2015-04-09": ["courier-2015.txt"], "2015-06-20": ["post-2015.txt"]}


def test_articles_written_without_update_are_merged_when_read(db_url: str) -> None:
    store = Store(db_url)
    events = [Ev(0, "JPNGOV", "KHMGOV", "0711", "2015-04-09", trigger="signed a grant")]
    store.write([make_article("a.txt", "2015-04-10", [BRIDGE_2015], events)])
    store.write([make_article("b.txt", "2015-04-10", [BRIDGE_2015_AGAIN], events)])
    assert [m.doc_names for m in merged_events(store)] == [["a.txt", "b.txt"]]


def test_a_year_does_not_chain_two_different_days_together() -> None:
    arts = [make_article(f"{n}.txt", "2015-12-31", [BRIDGE_2015], [Ev(0, "JPNGOV", "KHMGOV", "0711", d, p)])
            for n, d, p in (("a", "2015-04-09", "day"), ("b", "2015-09-01", "day"), ("c", "2015", "year"))]
    groups = cluster(e for a in arts for e in a.events)
    assert sorted(len(g) for g in groups) == [1, 2]


def test_publication_dates_merge_only_within_two_days() -> None:
    def report(name: str, published: str) -> object:
        ev = Ev(0, "JPN", "KHM", "07", published, basis="publication")
        return make_article(name, published, [BRIDGE_2015], [ev]).events[0]

    base = report("a.txt", "2015-04-10")
    assert dates_compatible(base, report("b.txt", "2015-04-12"))  # type: ignore[arg-type]
    assert not dates_compatible(base, report("c.txt", "2015-04-13"))  # type: ignore[arg-type]


def test_dissimilar_evidence_does_not_merge_but_a_shared_amount_does() -> None:
    lines = ["Japan gave Cambodia fire trucks for the capital.", "Japan trained Cambodian deminers in Battambang."]
    arts = [make_article(f"{i}.txt", "2015-04-10", [line], [Ev(0, "JPNGOV", "KHMGOV", "0711", "2015-04-09")])
            for i, line in enumerate(lines)]
    assert len(cluster([a.events[0] for a in arts], MergeSettings())) == 2
    amount: list[tuple[float, str, str | None, str]] = [(5e6, "currency", "USD", "")]
    arts = [make_article(f"{i}.txt", "2015-04-10", [line], [Ev(0, "JPNGOV", "KHMGOV", "0711", "2015-04-09",
                                                               amounts=amount)])
            for i, line in enumerate(lines)]
    assert len(cluster([a.events[0] for a in arts])) == 1


def test_negated_reports_never_merge_with_factual_ones(db_url: str) -> None:
    store = Store(db_url)
    store.write([
        make_article("a.txt", "2015-04-10", [BRIDGE_2015], [Ev(0, "JPNGOV", "KHMGOV", "0711", "2015-04-09")]),
        make_article("b.txt", "2015-04-10", [BRIDGE_2015], [Ev(0, "JPNGOV", "KHMGOV", "0711", "2015-04-09",
                                                              factual=False)]),
    ])
    assert [m.doc_names for m in merged_events(store)] == [["a.txt"]]
    everything = merged_events(store, EventQuery(include_nonfactual=True))
    assert sorted(m.doc_names[0] for m in everything) == ["a.txt", "b.txt"]


def test_catching_up_in_small_chunks_gives_the_groups_of_one_full_rebuild(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The post-ingest catch-up works through stale articles a chunk at a time (bounded
    memory on big stores); the merged events are those of a rebuild from scratch."""
    from amity.analysis import ensure_merges, merge

    store = Store(db_url)
    store.write(corpus())  # written without update_merges: every article is stale
    monkeypatch.setattr(merge, "STALE_CHUNK", 1)
    ensure_merges(store)
    assert merge.stale_doc_ids(store) == []
    chunked = sorted(tuple(m.doc_names) for m in merged_events(store))
    update_merges(store)
    assert chunked == sorted(tuple(m.doc_names) for m in merged_events(store))
    assert ("courier-2015.txt", "post-2015.txt") in chunked

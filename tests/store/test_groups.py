"""Stored merge groups: kept in step with the stored reports, incrementally and in chunks."""

from __future__ import annotations

import pytest

from amity.models import EventQuery
from amity.store import Store
from tests.analysis.conftest import BRIDGE_2015, BRIDGE_2015_AGAIN, corpus
from tests.analysis.helpers import Ev, make_article


@pytest.fixture
def store(db_url: str) -> Store:
    store = Store(db_url)
    store.write(corpus())
    return store


def _by_date(store: Store, **filters: object) -> dict[str | None, list[str]]:
    return {m.event.date: m.doc_names for m in store.merged_events(EventQuery(**filters))}  # type: ignore[arg-type]


def test_one_grant_reported_by_two_articles_is_one_event_with_both_sources(store: Store) -> None:
    found = store.merged_events(EventQuery(code="0711", since="2015", until="2015"))
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
    merged = store.merged_events(EventQuery(dyad=("JPN", "KHM")))
    assert reports - len(merged) == sum(m.reports - 1 for m in merged) > 0


def test_rewriting_an_article_regroups_only_after_update(store: Store) -> None:
    store.update_merges()
    moved = make_article("post-2015.txt", "2015-04-11", [BRIDGE_2015_AGAIN.replace("9 April", "20 June")], [
        Ev(0, "JPNGOV", "KHMGOV", "0711", "2015-06-20", goldstein=7.4, trigger="handed",
           amounts=[(10e6, "currency", "USD", "US$ 10 million")]),
    ])
    store.write([moved])
    store.update_merges([moved.article.doc_id])
    assert _by_date(store, code="0711", since="2015", until="2015") == {
        "2015-04-09": ["courier-2015.txt"], "2015-06-20": ["post-2015.txt"]}


def test_articles_written_without_update_are_merged_when_read(db_url: str) -> None:
    store = Store(db_url)
    events = [Ev(0, "JPNGOV", "KHMGOV", "0711", "2015-04-09", trigger="signed a grant")]
    store.write([make_article("a.txt", "2015-04-10", [BRIDGE_2015], events)])
    store.write([make_article("b.txt", "2015-04-10", [BRIDGE_2015_AGAIN], events)])
    assert [m.doc_names for m in store.merged_events()] == [["a.txt", "b.txt"]]


def test_negated_reports_never_merge_with_factual_ones(db_url: str) -> None:
    store = Store(db_url)
    store.write([
        make_article("a.txt", "2015-04-10", [BRIDGE_2015], [Ev(0, "JPNGOV", "KHMGOV", "0711", "2015-04-09")]),
        make_article("b.txt", "2015-04-10", [BRIDGE_2015], [Ev(0, "JPNGOV", "KHMGOV", "0711", "2015-04-09",
                                                              factual=False)]),
    ])
    assert [m.doc_names for m in store.merged_events()] == [["a.txt"]]
    everything = store.merged_events(EventQuery(include_nonfactual=True))
    assert sorted(m.doc_names[0] for m in everything) == ["a.txt", "b.txt"]


def test_catching_up_in_small_chunks_gives_the_groups_of_one_full_rebuild(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The post-ingest catch-up works through stale articles a chunk at a time (bounded
    memory on big stores); the merged events are those of a rebuild from scratch."""
    from amity.store import groups

    store = Store(db_url)
    store.write(corpus())  # written without update_merges: every article is stale
    monkeypatch.setattr(groups, "STALE_CHUNK", 1)
    store.ensure_merges()
    assert store.stale_doc_ids() == []
    chunked = sorted(tuple(m.doc_names) for m in store.merged_events())
    store.update_merges()
    assert chunked == sorted(tuple(m.doc_names) for m in store.merged_events())
    assert ("courier-2015.txt", "post-2015.txt") in chunked


def test_reports_of_one_dyad_at_different_sectors_and_codes_are_one_merged_event(db_url: str) -> None:
    store = Store(db_url)
    line = "Japan handed Cambodia a grant for the Tsubasa bridge on 9 April."
    store.write([
        make_article("a.txt", "2015-04-10", [line], [Ev(0, "JPNGOV", "KHM", "0711", "2015-04-09", trigger="handed")]),
        make_article("b.txt", "2015-04-10", [line.replace("handed", "gave")],
                     [Ev(0, "JPN", "KHMGOV", "071", "2015-04-10", trigger="gave")]),
    ])
    [merged] = store.merged_events()
    assert merged.doc_names == ["a.txt", "b.txt"]
    [(group_id, reports)] = store.merged_groups()
    assert group_id == merged.group_id and sorted(e.doc_name for e in reports) == ["a.txt", "b.txt"]
    assert store.group_reports(reports[1].event_id)[0] == group_id

"""The batched merge refresh, the cheap staleness check and the SQL series/timeline paths
give exactly what the straightforward per-block / per-event computations give.

The series and timelines are read through ``Reading`` (``Amity``'s methods) over the store.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select

from amity.analysis.merge import build_merged
from amity.analysis.series import series_of
from amity.analysis.timeline import entry_of, timeline_order
from amity.models import Article, CodedArticle
from amity.reading import on_store
from amity.store import EventQuery, Store
from amity.store import groups as merge_module
from amity.store.merged import _invert
from amity.store.query import date_bounds
from amity.store.rows import load_events_by_id
from amity.store.schema import event_groups
from tests.analysis.conftest import (
    BRIDGE_2015,
    BRIDGE_2015_AGAIN,
    BRIDGE_2016,
    SECOND,
    TOTAL_HIGH,
    TOTAL_LOW,
)
from tests.analysis.helpers import Ev, make_article

LINES = [BRIDGE_2015, BRIDGE_2015_AGAIN, BRIDGE_2016, TOTAL_LOW, TOTAL_HIGH, SECOND]
ACTORS = ["JPN", "JPNGOV", "KHM", "KHMGOV", "CHNGOV", "VNMMIL"]
CODES = ["07", "0711", "071", "111", "190", "03"]
DATES = [("2015-04-09", "day"), ("2015-04-10", "day"), ("2015-04", "month"), ("2015", "year"),
         ("2015-01", "month"), ("2015-01-01", "day"), ("2016-01-04", "day"), ("2018", "year"), (None, "unknown")]


def _random_event(rng: random.Random, sentence: int) -> Ev:
    source, target = rng.sample(ACTORS, 2)
    date, precision = rng.choice(DATES)
    amounts = [(10e6, "currency", "USD", "US$ 10 million")] if rng.random() < 0.3 else []
    return Ev(sentence, source, target, rng.choice(CODES), date, precision, goldstein=rng.choice([7.4, 7.0, -2.0]),
              trigger=rng.choice(["signed", "handed", "gave"]), basis=rng.choice(["text", "text", "publication"]),
              amounts=amounts, factual=rng.random() > 0.15)  # type: ignore[arg-type]


def corpus(seed: int, n_articles: int = 30) -> list[CodedArticle]:
    """Many small articles over a few dyads, codes and dates: many blocks, several reports each."""
    rng = random.Random(seed)
    out = []
    for i in range(n_articles):
        lines = rng.sample(LINES, 3)
        evs = [_random_event(rng, rng.randrange(3)) for _ in range(rng.randint(1, 4))]
        published = f"2015-04-{rng.randint(9, 12):02d}"
        out.append(make_article(f"art-{i:02d}.txt", published, lines, evs))
    return out


def _groups(store: Store) -> list[tuple[Any, ...]]:
    cols = event_groups.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(cols.event_id, cols.group_id, cols.doc_id, cols.block, cols.size,
                                   cols.doc_names).order_by(cols.event_id))
        return [tuple(r) for r in rows]


@pytest.fixture
def big_store(db_url: str) -> Store:
    store = Store(db_url)
    store.write(corpus(seed=11))
    return store


def test_batch_refresh_gives_the_same_groups_as_block_by_block(big_store: Store,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(merge_module, "BLOCKS_PER_QUERY", 1)
    big_store.update_merges()
    one_by_one = _groups(big_store)
    monkeypatch.setattr(merge_module, "BLOCKS_PER_QUERY", 100)
    big_store.update_merges()
    assert _groups(big_store) == one_by_one
    assert len({row[3] for row in one_by_one}) > 5  # many blocks were regrouped
    assert any(row[4] > 1 for row in one_by_one)  # and some reports did merge


def test_incremental_refresh_after_replacing_articles_equals_a_full_rebuild(big_store: Store) -> None:
    big_store.update_merges()
    changed = corpus(seed=12, n_articles=8)  # the same names, other coding
    big_store.write(changed)
    big_store.update_merges([c.article.doc_id for c in changed])
    incremental = _groups(big_store)
    big_store.update_merges()
    assert incremental == _groups(big_store)


def hand_corpus() -> list[CodedArticle]:
    """One report per article; which reports are one event is decided here by hand."""
    jk = ("JPNGOV", "KHMGOV")
    grant = [(10e6, "currency", "USD", "US$ 10 million")]
    return [
        make_article("a.txt", "2015-04-10", [BRIDGE_2015], [Ev(0, *jk, "0711", "2015-04-09", goldstein=7.4,
                                                             trigger="signed a grant", amounts=grant)]),
        # the same grant told again, same amount: one event with a.txt
        make_article("b.txt", "2015-04-11", [BRIDGE_2015_AGAIN], [Ev(0, *jk, "0711", "2015-04-09", goldstein=7.4,
                                                                    trigger="handed", amounts=grant)]),
        # another grant nine months later: another event
        make_article("c.txt", "2016-01-05", [BRIDGE_2016], [Ev(0, *jk, "0711", "2016-01-04", goldstein=7.4,
                                                             trigger="signed a grant", amounts=grant)]),
        # the same words, but a plan: never merged with a factual report
        make_article("d.txt", "2015-04-10", [BRIDGE_2015], [Ev(0, *jk, "0711", "2015-04-09", goldstein=7.4,
                                                             trigger="signed a grant", amounts=grant,
                                                             factual=False)]),
        # the other direction: another dyad, another event
        make_article("e.txt", "2015-04-10", [BRIDGE_2015], [Ev(0, "KHMGOV", "JPNGOV", "0711", "2015-04-09",
                                                             goldstein=7.4, trigger="signed a grant",
                                                             amounts=grant)]),
        # another root (criticism) the same day: another event
        make_article("f.txt", "2015-04-10", [BRIDGE_2015], [Ev(0, *jk, "111", "2015-04-09", goldstein=-2.0,
                                                             trigger="signed a grant")]),
    ]


HAND_GROUPS = {frozenset({"a.txt", "b.txt"}), frozenset({"c.txt"}), frozenset({"d.txt"}), frozenset({"e.txt"}),
               frozenset({"f.txt"})}


def _stored_groups_by_doc(store: Store) -> set[frozenset[str]]:
    doc_of = {e.event_id: e.doc_name for e in store.events(EventQuery(include_nonfactual=True))}
    groups: dict[str, set[str]] = {}
    for event_id, group_id, *_ in _groups(store):
        groups.setdefault(group_id, set()).add(doc_of[event_id])
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("blocks_per_query", [1, 100])
def test_stored_groups_are_the_hand_built_events(db_url: str, monkeypatch: pytest.MonkeyPatch,
                                                 blocks_per_query: int) -> None:
    monkeypatch.setattr(merge_module, "BLOCKS_PER_QUERY", blocks_per_query)
    store = Store(db_url)
    store.write(hand_corpus())
    store.update_merges()
    assert _stored_groups_by_doc(store) == HAND_GROUPS
    merged = {frozenset(m.doc_names): m.mentions for m in store.merged_events(EventQuery(include_nonfactual=True))}
    assert merged == {g: len(g) for g in HAND_GROUPS}
    # replacing b.txt alone (incremental refresh) regroups a.txt's event too
    store.write([make_article("b.txt", "2015-04-11", [BRIDGE_2015_AGAIN],
                              [Ev(0, "JPNGOV", "KHMGOV", "0711", "2016-01-04", goldstein=7.4, trigger="handed",
                                  amounts=[(10e6, "currency", "USD", "US$ 10 million")])])])
    store.update_merges([Article("b.txt", "").doc_id])
    assert _stored_groups_by_doc(store) == (HAND_GROUPS - {frozenset({"a.txt", "b.txt"}), frozenset({"c.txt"})}) | {
        frozenset({"a.txt"}), frozenset({"b.txt", "c.txt"})}
    store.close()


def test_series_and_timeline_of_the_hand_built_events(db_url: str) -> None:
    store = Store(db_url)
    store.write(hand_corpus())
    both = {p.period: (p.n_events, p.material_coop, p.verbal_conflict, p.goldstein_sum, p.reports)
            for p in on_store(store).dyad_series("JPN", "KHM")}
    # 2015: the a+b grant (2 reports), e.txt's reverse grant, f.txt's criticism; d.txt's plan is hidden
    assert both == {"2015": (3, 2, 1, 12.8, 4), "2016": (1, 1, 0, 7.4, 1)}
    directed = {p.period: p.n_events for p in on_store(store).dyad_series("JPNGOV", "KHM", directed=True)}
    assert directed == {"2015": 2, "2016": 1}
    by_day = [(p.period, p.n_events) for p in on_store(store).dyad_series("JPN", "KHM", by="day")]
    assert by_day == [("2015-04-09", 3), ("2016-01-04", 1)]
    labels = [(e.date_label, e.cameo) for e in on_store(store).timeline(actor="KHM")]
    assert sorted(labels) == [("2015-04-09", "0711"), ("2015-04-09", "0711"), ("2015-04-09", "111"),
                              ("2016-01-04", "0711")]
    assert on_store(store).timeline_total(actor="KHM") == 4
    store.close()


def test_replacing_the_last_article_with_as_many_events_is_noticed_when_read(db_url: str) -> None:
    store = Store(db_url)
    first = [Ev(0, "JPNGOV", "KHMGOV", "0711", "2015-04-09", trigger="signed")]
    store.write([make_article("a.txt", "2015-04-10", [BRIDGE_2015], first)])
    store.write([make_article("b.txt", "2015-04-10", [BRIDGE_2015_AGAIN], first)])
    assert [m.doc_names for m in store.merged_events()] == [["a.txt", "b.txt"]]
    assert store.groups_current()
    moved = [Ev(0, "JPNGOV", "KHMGOV", "0711", "2016-01-04", trigger="signed")]
    store.write([make_article("b.txt", "2015-04-10", [BRIDGE_2015_AGAIN], moved)])
    assert not store.groups_current()
    assert sorted(m.doc_names for m in store.merged_events()) == [["a.txt"], ["b.txt"]]
    assert store.groups_current()


@pytest.mark.parametrize("by", ["year", "month", "day"])
def test_sql_series_equals_the_series_of_the_merged_events(big_store: Store, by: str) -> None:
    for a, b, directed, extra in (("JPN", "KHM", False, EventQuery()), ("JPNGOV", "KHM", True, EventQuery()),
                                  ("KHM", "CHN", False, EventQuery(since="2015-04-10")),
                                  ("JPN", "VNM", False, EventQuery(code="07"))):
        query = replace(extra, dyad=(a, b), directed=directed, sort="date")
        expected = series_of(big_store.merged_events(query), by)
        assert on_store(big_store).dyad_series(a, b, by=by, directed=directed, query=extra) == expected
    assert any(on_store(big_store).dyad_series("JPN", "KHM", by=by))


def test_timeline_pages_equal_slices_of_the_whole_ordered_timeline(big_store: Store) -> None:
    for actor, dyad in (("KHM", None), (None, ("JPN", "KHM")), ("CHNGOV", None)):
        changes: dict[str, Any] = {"actor": actor} if actor else {"dyad": dyad}
        every = sorted((entry_of(m) for m in big_store.merged_events(EventQuery(**changes))), key=timeline_order)
        assert [e.to_dict() for e in on_store(big_store).timeline(actor=actor, dyad=dyad)] == [e.to_dict() for e in every]
        for offset, limit in ((0, 3), (2, 5), (len(every) - 1, 10)):
            page = on_store(big_store).timeline(actor=actor, dyad=dyad, query=EventQuery(offset=offset, limit=limit))
            assert [e.to_dict() for e in page] == [e.to_dict() for e in every[offset : offset + limit]]
    assert len(on_store(big_store).timeline(actor="KHM")) > 5


def _reference_merged(store: Store, query: EventQuery) -> list[dict[str, Any]]:
    """Every member of every matching group loaded as an Event, grouped and sorted in Python."""
    matching = {e.event_id for e in store.events(replace(query, limit=None, offset=0))}
    with store.engine.connect() as conn:
        rows = conn.execute(select(event_groups.c.group_id, event_groups.c.event_id)).all()
        wanted = {r.group_id for r in rows if r.event_id in matching}
        members = {g: [r.event_id for r in rows if r.group_id == g] for g in wanted}
        reports = {e.event_id: e for e in load_events_by_id(conn, {i for ids in members.values() for i in ids})}
    keys = {"date": lambda m: (date_bounds(m.event.date, m.event.date_precision)[0] or "9999", m.group_id),
            "-date": lambda m: (_invert(date_bounds(m.event.date, m.event.date_precision)[0] or "9999"), m.group_id),
            "goldstein": lambda m: (m.event.goldstein, m.group_id),
            "-goldstein": lambda m: (-m.event.goldstein, m.group_id),
            "doc": lambda m: (m.event.doc_name, m.event.span[0], m.group_id)}
    found = sorted(build_merged(members, reports), key=keys[query.sort])
    end = None if query.limit is None else query.offset + query.limit
    return [m.to_dict() for m in found[query.offset : end]]


@pytest.mark.parametrize("sort", ["date", "-date", "goldstein", "-goldstein", "doc"])
def test_merged_event_pages_equal_grouping_every_report_in_python(big_store: Store, sort: str) -> None:
    big_store.update_merges()
    for query in (EventQuery(sort=sort), EventQuery(actor="KHM", sort=sort, limit=4, offset=2),
                  EventQuery(dyad=("JPN", "KHM"), since="2015-04-10", sort=sort),
                  EventQuery(code="0711", include_nonfactual=True, sort=sort, limit=5)):
        expected = _reference_merged(big_store, query)
        assert [m.to_dict() for m in big_store.merged_events(query)] == expected
    assert len(_reference_merged(big_store, EventQuery(sort=sort))) > 10


def test_timeline_total_counts_the_unpaged_entries(big_store: Store) -> None:
    for actor, dyad, extra in (("KHM", None, EventQuery()), (None, "JPN-KHM", EventQuery(since="2015-04-10")),
                               ("CHNGOV", None, EventQuery(code="07"))):
        entries = on_store(big_store).timeline(actor=actor, dyad=dyad, query=extra)
        paged = replace(extra, limit=2)
        assert on_store(big_store).timeline_total(actor=actor, dyad=dyad, query=paged) == len(entries)
    assert on_store(big_store).timeline_total(actor="KHM") > 2


def test_corpus_series_read_in_sql_matches_the_series_of_merged_events(big_store: Store) -> None:
    """/api/series builds no merged Event: the store's group heads give the same points and undated count."""
    from amity.analysis.series import undated_count

    for query in (EventQuery(), EventQuery(actor="KHM"), EventQuery(since="2015-04-10")):
        points, undated = on_store(big_store).series(query, "month")
        found = big_store.merged_events(query)
        assert [p.to_dict() for p in points] == [p.to_dict() for p in series_of(found, "month")]
        assert undated == undated_count(found)
    assert sum(p.n_events for p in on_store(big_store).series(EventQuery(), "year")[0]) > 10

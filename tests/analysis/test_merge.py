"""The merge rule: reports of one real-world event cluster together; different events stay apart.

Pure: hand-built ``Event`` records, no database (the stored groups: tests/store/test_groups.py).
"""

from __future__ import annotations

from amity.analysis.merge import MergeSettings, cluster, dates_compatible
from tests.analysis.conftest import BRIDGE_2015, corpus
from tests.analysis.helpers import Ev, make_article, merge_by_hand


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


def test_one_grant_reported_by_two_articles_is_one_merged_event_with_both_sources() -> None:
    [grant] = [m for m in merge_by_hand(corpus()) if m.event.cameo == "0711" and m.event.date == "2015-04-09"]
    assert grant.mentions == 2 and grant.reports == 2
    assert grant.doc_names == ["courier-2015.txt", "post-2015.txt"]
    assert len(grant.member_ids) == 2 and grant.group_id in grant.member_ids
    assert grant.to_dict()["doc_names"] == grant.doc_names


def test_the_most_precise_report_leads_its_group() -> None:
    arts = [make_article(f"{n}.txt", "2015-04-10", [BRIDGE_2015], [Ev(0, "JPNGOV", "KHMGOV", "0711", d, p)])
            for n, d, p in (("a", "2015-04", "month"), ("b", "2015-04-09", "day"))]
    [group] = cluster(e for a in arts for e in a.events)
    assert [e.doc_name for e in group] == ["b.txt", "a.txt"]

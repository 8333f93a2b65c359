"""Claims about the same quantity are shown side by side with their sources, never averaged.

Pure: the claims are read from the hand-built corpus records (no database).
"""

from __future__ import annotations

from typing import Any

from amity.analysis.claims import ClaimGroup, amount_groups, claim_groups, rank_groups
from amity.models import CodedArticle, EventQuery
from tests.analysis.conftest import corpus
from tests.analysis.helpers import Ev, make_article, merge_by_hand


def find_claims(coded: list[CodedArticle], query: EventQuery | None = None, **kw: Any) -> list[ClaimGroup]:
    """What ``Amity.claims`` gathers from a store, gathered from the records themselves."""
    reports = [e for c in coded for e in c.events if e.amounts and e.factual and not e.negated]
    groups_of = {i: m.group_id for m in merge_by_hand(coded) for i in m.member_ids}
    outlets = {c.article.doc_name: c.article.source for c in coded}
    ranks = [(c.article, [(s.index, s.start, s.end) for s in c.sentences], c.mentions) for c in coded]
    return claim_groups(amount_groups(reports, groups_of, outlets) + rank_groups(ranks, query), **kw)


def _group(kind: str, **kw: Any) -> dict[str, Any]:
    found = [g for g in find_claims(corpus(), **kw) if g.kind == kind]
    assert len(found) == 1, [g.about for g in found]
    return found[0].to_dict()


def test_japan_total_aid_figures_conflict_and_both_sources_are_shown() -> None:
    group = _group("total")
    assert group["conflicting"] is True
    assert (group["source_country"], group["target_country"], group["currency"]) == ("JPN", "KHM", "USD")
    rows = [(c["value"], c["qualifier"], c["period"], c["doc_name"], c["source"]) for c in group["claims"]]
    assert rows == [
        (2.3e9, "more than", "since 1992", "courier-2015.txt", "Phnom Penh Courier"),
        (2.8e9, None, "since 1993", "post-2015.txt", "Daily Post"),
    ]
    assert group["values"] == [2.3e9, 2.8e9]  # both kept: no average anywhere
    assert all(c["sentence"] and c["published"] for c in group["claims"])


def test_a_wide_tolerance_accepts_the_difference() -> None:
    assert _group("total", tolerance=0.5)["conflicting"] is False


def test_two_reports_of_one_grant_agreeing_on_the_amount_do_not_conflict() -> None:
    group = _group("event")
    assert group["conflicting"] is False
    assert group["doc_names"] == ["courier-2015.txt", "post-2015.txt"]


def test_ranking_claims_top_versus_second_donor() -> None:
    group = _group("rank")
    assert group["source_country"] == "JPN" and group["conflicting"] is True
    assert [(c["value"], c["doc_name"]) for c in group["claims"]] == [(1.0, "post-2015.txt"), (2.0, "times-2018.txt")]
    assert "after China" in group["claims"][1]["text"]
    assert group["claims"][0]["qualifier"] == "bilateral"


def test_rank_claims_follow_the_actor_and_doc_filters() -> None:
    assert find_claims(corpus(), EventQuery(actor="CHN")) == [g for g in find_claims(corpus()) if g.kind != "rank"]
    assert {g.kind for g in find_claims(corpus(), EventQuery(actor="JPN"))} == {"total", "event", "rank"}
    only = find_claims(corpus(), EventQuery(doc="times-2018.txt"), min_claims=1)
    assert [c.doc_name for g in only if g.kind == "rank" for c in g.claims] == ["times-2018.txt"]


def test_a_lone_claim_is_listed_only_when_asked() -> None:
    lone = make_article("lone.txt", "2019-01-02", ["China gave Cambodia US$ 5 million for roads on 1 January 2019."],
                        [Ev(0, "CHNGOV", "KHMGOV", "0711", "2019-01-01", amounts=[(5e6, "currency", "USD", "US$ 5 million")])])
    coded = [*corpus(), lone]
    assert find_claims(coded) == find_claims(corpus())
    [single] = [g for g in find_claims(coded, min_claims=1) if g.source_country == "CHN"]
    assert (single.kind, single.values, single.conflicting) == ("event", [5e6], False)

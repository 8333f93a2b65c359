"""Claims about the same quantity are shown side by side with their sources, never averaged."""

from __future__ import annotations

from amity.analysis import claims
from amity.store import EventQuery, Store


def _group(store: Store, kind: str, **kw: object) -> dict:  # type: ignore[type-arg]
    found = [g for g in claims(store, **kw) if g.kind == kind]  # type: ignore[arg-type]
    assert len(found) == 1, [g.about for g in found]
    return found[0].to_dict()


def test_japan_total_aid_figures_conflict_and_both_sources_are_shown(store: Store) -> None:
    group = _group(store, "total")
    assert group["conflicting"] is True
    assert (group["source_country"], group["target_country"], group["currency"]) == ("JPN", "KHM", "USD")
    rows = [(c["value"], c["qualifier"], c["period"], c["doc_name"], c["source"]) for c in group["claims"]]
    assert rows == [
        (2.3e9, "more than", "since 1992", "courier-2015.txt", "Phnom Penh Courier"),
        (2.8e9, None, "since 1993", "post-2015.txt", "Daily Post"),
    ]
    assert group["values"] == [2.3e9, 2.8e9]  # both kept: no average anywhere
    assert all(c["sentence"] and c["published"] for c in group["claims"])


def test_a_wide_tolerance_accepts_the_difference(store: Store) -> None:
    assert _group(store, "total", tolerance=0.5)["conflicting"] is False


def test_two_reports_of_one_grant_agreeing_on_the_amount_do_not_conflict(store: Store) -> None:
    group = _group(store, "event")
    assert group["conflicting"] is False
    assert group["doc_names"] == ["courier-2015.txt", "post-2015.txt"]


def test_ranking_claims_top_versus_second_donor(store: Store) -> None:
    group = _group(store, "rank")
    assert group["source_country"] == "JPN" and group["conflicting"] is True
    assert [(c["value"], c["doc_name"]) for c in group["claims"]] == [(1.0, "post-2015.txt"), (2.0, "times-2018.txt")]
    assert "after China" in group["claims"][1]["text"]
    assert group["claims"][0]["qualifier"] == "bilateral"


def test_claims_filtered_by_actor(store: Store) -> None:
    assert claims(store, EventQuery(actor="CHN")) == []
    assert {g.kind for g in claims(store, EventQuery(actor="JPN"))} == {"total", "event", "rank"}

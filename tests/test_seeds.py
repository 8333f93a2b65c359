"""The seed articles (../shared/seeds) coded as a careful CAMEO coder would (issues 4 and 5)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from amity import Amity
from amity.models import Event

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Amity]]:
    """One seeded store per module (``seeds_dir`` is per test, so the ingest is cached here)."""
    cache: dict[str, Amity] = {}
    yield cache
    for amity in cache.values():
        amity.close()


@pytest.fixture
def seeded(seeds_dir: Path, opened: dict[str, Amity], tmp_path_factory: pytest.TempPathFactory) -> Amity:
    if "seeds" not in opened:
        db = tmp_path_factory.mktemp("seeds") / "seeds.db"
        amity = Amity(f"sqlite:///{db}")
        amity.ingest([str(seeds_dir)])
        opened["seeds"] = amity
    return opened["seeds"]


@pytest.fixture
def events(seeded: Amity) -> list[Event]:
    return seeded.events()


def _find(events: list[Event], source: str, target: str, code: str, word: str = "") -> list[Event]:
    return [e for e in events if e.source.country == source and e.target.country == target
            and e.cameo.startswith(code) and word in e.sentence and e.factual and not e.negated]


def test_japan_election_monitors_carry_their_years(events: list[Event]) -> None:
    monitors = [e for e in _find(events, "JPN", "KHM", "", "election monitors") if e.date]
    assert {"1993", "1998", "2003", "2008"} <= {str(e.date)[:4] for e in monitors}


def test_china_endorses_the_2018_result(events: list[Event]) -> None:
    assert _find(events, "CHN", "KHM", "05", "endorsed")


def test_suga_declines_to_comment(events: list[Event]) -> None:
    assert [e.cameo for e in _find(events, "JPN", "KHM", "011", "Suga")] == ["011"]


def test_the_cnrp_ban_is_a_domestic_repression(events: list[Event]) -> None:
    bans = _find(events, "KHM", "KHM", "17")
    assert bans and all(e.target.sector == "OPP" for e in bans)


def test_kishida_and_hun_sen_joint_statement_both_ways_as_governments(events: list[Event]) -> None:
    joint = _find(events, "JPN", "KHM", "057", "Kishida and Hun Sen") + _find(events, "KHM", "JPN", "057", "Kishida and Hun Sen")
    assert {(e.source.code, e.target.code) for e in joint} == {("JPNGOV", "KHMGOV"), ("KHMGOV", "JPNGOV")}


def test_aid_amounts_are_attached_to_aid_events(events: list[Event]) -> None:
    aid = [e for e in events if e.source.country == "JPN" and e.target.country == "KHM" and e.cameo.startswith("07")]
    values = {a.value for e in aid for a in e.amounts}
    assert {2.3e9, 2.8e9} <= values


def test_the_authors_recommendations_are_not_events(events: list[Event]) -> None:
    advised = [e for e in events if "Japan should" in e.sentence]
    assert advised == [] or not any(e.factual for e in advised)


def test_relations_established_in_1953(events: list[Event]) -> None:
    assert any(str(e.date) == "1953" for e in _find(events, "JPN", "KHM", "05", "1953"))


def test_dyad_series_and_timeline_reach_back_to_1953(seeded: Amity) -> None:
    japan = seeded.dyad_series("JPN", "KHM")  # China's events sit in an undated article
    assert japan and japan[0].period == "1953"
    entries = [e for e in seeded.timeline(actor="KHM") if e.date]
    assert entries[0].date == "1953"


def test_the_aid_totals_conflict_is_surfaced(seeded: Amity) -> None:
    groups = [g for g in seeded.claims() if g.conflicting and g.source_country == "JPN" and g.target_country == "KHM"]
    assert any({2.3e9, 2.8e9} <= set(g.values) for g in groups)


def test_criticism_japan_avoided_is_no_event(events: list[Event]) -> None:
    assert _find(events, "JPN", "VNM", "11") == []


def test_the_paris_peace_agreement_is_signed_on_its_day(events: list[Event]) -> None:
    paris = [e for e in _find(events, "KHM", "KHM", "057") if e.doc_name.startswith("004")]
    assert {(str(e.date), e.date_precision) for e in paris} >= {("1991-10-23", "day")}

"""The merge rule: reports of one real-world event cluster together; different events stay apart.

Pure: hand-built ``Event`` records, no database (the stored groups: tests/store/test_groups.py).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from amity.analysis.merge import (
    MergeSettings,
    cluster,
    codes_compatible,
    dates_compatible,
    different_targets,
    evidence_tokens,
    merge_settings,
    settings_from,
)
from amity.codebook import SHIPPED, Codebook
from amity.models import Event
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


# -- what an analyst merges across outlets ------------------------------------------------------
STRIKES = [
    ("wire.txt", "Israeli jets struck Damascus airport on Saturday, killing five soldiers.", "ISRMIL", "SYR", "190"),
    ("arab.txt", "Five Syrian soldiers were killed in an Israeli air strike on Damascus airport.", "ISR", "SYRMIL",
     "195"),
    ("state.txt", "An Israeli airstrike near Damascus airport killed 5 soldiers, state media said.", "ISR", "SYR",
     "1823"),
]


def _one(name: str, line: str, src: str, tgt: str, cameo: str, date: str = "2022-09-17", **kw: object) -> Event:
    return make_article(name, "2022-09-18", [line], [Ev(0, src, tgt, cameo, date, **kw)]).events[0]  # type: ignore[arg-type]


def test_a_strike_coded_190_195_and_1823_with_different_sectors_is_one_event() -> None:
    reports = [_one(*s) for s in STRIKES]
    [group] = cluster(reports)
    assert sorted(e.doc_name for e in group) == ["arab.txt", "state.txt", "wire.txt"]


def test_without_the_codebooks_same_act_entry_a_killing_and_a_strike_stay_apart() -> None:
    bare = settings_from({**SHIPPED.section("merge"), "same_act": {}})
    reports = [_one(*STRIKES[0]), _one(*STRIKES[2])]
    assert len(cluster(reports, bare)) == 2
    assert not codes_compatible("190", "1823", bare) and codes_compatible("190", "195", bare)


def test_a_users_codebook_folder_adds_an_act(tmp_path: Path) -> None:
    (tmp_path / "merge.yaml").write_text('same_act:\n  praise or thanks: ["051", "0311"]\n')
    mine = settings_from(Codebook(overlays=(str(tmp_path),)).section("merge"))
    assert codes_compatible("051", "0311", mine) and not codes_compatible("051", "0311", merge_settings())
    assert codes_compatible("190", "1823", mine)  # ours still apply


def test_two_strikes_on_consecutive_days_on_different_targets_stay_apart() -> None:
    first = _one("a.txt", "Israeli jets struck Damascus airport on Saturday, killing five soldiers.",
                 "ISR", "SYR", "190", "2022-09-17", trigger="struck")
    second = _one("b.txt", "Israeli jets struck Aleppo airport on Sunday, killing five soldiers.",
                  "ISR", "SYR", "190", "2022-09-18", trigger="struck")
    again = _one("c.txt", "Israeli warplanes hit Damascus airport, killing 5 soldiers.", "ISR", "SYR", "190",
                 "2022-09-18", trigger="hit")
    groups = sorted(sorted(e.doc_name for e in g) for g in cluster([first, second, again]))
    assert groups == [["a.txt", "c.txt"], ["b.txt"]]


def test_inflections_and_number_words_match_where_raw_words_do_not() -> None:
    long = _one("ofac.txt", "The Office of Foreign Assets Control on Friday imposed sanctions upon seven of "
                "Russia's richest oligarchs who allegedly have ties to the Kremlin.", "USA", "RUS", "163",
                trigger="imposed")
    short = _one("herald.txt", "U.S. imposes new sanctions on 7 Russian oligarchs", "USA", "RUS", "163",
                 trigger="imposes")
    assert len(cluster([long, short])) == 1
    words = evidence_tokens(short).words
    assert "7" in words and "impos" in words and "sanction" in words


def test_day_precision_reports_merge_one_day_apart_not_two() -> None:
    line = "Israeli jets struck Damascus airport, killing five soldiers."
    base = _one("a.txt", line, "ISR", "SYR", "190", "2022-09-17")
    assert dates_compatible(base, _one("b.txt", line, "ISR", "SYR", "190", "2022-09-18"))
    assert not dates_compatible(base, _one("c.txt", line, "ISR", "SYR", "190", "2022-09-19"))


def test_two_events_of_one_article_are_never_one_merged_event() -> None:
    lines = ["Israeli jets struck Damascus airport on Saturday.", "Israeli jets struck Damascus airport again."]
    art = make_article("one.txt", "2022-09-18", lines, [Ev(0, "ISR", "SYR", "190", "2022-09-17"),
                                                        Ev(1, "ISR", "SYR", "190", "2022-09-17")])
    other = _one("two.txt", "Israeli jets struck Damascus airport on Saturday.", "ISR", "SYR", "190")
    groups = cluster([*art.events, other])
    assert len(groups) == 2 and all(len({e.doc_name for e in g}) == len(g) for g in groups)


def test_synonyms_and_demonyms_are_one_word_to_compare() -> None:
    first = _one("a.txt", "Ghana and Togo inked an accord on Monday, with Beninese observers present.",
                 "GHA", "TGO", "057", "2022-03-07", trigger="inked")
    second = _one("b.txt", "Ghana and Togo signed a pact in Lome, an envoy from Benin said.",
                  "GHA", "TGO", "057", "2022-03-07", trigger="signed")
    words = evidence_tokens(first).words & evidence_tokens(second).words
    assert {"sign", "agreement", "ben"} <= words
    assert len(cluster([first, second])) == 1
    bare = settings_from({**SHIPPED.section("merge"), "synonyms": {}})  # nor the codebook's countries
    assert len(cluster([first, second], replace(bare, same_day_similarity=bare.similarity))) == 2


def test_names_that_are_not_places_and_a_whole_country_do_not_tell_two_acts_apart() -> None:
    first = _one("a.txt", "Ghana and Togo signed the pact in Singapore before the Harbour Council.",
                 "GHA", "TGO", "057", "2022-03-07", trigger="signed")
    second = _one("b.txt", "Ghana and Togo signed a pact with a Fisheries Board pledge.",
                  "GHA", "TGO", "057", "2022-03-07", trigger="signed")
    assert not different_targets(evidence_tokens(first), evidence_tokens(second))
    city = _one("c.txt", "Ghana and Togo signed a pact with a pledge, officials in Lagos said.",
                "GHA", "TGO", "057", "2022-03-07", trigger="signed")
    other = _one("d.txt", "Ghana and Togo signed a pact with a pledge, officials in Accra said.",
                 "GHA", "TGO", "057", "2022-03-07", trigger="signed")
    assert different_targets(evidence_tokens(city), evidence_tokens(other))


def test_one_specific_code_on_one_stated_day_needs_less_shared_wording() -> None:
    first = _one("a.txt", "The two ministers signed the border document at a marble table once owned by a judge, "
                 "under bright lamps.", "PER", "CHL", "057", "2022-03-07", trigger="signed")
    second = _one("b.txt", "Both delegations signed a document earlier in the day covering water rights, fishing "
                  "quotas and mining permits.", "PER", "CHL", "057", "2022-03-07", trigger="signed")
    assert len(cluster([first, second])) == 1
    assert len(cluster([first, second], replace(merge_settings(), same_day_similarity=0.3))) == 2
    next_day = _one("c.txt", second.sentence, "PER", "CHL", "057", "2022-03-08", trigger="signed")
    generic = [_one(n, e.sentence, "PER", "CHL", "050", "2022-03-07", trigger="signed")
               for n, e in (("d.txt", first), ("e.txt", second))]
    assert len(cluster([first, next_day])) == 2 and len(cluster(generic)) == 2

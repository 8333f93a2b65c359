"""The merge rule: reports of one real-world event cluster together; different events stay apart.

Pure: hand-built ``Event`` records, no database (the stored groups: tests/store/test_groups.py).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from amity.analysis.merge import (
    Evidence,
    MergeSettings,
    build_merged,
    cluster,
    codes_compatible,
    dates_compatible,
    different_targets,
    evidence_tokens,
    jaccard,
    lemma,
    merge_settings,
    order_key,
    settings_from,
    similarity,
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


# -- the evidence two reports are compared on ---------------------------------------------
def _strike(sentence: str, trigger: str = "struck", place: str | None = None) -> Event:
    from amity.models import Actor, Location

    return Event(doc_name="a.txt", source=Actor(code="ISRMIL", country="ISR", name="Israel", mention="the army"),
                 target=Actor(code="SYR", country="SYR", name="Syria", mention="the regime"), cameo="190",
                 sentence=sentence, trigger=trigger, location=Location(name=place) if place else None)


def _ev(words: str, names: str, targets: str, proper: str) -> Evidence:
    return Evidence(*(frozenset(s.split()) for s in (words, names, targets, proper)))


def test_evidence_reads_lemmas_digits_and_names_and_the_target_after_the_trigger() -> None:
    got = evidence_tokens(_strike("Israeli Apache jets struck Aleppo’s airport on Monday, killing three men "
                                  "and 1,200 goats."))
    assert got == _ev("apach jet strik aleppo airport monday kill 3 man 1200 goat", "apach strik aleppo",
                      "aleppo", "aleppo")


def test_evidence_leaves_out_the_dyad_s_own_words_and_takes_the_place_as_target() -> None:
    got = evidence_tokens(_strike("The army struck Syrian positions near Homs, the regime said.",
                                  place="Damascus, Syria"))
    assert got == _ev("strik position near hom said damascu", "strik hom damascu", "hom damascu", "hom damascu")
    israeli = evidence_tokens(_strike("Israeli jets struck Homs."))
    assert "israel" not in israeli.words and israeli.targets == {"hom"}


@pytest.mark.parametrize(("sentence", "trigger", "targets"), [
    ("The IDF struck Homs after rebels struck Idlib.", "struck", {"hom"}),  # the first trigger
    ("Shelled Homs overnight, the army said.", "Shelled", {"hom"}),  # a trigger opening the sentence
    ("Israeli Apache jets flew over Hama.", "", set()),  # no trigger, no target
    ("Jets struck the port of Tartus.", "struck", {"tartu"}),  # the fourth word after the trigger
    ("Jets struck the old port of Tartus.", "struck", set()),  # the fifth is too far
    ("Jets struck on Monday the port of Tartus.", "struck", set()),  # a day names nothing
    ("Jets struck UN trucks.", "struck", set()),  # a name too short to compare
    ("Jets struck Hamas's bases.", "struck", {"hama"}),
])
def test_the_target_is_the_first_name_within_four_words_after_the_trigger(sentence: str, trigger: str,
                                                                          targets: set[str]) -> None:
    assert evidence_tokens(_strike(sentence, trigger)).targets == targets


def test_lemmas_use_irregular_forms_then_one_suffix_leaving_a_stem_of_three() -> None:
    settings = merge_settings()
    assert [lemma(w, settings) for w in ("struck", "aided", "bed", "press", "talks", "agencies")] == [
        "strik", "aid", "bed", "press", "talk", "agency"]


def test_jaccard_and_similarity_values() -> None:
    assert jaccard(frozenset("ab"), frozenset("bc")) == pytest.approx(1 / 3)
    assert jaccard(frozenset(), frozenset()) == 0.0
    a, b = _ev("x y z", "n", "", ""), _ev("x q", "n m", "", "")
    assert similarity(a, b) == pytest.approx(2 / 3)  # (1 word + 1 name) / (2 + 1)
    assert similarity(_ev("", "", "", ""), _ev("x", "", "", "")) == 0.0


@pytest.mark.parametrize(("a", "b", "different"), [
    (_ev("hom", "", "hom", ""), _ev("idlib", "", "idlib", ""), True),  # each names a target the other lacks
    (_ev("hom", "", "hom", ""), _ev("idlib hom", "", "idlib", ""), False),  # the second mentions Homs too
    (_ev("hom", "", "hom", ""), _ev("idlib", "", "", "idlib"), True),  # a target against the other's names
    (_ev("hom", "", "", "hom"), _ev("idlib", "", "", "idlib"), True),  # names only, none shared
    (_ev("hom idlib", "", "", "hom"), _ev("idlib", "", "", "idlib"), False),
    (_ev("hom", "", "", "hom"), _ev("idlib", "", "", ""), False),  # nothing named on one side
])
def test_different_targets(a: Evidence, b: Evidence, different: bool) -> None:
    assert different_targets(a, b) is different
    assert different_targets(b, a) is different


def test_a_shared_amount_on_one_side_only_does_not_merge_dissimilar_reports() -> None:
    lines = ["Japan gave Cambodia fire trucks for the capital.", "Japan trained Cambodian deminers in Battambang."]
    amount: list[tuple[float, str, str | None, str]] = [(5e6, "currency", "USD", "")]
    arts = [make_article(f"{i}.txt", "2015-04-10", [line], [Ev(0, "JPNGOV", "KHMGOV", "0711", "2015-04-09",
                                                               amounts=amount if i else [])])
            for i, line in enumerate(lines)]
    assert len(cluster([a.events[0] for a in arts])) == 2


def test_reports_lead_by_precision_then_text_dates_confidence_publication_and_id() -> None:
    def report(eid: str, precision: str, basis: str, confidence: float, published: str | None) -> Event:
        ev = _strike("Jets struck Homs.")
        ev.event_id, ev.date_precision, ev.date_basis = eid, precision, basis
        ev.confidence, ev.published, ev.doc_name = confidence, published, f"{eid}.txt"
        return ev

    reports = [report("e1", "month", "text", 0.9, "2020-01-01"), report("e2", "day", "publication", 0.9, "2020-01-01"),
               report("e3", "day", "text", 0.5, "2020-01-01"), report("e4", "day", "text", 0.8, None),
               report("e5", "day", "text", 0.8, "2020-01-02"), report("e6", "day", "text", 0.8, "2020-01-02"),
               report("e7", "other", "text", 0.9, "2020-01-01"), report("e8", "unknown", "text", 0.9, "2020-01-02")]
    assert [e.event_id for e in sorted(reversed(reports), key=order_key)] == [
        "e5", "e6", "e4", "e3", "e2", "e1", "e7", "e8"]
    merged = build_merged({"gone": ["e9"], "G": ["e1", "e3", "e5"], "e2": ["e4", "e2"]},
                          {e.event_id: e for e in reports})
    assert [(m.group_id, m.event.event_id, m.member_ids, m.reports, m.mentions) for m in merged] == [
        ("G", "e5", ["e1", "e3", "e5"], 3, 3), ("e2", "e2", ["e2", "e4"], 2, 2)]


def _dated(date: str | None, precision: str, basis: str = "text", published: str | None = None) -> Event:
    ev = _strike("Jets struck Homs.")
    ev.date, ev.date_precision, ev.date_basis, ev.published = date, precision, basis, published
    return ev


@pytest.mark.parametrize(("a", "b", "compatible"), [
    (_dated("2015-04-09", "day"), _dated("2015-04-10", "day"), True),  # days within one day
    (_dated("2015-04-09", "day"), _dated("2015-04-11", "day"), False),
    (_dated("2015-04", "month"), _dated("2015-04-30", "day"), True),  # ranges that touch
    (_dated("2015-04-30", "day"), _dated("2015-04", "month"), True),
    (_dated("2015-04-15", "day"), _dated("2015-04", "month"), True),
    (_dated("2015-04", "month"), _dated("2015-05-01", "day"), False),
    # a text date against a publication date: within two days of the text's range
    (_dated("2015-04-09", "day"), _dated(None, "unknown", "publication", "2015-04-11"), True),
    (_dated(None, "unknown", "publication", "2015-04-07"), _dated("2015-04-09", "day"), True),
    (_dated("2015-04-09", "day"), _dated(None, "unknown", "publication", "2015-04-12"), False),
    (_dated("2015-04-09", "day"), _dated(None, "unknown", "publication", "2015-04-06"), False),
    (_dated("2015-04-09", "day"), _dated(None, "unknown", "publication", "2015-04-01"), False),
    (_dated("2015-04", "month"), _dated(None, "unknown", "publication", "2015-04-10"), True),
    (_dated("2015-04-09", "day"), _dated(None, "unknown", "publication", None), False),  # no date at all
])
def test_dates_compatible_at_the_edges(a: Event, b: Event, compatible: bool) -> None:
    assert dates_compatible(a, b) is compatible
    assert dates_compatible(b, a) is compatible


def test_reports_dated_by_publication_two_days_apart_cluster() -> None:
    reports = [_dated(None, "unknown", "publication", p) for p in ("2015-04-10", "2015-04-12", "2015-04-15")]
    for i, ev in enumerate(reports):
        ev.doc_name, ev.doc_id, ev.event_id = f"{i}.txt", f"d{i}", f"e{i}"
    assert sorted(len(g) for g in cluster(reports)) == [1, 2]
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


def _sanction(sentence: str, doc: str) -> Event:
    from amity.models import Actor

    return Event(doc_name=doc, source=Actor(code="GBRGOV", country="GBR", name="United Kingdom", mention="London"),
                 target=Actor(code="IRN", country="IRN", name="Iran", mention="Iran"), cameo="163",
                 sentence=sentence, trigger="froze", date="2021-02-03", date_precision="day", date_basis="text")


def test_a_city_word_opening_a_known_person_s_name_is_no_place() -> None:
    # "Vladimir" is a Russian city; in "Vladimir Putin" it names a person
    assert "vladimir" not in evidence_tokens(_strike("Jets struck a fuel depot overnight, Vladimir Putin said.")).proper
    assert "vladimir" in evidence_tokens(_strike("Jets struck a fuel depot overnight near the city of Vladimir.")).proper


def test_a_place_in_one_report_and_a_person_in_the_other_do_not_tell_two_acts_apart() -> None:
    a = _sanction("London froze the assets of Iranian banks, citing Vladimir Putin's arms deals with Iran.", "a")
    b = _sanction("Britain froze the assets of Tehran banks over weapons sent to Russia.", "b")
    assert not different_targets(evidence_tokens(a), evidence_tokens(b))
    assert len(cluster([a, b])) == 1

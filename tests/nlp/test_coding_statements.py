"""End-to-end coding of feelings, appeals, demands, orders and bans over the full pipeline
(the constructions of real news that issue 11's dev set showed uncoded)."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from amity.nlp.pipeline import load_nlp
from tests.nlp.coding import coded_events


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _events(nlp: Language, text: str, published: str = "2023-12-19") -> list[dict[str, Any]]:
    return coded_events(nlp, text, published)


def _dyads(events: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {(e["source"]["country"], e["target"]["country"], e["cameo"]) for e in events if e["factual"]}


@pytest.mark.parametrize(("text", "dyad"), [
    ("Japan is concerned about China's military buildup.", ("JPN", "CHN", "012")),
    ("Japan was alarmed at North Korea's attack on South Korea.", ("JPN", "PRK", "111")),
    ("Japan is grateful to Cambodia for its help.", ("JPN", "KHM", "051")),
    ("Pompeo is deeply troubled by reports of the arrest of Jimmy Lai by Hong Kong police.", ("USA", "HKG", "111")),
])
def test_a_feeling_stated_toward_another_is_a_statement_by_what_it_feels(nlp: Language, text: str,
                                                                         dyad: tuple[str, str, str]) -> None:
    assert dyad in _dyads(_events(nlp, text))


def test_a_quoted_feeling_replaces_the_bare_statement(nlp: Language) -> None:
    text = ('White House national security adviser Robert O\'Brien said in a statement: '
            '"We are deeply troubled by the arrest of Jimmy Lai by Hong Kong police."')
    events = [e for e in _events(nlp, text) if e["source"]["country"] == "USA"]
    assert [(e["trigger"], e["cameo"]) for e in events] == [("troubled", "111")]


def test_a_state_of_emergency_is_imposed_on_the_agents_own_country(nlp: Language) -> None:
    events = _events(nlp, "Pakistani President Pervez Musharraf yesterday declared a state of emergency.", "2007-11-04")
    assert [(e["source"]["code"], e["target"]["code"], e["cameo"], e["date"]) for e in events] == [
        ("PAKGOV", "PAKCVL", "1724", "2007-11-03")]


@pytest.mark.parametrize(("text", "dyad"), [
    ("Mali ordered all French troops to leave the country.", ("MLI", "FRA", "166")),
    ("Mali ordered the French ambassador to leave within 72 hours.", ("MLI", "FRA", "161")),
    ("China banned its travel agencies from selling tour packages to South Korea.", ("CHN", "KOR", "163")),
    ("China strongly demanded that South Korea halt the deployment.", ("CHN", "KOR", "100")),
    ("China and Russia vetoed the draft by the United States.", ("RUS", "USA", "129")),
    ("Indonesia dropped both Chinese and Japanese railway proposals.", ("IDN", "JPN", "120")),
    ("The credit was agreed in March 2004 between the Angolan government and China.", ("CHN", "AGO", "057")),
])
def test_what_is_ordered_banned_demanded_or_rejected_is_coded(nlp: Language, text: str,
                                                              dyad: tuple[str, str, str]) -> None:
    assert dyad in _dyads(_events(nlp, text))


def test_an_appeal_for_a_release_is_addressed_to_the_detainers(nlp: Language) -> None:
    text = ("A Moscow court jailed Navalny on Tuesday. German Chancellor Angela Merkel also called for "
            "the opposition leader's release.")
    dyads = _dyads(_events(nlp, text, "2021-02-03"))
    assert ("DEU", "RUS", "0253") in dyads and not any(d[2] == "0841" for d in dyads)


def test_troops_sent_are_not_the_recipient_of_their_own_sending(nlp: Language) -> None:
    events = _events(nlp, "Abiy sent central government troops who drove the TPLF out of Mekelle.")
    assert not any(e["cameo"].startswith("15") for e in events)
    assert ("ETH", "ETH", "190") in _dyads(events)


def test_a_date_in_an_appositive_dates_its_own_clause_not_the_talks(nlp: Language) -> None:
    text = ("New Delhi, June 17: Talks between India and China in Galwan Valley, the site of a huge clash "
            "on Monday, were inconclusive.")
    events = _events(nlp, text, "2020-06-17")
    dates = {(e["trigger"], e["date"]) for e in events if e["source"]["country"] == "IND"}
    assert dates == {("Talks", "2020-06-17"), ("clash", "2020-06-15")}


def test_talks_still_to_take_place_are_a_plan(nlp: Language) -> None:
    events = _events(nlp, "More talks between India and China to take place in the coming days, reported ANI.")
    assert events and not any(e["factual"] for e in events)


def test_the_thanked_side_did_what_it_is_thanked_for_on_the_thanking_day(nlp: Language) -> None:
    events = _events(nlp, "On Sunday, Islamic Jihad and Israel both thanked Egypt for mediating the ceasefire.", "2022-08-08")
    mediated = {(e["source"]["country"], e["target"]["country"], e["cameo"], e["date"]) for e in events
                if e["trigger"] == "mediating"}
    assert mediated == {("EGY", "PSE", "045", "2022-08-07"), ("EGY", "ISR", "045", "2022-08-07")}


@pytest.mark.parametrize(("text", "dyad"), [
    ("Israel launched what it called pre-emptive strikes on Friday against Islamic Jihad.", ("ISR", "PSE", "190")),
    ("Azerbaijani President Ilhan Aliyev denounced what he described as another provocation of Armenia.",
     ("AZE", "ARM", "111")),
])
def test_what_an_actor_calls_something_is_that_thing(nlp: Language, text: str, dyad: tuple[str, str, str]) -> None:
    assert dyad in _dyads(_events(nlp, text))


def test_a_date_after_call_is_no_appeal_on_someone(nlp: Language) -> None:
    assert not any(e["cameo"].startswith("02") for e in _events(nlp, "Japan called on Friday for calm."))


def test_a_present_perfect_is_not_dated_by_the_paragraphs_past_narrative(nlp: Language) -> None:
    text = ("India handed over 12 patrol vessels to Vietnam on Thursday.\n\n"
            "China carried out military drills in March in Vietnam's waters. "
            "Vietnamese Prime Minister Pham Minh Chinh has urged New Delhi to support Hanoi.")
    urged = [e for e in _events(nlp, text, "2022-06-09") if e["trigger"] == "urged"]
    assert urged and {e["date"] for e in urged} == {"2022-06-09"}


def test_a_reporter_relaying_the_news_states_nothing_of_their_own(nlp: Language) -> None:
    text = ("Al Jazeera's Craig Leeson, reporting from Tokyo, said that the Japanese government was worried "
            "by North Korea's threats.")
    events = _events(nlp, text, "2017-09-15")
    assert not any(e["source"]["sector"] == "MED" for e in events)


def test_a_spokesman_not_reporting_still_makes_the_statement(nlp: Language) -> None:
    events = _events(nlp, "Japan's foreign minister said that North Korea's threats were unacceptable.", "2017-09-15")
    assert ("JPN", "PRK", "111") in _dyads(events)


@pytest.mark.parametrize(("text", "dyad"), [
    ("The French minister said the Chinese side should withdraw its troops.", ("FRA", "CHN", "020")),
    ("Brazil's foreign minister said Argentina should reconsider its decision.", ("BRA", "ARG", "020")),
    ('"We hope that Peru can settle its differences with Chile," the Brazilian spokesman said.', ("BRA", "PER", "020")),
])
def test_telling_another_what_it_should_do_is_an_appeal(nlp: Language, text: str,
                                                        dyad: tuple[str, str, str]) -> None:
    assert dyad in _dyads(_events(nlp, text))


@pytest.mark.parametrize("text", [
    "Kishida said Japan must strengthen its defences.",
    "The Kenyan president said the talks should continue.",
    '"We hope the weather will improve," the Brazilian spokesman said.',
])
def test_no_appeal_without_another_countrys_actor_to_appeal_to(nlp: Language, text: str) -> None:
    assert not any(e["cameo"].startswith("02") for e in _events(nlp, text))


def test_a_statement_quoted_after_the_lead_is_one_statement(nlp: Language) -> None:
    text = ("Finnish Foreign Minister Elina Valtonen on Monday called for the release of the detained Georgian "
            'journalists. "We call on Georgia to release all detained journalists immediately," Valtonen said.')
    events = [e for e in _events(nlp, text, "2024-03-05") if e["source"]["country"] == "FIN"]
    assert [(e["target"]["country"], e["cameo"], e["trigger"]) for e in events] == [("GEO", "0253", "called")]


def test_two_speakers_condemning_one_act_are_two_statements(nlp: Language) -> None:
    text = ("Finnish Foreign Minister Elina Valtonen on Monday condemned Russia's seizure of the tanker. "
            "Swedish Foreign Minister Tobias Billstrom on Monday also condemned Russia's seizure of the tanker.")
    events = _events(nlp, text, "2024-03-05")
    assert {(e["source"]["country"], e["target"]["country"], e["cameo"]) for e in events} >= {
        ("FIN", "RUS", "111"), ("SWE", "RUS", "111")}

"""Conflict events on hand-written sentences: places struck, implied agents, coercion."""

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
    return {(e["source"]["country"], e["target"]["country"], e["cameo"][:2]) for e in events}


def test_a_city_shelled_is_its_countrys(nlp: Language) -> None:
    assert ("RUS", "UKR", "19") in _dyads(_events(nlp, "Russian artillery units shelled Chernihiv overnight."))


def test_strikes_on_a_city_target_its_country(nlp: Language) -> None:
    assert ("ISR", "PSE", "19") in _dyads(_events(nlp, "Israel launched air strikes on Gaza on Saturday."))


def test_rockets_fired_toward_a_city_are_not_the_agents_own_forces(nlp: Language) -> None:
    dyads = _dyads(_events(nlp, "Hezbollah fired dozens of rockets toward Haifa on Sunday."))
    assert ("LBN", "ISR", "19") in dyads
    assert not any(s == t for s, t, _ in dyads)


def test_an_army_striking_a_city_of_its_own_country_strikes_its_people(nlp: Language) -> None:
    events = _events(nlp, "Sudanese government forces attacked Omdurman on Friday.")
    assert [(e["source"]["code"], e["target"]["code"]) for e in events if e["cameo"][:2] == "19"] == [("SDNMIL", "SDNCVL")]


def test_an_attack_on_a_city_with_no_agent_is_not_coded(nlp: Language) -> None:
    assert not _events(nlp, "A strike hit Kharkiv on Monday, officials in Ukraine said.")


def test_opposition_leaders_with_no_country_are_the_arresting_armys_own(nlp: Language) -> None:
    events = _events(nlp, "The Nepalese army arrested several opposition leaders on Tuesday.")
    assert [(e["source"]["code"], e["target"]["code"], e["cameo"]) for e in events] == [("NPLMIL", "NPLOPP", "173")]


def test_a_convoy_of_activists_blocked_by_police(nlp: Language) -> None:
    events = _events(nlp, "Kenyan police blocked the students' convoy outside Nairobi.")
    assert ("KENGOV", "KENCVL") in {(e["source"]["code"], e["target"]["code"]) for e in events if e["cameo"][:2] in ("17", "19")}


def test_the_noun_a_participle_modifies_is_its_patient(nlp: Language) -> None:
    events = _events(nlp, "Sam Rainsy and two aides detained by Cambodian soldiers were freed later.")
    assert ("KHM", "KHM", "17") in _dyads(events)


def test_an_arrest_retold_as_the_topic_of_a_reaction_is_one_event(nlp: Language) -> None:
    text = ("Belarusian police arrested a Belarusian opposition activist in Minsk on Monday. "
            "Lithuania said it was alarmed by the arrest of the Belarusian activist.")
    arrests = [e for e in _events(nlp, text, "2024-03-05") if e["cameo"][:2] == "17"]
    assert [e["trigger"] for e in arrests] == ["arrested"]


def test_a_definite_act_of_another_dyad_is_kept(nlp: Language) -> None:
    text = ("Belarusian police arrested a Belarusian opposition activist in Minsk on Monday. "
            "Lithuania said it was alarmed by the arrest of the Belarusian activist by Russian police.")
    dyads = {(e["source"]["country"], e["target"]["country"]) for e in _events(nlp, text, "2024-03-05") if e["cameo"][:2] == "17"}
    assert dyads == {("BLR", "BLR"), ("RUS", "BLR")}


def test_a_state_executing_its_own_people_and_the_condemnation_of_it(nlp: Language) -> None:
    text = "Saudi Arabia executed a dissident on Tuesday. The Dutch government condemned the execution."
    codes = {(e["source"]["code"], e["target"]["code"], e["cameo"]) for e in _events(nlp, text, "2024-03-08")}
    assert ("SAUGOV", "SAUCVL", "1823") in codes
    assert ("NLDGOV", "SAU", "111") in codes


def test_shelling_misread_as_a_verb_after_a_demonym_is_that_countrys_act(nlp: Language) -> None:
    # the tagger reads "shelling" as a verb and "Russian" as the object of "faced"
    events = _events(nlp, "Mariupol faced heavy Russian shelling on Monday.")
    assert [(e["source"]["code"], e["target"]["country"], e["cameo"]) for e in events] == [("RUSMIL", "UKR", "194")]


def test_drills_near_a_country_show_force_toward_it(nlp: Language) -> None:
    assert ("CHN", "TWN", "15") in _dyads(_events(nlp, "China held military drills near Taiwan on Monday."))


def test_drills_in_another_countrys_waters_show_force_toward_it(nlp: Language) -> None:
    assert ("CHN", "VNM", "15") in _dyads(_events(nlp, "China carried out naval drills in Vietnam's waters in March."))


def test_troops_massed_along_a_border_are_mobilised_toward_the_neighbour(nlp: Language) -> None:
    assert ("RUS", "UKR", "15") in _dyads(_events(nlp, "Russia has amassed tens of thousands of troops near Ukraine's borders."))


def test_drills_at_home_show_force_toward_no_one(nlp: Language) -> None:
    assert not any(e["cameo"][:2] == "15" for e in _events(nlp, "The Indian army held exercises in Rajasthan on Monday."))


def test_police_killing_their_own_protesters_is_violent_repression(nlp: Language) -> None:
    events = _events(nlp, "Bolivian police killed two protesters in La Paz on Monday.")
    assert [(e["source"]["code"], e["target"]["code"], e["cameo"]) for e in events] == [("BOLGOV", "BOLCVL", "175")]


def test_foreign_troops_killing_civilians_is_no_repression(nlp: Language) -> None:
    events = _events(nlp, "Israeli troops killed two Palestinian civilians in Jenin.")
    assert [e["cameo"] for e in events] == ["1823"]


def test_an_execution_of_a_protester_stays_a_killing(nlp: Language) -> None:
    assert [e["cameo"] for e in _events(nlp, "Iran hanged a young protester on Thursday.")] == ["1823"]


def test_an_attack_judged_a_crime_is_still_reported(nlp: Language) -> None:
    dyads = _dyads(_events(nlp, "Russia's bombardment of Odesa on Sunday was a war crime, Poland said."))
    assert ("RUS", "UKR", "19") in dyads and ("POL", "RUS", "11") in dyads


def test_a_reported_shelling_placed_by_a_relative_clause_is_coded(nlp: Language) -> None:
    text = "The EU envoy said Tuesday that Russian shelling of schools that took place Monday in Kharkiv breaks the rules of war."
    assert ("RUS", "UKR", "19") in _dyads(_events(nlp, text))


def test_a_gerund_after_a_demonym_adjective_is_the_noun_of_the_act(nlp: Language) -> None:
    assert ("RUS", "UKR", "19") in _dyads(_events(nlp, "The EU said that Russian shelling of homes in Kharkiv was a war crime."))


def test_foreign_troops_entering_a_region_occupy_it(nlp: Language) -> None:
    assert ("BLR", "UKR", "19") in _dyads(_events(nlp, "Belarusian troops entered Ukraine's Volyn region on Tuesday."))


def test_police_stopping_a_leader_at_a_checkpoint_restrict_his_movement(nlp: Language) -> None:
    events = _events(nlp, "Bangladeshi police barred the opposition leader at a checkpoint in Dhaka on Friday.")
    assert [(e["source"]["code"], e["target"]["code"], e["cameo"]) for e in events] == [("BGDGOV", "BGDOPP", "191")]


def test_a_condemned_killing_with_a_named_agent_is_also_the_killing(nlp: Language) -> None:
    dyads = _dyads(_events(nlp, "Hamas condemned the killing of its commander by Israel on Sunday."))
    assert {("PSE", "ISR", "11"), ("ISR", "PSE", "18")} <= dyads


def test_a_condemned_attack_told_before_is_not_coded_twice(nlp: Language) -> None:
    events = _events(nlp, "Russia bombed Odesa on Sunday. Ukraine condemned Russia's bombardment of Odesa.")
    assert [e["cameo"][:2] for e in events].count("19") == 1

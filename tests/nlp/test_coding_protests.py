"""End-to-end coding of street protests (issue 11): protesters act against their own
government when the text names no other recipient, and a protest naming no protesters is
by the people of the country whose government it targets (CODING.md: civilians vs government)."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from amity.nlp.extensions import register_extensions
from amity.nlp.pipeline import load_nlp
from tests.nlp.coding import coded_events


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _coded(nlp: Language, text: str, published: str = "2014-02-19") -> set[tuple[str, str, str]]:
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.doc_name = "case"
    events: list[dict[str, Any]] = list(nlp(doc)._.events)
    return {(e["source"]["code"], e["target"]["code"], e["cameo"][:2]) for e in events if e["factual"]}


@pytest.mark.parametrize(("text", "dyad"), [
    ("Thousands of Venezuelan students protested in Caracas on Tuesday.", ("VENCVL", "VENGOV", "14")),
    ("The Venezuelan opposition staged protests on Tuesday.", ("VENOPP", "VENGOV", "14")),
])
def test_protesters_with_no_named_recipient_protest_against_their_own_government(
        nlp: Language, text: str, dyad: tuple[str, str, str]) -> None:
    assert dyad in _coded(nlp, text)


def test_a_government_protesting_is_not_turned_against_itself(nlp: Language) -> None:
    assert not any(s == t for s, t, _ in _coded(nlp, "Venezuela's foreign ministry protested on Tuesday."))


def test_a_demonstration_against_the_government_is_by_its_people(nlp: Language) -> None:
    text = "A Feb. 12 demonstration against the government in Venezuela left three dead."
    assert ("VENCVL", "VENGOV", "14") in _coded(nlp, text)


def test_protests_naming_no_one_are_the_storys_country_against_its_government(nlp: Language) -> None:
    text = ("Two Belarusian opposition activists were sentenced in 2005. "
            "They were sentenced for organizing mass protests after the referendum.")
    assert ("BLRCVL", "BLRGOV", "14") in _coded(nlp, text)


def test_an_aside_about_protests_is_no_protest(nlp: Language) -> None:
    text = "The Belarusian opposition was banned on Monday. There was no sign of protests."
    assert not any(root == "14" for _, _, root in _coded(nlp, text))


def test_the_agent_of_days_of_protests_is_named_after_the_measure(nlp: Language) -> None:
    text = "The referendum in Belarus prompted days of protests by opposition parties."
    assert ("BLROPP", "BLRGOV", "14") in _coded(nlp, text)


def test_demonstrating_that_something_is_so_is_no_protest(nlp: Language) -> None:
    text = "South Korean students are demonstrating that they can run a campaign."
    assert not any(root == "14" for _, _, root in _coded(nlp, text))


def _codes(nlp: Language, text: str) -> set[tuple[str, str, str]]:
    return {(e["source"]["code"], e["target"]["code"], e["cameo"]) for e in coded_events(nlp, text, "2023-12-19")}


def test_protesters_who_surround_the_leaders_office_protest_against_his_government(nlp: Language) -> None:
    text = ("Thailand's prime minister met students on Friday. "
            "Protesters who surrounded his office on Thursday were dispersed.")
    assert ("THACVL", "THAGOV", "144") in _codes(nlp, text)


def test_protesters_surrounding_a_parliament_obstruct_it(nlp: Language) -> None:
    assert ("THACVL", "THALEG", "144") in _codes(nlp, "Thai protesters surrounded the parliament on Friday.")


def test_troops_surrounding_a_court_still_blockade_it(nlp: Language) -> None:
    assert ("BGDMIL", "BGDJUD", "191") in _codes(nlp, "Troops surrounded the Supreme Court in Dhaka.")


@pytest.mark.parametrize(("text", "dyad"), [
    ("Peru protested to Chile over the arrest.", ("PER", "CHL", "11")),
    ("The minister conveyed Peru's protest to Chile.", ("PER", "CHL", "11")),
    ("Peru registered a formal protest with Chile on Monday.", ("PER", "CHL", "11")),
])
def test_a_states_protest_conveyed_or_registered_is_diplomatic(nlp: Language, text: str,
                                                               dyad: tuple[str, str, str]) -> None:
    assert dyad in _coded(nlp, text)


def test_students_protesting_still_demonstrate(nlp: Language) -> None:
    assert ("CHLCVL", "CHLGOV", "14") in _coded(nlp, "Students protested against the Chilean government in Santiago.")

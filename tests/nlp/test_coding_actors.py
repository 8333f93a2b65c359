"""End-to-end actor codes of coded events (issue 12): the sector an event gives its actors
where the mention alone does not (a bare state using force acts through its armed forces)."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from amity.nlp.extensions import register_extensions
from amity.nlp.pipeline import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _coded(nlp: Language, text: str, published: str = "2019-03-14") -> set[tuple[str, str, str]]:
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.doc_name = "case"
    events: list[dict[str, Any]] = list(nlp(doc)._.events)
    return {(e["source"]["code"], e["target"]["code"], e["cameo_root"]) for e in events if e["factual"]}


@pytest.mark.parametrize(("text", "source"), [
    ("Turkey bombed Kurdish militant positions in northern Iraq on Tuesday.", "TURMIL"),
    ("France and Britain struck rebel bases in Mali on Sunday.", "FRAMIL"),
])
def test_a_bare_state_using_force_acts_through_its_armed_forces(nlp: Language, text: str, source: str) -> None:
    assert any(s == source and root == "19" for s, _, root in _coded(nlp, text))


@pytest.mark.parametrize("text", [
    "Tehran shelled border villages in Iraq on Tuesday.",  # a capital: its government
    "Turkey condemned the attack on its embassy on Tuesday.",  # no force of its own
])
def test_a_capital_or_a_state_not_using_force_keeps_its_code(nlp: Language, text: str) -> None:
    assert not any(s.endswith("MIL") for s, _, _ in _coded(nlp, text))


@pytest.mark.parametrize(("text", "dyad"), [
    ("Guinea's army seized power in a coup on Sunday. France condemned the coup on Monday.",
     ("FRA", "GINMIL", "11")),  # the coup's agents are its army, not the bare country
    ("Sudanese rebels shelled a market in Omdurman on Tuesday, killing 20 people. "
     "The United States condemned the attacks.", ("USA", "SDNREB", "11")),
    ("Malian soldiers detained the country's president on Sunday. "
     "The African Union called for the release of all those detained.", ("AFR", "MLIMIL", "02")),
])
def test_a_recipient_taken_from_an_earlier_act_keeps_its_agents_sector(nlp: Language, text: str,
                                                                        dyad: tuple[str, str, str]) -> None:
    assert dyad in _coded(nlp, text, "2021-09-08")


def test_the_implied_agent_of_a_sentence_is_the_judiciary(nlp: Language) -> None:
    coded = _coded(nlp, "Two Belarusian activists were sentenced to five years in prison on Monday.")
    assert ("BLRJUD", "BLRCVL", "17") in coded
    arrested = _coded(nlp, "Two Belarusian activists were arrested in Minsk on Monday.")
    assert ("BLRGOV", "BLRCVL", "17") in arrested  # an arrest's implied agent stays the state


def test_condemning_a_coup_no_one_was_said_to_stage_is_addressed_to_the_storys_army(nlp: Language) -> None:
    text = "Guinea held talks with Mali. Guinea's leaders met in Conakry. France condemned the coup on Monday."
    assert ("FRA", "GINMIL", "11") in _coded(nlp, text, "2021-09-08")
    assert ("FRA", "GIN", "11") in _coded(nlp, text.replace("the coup", "the decision"), "2021-09-08")


def test_an_act_of_a_states_armed_forces_is_answered_to_the_state(nlp: Language) -> None:
    text = "Turkish warplanes bombed villages in northern Iraq on Monday. Iraq condemned the airstrikes on Tuesday."
    coded = _coded(nlp, text)
    assert ("IRQ", "TUR", "11") in coded and ("IRQ", "TURMIL", "11") not in coded

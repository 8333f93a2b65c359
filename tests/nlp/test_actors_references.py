"""The actor resolver on the references real news makes: envoys to organisations, members of
parties, quoted speakers, "the parties", "Both", "the party", "troops from X", principals
named after a title, and the country of a paragraph of reactions."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.nlp.actors import actors_nlp, resolvers


@pytest.fixture(scope="module")
def nlp() -> Language:
    return actors_nlp()


resolve, codes = resolvers("2009-03-01")


def test_a_countrys_envoy_to_an_organisation_is_the_countrys(nlp: Language) -> None:
    text = "Kenya's UN Ambassador Peter Ochieng thanked the council."
    assert codes(nlp, text, "Kenya's UN Ambassador Peter Ochieng") == ["KENGOV"]
    assert codes(nlp, "Peru's EU envoy said the talks failed.", "Peru's EU envoy") == ["PERGOV"]


def test_a_party_official_titled_after_the_party_takes_its_code(nlp: Language) -> None:
    text = "Police detained BNP secretary general Mirza Fakhrul Islam Alamgir on Friday."
    assert codes(nlp, text, "secretary general Mirza Fakhrul Islam Alamgir", "2022-12-09") == ["BGDOPP"]


def test_a_pronoun_after_a_quotation_is_not_someone_named_inside_it(nlp: Language) -> None:
    text = ("Chinese Foreign Minister Wang Yi spoke after the vote. "
            '"We support the efforts of President Thabo Mbeki," he said.')
    assert codes(nlp, text, "he", "2014-05-01") == ["CHNGOV"]


def test_a_pronoun_skips_a_name_inside_an_aside_that_does_not_hold_it(nlp: Language) -> None:
    text = ("Russian opposition leader Alexei Navalny was jailed. The lawyer, who is Vladimir Putin's "
            "best-known critic, was sentenced for breaking the terms of his probation.")
    assert codes(nlp, text, "his", "2021-02-02") == ["RUSOPP"]


def test_the_parties_are_the_pair_just_named_else_political_parties(nlp: Language) -> None:
    text = ("Serbia and Kosovo resumed talks on Monday. The mediator urged the parties to "
            "respect the agreement.")
    assert sorted(codes(nlp, text, "the parties") + codes(nlp, text, "parties")) == ["SRB", "XKX"]
    alone = "Thousands rallied in Lima. The parties will meet next week."
    assert codes(nlp, alone, "the parties") == []


def test_both_as_a_subject_stands_for_the_pair(nlp: Language) -> None:
    text = "President Lula of Brazil met President Macri of Argentina. Both agreed to cut tariffs."
    (both,) = [a for a in resolve(nlp, text, "2017-02-07") if a["mention"] == "Both"]
    assert sorted([both["country"]] + [a["country"] for a in both.get("also", [])]) == ["ARG", "BRA"]
    assert codes(nlp, "Peru dropped both Chilean and Bolivian bids.", "Both") == []


def test_the_party_refers_back_to_a_party_in_opposition(nlp: Language) -> None:
    text = ("The court dissolved the Cambodia National Rescue Party on Thursday.\n\n"
            "It also banned 118 members of the party from politics.")
    assert codes(nlp, text, "party", "2017-11-17") == ["KHMOPP"]


def test_troops_from_a_country_are_that_countrys(nlp: Language) -> None:
    text = "Officials in Kyiv said troops from Russian ally Belarus crossed the border."
    assert codes(nlp, text, "troops", "2022-03-01") == ["BLRMIL"]
    text = "Israel withdrew its troops from Lebanon in 2000."
    assert codes(nlp, text, "troops", "2004-05-05") == []


def test_a_title_for_a_known_principal_takes_the_principals_code(nlp: Language) -> None:
    text = "Michele Montas, spokeswoman for Ban Ki-moon, said the arrests were alarming."
    assert codes(nlp, text, "Michele Montas", "2007-03-13") == ["UNO"]


def test_a_venue_opening_the_sentence_gives_an_unknown_officials_country(nlp: Language) -> None:
    text = ("Tokyo regretted the decision. In Jakarta, Presidential Chief of Staff Budi Santoso told "
            "reporters the offer was weak.")
    assert codes(nlp, text, "Presidential Chief of Staff Budi Santoso", "2015-09-30") == ["IDNGOV"]


def test_the_invasion_of_a_country_is_not_that_countrys_military(nlp: Language) -> None:
    text = "The ministers condemned the invasion of Georgia."
    assert codes(nlp, text, "invasion of Georgia", "2008-08-12") == []


def test_a_paragraph_of_reactions_keeps_the_country_of_the_story_before_it(nlp: Language) -> None:
    text = ("Two Belarusian activists were freed on Tuesday after a year in prison.\n\n"
            "The US embassy called the verdict unjust.\n\n"
            "Their lawyer said the city court ordered the release.")
    assert codes(nlp, text, "city court", "2007-05-22") == ["BLRJUD"]


def test_ships_and_fishing_boats_take_their_sector(nlp: Language) -> None:
    text = "A Vietnamese patrol boat chased Chinese fishing boats."
    assert codes(nlp, text, "Vietnamese patrol boat", "2014-05-01") == ["VNMMIL"]
    assert codes(nlp, text, "Chinese fishing boats", "2014-05-01") == ["CHNCVL"]


def test_a_title_of_two_countries_goes_to_both(nlp: Language) -> None:
    text = "Talks between Major Generals of Peru and Ecuador in the border area remained inconclusive."
    actors = resolve(nlp, text, "1998-05-01")
    assert [a["code"] for a in actors] == ["PERMIL", "ECUMIL"]


def test_armed_groups_belong_to_the_place_the_sentence_names(nlp: Language) -> None:
    text = "The last Turkish airstrike in Syria came in May, when Turkish drones fired at gunmen."
    assert codes(nlp, text, "gunmen", "2020-06-01") == ["SYRREB"]


def test_people_of_the_news_carry_their_dated_roles(nlp: Language) -> None:
    text = "Finance Minister Wolfgang Schaeuble said the plan was harsh."
    (actor,) = resolve(nlp, text, "2010-05-03")
    assert (actor["code"], actor["role"]) == ("DEUGOV", "Finance Minister")
    (later,) = resolve(nlp, "Wolfgang Schaeuble opened the session.", "2019-01-10")
    assert (later["code"], later["role"]) == ("DEULEG", "President of the Bundestag")


def test_a_platform_is_not_a_person(nlp: Language) -> None:
    text = "The State Department said on Twitter that the vote was a sham."
    assert [a["mention"] for a in resolve(nlp, text, "2022-03-03")] == ["State Department"]


def test_a_pronoun_inside_a_quotation_is_not_its_speaker(nlp: Language) -> None:
    text = 'The Foreign Office said that "Iran\'s standing is diminished by its attacks on shipping".'
    assert codes(nlp, text, "its", "2024-01-10") == ["IRN"]


def test_the_countrys_group_is_the_country_named_before(nlp: Language) -> None:
    text = "Kenya's government stayed silent, but the country's trade unionists voiced outrage."
    assert codes(nlp, text, "the country's trade unionists", "2008-01-10") == ["KENCVL"]


def test_a_foreign_ambassador_is_not_the_country_of_the_government_that_summons_him(nlp: Language) -> None:
    text = "The Dutch ambassador to Nairobi was summoned and told of a decision by the government to expel him."
    assert codes(nlp, text, "government", "2010-01-10") == ["KENGOV"]


def test_a_given_name_tells_an_unknown_persons_gender(nlp: Language) -> None:
    text = "Aung San Suu Kyi was sentenced on Monday. Amnesty researcher Peter Miller said she would appeal."
    assert codes(nlp, text, "she", "2021-12-07") == ["MMROPP"]

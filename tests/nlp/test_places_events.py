"""Where each act happened (CODING.md §4): the clause's place, the visit's host, the
dateline, the country of a domestic act, the country struck; never a statement's topic."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from amity.models import Location
from amity.nlp.extensions import register_extensions
from amity.nlp.pipeline import load_nlp
from amity.nlp.places import resolve_place
from amity.nlp.places_events import dateline, states_place


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _events(nlp: Language, text: str, published: str = "2021-03-10") -> list[dict[str, Any]]:
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.doc_name = "case"
    return list(nlp(doc)._.events)


@pytest.mark.parametrize(("text", "name", "country"), [
    ("NAIROBI, Kenya (AP) — Police arrested six protesters on Monday.", "Nairobi", "KEN"),
    ("SINGAPORE: The minister spoke on Tuesday.", "Singapore", "SGP"),
    ("Hanoi (VNA) – The two ministers met on Friday.", "Hanoi", "VNM"),
    ("Reuters, LIMA\n\nThe court ruled on Monday.", "Lima", "PER"),
])
def test_a_story_dateline_is_read(text: str, name: str, country: str) -> None:
    line = dateline(text)
    assert line is not None and (line.name, line.country, line.basis) == (name, country, "dateline")


@pytest.mark.parametrize("text", [
    "DATE: 12/01/2020 The court ruled on Monday.",
    "The two ministers met on Friday in a hotel.",
])
def test_no_dateline_where_there_is_none(text: str) -> None:
    assert dateline(text) is None


def test_a_location_carries_precision_and_basis_and_reads_old_records() -> None:
    loc = Location("Tokyo", "JPN", precision="city", basis="scene")
    assert Location.from_dict(loc.to_dict()) == loc
    old = Location.from_dict({"name": "Tokyo", "country": "JPN"})
    assert (old.precision, old.basis) == (None, "text")


@pytest.mark.parametrize(("name", "country", "precision"), [
    ("South China Sea", None, "sea"), ("Red Sea", None, "sea"), ("Gaza Strip", "PSE", "admin1"),
    ("West Bank", "PSE", "admin1"), ("Crimea", "UKR", "admin1"), ("Donbas", "UKR", "admin1"),
    ("Galwan valley", "IND", "city"), ("Kiev", "UKR", "city"), ("Saigon", "VNM", "city"),
    ("Tigray", "ETH", "admin1"),
])
def test_gazetteer_knows_regions_seas_and_old_names(name: str, country: str | None, precision: str) -> None:
    place = resolve_place(name)
    assert place is not None and (place.country, place.precision) == (country, precision)


def test_a_statement_is_placed_only_by_its_own_verb() -> None:
    assert not states_place("111", governor_is_trigger=False)  # "condemned aggression in Ukraine"
    assert states_place("111", governor_is_trigger=True)  # "condemned ... in a speech in Geneva"
    assert states_place("195", governor_is_trigger=False)  # "air strikes on a camp in the south"


def test_a_topic_is_not_the_place_of_a_statement(nlp: Language) -> None:
    events = _events(nlp, "Canada condemned the Russian aggression in Ukraine on Monday.")
    condemned = [e for e in events if e["cameo"].startswith("11")]
    assert condemned and all(e["location"] is None for e in condemned)


def test_a_domestic_arrest_with_no_place_takes_its_country(nlp: Language) -> None:
    events = _events(nlp, "The Kenyan government arrested opposition activists on Monday.")
    arrests = [e for e in events if e["cameo"].startswith("17")]
    assert arrests and arrests[0]["location"]["country"] == "KEN"
    assert (arrests[0]["location"]["precision"], arrests[0]["location"]["basis"]) == ("country", "country")


def test_a_dateline_places_the_domestic_act_told_as_news(nlp: Language) -> None:
    text = "Kenya arrests activists\n\nNAIROBI, Kenya (AP) —\n\nThe Kenyan government arrested opposition activists on Monday."
    arrests = [e for e in _events(nlp, text) if e["cameo"].startswith("17")]
    assert arrests and (arrests[0]["location"]["name"], arrests[0]["location"]["basis"]) == ("Nairobi", "dateline")


def test_acts_during_a_visit_take_the_host(nlp: Language) -> None:
    text = ("Peruvian President Pedro Castillo visited Chile on Monday. "
            "Castillo and Chilean President Gabriel Boric signed a trade agreement on Monday.")
    signed = [e for e in _events(nlp, text, "2021-03-09") if e["cameo"].startswith("05")]
    assert signed and all(e["location"] and e["location"]["country"] == "CHL" for e in signed)


def test_a_visit_is_not_set_in_a_host_city_named_for_a_domestic_matter(nlp: Language) -> None:
    text = ("Chilean police closed the main roads in Valparaiso on Monday. "
            "Peruvian President Pedro Castillo visited Chile on Monday. "
            "Castillo and Chilean President Gabriel Boric signed a trade agreement on Monday.")
    signed = [e for e in _events(nlp, text, "2021-03-09") if e["cameo"].startswith("05")]
    assert signed and all(e["location"] and e["location"]["country"] == "CHL" for e in signed)
    assert all(e["location"]["name"] == "Chile" for e in signed)


def test_a_visit_takes_the_host_city_where_the_visitor_is_named(nlp: Language) -> None:
    text = ("Peruvian President Pedro Castillo visited Chile on Monday, arriving in Valparaiso with "
            "Peruvian ministers. Castillo and Chilean President Gabriel Boric signed a trade agreement on Monday.")
    signed = [e for e in _events(nlp, text, "2021-03-09") if e["cameo"].startswith("05")]
    assert signed and all(e["location"] and e["location"]["text"] == "Valparaiso" for e in signed)


def test_a_statement_with_no_place_stays_unplaced(nlp: Language) -> None:
    events = _events(nlp, "Japan criticised North Korea on Monday.")
    assert events and all(e["location"] is None for e in events)


def test_the_capital_named_by_its_country_adjective(nlp: Language) -> None:
    events = _events(nlp, "The Peruvian and Chilean ministers met in the Chilean capital on Monday.")
    met = [e for e in events if e["cameo"].startswith("04")]
    assert met and all(e["location"]["name"] == "Santiago" for e in met)


def test_an_act_told_at_a_placed_gathering_takes_its_place(nlp: Language) -> None:
    text = "The African Union summit in Nairobi on Monday urged Sudan to end the fighting."
    urged = [e for e in _events(nlp, text) if e["cameo"].startswith("02")]
    assert urged and urged[0]["location"]["name"] == "Nairobi"


def test_a_dateline_ingest_set_aside_is_read_from_the_head(nlp: Language) -> None:
    register_extensions()
    doc = nlp.make_doc("The Kenyan government arrested opposition activists on Monday.")
    doc._.published, doc._.doc_name, doc._.head = "2021-03-10", "case", ["MOMBASA, Kenya (AP) —"]
    arrests = [e for e in nlp(doc)._.events if e["cameo"].startswith("17")]
    assert arrests and (arrests[0]["location"]["name"], arrests[0]["location"]["basis"]) == ("Mombasa", "dateline")
    assert arrests[0]["location"]["start"] is None  # not a span of the text


def test_the_place_struck_after_on(nlp: Language) -> None:
    text = "Chinese ships fired water cannon at a Philippine vessel on Scarborough Shoal on Monday."
    fired = [e for e in _events(nlp, text) if e["cameo"].startswith("19")]
    assert fired and (fired[0]["location"]["name"], fired[0]["location"]["country"]) == ("Scarborough Shoal", "PHL")


def test_a_cross_border_strike_with_no_place_is_placed_in_the_country_struck(nlp: Language) -> None:
    text = "Israeli aircraft carried out air strikes on Hamas positions on Monday."
    struck = [e for e in _events(nlp, text) if e["cameo"].startswith("19")]
    assert struck and struck[0]["location"]["country"] == "PSE"


def test_a_place_the_gazetteer_lacks_takes_the_country_of_a_domestic_act(nlp: Language) -> None:
    text = "Kenyan police arrested hundreds of opposition supporters in Kwa Mwangi village on Monday."
    arrests = [e for e in _events(nlp, text) if e["cameo"].startswith("17")]
    assert arrests and arrests[0]["location"]["country"] == "KEN"
    assert arrests[0]["location"]["precision"] is None  # a name the gazetteer does not know


def test_a_titled_dateline_after_the_headline() -> None:
    line = dateline("Ministers sign a deal\n\nLima, Peru, 21 June – The two governments signed.")
    assert line is not None and (line.name, line.country) == ("Lima", "PER")


def test_acts_of_a_year_are_not_set_at_a_visit_of_that_year(nlp: Language) -> None:
    text = ("Peruvian President Pedro Castillo visited Chile in 2019. "
            "In 2019 Peru also provided aid to Chile.")
    aid = [e for e in _events(nlp, text, "2021-03-09") if e["cameo"].startswith("07")]
    assert aid and all(e["location"] is None for e in aid)


@pytest.mark.parametrize(("text", "country", "words"), [
    ("Rebels attacked an army post in northern Mali on Monday.", "MLI", "northern Mali"),
    ("Russian forces shelled villages in eastern Ukraine on Friday.", "UKR", "eastern Ukraine"),
])
def test_a_compass_word_before_a_place_joins_its_phrase(nlp: Language, text: str, country: str, words: str) -> None:
    attacks = [e for e in _events(nlp, text) if e["cameo"][:2] in ("18", "19", "20")]
    assert attacks and (attacks[0]["location"]["country"], attacks[0]["location"]["text"]) == (country, words)


def test_a_statement_is_placed_by_its_speakers_reporting_verb(nlp: Language) -> None:
    text = "The Indonesian minister told reporters in Jakarta on Monday that Indonesia would help Malaysia."
    helped = [e for e in _events(nlp, text) if e["source"].get("country") == "IDN" and e["cameo"].startswith("03")]
    assert helped and helped[0]["location"]["name"] == "Jakarta"


def test_a_place_of_someone_elses_report_is_not_the_acts(nlp: Language) -> None:
    text = "American officials said in Washington on Monday that Russia had threatened Ukraine."
    threats = [e for e in _events(nlp, text) if e["source"].get("country") == "RUS"]
    assert threats and all(e["location"] is None for e in threats)


def test_an_organisations_act_on_the_day_of_its_placed_summit_is_placed_there(nlp: Language) -> None:
    text = ("The African Union suspended Sudan from its bodies on Monday. "
            "The African Union summit in Nairobi on Monday urged Sudan to end the fighting.")
    suspended = [e for e in _events(nlp, text) if e["source"].get("sector") == "IGO" and e["cameo"].startswith("16")]
    assert suspended and suspended[0]["location"]["name"] == "Nairobi"


def test_an_organisations_act_on_another_day_is_not_placed_at_its_summit(nlp: Language) -> None:
    text = ("The African Union suspended Sudan from its bodies on March 2. "
            "The African Union summit in Nairobi on Monday urged Sudan to end the fighting.")
    suspended = [e for e in _events(nlp, text) if e["source"].get("sector") == "IGO" and e["cameo"].startswith("16")]
    assert suspended and suspended[0]["location"] is None


def test_fire_on_aircraft_is_placed_in_the_defenders_country(nlp: Language) -> None:
    text = "Syrian air defences fired on Israeli warplanes on Monday."
    fired = [e for e in _events(nlp, text) if e["cameo"].startswith("19") and e["source"].get("country") == "SYR"]
    assert fired and fired[0]["location"]["country"] == "SYR"


def test_strikes_on_fighters_still_take_the_country_struck(nlp: Language) -> None:
    text = "Israeli aircraft carried out air strikes on Hamas fighters on Monday."
    struck = [e for e in _events(nlp, text) if e["cameo"][:2] in ("18", "19", "20")]
    assert struck and struck[0]["location"]["country"] == "PSE"


def test_a_withdrawal_from_a_region_is_placed_there(nlp: Language) -> None:
    events = _events(nlp, "Israel withdrew its forces from southern Lebanon on Monday.")
    withdrew = [e for e in events if e["cameo"].startswith("08")]
    assert withdrew and withdrew[0]["location"]["text"] == "southern Lebanon"
    assert withdrew[0]["location"]["country"] == "LBN"


def test_from_after_other_verbs_and_a_bare_target_name_are_not_places(nlp: Language) -> None:
    register_extensions()
    doc = nlp("Japan received a delegation from Vietnam. China put pressure on Japan.")
    assert [s.text for s in doc.spans["amity_places"]] == ["Japan"]
    events = _events(nlp, "China put pressure on Japan on Monday.")
    assert all(e["location"] is None for e in events)


@pytest.mark.parametrize(("text", "code", "name", "country"), [
    # a government building named without its city: the host's capital
    ("Vietnam's foreign minister began a visit to Thailand on Monday. He met the Thai prime minister at "
     "Government House on Monday.", "040", "Bangkok", "THA"),
    # "in the capital": the capital of the country whose act it is
    ("Myanmar police arrested 20 protesters in the capital on Monday.", "173", "Nay Pyi Taw", "MMR"),
    # a court that sits in the capital
    ("The Cambodian Supreme Court dissolved the opposition party on Monday.", "172", "Phnom Penh", "KHM"),
    # a domestic act told beside a city named for another act of the sentence
    ("Myanmar's military government declared a curfew in Mandalay on Monday, and Myanmar police arrested dozens "
     "of protesters.",
     "173", "Mandalay", "MMR"),
    # the place struck, written "the town of X"
    ("Ethiopian army jets bombed the town of Adwa on Monday.", "19", "Adwa", "ETH"),
])
def test_acts_placed_from_venues_seats_sentences_and_towns(nlp: Language, text: str, code: str, name: str,
                                                          country: str) -> None:
    placed = [(e.get("location") or {}) for e in _events(nlp, text) if e["cameo"].startswith(code)]
    assert placed and all((p.get("name"), p.get("country")) == (name, country) for p in placed)


def test_an_event_noun_placed_by_its_effect_verb_is_not_where_it_happened(nlp: Language) -> None:
    text = "Finland said on Tuesday that Russia's invasion of Ukraine had posed risks to cooperation in the Arctic."
    placed = [e.get("location") or {} for e in _events(nlp, text) if e["cameo_root"] == "19"]
    assert all(p.get("name") != "Arctic Ocean" for p in placed)


def test_the_lead_of_a_dateline_places_its_acts_but_not_its_statements(nlp: Language) -> None:
    text = ("ANKARA – Turkish and Russian ministers on Monday signed a trade agreement, and Russia criticized "
            "the United States over its sanctions.")
    events = _events(nlp, text)
    signed = [e for e in events if e["cameo_root"] == "05"]
    assert signed and all((e.get("location") or {}).get("name") == "Ankara" for e in signed)
    assert all(not e.get("location") for e in events if e["cameo_root"] == "11")


def test_a_government_building_of_no_known_country_places_nothing(nlp: Language) -> None:
    text = "Chinese Foreign Minister Wang Yi met US Secretary of State Antony Blinken at the foreign ministry on Monday."
    met = [e for e in _events(nlp, text) if e["cameo_root"] == "04"]
    assert met and all(not e.get("location") for e in met)


def test_the_lead_of_a_foreign_dateline_does_not_place_an_attack(nlp: Language) -> None:
    text = "WASHINGTON – Russian forces shelled Ukrainian positions near the border on Monday, officials said."
    struck = [e for e in _events(nlp, text) if e["cameo_root"] == "19"]
    assert all((e.get("location") or {}).get("name") != "Washington" for e in struck)


def test_a_city_that_faced_an_attack_is_where_it_happened(nlp: Language) -> None:
    events = _events(nlp, "Donetsk suffered Russian air strikes on Monday.")
    strikes = [e for e in events if e["cameo"].startswith(("18", "19"))]
    assert strikes and strikes[0]["location"]["name"] == "Donetsk"
    assert not _events(nlp, "Google faced heavy criticism on Monday.")

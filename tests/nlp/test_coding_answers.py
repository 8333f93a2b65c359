"""End-to-end coding of appeals that their recipient answers ("dismissed calls from X to ...",
"rejected Y's call for ...") over the full pipeline: the appeal is the caller's, toward the
one who answers it, beside the answer itself."""

from __future__ import annotations

import pytest
from spacy.language import Language

from amity.nlp.pipeline import load_nlp
from tests.nlp.coding import coded_events


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _dyads(nlp: Language, text: str) -> set[tuple[str, str, str]]:
    return {(e["source"]["country"], e["target"]["country"], e["cameo"]) for e in coded_events(nlp, text)}


@pytest.mark.parametrize(("text", "appeal", "answer"), [
    ("Peru ignored calls from Brazil to lower its tariffs.", ("BRA", "PER", "020"), ("PER", "BRA", "120")),
    ("Peru rejected Brazil's call for the release of the sailors.", ("BRA", "PER", "0253"), ("PER", "BRA", "120")),
    ("Peru rejected an appeal by Brazil.", ("BRA", "PER", "020"), ("PER", "BRA", "120")),
])
def test_an_answered_appeal_was_made_to_the_answerer(nlp: Language, text: str, appeal: tuple[str, str, str],
                                                     answer: tuple[str, str, str]) -> None:
    dyads = _dyads(nlp, text)
    assert appeal in dyads and answer in dyads


def test_each_caller_of_a_dismissed_call_appeals(nlp: Language) -> None:
    text = ("Argentine President Alberto Fernandez dismissed calls from leaders such as Presidents Lula of "
            "Brazil and Boric of Chile to respect the opposition.")
    dyads = _dyads(nlp, text)
    assert {("BRA", "ARG", "020"), ("CHL", "ARG", "020"), ("ARG", "BRA", "120"), ("ARG", "CHL", "120")} <= dyads


def test_what_an_ignored_call_asks_is_not_done_by_the_answerer(nlp: Language) -> None:
    dyads = _dyads(nlp, "Peru ignored calls from Brazil to free the prisoners.")
    assert not any(s == "PER" and c.startswith("08") for s, _, c in dyads)


def test_a_call_no_one_answers_is_still_uncoded(nlp: Language) -> None:
    assert not any(c.startswith("02") for _, _, c in _dyads(nlp, "Brazil renewed its call for calm."))


def test_a_visit_measured_out_by_a_day_is_the_possessors(nlp: Language) -> None:
    text = "Kenyan President William Ruto said on his second day of a visit to Japan that trade was growing."
    assert ("KEN", "JPN", "042") in _dyads(nlp, text)


def test_protests_measured_out_keep_their_by_phrase(nlp: Language) -> None:
    assert ("KEN", "KEN", "141") in _dyads(nlp, "Weeks of protests by Kenyan opposition supporters ended.")


def test_officials_in_both_countries_blame_each_other_both_ways(nlp: Language) -> None:
    text = "Kenyan and Ugandan troops exchanged fire on Sunday. Officials in both countries blamed each other."
    assert {("KEN", "UGA", "112"), ("UGA", "KEN", "112")} <= _dyads(nlp, text)


def test_each_other_before_a_weekday_is_still_reciprocal(nlp: Language) -> None:
    text = "Kenya and Uganda blamed each other Monday for skirmishes on their border."
    assert {("KEN", "UGA", "112"), ("UGA", "KEN", "112")} <= _dyads(nlp, text)


def test_a_noun_misread_as_a_conjoined_base_verb_is_no_act(nlp: Language) -> None:
    text = "The Kenyan president congratulated Prime Minister Kishida and host Japan on organizing the summit."
    dyads = _dyads(nlp, text)
    assert ("KEN", "JPN", "051") in dyads
    assert not any(c.startswith("04") for _, _, c in dyads)


def test_the_purpose_of_a_trip_names_no_destination(nlp: Language) -> None:
    text = "The deal was signed by the Kenyan president during his trip to Japan for attending a summit of the Group of Seven."
    visits = {t for _, t, c in _dyads(nlp, text) if c == "042"}
    assert visits == {"JPN"}


def test_those_who_did_an_act_told_before_are_its_agents(nlp: Language) -> None:
    text = ("Brazil and Peru joined Chile in opposing the US draft resolution. Bolivia's ambassador "
            "expressed gratitude to those council members who voted against the resolution.")
    thanked = {t for s, t, c in _dyads(nlp, text) if s == "BOL" and c == "051"}
    assert thanked == {"BRA", "PER", "CHL"}


def test_voting_against_a_draft_rejects_it(nlp: Language) -> None:
    assert ("RUS", "USA", "120") in _dyads(nlp, "Russia voted against the US draft.")


def test_listed_actors_of_one_country_each_act(nlp: Language) -> None:
    dyads = _dyads(nlp, "Kenyan police and soldiers arrested dozens of protesters.")
    events = [e for e in coded_events(nlp, "Kenyan police and soldiers arrested dozens of protesters.")
              if e["cameo"] == "173"]
    assert ("KEN", "KEN", "173") in dyads
    assert {e["source"]["code"] for e in events} == {"KENGOV", "KENMIL"}


@pytest.mark.parametrize("text", ["Kenya voiced outrage over Uganda's decision.", "Kenya expressed anger at Uganda."])
def test_voiced_outrage_is_disapproval(nlp: Language, text: str) -> None:
    assert ("KEN", "UGA", "111") in _dyads(nlp, text)


def test_voiced_concern_stays_a_pessimistic_comment(nlp: Language) -> None:
    assert ("KEN", "UGA", "012") in _dyads(nlp, "Kenya voiced concern over Uganda's decision.")


def test_a_split_subject_with_visiting_is_a_visit_and_a_meeting(nlp: Language) -> None:
    text = ("Kenyan President William Ruto and visiting Ugandan President Yoweri Museveni announced the deal "
            "after meeting in Nairobi.")
    dyads = _dyads(nlp, text)
    assert ("UGA", "KEN", "042") in dyads
    assert any(c == "040" for _, _, c in dyads)


def test_a_gerund_after_a_temporal_preposition_shares_the_subject(nlp: Language) -> None:
    dyads = _dyads(nlp, "Kenya and Uganda issued a statement after meeting in Nairobi.")
    assert {("KEN", "UGA", "040"), ("UGA", "KEN", "040")} <= dyads

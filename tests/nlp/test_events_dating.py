"""Which date each coded act takes (amity.nlp.events.dating): the news day found past a
headline and a caption, a past progressive later in the story, a reply ("In response, ...")
dated as the act before it, a present perfect not dated by a vague story date."""

from __future__ import annotations

import pytest
from spacy.language import Language

from amity.nlp.pipeline import load_nlp
from tests.nlp.coding import coded_events


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _dates(nlp: Language, text: str, published: str) -> dict[str, tuple[str, str]]:
    return {e["trigger"]: (e["date"], e["date_basis"]) for e in coded_events(nlp, text, published)}


def test_a_headline_and_a_caption_do_not_push_the_news_day_out_of_the_head(nlp: Language) -> None:
    text = ("Graft probe widens\n\nPolice outside the court in Manila - Reuters\n\n"
            "The United States condemned the arrest of Jimmy Lai.\n\nBritain voiced concern as well.\n\n"
            "Lai was arrested on Monday under the new security law in Hong Kong.")
    assert _dates(nlp, text, "2020-08-12")["condemned"] == ("2020-08-10", "text")


def test_a_past_progressive_later_in_the_story_takes_the_news_day(nlp: Language) -> None:
    text = ("Indonesian officials told Japanese Chief Cabinet Secretary Yoshihide Suga in Tokyo on Tuesday "
            "that Jakarta would pick the Chinese bid.\n\nThe decision surprised Tokyo.\n\n"
            "Officials in Jakarta cited costs.\n\nIndonesia's trade minister was meeting Japanese officials "
            "in Osaka at the time.")
    assert _dates(nlp, text, "2015-09-30")["meeting"] == ("2015-09-29", "text")


def test_an_act_in_response_takes_the_date_of_the_act_told_before(nlp: Language) -> None:
    text = ("Russia and Ukraine agreed to a prisoner swap on Saturday.\n\n"
            "Russia carried out what it described as precision strikes on Kyiv on Wednesday. "
            "In response, Ukraine shelled Russian positions near Belgorod.")
    dates = _dates(nlp, text, "2023-05-15")
    assert dates["agreed"] == ("2023-05-13", "text") and dates["shelled"] == ("2023-05-10", "text")


def test_a_present_perfect_is_not_dated_by_last_week(nlp: Language) -> None:
    text = ("Last week, Chinese coast guard ships blocked a Philippine supply boat near the reef.\n\n"
            "Philippine President Ferdinand Marcos Jr. has condemned China over the blockade.")
    dates = _dates(nlp, text, "2024-04-02")
    assert dates["blocked"] == ("2024-03", "text") and dates["condemned"] == ("2024-04-02", "publication")


def test_an_act_told_as_days_before_another_is_dated_back(nlp: Language) -> None:
    text = ("Police detained the opposition leader on Tuesday. "
            "The detention came two days after Colombia expelled two Venezuelan diplomats.")
    assert _dates(nlp, text, "2014-02-19")["expelled"] == ("2014-02-16", "text")


def test_a_month_without_its_year_told_in_passing_sets_no_narrative_date(nlp: Language) -> None:
    text = ("Japan handed six coast guard vessels to the Philippines on Friday. "
            "China held naval drills in April near the disputed reef. "
            "Philippine officials thanked Japan for the vessels.")
    dates = _dates(nlp, text, "2023-06-10")
    assert dates["thanked"][0] == "2023-06-09"


def test_a_present_clause_hung_on_a_dated_past_one_is_of_now(nlp: Language) -> None:
    text = ("China suspended group tours to Japan last week while the Chinese boycott of "
            "Japanese goods is hurting Japanese carmakers.")
    dates = _dates(nlp, text, "2023-03-08")
    assert dates["boycott"] == ("2023-03-08", "publication")


def test_a_report_is_not_dated_before_the_day_it_reports(nlp: Language) -> None:
    text = ("The latest fighting began on Sunday when Indian and Pakistani troops exchanged fire along the border. "
            "Officials in both countries accused each other of starting the fighting and said that shelling "
            "continued on Monday.")
    dates = _dates(nlp, text, "2020-07-14")
    assert dates["exchanged"][0] == "2020-07-12" and dates["accused"][0] == "2020-07-13"


@pytest.mark.parametrize(("text", "trigger", "date"), [
    ("Chinese President Hu Jintao arrived in Tokyo on Monday for talks.\n\n"
     "The last time Hu Jintao visited Japan was in May 2008.", "visited", "2008-05"),
    ("Indian Prime Minister Narendra Modi landed in Paris on Thursday.\n\n"
     "The first time Modi visited France was in April 2015.", "visited", "2015-04"),
])
def test_the_act_of_the_last_or_first_time_takes_the_copula_s_date(nlp: Language, text: str, trigger: str,
                                                                    date: str) -> None:
    assert _dates(nlp, text, "2010-05-06")[trigger] == (date, "text")

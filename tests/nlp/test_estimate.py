"""An undated article's publication date estimated from its own text (issue 17): explicit
dates, people's roles, dated events; the events dated on it say so; too little evidence
leaves the article undated."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from spacy.language import Language

from amity.nlp.estimate import MAX_DAYS, combine, common_when
from amity.nlp.estimate_evidence import FAR_PAST, Evidence
from amity.nlp.extensions import register_extensions
from amity.nlp.pipeline import load_nlp

TODAY = date(2026, 1, 1)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _run(nlp: Language, text: str, published: str | None = None,
         removed: list[str] | None = None) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.published, doc._.doc_name, doc._.removed = published, "case", removed
    doc = nlp(doc)
    return doc._.estimate, doc._.events


def _when(nlp: Language, text: str, expression: str) -> dict[str, Any]:
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.doc_name = "case"
    doc = nlp(doc)
    return next(s._.when for s in doc.spans["amity_dates"] if s.text == expression)


def test_two_leaders_with_their_titles_put_the_article_within_both_terms(nlp: Language) -> None:
    estimate, events = _run(nlp, "Japanese Prime Minister Fumio Kishida met Cambodian Prime Minister "
                                 "Hun Sen in Phnom Penh on Sunday to discuss rice exports.")
    assert estimate is not None and estimate["basis"] == "estimated"
    lo, hi = estimate["range"]
    assert lo == "2021-10-04" and "2023-08-22" < hi < "2023-10-01"  # Kishida from, Hun Sen until (+ a month)
    assert "Kishida" in estimate["evidence"] and "Hun Sen" in estimate["evidence"]
    met = [e for e in events if e["trigger"] == "met"]
    # "on Sunday" on a two-year estimate: the year of the guess, never a day
    assert met and all(e["date_basis"] == "estimated" and e["date_precision"] == "year" for e in met)


def test_last_months_election_after_a_dated_protest_gives_the_month(nlp: Language) -> None:
    text = ("Opposition supporters in Cambodia marched in March 2018 against the ban on their party. "
            "Prime Minister Hun Sen's party won all seats in last month's general election. "
            "Japan criticised the vote on Monday.")
    estimate, events = _run(nlp, text)
    assert estimate is not None and estimate["range"] == ["2018-08-01", "2018-08-31"]
    assert "KHM election of 2018-07-29" in estimate["evidence"]
    criticised = [e for e in events if e["trigger"] == "criticised"]
    assert criticised and criticised[0]["date_basis"] == "estimated"
    assert criticised[0]["date"].startswith("2018") and criticised[0]["date_precision"] != "day"
    # "last month" on August 2018 is July, to the month, and flagged as resting on the estimate
    assert _when(nlp, text, "last month's") == {"date": "2018-07", "precision": "month", "basis": "text",
                                                 "text": "last month's", "estimated": True}


def test_an_anniversary_of_relations_gives_its_year(nlp: Language) -> None:
    estimate, _ = _run(nlp, "Japan and Cambodia marked the 65th anniversary of their diplomatic relations "
                            "with a concert, officials said.")
    assert estimate is not None and estimate["range"] == ["2018-01-01", "2018-12-31"]
    assert "JPN-KHM relations of 1953" in estimate["evidence"]


def test_a_dated_caption_set_aside_by_ingest_is_a_lower_bound(nlp: Language) -> None:
    text = "Japanese Prime Minister Fumio Kishida spoke to reporters on Friday about the talks."
    without, _ = _run(nlp, text)
    with_caption, _ = _run(nlp, text, removed=["Kishida at a press conference, Thursday, May 11, 2023."])
    assert without is not None and with_caption is not None
    assert with_caption["range"][0] == "2023-05-11" > str(without["range"][0])


def test_former_puts_the_article_after_the_term(nlp: Language) -> None:
    estimate, _ = _run(nlp, "Former Prime Minister Yoshihide Suga visited Hanoi on Tuesday.")
    assert estimate is not None
    assert estimate["range"][0] >= "2021-10-03" and "former Prime Minister" in estimate["evidence"]


def test_former_with_a_nationality_between_puts_the_article_after_the_term(nlp: Language) -> None:
    estimate, _ = _run(nlp, "Former Japanese Prime Minister Yoshihide Suga toured Hanoi on Tuesday.")
    assert estimate is not None and "former Prime Minister" in estimate["evidence"]
    assert estimate["range"][0] >= "2021-10-01"


def test_a_weekday_with_a_day_and_no_year_picks_the_year_among_the_terms(nlp: Language) -> None:
    text = ("South Korean President Moon Jae-in and Japanese Prime Minister Shinzo Abe condemned the "
            "launch on Friday, Sept. 15, calling it a grave threat.")
    estimate, _ = _run(nlp, text)
    assert estimate is not None and estimate["basis"] == "estimated"
    assert estimate["range"][0] == "2017-09-15" and estimate["guess"] == "2017-09-15"


def test_the_latest_date_told_is_the_guess_even_when_it_does_not_bound_the_range(nlp: Language) -> None:
    text = ("Japanese Prime Minister Fumio Kishida spoke on Monday. The accord had been signed on 14/03/2022 "
            "after talks in January 2022.")
    estimate, _ = _run(nlp, text)
    assert estimate is not None and estimate["guess"] == "2022-03-14"


def test_a_day_without_its_year_anchors_the_guess_within_the_range(nlp: Language) -> None:
    text = ("South Korean President Moon Jae-in said on Monday that the drills in July 2018 had gone well. "
            "Japanese Prime Minister Shinzo Abe had visited Seoul on August 3.")
    estimate, _ = _run(nlp, text)
    assert estimate is not None and estimate["range"][0] == "2018-07-01" and estimate["guess"] == "2018-08-03"


def test_a_day_without_its_year_is_the_one_nearest_the_latest_dated_one(nlp: Language) -> None:
    text = "Vietnamese Prime Minister Pham Minh Chinh had arrived in Tokyo on April 28 for the talks."
    estimate, _ = _run(nlp, text, removed=["The two leaders in Tokyo, Tuesday, May 2, 2023."])
    assert estimate is not None and estimate["guess"] == "2023-05-02"  # not April 28 of 2024


def test_then_as_an_adverb_is_no_former_title(nlp: Language) -> None:
    estimate, _ = _run(nlp, "Officials then told Prime Minister Fumio Kishida about the plan.")
    assert estimate is not None and "former" not in estimate["evidence"]


def test_too_little_evidence_leaves_the_article_undated(nlp: Language) -> None:
    estimate, events = _run(nlp, "Prime Minister Hun Sen received the Chinese ambassador on Monday.")
    assert estimate is not None and estimate["basis"] == "unknown" and estimate["guess"] is None
    assert "Hun Sen" in estimate["evidence"]  # two terms, 1985 to 2023: no estimate
    assert all(e["date_basis"] == "unknown" and e["date"] is None for e in events)


def test_an_article_with_a_publication_date_is_not_estimated(nlp: Language) -> None:
    estimate, events = _run(nlp, "Japanese Prime Minister Fumio Kishida met Hun Sen on Sunday.", "2022-11-14")
    assert estimate is None
    assert {e["date_basis"] for e in events} == {"text"} and events[0]["date"] == "2022-11-13"


# -- the pure parts ---------------------------------------------------------------------------


def _ev(lo: str, hi: str, group: str, weight: float = 1.0) -> Evidence:
    return Evidence(date.fromisoformat(lo), date.fromisoformat(hi), weight, group, group)


def test_combine_keeps_the_days_most_evidence_agrees_on() -> None:
    pieces = [_ev("2010-01-01", "2026-01-01", "date1"), _ev("2012-12-26", "2020-09-15", "role1"),
              _ev("2005-01-01", "2008-01-01", "role2")]  # an outlier outvoted
    lo, hi, held = combine(pieces, TODAY)
    assert (lo, hi) == (date(2012, 12, 26), date(2020, 9, 15))
    assert {e.group for e in held} == {"date1", "role1"}


def test_alternatives_apart_give_their_hull_unless_the_first_follows_the_latest_told_date() -> None:
    elections = [_ev("2013-08-01", "2013-08-31", "election"), _ev("2018-08-01", "2018-08-31", "election")]
    lo, hi, _ = combine(elections, TODAY)
    assert (lo, hi) == (date(2013, 8, 1), date(2018, 8, 31))  # no reason to choose: too wide to estimate
    assert (hi - lo).days > MAX_DAYS
    told = _ev("2013-03-01", "2026-01-01", "date1")  # the text tells March 2013
    lo, hi, _ = combine([*elections, told], TODAY)
    assert (lo, hi) == (date(2013, 8, 1), date(2013, 8, 31))


def test_nothing_is_written_after_today() -> None:
    lo, hi, _ = combine([_ev("2025-06-01", "2027-01-01", "role1")], TODAY)
    assert hi == TODAY and lo == date(2025, 6, 1)
    lo, _, _ = combine([], TODAY)
    assert lo == FAR_PAST


def test_a_date_keeps_only_the_precision_both_ends_of_the_range_agree_on() -> None:
    assert common_when("2018-07", "2018-07", "2018-07", "month") == {"date": "2018-07", "precision": "month"}
    assert common_when("2018-08-06", "2018-08-27", "2018-08-13", "day") == {"date": "2018-08", "precision": "month"}
    assert common_when("2017-12-25", "2018-01-29", "2018-01-08", "day") == {"date": "2018", "precision": "year"}
    assert common_when("2018-08-13", "2018-08-13", "2018-08-13", "day")["precision"] == "day"


def test_a_role_is_found_as_the_news_writes_it() -> None:
    from amity.nlp.estimate_evidence import role_forms

    forms = role_forms("President of the European Council", ["Prime Minister", "President of the European Council"],
                       {"spokesperson": ["spokesman"]})
    assert "european council president" in forms and "president" in forms
    assert "spokesman" in " ".join(role_forms("Foreign Ministry Spokesperson", [], {"spokesperson": ["spokesman"]}))
    # "President" alone would not say which of two presidencies
    assert "president" not in role_forms("President of the Senate", ["President of the Senate", "President"], {})

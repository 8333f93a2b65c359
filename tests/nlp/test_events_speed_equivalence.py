"""The event coder's per-document parse view answers exactly as spaCy's tokens do.

The coder walks :class:`amity.nlp.events.index.ParsedDoc` instead of spaCy's ``Token``
objects for speed; a wrong head, child order or conjunct would silently change who did
what to whom, so each attribute is compared with spaCy's own over real parses.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from amity.nlp.events.index import ParsedDoc
from amity.settings import DEFAULT_MODEL

TEXTS = [
    "Japan and Cambodia signed a trade agreement in Phnom Penh on Monday, officials said.",
    "Thai, Lao and Cambodian troops, which had gathered near the border, withdrew; talks resumed.",
    "The minister, who visited Hanoi in 1998, 2003 and 2010, urged Vietnam to release the activists:",
    "  Hun Sen met Kishida.\n\nHe did not criticise the vote, which observers called neither free nor fair. ",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(DEFAULT_MODEL)


@pytest.fixture(scope="module")
def docs(nlp: Language) -> list[Doc]:
    return list(nlp.pipe(TEXTS))


def test_token_attributes_match_spacy(docs: list[Doc]) -> None:
    for doc in docs:
        parsed = ParsedDoc(doc)
        assert len(parsed) == len(doc)
        for token in doc:
            tok = parsed[token.i]
            assert (tok.text, tok.lower_, tok.lemma_, tok.dep_, tok.pos_, tok.tag_) == (
                token.text, token.lower_, token.lemma_, token.dep_, token.pos_, token.tag_)
            assert (tok.idx, tok.is_punct) == (token.idx, token.is_punct)
            assert bool(parsed.spaces[token.i]) == token.is_space


def test_tree_walks_match_spacy(docs: list[Doc]) -> None:
    for doc in docs:
        parsed = ParsedDoc(doc)
        for token in doc:
            tok = parsed[token.i]
            assert tok.head.i == token.head.i
            assert (tok.left_edge.i, tok.right_edge.i) == (token.left_edge.i, token.right_edge.i)
            for walk in ("children", "lefts", "rights", "conjuncts", "subtree"):
                assert [t.i for t in getattr(tok, walk)] == [t.i for t in getattr(token, walk)], walk


def test_sentences_and_their_text_match_spacy(docs: list[Doc]) -> None:
    for doc in docs:
        parsed = ParsedDoc(doc)
        assert [(s.start, s.end) for s in parsed.sents] == [(s.start, s.end) for s in doc.sents]
        for sent in doc.sents:
            assert parsed.text(sent) == sent.text
            assert all((t.sent.start, t.sent.end) == (sent.start, sent.end) for t in parsed.span(sent))


def test_string_cache_is_shared_between_documents(docs: list[Doc]) -> None:
    strings: dict[int, str] = {}
    first, second = ParsedDoc(docs[0], strings), ParsedDoc(docs[1], strings)
    assert strings  # filled by the first document, reused by the second
    assert [t.lemma_ for t in second.toks] == [t.lemma_ for t in docs[1]]
    assert first[0].text == docs[0][0].text


def test_empty_document(nlp: Language) -> None:
    parsed = ParsedDoc(nlp(""))
    assert len(parsed) == 0 and parsed.sents == []

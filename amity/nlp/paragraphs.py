"""``amity_paragraphs_v1``: a paragraph break always starts a sentence.

The parser sometimes joins the last line of one paragraph to the first of the next (a
heading without a full stop, a quote); the joined "sentence" then lends one paragraph's
actors and dates to the other. Runs before the parser, which keeps preset boundaries.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc


def paragraph_boundaries(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.factory("amity_paragraphs_v1")
def make_paragraph_marker(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return paragraph_boundaries

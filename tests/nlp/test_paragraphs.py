"""A paragraph break always starts a new sentence, whatever the parser thinks."""

from __future__ import annotations

from amity.nlp.pipeline import load_nlp
from amity.settings import Settings


def test_a_heading_without_full_stop_is_its_own_sentence() -> None:
    nlp = load_nlp(Settings(components=()))
    doc = nlp("Japan and Cambodia agree on new aid\n\nThe grant was signed on Monday in Phnom Penh.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == ["Japan and Cambodia agree on new aid", "The grant was signed on Monday in Phnom Penh."]

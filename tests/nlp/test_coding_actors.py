"""End-to-end actor codes of coded events (issue 12): the sector an event gives its actors
where the mention alone does not (a bare state using force acts through its armed forces)."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from amity.nlp.extensions import register_extensions
from amity.nlp.pipeline import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _coded(nlp: Language, text: str, published: str = "2019-03-14") -> set[tuple[str, str, str]]:
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.doc_name = "case"
    events: list[dict[str, Any]] = list(nlp(doc)._.events)
    return {(e["source"]["code"], e["target"]["code"], e["cameo_root"]) for e in events if e["factual"]}


@pytest.mark.parametrize(("text", "source"), [
    ("Turkey bombed Kurdish militant positions in northern Iraq on Tuesday.", "TURMIL"),
    ("France and Britain struck rebel bases in Mali on Sunday.", "FRAMIL"),
])
def test_a_bare_state_using_force_acts_through_its_armed_forces(nlp: Language, text: str, source: str) -> None:
    assert any(s == source and root == "19" for s, _, root in _coded(nlp, text))


@pytest.mark.parametrize("text", [
    "Tehran shelled border villages in Iraq on Tuesday.",  # a capital: its government
    "Turkey condemned the attack on its embassy on Tuesday.",  # no force of its own
])
def test_a_capital_or_a_state_not_using_force_keeps_its_code(nlp: Language, text: str) -> None:
    assert not any(s.endswith("MIL") for s, _, _ in _coded(nlp, text))

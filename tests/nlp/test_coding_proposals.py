"""Coding cases: joining others in an act, and acts on a proposal whose author was told earlier."""

from __future__ import annotations

import pytest
from spacy.language import Language

from amity.nlp.extensions import register_extensions
from amity.nlp.pipeline import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _dyads(nlp: Language, text: str) -> set[tuple[str, str, str]]:
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.published = "2023-05-10"
    doc._.doc_name = "case"
    doc = nlp(doc)
    return {(e["source"]["country"], (e["target"] or {}).get("country"), e["cameo"][:2]) for e in doc._.events}


def test_the_joined_act_like_the_joiner(nlp: Language) -> None:
    dyads = _dyads(nlp, "Brazil and Mexico joined Peru, Chile and Ecuador in condemning the Bolivian coup on Monday.")
    assert {("BRA", "BOL", "11"), ("MEX", "BOL", "11"), ("PER", "BOL", "11"), ("CHL", "BOL", "11"), ("ECU", "BOL", "11")} <= dyads


def test_joining_a_meeting_is_not_joining_an_act(nlp: Language) -> None:
    assert not {d for d in _dyads(nlp, "France joined Germany at the summit in Geneva on Monday.") if d[2] == "11"}


def test_opposing_a_proposal_rejects_it(nlp: Language) -> None:
    assert ("CHL", "PER", "12") in _dyads(nlp, "Chile opposed the Peruvian proposal on Monday.")


def test_an_act_on_the_draft_is_toward_its_author_told_before(nlp: Language) -> None:
    text = ("Peru tabled a Chilean draft resolution on fishing that would have imposed quotas on Ecuador. "
            "Brazil joined Bolivia in opposing the draft which would have imposed a ban on Ecuador.")
    dyads = _dyads(nlp, text)
    assert {("BRA", "CHL", "12"), ("BOL", "CHL", "12")} <= dyads
    assert ("BRA", "ECU", "12") not in dyads


def test_the_draft_with_no_author_told_has_no_author(nlp: Language) -> None:
    dyads = _dyads(nlp, "Peru tabled a draft resolution on fishing. Brazil opposed the draft on Monday.")
    assert not {d for d in dyads if d[0] == "BRA" and d[1] == "PER"}


def test_a_proposal_made_to_a_country_is_an_intent(nlp: Language) -> None:
    assert ("PER", "CHL", "03") in _dyads(nlp, "Peru made a proposal to Chile on fishing rights on Monday.")


def _events(nlp: Language, text: str) -> list[dict]:
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.published = "2023-05-10"
    doc._.doc_name = "case"
    return nlp(doc)._.events


def test_a_willingness_the_actor_states_is_an_intent(nlp: Language) -> None:
    events = _events(nlp, "Peru said it is willing to hold talks with Chile.")
    assert ("PER", "CHL", "036") in {(e["source"]["country"], e["target"]["country"], e["cameo"]) for e in events}


def test_a_willingness_is_no_fact(nlp: Language) -> None:
    events = _events(nlp, "Peru is willing to criticize Chile.")
    assert not [e for e in events if e["factual"]]


def test_a_proposal_rejected_in_the_passive_is_rejected_toward_its_author(nlp: Language) -> None:
    text = "Brazil proposed a ten-month transition on Friday. The proposal was rejected by Peru on Monday."
    assert ("PER", "BRA", "12") in _dyads(nlp, text)


def test_an_own_minister_is_not_the_recipient_of_backing_his_plan(nlp: Language) -> None:
    text = "Peru's foreign minister proposed a peace plan on Friday. Peru backed the plan on Monday."
    assert not {d for d in _dyads(nlp, text) if d[:2] == ("PER", "PER")}

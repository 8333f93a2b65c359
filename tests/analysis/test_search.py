"""Search input, snippets, highlights and matching evidence, over hand-built records (no database)."""

from __future__ import annotations

from amity.analysis.search import clamp_limit, make_snippet, parse_query, search_hits, term_patterns
from tests.analysis.conftest import SECOND, corpus


def test_queries_become_words_and_quoted_phrases() -> None:
    assert parse_query('"Largest donor" to  Cambodia') == [["largest", "donor"], ["to"], ["cambodia"]]
    assert parse_query("'; DROP TABLE articles; --") == [["drop"], ["table"], ["articles"]]
    assert parse_query('"') == [] and parse_query("") == []
    assert len(parse_query(" ".join(f"w{i}" for i in range(40)))) == 32
    assert (clamp_limit(0), clamp_limit(20), clamp_limit(10_000)) == (1, 20, 500)


def test_a_snippet_is_cut_around_the_first_match_with_its_highlights() -> None:
    body = "Filler words. " * 20 + SECOND
    snippet, marks = make_snippet(body, term_patterns([["largest", "donor"]]))
    assert snippet.startswith("… ") and "second largest donor" in snippet
    assert [snippet[a:b] for a, b in marks] == ["largest donor"]


def test_hits_carry_the_events_whose_evidence_matches() -> None:
    coded = {c.article.doc_id: c for c in corpus()}
    times = next(c for c in coded.values() if c.article.doc_name == "times-2018.txt")
    ranked = [(times.article.doc_id, 2.5)]
    reports = [e for c in coded.values() for e in c.events]
    [hit] = search_hits(ranked, {d: c.article for d, c in coded.items()}, reports, [["election"], ["monitors"]])
    assert (hit.doc_name, hit.score, hit.published) == ("times-2018.txt", 2.5, "2018-07-31")
    assert {hit.snippet[a:b].lower() for a, b in hit.highlights} == {"election", "monitors"}
    [event_id] = hit.event_ids
    assert next(e for e in times.events if e.event_id == event_id).trigger == "sent"


def test_without_an_event_matching_every_term_those_matching_any_are_given() -> None:
    coded = corpus()
    times = next(c for c in coded if c.article.doc_name == "times-2018.txt")
    ranked = [(times.article.doc_id, 1.0)]
    [hit] = search_hits(ranked, {times.article.doc_id: times.article}, times.events, [["pledged"], ["monitors"]])
    assert sorted(next(e.trigger for e in times.events if e.event_id == i) for i in hit.event_ids) == [
        "pledged", "sent"]

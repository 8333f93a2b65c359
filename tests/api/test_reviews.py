"""The review loop through the API: every verdict, every bad value, the token, and reviews
that outlive a re-code and a re-ingest of a changed article (SQLite, and PostgreSQL with
AMITY_TEST_PG_URL).

The store is the hand-built corpus of tests/api/conftest.py: four factual events, JPN → KHM
0711 "Japan pledged aid to Cambodia" (1993), KHM → JPN 051 "Cambodia praised Japan" (2015),
CHN → KHM 130 "China threatened Cambodia" (2018-07-30) and JPN → KHM 040 "Japan met
Cambodia" (2019).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from amity.app import create_app
from amity.core import Amity
from amity.models import Article, CodedArticle, Event, EventQuery, Sentence
from tests.api.conftest import TOKEN, build_corpus
from tests.api.test_errors import assert_error_shape

AUTH = {"Authorization": f"Bearer {TOKEN}"}
AID, PRAISE = "Japan pledged aid to Cambodia", "Cambodia praised Japan"


def event_id(amity: Amity, clause: str) -> str:
    found = [e for e in amity.select(EventQuery(include_wrong=True)) if e.sentence.startswith(clause)]
    assert len(found) == 1, clause
    return found[0].event_id


def post(writer: TestClient, eid: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> Any:
    return writer.post(f"/api/events/{eid}/review", json=body, headers=AUTH if headers is None else headers)


def codes(client: TestClient, **params: Any) -> list[str]:
    return sorted(e["cameo"] for e in client.get("/api/events", params={"limit": 100, **params}).json()["events"])


def test_a_wrong_event_leaves_events_series_network_and_exports(amity: Amity, writer: TestClient,
                                                                 tmp_path: Path) -> None:
    aid = event_id(amity, AID)
    answer = post(writer, aid, {"verdict": "wrong", "note": "a pledge of 1993 reported as new"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["review"]["verdict"] == "wrong" and answer.json()["event"]["reviewed"] == "wrong"
    assert codes(writer) == ["040", "051", "130"]
    series = writer.get("/api/dyads/JPN/KHM/series").json()
    assert [p["period"] for p in series["points"]] == ["2015", "2019"]
    edges = {(e["source"], e["target"]): e["weight"] for e in writer.get("/api/network").json()["edges"]}
    assert edges[("JPN", "KHM")] == 1
    assert [e["date_label"] for e in writer.get("/api/timeline", params={"actor": "KHM"}).json()["entries"]] == [
        "2015", "2018-07-30", "2019"]
    assert writer.get("/api/stats").json()["events"] == 3
    shown = writer.get("/api/events", params={"include_reviewed": "wrong", "limit": 100}).json()["events"]
    assert {e["cameo"]: e.get("reviewed") for e in shown} == {"0711": "wrong", "040": None, "051": None,
                                                              "130": None}
    assert "0711" in codes(writer, all=True)
    out = tmp_path / "events.jsonl"
    amity.export(amity.events(sort="doc"), "jsonl", out)
    assert sorted(json.loads(line)["cameo"] for line in out.read_text().splitlines()) == ["040", "051", "130"]


def test_a_fixed_event_shows_and_exports_its_corrected_fields_beside_the_coders(
        amity: Amity, writer: TestClient, tmp_path: Path) -> None:
    praise = event_id(amity, PRAISE)
    answer = post(writer, praise, {"verdict": "fixed", "cameo": "111", "target": "usagov", "date": "2015-03"})
    assert answer.status_code == 200, answer.text
    ev = writer.get(f"/api/events/{praise}").json()
    assert (ev["cameo"], ev["cameo_name"], ev["quad"], ev["target"]["code"], ev["target"]["country"], ev["date"]) \
        == ("111", "Criticize or denounce", "verbal_conflict", "USAGOV", "USA", "2015-03")
    assert ev["reviewed"] == "fixed"
    assert ev["original"] == {"cameo": "051", "cameo_name": "Praise or endorse", "goldstein": 3.4,
                              "quad": "verbal_coop", "target": "JPNGOV", "date": "2015"}
    assert codes(writer, dyad="KHM-USA") == ["111"] and "051" not in codes(writer, dyad="JPN-KHM")
    assert [p["period"] for p in writer.get("/api/dyads/KHM/USA/series", params={"by": "month"}).json()["points"]] \
        == ["2015-03"]
    out = tmp_path / "events.jsonl"
    amity.export(amity.events(sort="doc"), "jsonl", out)
    fixed = [json.loads(x) for x in out.read_text().splitlines() if json.loads(x)["event_id"] == praise]
    assert fixed[0]["cameo"] == "111" and fixed[0]["reviewed"] == "fixed" and fixed[0]["original"]["cameo"] == "051"


def test_a_correct_review_keeps_the_event_and_a_later_verdict_replaces_the_earlier(
        amity: Amity, writer: TestClient) -> None:
    praise = event_id(amity, PRAISE)
    assert post(writer, praise, {"verdict": "fixed", "cameo": "111"}).status_code == 200
    assert post(writer, praise, {"verdict": "correct", "note": "praise it was"}).status_code == 200
    ev = writer.get(f"/api/events/{praise}").json()
    assert (ev["cameo"], ev["reviewed"], "original" in ev) == ("051", "correct", False)  # the fix is undone
    history = writer.get(f"/api/events/{praise}/reviews").json()["reviews"]
    assert [(r["verdict"], r["current"], r["by"]) for r in history] == [("fixed", False, "token"),
                                                                        ("correct", True, "token")]
    assert praise not in [e["event_id"] for e in writer.get("/api/reviews/queue").json()["events"]]


@pytest.mark.parametrize(("body", "field"), [
    ({"verdict": "fixed", "cameo": "999"}, "cameo"),
    ({"verdict": "fixed", "cameo": 111}, "cameo"),
    ({"verdict": "fixed", "source": "XXQ"}, "source"),
    ({"verdict": "fixed", "target": "USA GOV"}, "target"),
    ({"verdict": "fixed", "date": "2013-02-30"}, "date"),
    ({"verdict": "fixed", "date": "2013-13"}, "date"),
    ({"verdict": "fixed", "date": "last week"}, "date"),
    ({"verdict": "maybe"}, "verdict"),
    ({"cameo": "111"}, "verdict"),
    ({"verdict": "fixed"}, "verdict"),
    ({"verdict": "correct", "cameo": "111"}, "cameo"),
    ({"verdict": "wrong", "colour": "red"}, "colour"),
])
def test_a_bad_value_is_a_400_naming_the_field_and_writes_nothing(
        amity: Amity, writer: TestClient, body: dict[str, Any], field: str) -> None:
    praise = event_id(amity, PRAISE)
    error = assert_error_shape(post(writer, praise, body), 400)
    assert error["code"] == "E106" and error["message"].startswith(f"review {field}: ")
    assert writer.get(f"/api/events/{praise}/reviews").json()["reviews"] == []
    assert writer.get(f"/api/events/{praise}").json()["cameo"] == "051"


def test_an_unknown_event_is_a_404(writer: TestClient) -> None:
    assert assert_error_shape(post(writer, "0123456789abcdef", {"verdict": "wrong"}), 404)["code"] == "E302"
    assert assert_error_shape(writer.get("/api/events/0123456789abcdef/reviews"), 404)["code"] == "E302"


def test_without_the_token_nothing_is_written(amity: Amity, client: TestClient, writer: TestClient) -> None:
    aid = event_id(amity, AID)
    assert assert_error_shape(post(client, aid, {"verdict": "wrong"}), 403)["code"] == "E402"  # read-only server
    assert assert_error_shape(post(writer, aid, {"verdict": "wrong"}, headers={}), 401)["code"] == "E401"
    assert_error_shape(post(writer, aid, {"verdict": "wrong"}, headers={"Authorization": "Bearer nope"}), 401)
    assert writer.get(f"/api/events/{aid}/reviews").json()["reviews"] == []
    assert "0711" in codes(writer)


def test_named_tokens_sign_the_reviews(amity: Amity) -> None:
    app = create_app(amity, write_token=["alice=tok-a", "bob=tok-b"])
    client = TestClient(app, raise_server_exceptions=False)
    aid = event_id(amity, AID)
    assert post(client, aid, {"verdict": "wrong"}, {"Authorization": "Bearer tok-b"}).status_code == 200
    assert client.get(f"/api/events/{aid}/reviews").json()["reviews"][0]["by"] == "bob"


# -- reviews outlive re-coding and re-ingesting ----------------------------------------
def _recoded(coded: CodedArticle, change: dict[str, Any]) -> CodedArticle:
    """The article coded again by a coder that now codes its events differently."""
    return replace(coded, events=[replace(e, event_id="", **change) for e in coded.events], coder_version="test-2")


def test_reviews_follow_their_evidence_through_a_recode_that_changes_event_ids(
        amity: Amity, writer: TestClient) -> None:
    aid, praise = event_id(amity, AID), event_id(amity, PRAISE)
    post(writer, aid, {"verdict": "wrong"})
    post(writer, praise, {"verdict": "fixed", "cameo": "111"})
    aid_article = build_corpus()[0]
    amity.store.replace_coding([_recoded(aid_article, {"date": "1994"})])  # a new date: new ids
    amity.refresh_indexes(None)
    new_aid, new_praise = event_id(amity, AID), event_id(amity, PRAISE)
    assert new_aid != aid and new_praise != praise
    assert codes(writer) == ["040", "111", "130"]  # still wrong, still fixed
    ev = writer.get(f"/api/events/{new_praise}").json()
    assert (ev["reviewed"], ev["original"]["cameo"], ev["date"]) == ("fixed", "051", "1994")
    history = writer.get(f"/api/events/{new_aid}/reviews").json()["reviews"]
    assert [(r["verdict"], r["reviewed_event_id"]) for r in history] == [("wrong", aid)]
    assert writer.get("/api/reviews/stats").json()["orphans"] == []


def _changed(coded: CodedArticle, prefix: str, drop: str | None = None) -> CodedArticle:
    """The article as its outlet changed it: ``prefix`` added on top, the clause ``drop`` removed."""
    art = coded.article
    text = prefix + art.text
    sentences = [Sentence(0, 0, len(prefix.rstrip()), prefix.rstrip())] + [
        Sentence(s.index + 1, s.start + len(prefix), s.end + len(prefix), s.text) for s in coded.sentences]
    events = [Event.from_dict({**e.to_dict(), "event_id": "", "sentence_index": e.sentence_index + 1,
                               "span": [e.span[0] + len(prefix), e.span[1] + len(prefix)]})
              for e in coded.events if art.text[e.span[0]:e.span[1]] != drop]
    if drop:
        text = text.replace(drop, "Cambodia thanked nobody")
    article = Article(art.doc_name, text, title=art.title, published=art.published,
                      published_basis=art.published_basis, source=art.source)
    return CodedArticle(article, sentences, coded.mentions, events, "test-2")


def test_reviews_follow_a_changed_article_and_an_orphan_is_reported_not_dropped(
        amity: Amity, writer: TestClient) -> None:
    aid, praise = event_id(amity, AID), event_id(amity, PRAISE)
    post(writer, aid, {"verdict": "wrong"})
    post(writer, praise, {"verdict": "correct"})
    amity.store.write([_changed(build_corpus()[0], "Updated on Monday.  ")])  # every span moves
    amity.refresh_indexes(None)
    moved = writer.get(f"/api/events/{event_id(amity, AID)}/reviews").json()["reviews"]
    assert [(r["verdict"], r["evidence"]["span"][0]) for r in moved] == [("wrong", 20)]
    assert codes(writer) == ["040", "051", "130"]
    amity.store.write([_changed(build_corpus()[0], "Updated again.  ", drop=PRAISE)])  # the praise is gone
    stats = writer.get("/api/reviews/stats").json()
    assert [(o["verdict"], o["doc_name"], o["text"]) for o in stats["orphans"]] == [("correct", "aid.txt", PRAISE)]
    assert stats["reviews"] == 2 and stats["attached"] == 1


def test_reviews_become_gold_that_amity_eval_scores_the_coder_by(amity: Amity, writer: TestClient,
                                                                 tmp_path: Path) -> None:
    post(writer, event_id(amity, AID), {"verdict": "wrong"})
    post(writer, event_id(amity, PRAISE), {"verdict": "fixed", "cameo": "111"})
    post(writer, event_id(amity, "China threatened Cambodia"), {"verdict": "correct"})
    gold = tmp_path / "mine.jsonl"
    assert amity.export_reviews(gold) == 3
    lines = [json.loads(x) for x in gold.read_text().splitlines()]
    assert [(g["doc"], g.get("cameo"), g.get("not_event", False)) for g in lines] == [
        ("aid.txt", None, True), ("aid.txt", "111", False), ("loan.txt", "130", False)]
    result = amity.evaluate(gold)  # the coder as it coded: 0711 and 051 in aid.txt, 130 in loan.txt
    assert (result.n_gold, result.n_pred, result.tp) == (2, 3, 1)
    stats = writer.get("/api/reviews/stats").json()
    assert stats["precision"] == round(1 / 3, 3) and stats["verdicts"] == {"wrong": 1, "fixed": 1, "correct": 1}
    assert {r["key"]: r["precision"] for r in stats["by_code"]} == {"0711": 0.0, "051": 0.0, "130": 1.0}


def test_the_queue_puts_codes_corrected_before_and_followed_dyads_first(amity: Amity, writer: TestClient) -> None:
    post(writer, event_id(amity, AID), {"verdict": "wrong"})  # JPN-KHM is followed now
    queue = writer.get("/api/reviews/queue").json()["events"]
    assert [e["cameo"] for e in queue][2:] == ["130"]  # same confidence: the followed dyad first
    assert {e["cameo"] for e in queue[:2]} == {"040", "051"}
    assert all("dyad JPN-KHM followed" in e["why"] for e in queue[:2])


def test_a_dyad_the_analyst_follows_comes_first_and_a_bad_one_is_a_400(amity: Amity, writer: TestClient) -> None:
    assert [e["cameo"] for e in writer.get("/api/reviews/queue").json()["events"]][0] != "130"
    body = writer.get("/api/reviews/queue", params={"follow": "khm-chn"}).json()
    assert body["follow"] == ["KHM-CHN"]
    assert body["events"][0]["cameo"] == "130" and "dyad CHN-KHM followed" in body["events"][0]["why"]
    page = writer.get("/review", params={"follow": "KHM-CHN"})
    assert page.status_code == 200 and "following KHM-CHN" in page.text
    bad = writer.get("/api/reviews/queue", params={"follow": "Cambodia"})
    assert assert_error_shape(bad, 400)["message"] == "follow takes two country codes like JPN-KHM, not 'Cambodia'"

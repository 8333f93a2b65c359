"""The read endpoints answer what the store holds, filtered, paginated and linked."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import XSS_TITLE


def test_stats_count_the_corpus(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert body["articles"] == 3
    # the "might lend" plan is not factual and "did not sanction" is negated: both hidden
    assert body["events"] == 4 and body["events_all"] == 6


def test_articles_are_paginated_with_a_total(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 2}).json()
    rest = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == 3 and len(first["articles"]) == 2 and len(rest["articles"]) == 1
    names = {a["doc_name"] for a in first["articles"] + rest["articles"]}
    assert names == {"aid.txt", "loan.txt", "xss.txt"}


def test_article_has_text_sentences_mentions_and_event_spans(client: TestClient) -> None:
    listed = client.get("/api/articles").json()["articles"]
    doc_id = next(a["doc_id"] for a in listed if a["doc_name"] == "aid.txt")
    body = client.get(f"/api/articles/{doc_id}").json()
    text = body["text"]
    assert [s["text"] for s in body["sentences"]] == [text[s["start"]:s["end"]] for s in body["sentences"]]
    first = body["mentions"][0]
    assert (first["code"], first["text"], text[first["start"]:first["end"]]) == ("JPNGOV", "Japan", "Japan")
    spans = {e["cameo"]: text[e["start"]:e["end"]] for e in body["events"]}
    assert spans == {"0711": "Japan pledged aid to Cambodia", "051": "Cambodia praised Japan"}
    assert all(e["links"]["page"].startswith("/events/") for e in body["events"])


def test_article_can_be_fetched_by_name(client: TestClient) -> None:
    assert client.get("/api/articles/loan.txt").json()["title"] == "China and Cambodia"


def test_article_metadata_is_returned_as_data_not_markup(client: TestClient) -> None:
    body = client.get("/api/articles/xss.txt").json()
    assert body["title"] == XSS_TITLE and "<script>" in body["text"]


def test_events_filter_by_dyad_both_directions_or_directed(client: TestClient) -> None:
    both = client.get("/api/events", params={"dyad": "JPN-KHM"}).json()
    directed = client.get("/api/events", params={"dyad": "KHM-JPN", "directed": True}).json()
    assert both["total"] == 3
    assert [e["cameo"] for e in directed["events"]] == ["051"]


def test_events_filters_narrow_the_result(client: TestClient) -> None:
    def cameos(**params: object) -> list[str]:
        return sorted(e["cameo"] for e in client.get("/api/events", params=params).json()["events"])

    assert cameos(actor="CHN") == ["130"]
    assert cameos(source="KHMGOV") == ["051"]
    assert cameos(target="JPN") == ["051"]
    assert cameos(code="07") == ["0711"]
    assert cameos(quad="verbal_conflict") == ["130"]
    assert cameos(since="2018", until="2018-12") == ["130"]
    assert cameos(doc="loan.txt") == ["130"]
    assert cameos(doc="loan.txt", all=True) == ["0711", "130", "163"]


def test_events_sort_and_paginate_with_a_total(client: TestClient) -> None:
    page1 = client.get("/api/events", params={"sort": "-goldstein", "limit": 2}).json()
    page2 = client.get("/api/events", params={"sort": "-goldstein", "limit": 2, "offset": 2}).json()
    values = [e["goldstein"] for e in page1["events"] + page2["events"]]
    assert page1["total"] == 4 and values == sorted(values, reverse=True) and len(values) == 4


def test_event_record_follows_the_design_and_links_its_article(client: TestClient) -> None:
    ev = client.get("/api/events", params={"code": "130"}).json()["events"][0]
    assert {"event_id", "doc_name", "source", "target", "cameo", "goldstein", "quad", "date",
            "date_precision", "span", "sentence", "mentions", "doc_names"} <= set(ev)
    detail = client.get(ev["links"]["self"]).json()
    assert detail["evidence"]["span_text"] == "China threatened Cambodia"
    assert detail["evidence"]["sentence"] == "China threatened Cambodia on 2018-07-30."
    assert detail["article"]["doc_name"] == "loan.txt"
    assert client.get(detail["links"]["article"]).json()["doc_name"] == "loan.txt"


def test_actors_have_mention_and_event_counts(client: TestClient) -> None:
    actors = {a["code"]: a for a in client.get("/api/actors").json()["actors"]}
    assert actors["JPNGOV"]["mentions"] == 2 and actors["JPNGOV"]["events"] == 3
    assert actors["KHMGOV"]["mentions"] == 1


def test_top_dyads(client: TestClient) -> None:
    dyads = client.get("/api/dyads").json()["dyads"]
    assert (dyads[0]["a"], dyads[0]["b"], dyads[0]["events"]) == ("JPN", "KHM", 3)


def test_security_headers_forbid_inline_script(client: TestClient) -> None:
    headers = client.get("/api/stats").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"

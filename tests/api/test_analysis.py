"""Series, timeline, network, claims and search endpoints over the analysis library."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from amity.app import create_app
from amity.core import Amity
from amity.models import Article, CodedArticle
from tests.api.conftest import _actor, _event, _sentences


def test_dyad_series_counts_events_per_year_by_quad(client: TestClient) -> None:
    body = client.get("/api/dyads/JPN/KHM/series", params={"by": "year"}).json()
    points = {p["period"]: p for p in body["points"]}
    assert sorted(points) == ["1993", "2015", "2019"]
    assert points["1993"]["material_coop"] == 1 and points["1993"]["goldstein_sum"] == 7.4
    assert body["articles"] == 2 and body["events"] == 3


def test_directed_series_keeps_one_direction(client: TestClient) -> None:
    body = client.get("/api/dyads/KHM/JPN/series", params={"directed": True}).json()
    assert [p["period"] for p in body["points"]] == ["2015"]


def test_series_points_list_event_ids_that_resolve(client: TestClient) -> None:
    point = client.get("/api/dyads/CHN/KHM/series").json()["points"][0]
    event = client.get(f"/api/events/{point['event_ids'][0]}").json()
    assert event["cameo"] == "130"


def test_corpus_series_by_month(client: TestClient) -> None:
    body = client.get("/api/series", params={"by": "month"}).json()
    assert "2018-07" in [p["period"] for p in body["points"]]


def test_timeline_orders_events_with_their_precision(client: TestClient) -> None:
    body = client.get("/api/timeline", params={"actor": "KHM"}).json()
    labels = [e["date_label"] for e in body["entries"]]
    assert labels == ["1993", "2015", "2018-07-30", "2019"]


def test_timeline_needs_an_actor_or_a_dyad(client: TestClient) -> None:
    response = client.get("/api/timeline")
    assert response.status_code == 400 and response.json()["error"]["type"] == "UsageError"


def test_network_has_weighted_edges(client: TestClient) -> None:
    body = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert edges[("JPN", "KHM")]["weight"] == 2 and edges[("CHN", "KHM")]["conflict"] == 1


def test_claims_endpoint_answers_groups(client: TestClient) -> None:
    body = client.get("/api/claims", params={"min_claims": 1}).json()
    assert body["total"] == len(body["claims"])


def test_search_finds_article_words(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "threatened"}).json()["hits"]
    assert [h["doc_name"] for h in hits] == ["loan.txt"]


def test_dyad_series_tells_how_many_events_are_undated(tmp_path: Path) -> None:
    """An article with no publication date whose event the text does not date: left out of
    the chart, and the series says so instead of silently dropping it."""
    jpn, khm = _actor("JPNGOV", "Japan"), _actor("KHMGOV", "Cambodia")
    text = "Japan praised Cambodia on Monday.  Japan sent aid to Cambodia in 1993."
    article = Article("undated.txt", text, title="Undated")
    sents = _sentences(text)
    events = [_event(article, sents[0], "Japan praised Cambodia", jpn, khm, "051", "", "unknown", 3.4,
                     "verbal_coop"),
              _event(article, sents[1], "Japan sent aid to Cambodia", jpn, khm, "070", "1993", "year", 7.0,
                     "material_coop")]
    for event in events[:1]:
        event.date, event.date_basis = None, "unknown"
    amity = Amity(f"sqlite:///{tmp_path / 'u.db'}")
    amity.store.write([CodedArticle(article, sents, [], events)])
    body = TestClient(create_app(amity)).get("/api/dyads/JPN/KHM/series").json()
    amity.close()
    assert ([p["period"] for p in body["points"]], body["undated"]) == (["1993"], 1)

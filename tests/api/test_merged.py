"""Merged events through the API and on the dashboard's event page (hand-built store, no coder)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from amity.app import create_app
from amity.core import Amity
from tests.analysis.conftest import corpus


@pytest.fixture
def merged_client(db_url: str) -> Iterator[TestClient]:
    amity = Amity(db_url)
    amity.store.write(corpus())
    yield TestClient(create_app(amity), raise_server_exceptions=False)
    amity.close()


def _grant(client: TestClient) -> dict[str, object]:
    body = client.get("/api/events", params={"merged": "true", "code": "0711", "limit": 10}).json()
    return next(m for m in body["events"] if m["date"] == "2015-04-09")


def test_events_merged_answers_one_item_per_real_event_with_every_report(merged_client: TestClient) -> None:
    body = merged_client.get("/api/events", params={"merged": "true", "code": "0711"}).json()
    plain = merged_client.get("/api/events", params={"code": "0711"}).json()
    assert body["total"] == plain["total"] - 1  # the grant two papers reported counts once
    grant = _grant(merged_client)
    assert grant["doc_names"] == ["courier-2015.txt", "post-2015.txt"] and grant["mentions"] == 2
    assert all(r["links"]["page"].startswith("/events/") for r in grant["reports"])  # type: ignore[attr-defined]


def test_an_events_detail_and_page_show_every_report_with_outlet_and_sentence(merged_client: TestClient) -> None:
    grant = _grant(merged_client)
    first = grant["reports"][0]  # type: ignore[index]
    detail = merged_client.get(f"/api/events/{first['event_id']}").json()
    outlets = {r["outlet"] for r in detail["merged"]["reports"]}
    assert outlets == {"Phnom Penh Courier", "Daily Post"}
    html = merged_client.get(f"/events/{first['event_id']}").text
    assert "2 articles report this event" in html
    assert "Phnom Penh Courier" in html and "Daily Post" in html
    assert "handed Cambodia a US$ 10 million grant" in html and "signed a grant of US$ 10 million" in html

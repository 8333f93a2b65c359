"""``GET /api/map``: the events matching the event-list filters as places and per-country counts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from amity.app import create_app
from amity.core import Amity
from tests.api.conftest import placed_corpus


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    amity = Amity(db_url)
    amity.store.write(placed_corpus())
    with TestClient(create_app(amity)) as test_client:
        yield test_client
    amity.close()


def test_map_has_places_with_coordinates_and_every_placed_country(client: TestClient) -> None:
    data = client.get("/api/map").json()
    assert (data["events"], data["placed"], data["with_coordinates"], data["unplaced"]) == (4, 4, 2, 0)
    places = {p["name"]: p for p in data["points"]}
    assert set(places) == {"Phnom Penh", "Tokyo"}
    penh = places["Phnom Penh"]
    assert (penh["lat"], penh["lon"], penh["country"], penh["events"], penh["material_coop"]) == (
        11.56, 104.92, "KHM", 1, 1)
    countries = {c["country"]: c for c in data["countries"]}
    assert set(countries) == {"KHM", "SGP", "JPN"}
    khm = countries["KHM"]
    assert (khm["events"], khm["country_only"], khm["material_coop"], khm["verbal_coop"]) == (2, 1, 1, 1)
    assert len(khm["event_ids"]) == 2 and penh["event_ids"][0] in khm["event_ids"]
    assert countries["SGP"]["verbal_conflict"] == 1 and countries["SGP"]["country_only"] == 1


def test_map_takes_the_event_list_filters(client: TestClient) -> None:
    conflict = client.get("/api/map", params={"quad": "verbal_conflict"}).json()
    assert conflict["events"] == 1 and conflict["points"] == []
    assert [c["country"] for c in conflict["countries"]] == ["SGP"]
    early = client.get("/api/map", params={"until": "2016", "quad": ""}).json()
    assert [p["name"] for p in early["points"]] == ["Phnom Penh"] and early["events"] == 2
    every = client.get("/api/map", params={"all": "true"}).json()
    assert every["events"] == 6 and every["unplaced"] == 2  # the plan and the denial have no place


def test_map_refuses_bad_filters_with_a_400(client: TestClient) -> None:
    answer = client.get("/api/map", params={"quad": "sideways"})
    assert answer.status_code == 400 and answer.json()["error"]["code"]
    assert client.get("/api/map", params={"since": "not-a-date"}).status_code == 400

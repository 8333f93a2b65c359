"""The API's parameter checks (amity/views/params.py), seen as a client sees them.

Each case asserts the status code and, for a refusal, the exact message; for an accepted
value, the number of events the fixture store answers with (6 events, 4 of them shown by
default; Cambodia is in all 4).
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

CODE_MESSAGE = "actor takes an actor code of letters and digits (JPN, KHMGOV), not {!r}"
DATE_MESSAGE = "{} must be a date like 2013, 2019-06 or 2018-07-30, not {!r}"


def refusal(client: TestClient, path: str, params: dict[str, str]) -> str:
    response = client.get(path, params=params)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["type"] == "UsageError" and error["code"] == "E101"
    return str(error["message"])


def total(client: TestClient, params: dict[str, str]) -> int:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return int(response.json()["total"])


@pytest.mark.parametrize(("value", "expected"), [
    ("KHM", 4), ("khm", 4), ("  KHM  ", 4), ("KhmGov", 4), ("CHN", 1), ("CHNGOV", 1),
    ("", 4), ("   ", 4),  # blank is "not given": every shown event
    ("AB", 0), ("ABCDEFGHIJKL", 0),  # 2 and 12 characters are codes, of nobody here
])
def test_actor_codes_are_case_free_stripped_and_blank_means_none(client: TestClient, value: str,
                                                                 expected: int) -> None:
    assert total(client, {"actor": value}) == expected


@pytest.mark.parametrize("value", ["K", "ABCDEFGHIJKLM", "KHM GOV", "KHM-GOV", "KHM'", "KHÉ"])
def test_malformed_actor_codes_are_refused_by_name(client: TestClient, value: str) -> None:
    assert refusal(client, "/api/events", {"actor": value}) == CODE_MESSAGE.format(value.strip().upper())


def test_source_and_target_codes_name_themselves_in_the_message(client: TestClient) -> None:
    assert total(client, {"source": "chn", "target": "khm"}) == 1
    assert refusal(client, "/api/events", {"source": "J"}).startswith("source takes an actor code")
    assert refusal(client, "/api/events", {"target": "J"}).startswith("target takes an actor code")


@pytest.mark.parametrize("char", ["\x00", "\x01", "\t", "\n", "\x1f", "\x7f"])
def test_control_characters_are_refused_in_every_text_parameter(client: TestClient, char: str) -> None:
    for name in ("actor", "code", "doc", "dyad", "since", "until"):
        assert refusal(client, "/api/events", {name: f"KH{char}M"}) == f"{name} must not contain control characters"
    assert refusal(client, "/api/search", {"q": f"aid{char}"}) == "q must not contain control characters"


def test_printable_neighbours_of_the_control_range_are_text(client: TestClient) -> None:
    assert total(client, {"doc": "loan.txt"}) == 1
    assert total(client, {"doc": " loan.txt "}) == 1  # stripped
    assert total(client, {"doc": "loan.txt~"}) == 0  # 0x7e is printable: a name, of no article
    assert total(client, {"doc": "loan txt"}) == 0  # 0x20 too


@pytest.mark.parametrize(("since", "expected"), [
    ("2015", 3), ("2018", 2), ("2018-07", 2), ("2018-08", 1), ("2018-07-30", 2), ("2018-07-31", 1),
    ("2019-01-01", 1), ("2020", 0), (" 2018 ", 2),
])
def test_since_takes_year_month_and_day(client: TestClient, since: str, expected: int) -> None:
    assert total(client, {"since": since}) == expected


@pytest.mark.parametrize("value", ["2018-13", "2018-00", "2018-02-30", "2019-02-29", "2018-07-00", "18",
                                   "2018-7", "2018-07-3", "2018/07/30", "20180", "soon", "2018-07-30T00"])
def test_impossible_or_malformed_dates_are_refused(client: TestClient, value: str) -> None:
    assert refusal(client, "/api/events", {"since": value}) == DATE_MESSAGE.format("since", value)
    assert refusal(client, "/api/events", {"until": value}) == DATE_MESSAGE.format("until", value)
    assert refusal(client, "/api/series", {"until": value}) == DATE_MESSAGE.format("until", value)
    assert refusal(client, "/api/network", {"since": value}) == DATE_MESSAGE.format("since", value)


def test_a_leap_day_is_a_date(client: TestClient) -> None:
    assert total(client, {"until": "2016-02-29"}) == 2  # 1993 and 2015
    assert total(client, {"since": "2016-02-29", "until": "2018-12"}) == 1  # the threat of 2018-07-30


def test_span_queries_bound_the_analysis_endpoints(client: TestClient) -> None:
    series = client.get("/api/dyads/jpn/khm/series", params={"since": "2016"}).json()
    assert (series["a"], series["b"], series["events"], series["doc_names"]) == ("JPN", "KHM", 1, ["xss.txt"])
    network = client.get("/api/network", params={"until": "2018-12-31"}).json()
    assert sorted(node["id"] for node in network["nodes"]) == ["CHN", "JPN", "KHM"]
    network = client.get("/api/network", params={"since": "2019-01"}).json()
    assert sorted(node["id"] for node in network["nodes"]) == ["JPN", "KHM"]


def test_dyads_are_case_free_and_checked_on_both_sides(client: TestClient) -> None:
    assert total(client, {"dyad": "jpn-khm"}) == 3
    assert total(client, {"dyad": " CHN-KHM "}) == 1
    assert total(client, {"dyad": "khm-jpn", "directed": "true"}) == 1
    assert refusal(client, "/api/events", {"dyad": "JPN-"}) == "--dyad takes two actor codes like JPN-KHM, not 'JPN-'"
    assert refusal(client, "/api/events", {"dyad": "J-KHM"}).startswith("dyad takes an actor code")
    assert refusal(client, "/api/events", {"dyad": "JPN-K"}) == (
        "dyad takes an actor code of letters and digits (JPN, KHMGOV), not 'K'")

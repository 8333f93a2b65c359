"""Every error has one JSON shape; hostile parameters are a 400 or an empty result, never a 500."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from amity.app import create_app
from amity.core import Amity

INJECTIONS = ["' OR '1'='1", "JPN'; DROP TABLE events; --", "%", "_", "\\", "KHM\x00", "1) OR (1=1",
              "\" OR \"\"=\"", "'||(SELECT sqlite_version())||'", "2013' OR 1=1 --", "../../etc/passwd",
              "<script>alert(1)</script>", "9" * 60, "💣"]
FILTERS = ["dyad", "actor", "source", "target", "code", "quad", "since", "until", "doc", "sort",
           "limit", "offset", "directed", "all"]


def assert_error_shape(response: object, status: int) -> dict[str, str]:
    assert response.status_code == status  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message", "code"}
    assert re.fullmatch(r"E\d{3}", body["error"]["code"]), body
    return body["error"]  # type: ignore[no-any-return]


def test_unknown_route_is_a_json_404(client: TestClient) -> None:
    error = assert_error_shape(client.get("/api/no/such/thing"), 404)
    assert error["type"] == "NotFound" and error["code"] == "E302"


def test_unknown_article_and_event_are_404s(client: TestClient) -> None:
    for url in ("/api/articles/nope.txt", "/api/events/0000"):
        error = assert_error_shape(client.get(url), 404)
        assert (error["type"], error["code"]) == ("NotFoundError", "E302")


def test_wrong_method_is_a_json_405(client: TestClient) -> None:
    assert assert_error_shape(client.delete("/api/events"), 405)["code"] == "E103"


@pytest.mark.parametrize(("param", "value"), [
    ("limit", "-1"), ("limit", "many"), ("offset", "-5"), ("quad", "hostile"), ("sort", "random()"),
    ("since", "2013-13"), ("until", "yesterday"), ("code", "0x41"), ("dyad", "JPN"), ("directed", "maybe"),
])
def test_bad_filters_are_400s_with_a_message(client: TestClient, param: str, value: str) -> None:
    error = assert_error_shape(client.get("/api/events", params={param: value}), 400)
    assert (error["type"], error["code"]) in (("ValidationError", "E102"), ("UsageError", "E101"))
    assert error["message"]


def test_directed_without_a_dyad_is_refused(client: TestClient) -> None:
    assert "dyad" in assert_error_shape(client.get("/api/events", params={"directed": True}), 400)["message"]


@pytest.mark.parametrize("param", FILTERS)
def test_injection_strings_in_every_filter_never_break_the_store(client: TestClient, param: str) -> None:
    for value in INJECTIONS:
        response = client.get("/api/events", params={param: value})
        assert response.status_code in (200, 400), (value, response.text)
        if response.status_code == 200:
            assert response.json()["total"] in (0, 4, 6)  # no filter ever widens the result
    assert client.get("/api/stats").json()["events_all"] == 6


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_in_analysis_parameters(client: TestClient, value: str) -> None:
    for url, params in [("/api/timeline", {"actor": value}), ("/api/timeline", {"dyad": value}),
                        ("/api/search", {"q": value}), ("/api/series", {"actor": value}),
                        ("/api/claims", {"actor": value}), ("/api/network", {"since": value})]:
        response = client.get(url, params=params)
        assert response.status_code in (200, 400), (url, params, response.text)
    assert client.get(f"/api/articles/{quote(value, safe='')}").status_code in (404, 400)


def test_unexpected_errors_are_500s_without_a_traceback(amity: Amity, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode() -> dict[str, int]:
        raise RuntimeError("secret internals /home/user/db.sqlite")

    monkeypatch.setattr(amity, "stats", explode)
    client = TestClient(create_app(amity), raise_server_exceptions=False)
    response = client.get("/api/stats")
    error = assert_error_shape(response, 500)
    assert (error["type"], error["code"]) == ("InternalError", "E501")
    assert "secret" not in response.text and "Traceback" not in response.text


def test_page_404_is_html_for_a_browser_and_json_otherwise(client: TestClient) -> None:
    page = client.get("/nowhere", headers={"accept": "text/html"})
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "[E302]" in page.text
    assert_error_shape(client.get("/nowhere"), 404)

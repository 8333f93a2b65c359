"""Writes need the token; bodies have a size limit; articles posted are ingested."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from amity.app import create_app
from amity.core import Amity
from tests.api.conftest import TOKEN
from tests.api.test_errors import assert_error_shape

ARTICLE = {"id": "posted-1", "title": "Posted", "published": "2020-02-02",
           "text": "Japan and Cambodia signed an agreement in Phnom Penh on Monday."}


def test_a_read_only_server_refuses_writes(client: TestClient) -> None:
    error = assert_error_shape(client.post("/api/articles", json=ARTICLE), 403)
    assert "read-only" in error["message"] and error["code"] == "E402"


def test_missing_or_wrong_token_is_401(writer: TestClient) -> None:
    assert_error_shape(writer.post("/api/articles", json=ARTICLE), 401)
    wrong = writer.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer nope"})
    assert_error_shape(wrong, 401)
    assert wrong.headers["www-authenticate"] == "Bearer"
    assert writer.get("/api/stats").json()["articles"] == 3


def test_a_body_over_the_limit_is_413(writer: TestClient) -> None:
    big = {**ARTICLE, "text": "Japan aided Cambodia. " * 400}
    response = writer.post("/api/articles", json=big, headers={"Authorization": f"Bearer {TOKEN}"})
    assert assert_error_shape(response, 413)["code"] == "E105"


def test_a_chunked_body_over_the_limit_is_413(writer: TestClient) -> None:
    def chunks():  # no Content-Length: the limit is enforced while reading
        for _ in range(20):
            yield b"x" * 1000

    response = writer.post("/api/articles", content=chunks(), headers={"Authorization": f"Bearer {TOKEN}"})
    assert_error_shape(response, 413)


def test_malformed_bodies_are_400(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert_error_shape(writer.post("/api/articles", content=b"{not json", headers=auth), 400)
    assert_error_shape(writer.post("/api/articles", json=[1, 2], headers=auth), 400)
    assert_error_shape(writer.post("/api/articles", json=[], headers=auth), 400)


def test_posted_articles_are_ingested_and_bad_ones_reported(tmp_path: Path) -> None:
    amity = Amity(f"sqlite:///{tmp_path / 'w.db'}", components=())  # parse only: fast, no coder
    client = TestClient(create_app(amity, write_token=TOKEN), raise_server_exceptions=False)
    body = [ARTICLE, {"id": "broken", "text": 42}]
    response = client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["added"] == 1 and len(report["rejected"]) == 1 and report["rejected"][0]["line"] == 2
    stored = client.get("/api/articles/posted-1").json()
    assert stored["title"] == "Posted" and stored["published"] == "2020-02-02"
    again = client.post("/api/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert again["unchanged"] == 1
    amity.close()


BAD_AUTH = ["Bearer nope", f"Bearer {TOKEN[:-1]}", f"Bearer {TOKEN}x", f"Bearer x{TOKEN}",
            f"Bearer {TOKEN.upper()}", f"Basic {TOKEN}", f"Token {TOKEN}", TOKEN, "Bearer", "Bearer ",
            f"Bearer {TOKEN} {TOKEN}", f"Bearer{TOKEN}"]


def _parse_only_writer(tmp_path: Path) -> tuple[Amity, TestClient]:
    amity = Amity(f"sqlite:///{tmp_path / 'auth.db'}", components=())  # parse only: fast, no coder
    return amity, TestClient(create_app(amity, write_token=TOKEN), raise_server_exceptions=False)


def test_any_token_but_the_right_one_is_refused_and_stores_nothing(tmp_path: Path) -> None:
    amity, client = _parse_only_writer(tmp_path)
    for header in BAD_AUTH:
        response = client.post("/api/articles", json=ARTICLE, headers={"Authorization": header})
        error = assert_error_shape(response, 401)
        assert (error["type"], error["code"]) == ("AuthError", "E401"), header
        assert "write token" in error["message"] and TOKEN not in response.text
        assert response.headers["www-authenticate"] == "Bearer"
    assert amity.stats()["articles"] == 0
    right = client.post("/api/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 200 and right.json()["added"] == 1
    # the scheme is case-insensitive (RFC 7235), the token is not
    second = {**ARTICLE, "id": "posted-2", "text": "Cambodia thanked Japan for the aid on Friday."}
    lower = client.post("/api/articles", json=second, headers={"Authorization": f"bearer {TOKEN}"})
    assert lower.status_code == 200 and lower.json()["added"] == 1
    assert amity.stats()["articles"] == 2
    amity.close()


def test_an_empty_write_token_leaves_the_server_read_only(tmp_path: Path) -> None:
    amity = Amity(f"sqlite:///{tmp_path / 'ro.db'}", components=())
    client = TestClient(create_app(amity, write_token=""), raise_server_exceptions=False)
    for header in ("Bearer ", "Bearer", ""):
        response = client.post("/api/articles", json=ARTICLE, headers={"Authorization": header})
        assert assert_error_shape(response, 403)["type"] == "ReadOnlyError"
    assert amity.stats()["articles"] == 0
    amity.close()


def test_refusals_say_what_to_do(tmp_path: Path) -> None:
    amity, client = _parse_only_writer(tmp_path)
    error = assert_error_shape(client.post("/api/articles", json=ARTICLE), 401)
    assert error["message"] == "missing or wrong write token (send 'Authorization: Bearer <token>')"
    read_only = TestClient(create_app(amity), raise_server_exceptions=False)
    error = assert_error_shape(read_only.post("/api/articles", json=ARTICLE), 403)
    assert error["message"] == "this server is read-only: start it with --write-token to accept articles and reviews"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    error = assert_error_shape(client.post("/api/articles", content=b"{not json", headers=auth), 400)
    assert error["message"].startswith("the body is not valid JSON: ") and error["code"] == "E101"
    error = assert_error_shape(client.post("/api/articles", json=[ARTICLE, 7], headers=auth), 400)
    assert error["message"] == 'each article must be a JSON object like {"id": ..., "text": ...}'
    amity.close()


def _body_of_size(size: int) -> bytes:
    """A one-article JSON body of exactly ``size`` bytes."""
    head = b'{"id": "sized", "text": "Japan praised Cambodia. '
    return head + b"x" * (size - len(head) - 2) + b'"}'


def test_a_body_of_exactly_the_limit_is_accepted_one_byte_more_is_not(tmp_path: Path) -> None:
    amity = Amity(f"sqlite:///{tmp_path / 'limit.db'}", components=())
    client = TestClient(create_app(amity, write_token=TOKEN, max_body_bytes=300), raise_server_exceptions=False)
    auth = {"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
    over = client.post("/api/articles", content=_body_of_size(301), headers=auth)
    assert assert_error_shape(over, 413)["message"] == "request body is over the limit of 300 bytes"

    def chunks(body: bytes):  # no Content-Length: counted while reading
        yield body[:100]
        yield body[100:]

    assert client.post("/api/articles", content=chunks(_body_of_size(301)), headers=auth).status_code == 413
    assert client.post("/api/articles", content=chunks(_body_of_size(300)), headers=auth).status_code == 200
    exact = client.post("/api/articles", content=_body_of_size(300), headers=auth)
    assert exact.status_code == 200, exact.text
    assert exact.json()["unchanged"] == 1  # the chunked copy stored it already
    amity.close()


def test_at_most_max_articles_per_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from amity.api import write

    monkeypatch.setattr(write, "MAX_ARTICLES", 2)
    amity, client = _parse_only_writer(tmp_path)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    three = [{**ARTICLE, "id": f"n{i}", "text": f"Japan praised Cambodia {i} times."} for i in range(3)]
    error = assert_error_shape(client.post("/api/articles", json=three, headers=auth), 400)
    assert error["message"] == "send one article object or a list of 1..2"
    assert client.post("/api/articles", json=three[:2], headers=auth).json()["added"] == 2
    amity.close()


def test_the_write_report_has_every_count(tmp_path: Path) -> None:
    amity, client = _parse_only_writer(tmp_path)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    client.post("/api/articles", json=ARTICLE, headers=auth)
    copy = {**ARTICLE, "id": "copy"}
    changed = {**ARTICLE, "id": "changed", "text": "Cambodia thanked Japan."}
    client.post("/api/articles", json=changed, headers=auth)
    body = [ARTICLE, copy, {**changed, "text": "Cambodia thanked Japan again."}, {"id": "x"}]
    report = client.post("/api/articles", json=body, headers=auth).json()
    assert {k: v for k, v in report.items() if k != "rejected"} == {
        "added": 0, "updated": 1, "unchanged": 1, "duplicates": 1, "events": 0, "skipped": {},
        "summary": report["summary"]}
    assert report["summary"].startswith("0 added, 1 updated, 1 unchanged, 1 duplicate, 1 rejected; 0 events")
    assert [set(r) for r in report["rejected"]] == [{"line", "message"}]
    assert report["rejected"][0]["line"] == 4 and "text" in report["rejected"][0]["message"]
    amity.close()


def test_posted_articles_record_where_they_came_from(tmp_path: Path) -> None:
    amity, client = _parse_only_writer(tmp_path)
    client.post("/api/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert amity.store.article("posted-1").path == "POST /api/articles"
    amity.close()


def _asgi_post(app: object, parts: list[bytes]) -> tuple[int, dict[str, object]]:
    """POST the body to the ASGI app as separate ``http.request`` messages, one per part,
    the way a server hands over a chunked upload (the test client sends one piece)."""
    import asyncio

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/api/articles", "raw_path": b"/api/articles", "query_string": b"",
             "root_path": "", "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
             "headers": [(b"host", b"test"), (b"authorization", f"Bearer {TOKEN}".encode()),
                         (b"content-type", b"application/json"), (b"transfer-encoding", b"chunked")]}
    incoming = [{"type": "http.request", "body": part, "more_body": i < len(parts) - 1}
                for i, part in enumerate(parts)]
    sent: list[dict[str, object]] = []

    async def receive() -> dict[str, object]:
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))  # type: ignore[operator]
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")  # type: ignore[misc]
    return int(status), json.loads(body)  # type: ignore[call-overload]


def test_a_chunked_body_is_counted_across_chunks(tmp_path: Path) -> None:
    amity = Amity(f"sqlite:///{tmp_path / 'chunks.db'}", components=())
    app = create_app(amity, write_token=TOKEN, max_body_bytes=300)

    def parts(body: bytes) -> list[bytes]:
        return [body[i:i + 60] for i in range(0, len(body), 60)]  # every part under the limit

    status, data = _asgi_post(app, parts(_body_of_size(301)))
    assert status == 413 and data == {"error": {
        "type": "LimitError", "message": "request body is over the limit of 300 bytes", "code": "E105"}}
    status, data = _asgi_post(app, parts(_body_of_size(300)))
    assert status == 200 and data["added"] == 1
    amity.close()


def test_the_write_report_has_the_skipped_counts_the_cli_shows() -> None:
    from amity.api.write import ingest_records
    from amity.pipeline.report import IngestReport

    class Ingests:  # an Amity whose ingest left inputs out on purpose
        def ingest_records(self, records: list, origin: str) -> IngestReport:
            report = IngestReport(added=1)
            for why in ("not in English", "not in English", "WARC responses that are not an HTML page"):
                report.skipped[why] = report.skipped.get(why, 0) + 1
            return report

    reply = ingest_records(Ingests(), [{"id": "a", "text": "x"}])  # type: ignore[arg-type]
    assert reply["skipped"] == {"WARC responses that are not an HTML page": 1, "not in English": 2}
    assert reply["summary"].startswith("1 added, 0 updated, 0 unchanged, 0 duplicate, 0 rejected; "
                                       "1 skipped: WARC responses that are not an HTML page; "
                                       "2 skipped: not in English; 0 events")

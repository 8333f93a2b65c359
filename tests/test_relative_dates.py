"""Relative dates are read against the article's publication date, end to end: an article is
ingested through the whole pipeline and the stored events carry the grounded date.

Only the dates are pinned (the event codes are the coder's business and may change)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from amity.core import Amity

RECORDS = [
    {"id": "last-year-2015", "published": "2015-05-01", "title": "Aid",
     "text": "Japan provided aid to Cambodia last year, officials said."},
    {"id": "last-year-2020", "published": "2020-03-02", "title": "Aid again",
     "text": "Japan provided aid to Cambodia last year, officials said."},
    {"id": "last-month", "published": "2015-05-01", "title": "Criticism",
     "text": "Japan criticised Cambodia last month over the ban on the opposition party."},
    {"id": "last-december", "published": "2015-01-10", "title": "Loan",
     "text": "Japan signed a loan agreement with Cambodia last December."},
    {"id": "no-publication-date", "title": "Undated",
     "text": "Japan provided aid to Cambodia last year, the ministry said."},
]


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, set[tuple[str | None, str, str]]]]:
    """doc_name → the (date, precision, basis) of its stored events."""
    amity = Amity(f"sqlite:///{tmp_path_factory.mktemp('dates') / 'd.db'}")
    report = amity.ingest_records(RECORDS)
    assert (report.added, report.problems) == (len(RECORDS), [])
    out: dict[str, set[tuple[str | None, str, str]]] = {r["id"]: set() for r in RECORDS}
    for event in amity.events(include_nonfactual=True):
        out[event.doc_name].add((event.date, event.date_precision, event.date_basis))
    amity.close()
    yield out


@pytest.mark.parametrize(("doc", "expected"), [
    ("last-year-2015", ("2014", "year", "text")),
    ("last-year-2020", ("2019", "year", "text")),  # the same sentence, published later
    ("last-month", ("2015-04", "month", "text")),
    ("last-december", ("2014-12", "month", "text")),  # crosses the year boundary
])
def test_relative_dates_are_grounded_on_the_publication_date(
        dated: dict[str, set[tuple[str | None, str, str]]], doc: str, expected: tuple[str, str, str]) -> None:
    assert dated[doc], f"{doc}: the coder found no event in a plain aid sentence"
    assert dated[doc] == {expected}


def test_without_a_publication_date_last_year_stays_undated(
        dated: dict[str, set[tuple[str | None, str, str]]]) -> None:
    assert dated["no-publication-date"]
    assert {date for date, _, _ in dated["no-publication-date"]} == {None}


def test_a_relative_date_posted_through_the_api_is_grounded_too(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from amity.app import create_app

    amity = Amity(f"sqlite:///{tmp_path / 'api.db'}")
    client = TestClient(create_app(amity, write_token="t"), raise_server_exceptions=False)
    response = client.post("/api/articles", json=RECORDS[1], headers={"Authorization": "Bearer t"})
    assert response.status_code == 200 and response.json()["events"] >= 1
    events = client.get("/api/events", params={"doc": "last-year-2020", "all": True}).json()["events"]
    assert {(e["date"], e["date_precision"]) for e in events} == {("2019", "year")}
    amity.close()

"""Estimated publication dates (issue 17) through the store and the faces: stored and read
back, counted by ``amity stats``, marked in the CLI, badged on the dashboard with the
evidence on hover, carried by the exports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from amity.app import create_app
from amity.cli import cli
from amity.core import Amity
from amity.models import Article, CodedArticle
from tests.analysis.helpers import Ev, make_article

EVIDENCE = "Kishida Prime Minister 2021-10-04..2024-09-30; Hun Sen Prime Minister 1998-11-30..2023-08-22"
ESTIMATE = {"range": ["2021-10-04", "2023-09-21"], "guess": "2022-04-01", "evidence": EVIDENCE,
            "basis": "estimated"}


def _corpus() -> list[CodedArticle]:
    estimated = make_article("undated.txt", None, ["Japan praised Cambodia on Sunday."],
                             [Ev(0, "JPNGOV", "KHMGOV", "051", "2022", precision="year", basis="estimated")])
    estimated.article = estimated.article.with_estimate(ESTIMATE)
    undated = make_article("vague.txt", None, ["Japan threatened Cambodia."],
                           [Ev(0, "JPNGOV", "KHMGOV", "12", None, precision="unknown", basis="unknown")])
    undated.article = undated.article.with_estimate({"range": ["1985-01-14", "2023-09-21"], "guess": None,
                                                     "evidence": "Hun Sen Prime Minister", "basis": "unknown"})
    dated = make_article("dated.txt", "2015-05-01", ["Japan pledged aid to Cambodia."],
                         [Ev(0, "JPNGOV", "KHMGOV", "0711", "2015-05-01")])
    return [estimated, undated, dated]


@pytest.fixture
def amity(db_url: str) -> Iterator[Amity]:
    instance = Amity(db_url)
    instance.store.write(_corpus())
    yield instance
    instance.close()


def test_events_of_an_estimated_article_never_carry_the_guess_as_published() -> None:
    from amity.pipeline.coding import finalise_event

    article = Article("a.txt", "Japan praised Cambodia.").with_estimate(ESTIMATE)
    event = make_article("x.txt", None, ["Japan praised Cambodia."], [Ev(0, "JPN", "KHM", "051", "2022")]).events[0]
    assert finalise_event(event.to_dict(), article).published is None


def test_an_estimate_is_the_best_guess_with_its_range_and_evidence() -> None:
    article = Article("a.txt", "Text.").with_estimate(ESTIMATE)
    assert (article.published, article.published_basis) == ("2022-04-01", "estimated")
    assert article.published_range == ["2021-10-04", "2023-09-21"] and article.published_evidence == EVIDENCE
    assert article.stated_published is None  # never handed to the coder as if stated
    stated = Article("b.txt", "Text.", published="2015-05-01", published_basis="metadata")
    assert stated.with_estimate(ESTIMATE) is stated


def test_the_store_keeps_the_estimate_and_stats_count_estimated_and_undated(amity: Amity) -> None:
    stored = amity.article("undated.txt")
    assert stored.published_basis == "estimated" and stored.published == "2022-04-01"
    assert stored.published_range == ["2021-10-04", "2023-09-21"] and stored.published_evidence == EVIDENCE
    vague = amity.article("vague.txt")
    assert vague.published is None and vague.published_basis == "unknown"
    assert vague.published_evidence == "Hun Sen Prime Minister"  # why it stays undated
    stats = amity.stats()
    assert (stats["articles"], stats["articles_estimated"], stats["articles_undated"]) == (3, 1, 1)


def test_the_dashboard_badges_estimated_dates_with_the_evidence_on_hover(amity: Amity) -> None:
    client = TestClient(create_app(amity), raise_server_exceptions=False)
    events = client.get("/api/events").json()["events"]
    estimated = [e for e in events if e["date_basis"] == "estimated"]
    assert len(estimated) == 1 and EVIDENCE in estimated[0]["date_evidence"]
    assert all("date_evidence" not in e for e in events if e["date_basis"] != "estimated")
    page = client.get("/events").text
    assert 'class="flag estimated"' in page and "best guess 2022-04-01" in page
    article = client.get(f"/articles/{amity.article('undated.txt').doc_id}").text
    assert "2021-10-04 to 2023-09-21" in article and 'class="flag estimated"' in article


def test_the_cli_marks_estimated_dates_and_stats_counts_them(amity: Amity, monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    monkeypatch.setenv("AMITY_DB", amity.store.url)
    monkeypatch.setenv("AMITY_COMPONENTS", "none")
    runner = CliRunner()
    shown = runner.invoke(cli, ["events", "--doc", "undated.txt"], catch_exceptions=False).output
    assert "2022" in shown and "(est.)" in shown
    stats = json.loads(runner.invoke(cli, ["stats", "--json"], catch_exceptions=False).output)
    assert (stats["articles_estimated"], stats["articles_undated"]) == (1, 1)
    out = tmp_path / "events.jsonl"
    runner.invoke(cli, ["export", "--format", "jsonl", "-o", str(out)], catch_exceptions=False)
    exported = {r["doc_name"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert exported["undated.txt"]["date_basis"] == "estimated" and exported["undated.txt"]["date"] == "2022"
    assert exported["undated.txt"]["published"] is None  # the guess is never exported as a stated date

"""Content-hash dedup in the ingest run: the same text under two names is stored once and
counted as a duplicate in the report, within one run, across runs and across triage chunks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from amity.cli import cli
from amity.core import Amity, IngestReport
from amity.models import Article
from amity.pipeline import TRIAGE_CHUNK

TEXT = "Japan praised Cambodia for the election on Monday. Cambodia thanked Japan."
OTHER = "China pledged aid to Cambodia in 2019."


@pytest.fixture
def amity(tmp_path: Path) -> Amity:
    """Parse only (no coder): dedup is decided before any coding."""
    return Amity(f"sqlite:///{tmp_path / 'dedup.db'}", components=())


def stored_names(amity: Amity) -> list[str]:
    return sorted(a["doc_name"] for a in amity.store.list_articles(limit=1000))


def article(name: str, text: str = TEXT, published: str | None = "2020-01-06", title: str = "T") -> Article:
    return Article(name, text, title=title, published=published)


def test_triage_passes_the_first_of_two_same_texts_and_counts_the_other(amity: Amity) -> None:
    said: list[tuple[str, str]] = []
    report = IngestReport()
    passed = list(amity.triage([article("a.txt"), article("b.txt"), article("c.txt", OTHER)], report,
                               lambda kind, what, n: said.append((kind, what))))
    assert [a.doc_name for a in passed] == ["a.txt", "c.txt"]
    assert (report.duplicates, report.unchanged, len(report.problems)) == (1, 0, 0)
    assert said == [("skipped", "b.txt: same content as a.txt")]


def test_the_same_text_twice_in_one_run_is_stored_once(amity: Amity) -> None:
    report = amity.ingest_articles([article("a.txt"), article("b.txt"), article("c.txt", OTHER)])
    assert (report.added, report.updated, report.unchanged, report.duplicates) == (2, 0, 0, 1)
    assert "2 added, 0 updated, 0 unchanged, 1 duplicate, 0 rejected" in report.summary()
    assert stored_names(amity) == ["a.txt", "c.txt"]
    assert amity.stats()["articles"] == 2


def test_a_copy_ingested_in_a_later_run_is_a_duplicate_of_the_stored_one(amity: Amity) -> None:
    assert amity.ingest_articles([article("a.txt")]).added == 1
    later = amity.ingest_articles([article("copy-of-a.txt"), article("a.txt")])
    assert (later.added, later.unchanged, later.duplicates) == (0, 1, 1)
    assert stored_names(amity) == ["a.txt"]


def test_a_copy_far_apart_in_the_input_is_still_caught(amity: Amity) -> None:
    """More than one triage chunk between the two copies: the first is in the store or remembered."""
    fillers = [article(f"f{i:03d}.txt", f"Vietnam met Thailand on day {i}.") for i in range(TRIAGE_CHUNK + 5)]
    report = amity.ingest_articles([article("first.txt"), *fillers, article("last.txt")])
    assert (report.added, report.duplicates) == (TRIAGE_CHUNK + 6, 1)
    assert "last.txt" not in stored_names(amity) and "first.txt" in stored_names(amity)


def test_same_text_with_another_title_or_date_is_not_a_duplicate(amity: Amity) -> None:
    report = amity.ingest_articles([article("a.txt"), article("b.txt", title="Other title"),
                                    article("c.txt", published="2021-01-06")])
    assert (report.added, report.duplicates) == (3, 0)


def test_an_unchanged_article_is_unchanged_not_a_duplicate_of_itself(amity: Amity) -> None:
    amity.ingest_articles([article("a.txt")])
    again = amity.ingest_articles([article("a.txt")])
    assert (again.added, again.updated, again.unchanged, again.duplicates) == (0, 0, 1, 0)


def test_cli_reports_the_duplicate_and_stores_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMITY_DB", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("AMITY_COMPONENTS", "none")
    folder = tmp_path / "in"
    folder.mkdir()
    body = "Japan pledges aid\n\n" + TEXT + "\n"
    (folder / "a.txt").write_text(body)
    (folder / "b.txt").write_text(body)
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "w1", "title": "Japan pledges aid", "text": OTHER}) + "\n"
        + json.dumps({"id": "w2", "title": "Japan pledges aid", "text": OTHER}) + "\n")
    result = CliRunner().invoke(cli, ["ingest", "-q", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "2 added, 0 updated, 0 unchanged, 2 duplicate, 0 rejected" in result.stderr
    stats = json.loads(CliRunner().invoke(cli, ["stats", "--json"]).stdout)
    assert stats["articles"] == 2
    again = CliRunner().invoke(cli, ["ingest", "-q", str(folder)], catch_exceptions=False)
    assert "0 added, 0 updated, 2 unchanged, 2 duplicate" in again.stderr

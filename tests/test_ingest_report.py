"""The ingest report and progress lines: what `amity ingest` tells the user per article and
at the end (counts, events, interruption, time)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from amity.core import Amity, IngestReport
from amity.models import Article, CodedArticle
from tests.store.test_store import coded, make_event

TEXT = "Japan praised Cambodia for the election on Monday. Cambodia thanked Japan."


@pytest.fixture
def amity(tmp_path: Path) -> Iterator[Amity]:
    instance = Amity(f"sqlite:///{tmp_path / 'report.db'}", components=())  # parse only
    yield instance
    instance.close()


def test_progress_names_each_article_and_what_happened_to_it(amity: Amity) -> None:
    said: list[tuple[str, str, int]] = []
    amity.ingest_articles([Article("a.txt", TEXT, published="2020-01-06"),
                           Article("b.txt", TEXT, published="2020-01-06"),
                           Article("c.txt", "China met Vietnam.", published="2020-01-06")],
                          progress=lambda *line: said.append(line))
    assert said == [("skipped", "b.txt: same content as a.txt", 0), ("added", "a.txt", 0), ("added", "c.txt", 0)]
    said.clear()
    report = amity.ingest_articles([Article("c.txt", "China met Laos.", published="2020-01-06")],
                                   progress=lambda *line: said.append(line))
    assert said == [("updated", "c.txt", 0)] and (report.added, report.updated) == (0, 1)


def test_store_coded_counts_added_updated_and_events(amity: Amity) -> None:
    report = IngestReport()
    two = [coded("a.txt", "Japan met Cambodia.", [make_event("a.txt", "JPN", "KHM", "040", "2019"),
                                                  make_event("a.txt", "KHM", "JPN", "051", "2019")]),
           coded("b.txt", "China met Cambodia.", [make_event("b.txt", "CHN", "KHM", "040", "2019")])]
    said: list[tuple[str, str, int]] = []
    amity.store_coded(two, report, lambda *line: said.append(line))
    assert (report.added, report.updated, report.events) == (2, 0, 3)
    assert said == [("added", "a.txt", 2), ("added", "b.txt", 1)]
    again = [coded("b.txt", "China met Cambodia twice.", [make_event("b.txt", "CHN", "KHM", "040", "2019"),
                                                         make_event("b.txt", "CHN", "KHM", "043", "2019")])]
    amity.store_coded(again, report, lambda *line: said.append(line))
    assert (report.added, report.updated, report.events) == (2, 1, 5)
    assert said[-1] == ("updated", "b.txt", 2)
    assert report.summary().startswith("2 added, 1 updated, 0 unchanged, 0 duplicate, 0 rejected; 5 events in ")


def test_an_interrupted_ingest_says_so_and_keeps_what_it_stored(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    amity = Amity(f"sqlite:///{tmp_path / 'cut.db'}", components=(), articles_per_transaction=1)

    class CtrlCOnTheSecondArticle:  # an executor the user interrupts mid-run
        overlaps = False

        def code(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
            for n, article in enumerate(articles):
                if n == 1:
                    raise KeyboardInterrupt
                yield coded(article.doc_name, article.text, [])

    monkeypatch.setattr(amity, "executor", lambda cluster=None: CtrlCOnTheSecondArticle())
    report = amity.ingest_articles([Article(f"{n}.txt", f"Japan met Cambodia {n} times.") for n in range(3)])
    assert report.interrupted is True
    assert (report.added, [a["doc_name"] for a in amity.store.list_articles()]) == (1, ["0.txt"])
    amity.close()


def test_a_finished_ingest_is_not_interrupted_and_takes_the_time_it_took(amity: Amity) -> None:
    before = time.perf_counter()
    report = amity.ingest_articles([Article("a.txt", TEXT)])
    took = time.perf_counter() - before
    assert report.interrupted is False
    assert 0 <= report.seconds <= took

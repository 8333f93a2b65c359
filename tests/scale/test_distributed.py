"""The distributed engine stores exactly what a single-process ingest stores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from amity.core import Amity
from amity.errors import UsageError
from amity.models import Actor, Article, CodedArticle, Event, Sentence
from amity.pipeline.cluster import coded_from_dict, coded_to_dict, parse_cluster
from amity.store.schema import articles, events, mentions, sentences

WIRE = [
    {"id": "w1", "published": "2015-11-23", "title": "Loan",
     "text": "Japan agreed to provide a loan of $20 million to Cambodia on Saturday. "
             "Prime Minister Shinzo Abe met Hun Sen in Tokyo."},
    {"id": "w2", "published": "2017-11-17",
     "text": "The United States condemned the dissolution of the opposition party. "
             "Cambodia rejected the criticism on Friday."},
    {"id": "w3", "published": "2022-11-12",
     "text": "Fumio Kishida visited Phnom Penh and praised Cambodia for its role in ASEAN."},
    {"id": "w4-copy", "published": "2022-11-12",
     "text": "Fumio Kishida visited Phnom Penh and praised Cambodia for its role in ASEAN."},
]


def write_corpus(folder: Path) -> list[str]:
    folder.mkdir()
    lines = [json.dumps(r) for r in WIRE] + ["{not json"]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "note.txt").write_text(
        "China Pledges Aid\n\nPHNOM PENH, March 3, 2019 - China pledged $600 million in aid "
        "to Cambodia on Monday, officials said.\n", encoding="utf-8")
    return [str(folder)]


# What write_corpus must give, worked out by hand: w4-copy repeats w3 (a duplicate), the
# broken line 5 is rejected, note.txt's date comes from its dateline.
EXPECTED_ARTICLES = {  # doc_name: (title, published, published_basis, sentences)
    "w1": ("Loan", "2015-11-23", "metadata", 2),
    "w2": (None, "2017-11-17", "metadata", 2),
    "w3": (None, "2022-11-12", "metadata", 1),
    "note.txt": ("China Pledges Aid", "2019-03-03", "text", 1),
}


def assert_stored_as_expected(amity: Amity, report: Any) -> None:
    """The hand-built expectation, independent of any other run of the same code."""
    assert (report.added, report.updated, report.unchanged, report.duplicates) == (4, 0, 0, 1)
    assert [(Path(p.path).name, p.line) for p in report.problems] == [("wire.jsonl", 5)]
    stored = {a["doc_name"]: (a["title"], a["published"], a["published_basis"], a["n_sentences"])
              for a in amity.store.list_articles(limit=100)}
    assert stored == EXPECTED_ARTICLES
    found = amity.events(include_nonfactual=True)
    assert report.events == len(found) > 0
    assert len({e.event_id for e in found}) == len(found), "an event stored twice"
    for event in found:
        text = amity.store.article(event.doc_name).text
        assert event.doc_name in EXPECTED_ARTICLES and event.sentence in text
        assert 0 <= event.span[0] < event.span[1] <= len(text)
    per_doc = {name: sum(e.doc_name == name for e in found) for name in EXPECTED_ARTICLES}
    assert per_doc == {a["doc_name"]: a["n_events"] for a in amity.store.list_articles(limit=100)}


def table_rows(amity: Amity) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row that coding decides (no autoincrement ids, no timestamps)."""
    skip = {"id", "ingested_at", "coded_at"}
    out = {}
    with amity.store.engine.connect() as conn:
        for table in (articles, sentences, mentions, events):
            cols = [c for c in table.c if c.name not in skip]
            rows = conn.execute(select(*cols)).all()
            out[table.name] = sorted(tuple(json.dumps(v, sort_keys=True) for v in r) for r in rows)
    return out


def counts(report: Any) -> tuple[Any, ...]:
    return (report.added, report.updated, report.unchanged, report.duplicates, report.events,
            [str(p) for p in report.problems])


def test_local_cluster_stores_the_same_rows_and_event_ids(
        single: tuple[Amity, Any, list[str]], db_url: str) -> None:
    reference, ref_report, paths = single
    assert ref_report.events > 0, "the corpus must produce events for the comparison to mean much"
    amity = Amity(db_url)
    report = amity.ingest(paths, cluster="local:2")
    assert_stored_as_expected(amity, report)
    assert counts(report) == counts(ref_report)
    assert table_rows(amity) == table_rows(reference)
    ids = {e.event_id for e in amity.events(include_nonfactual=True)}
    assert ids == {e.event_id for e in reference.events(include_nonfactual=True)}
    again = amity.ingest(paths, cluster="local:2")  # idempotent, as a re-ingest is
    assert (again.added, again.updated, again.unchanged, again.duplicates, again.events) == (0, 0, 4, 1, 0)
    assert counts(again) == counts(reference.ingest(paths))
    amity.close()


def test_the_single_process_reference_is_itself_right(single: tuple[Amity, Any, list[str]]) -> None:
    amity, report, _ = single
    assert_stored_as_expected(amity, report)


def test_bad_cluster_specs_are_usage_errors() -> None:
    assert parse_cluster("local:3").workers == 3
    assert parse_cluster("tcp://scheduler:8786").address == "tcp://scheduler:8786"
    for bad in ("local:0", "cluster", "http://x:1", "local:two"):
        with pytest.raises(UsageError):
            parse_cluster(bad)


def test_coded_articles_cross_processes_as_json() -> None:
    article = Article("a1", "Japan praised Cambodia.", published="2020-01-02")
    actor = Actor("JPN", country="JPN", mention="Japan", start=0, end=5)
    event = Event("a1", actor, Actor("KHM", country="KHM"), "051", span=(0, 22), date="2020-01-02",
                  date_precision="day")
    coded = CodedArticle(article, [Sentence(0, 0, 23, article.text)], [actor], [event], "v1")
    back = coded_from_dict(json.loads(json.dumps(coded_to_dict(coded))))
    assert back == coded
    assert back.events[0].event_id == event.event_id

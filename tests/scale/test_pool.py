"""``n_process`` > 1: worker processes code articles; the store gets the same rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select

from amity.core import Amity
from amity.models import Article
from amity.pipeline import PoolExecutor
from amity.settings import Settings
from amity.store.schema import event_groups
from tests.scale.test_distributed import assert_stored_as_expected, counts, table_rows


def test_two_processes_store_the_same_rows_and_event_ids(
        single: tuple[Amity, Any, list[str]], tmp_path: Path) -> None:
    reference, ref_report, paths = single
    assert ref_report.events > 0
    amity = Amity(f"sqlite:///{tmp_path / 'pool.db'}", n_process=2, batch_size=1)
    report = amity.ingest(paths)
    assert_stored_as_expected(amity, report)
    assert counts(report) == counts(ref_report)
    assert table_rows(amity) == table_rows(reference)
    # merged as they were stored (refreshed batch by batch while the workers parse)
    assert _merged(amity) == _merged(reference)
    assert len(_merged(amity)) == ref_report.events, "every stored event is in a merge group"


def _merged(amity: Amity) -> list[tuple[str, list[str]]]:
    with amity.store.engine.connect() as conn:
        rows = conn.execute(select(event_groups.c.event_id, event_groups.c.group_id, event_groups.c.doc_names))
        return sorted((f"{r.event_id}>{r.group_id}", sorted(r.doc_names)) for r in rows)


def _articles(n: int, pulled: list[int]) -> Iterator[Article]:
    for i in range(n):
        pulled.append(i)
        yield Article(doc_name=f"a{i}", text=f"Japan praised Cambodia on Monday. Item {i}.",
                      published="2020-01-08")


def test_workers_return_articles_in_input_order_and_read_the_input_lazily() -> None:
    """A long input is not read ahead: memory stays bounded however many articles come."""
    pulled: list[int] = []
    settings = Settings(n_process=2, batch_size=2)
    stream = PoolExecutor(settings, processes=2, chunk=2).code(_articles(40, pulled))
    first = next(stream)
    assert first.article.doc_name == "a0"
    assert len(pulled) <= (2 * 2 + 2) * 2, f"read {len(pulled)} articles ahead of the first result"
    rest = [coded.article.doc_name for coded in stream]
    assert rest == [f"a{i}" for i in range(1, 40)]
    assert [e.cameo_root for e in first.events] == ["05"], "the workers ran the whole coder"


def test_copies_handed_to_different_workers_are_stored_once(tmp_path: Path) -> None:
    """Duplicates are decided before the workers: two copies in one batch, and one far apart."""
    amity = Amity(f"sqlite:///{tmp_path / 'dups.db'}", n_process=2, batch_size=1, components=())
    items = [Article(doc_name=f"a{i}", text=f"Japan praised Cambodia on Monday. Item {i}.", published="2020-01-08")
             for i in range(6)]
    copies = [Article(doc_name="copy-of-a1", text=items[1].text, published="2020-01-08"),
              Article(doc_name="copy-of-a4", text=items[4].text, published="2020-01-08")]
    report = amity.ingest_articles([items[0], items[1], copies[0], *items[2:], copies[1]])
    assert (report.added, report.duplicates) == (6, 2)
    names = sorted(a["doc_name"] for a in amity.store.list_articles(limit=100))
    assert names == [f"a{i}" for i in range(6)]
    assert {a["n_sentences"] for a in amity.store.list_articles(limit=100)} == {2}
    amity.close()

"""Web archives cut short and archives read again: a file that ends inside a record is one
problem line and the pages before the cut are stored; a page stored from the same record
is not extracted again. The tests write their own WARC files."""

from __future__ import annotations

from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

import amity.ingest.warc as warc
from amity import Amity
from amity.ingest.warc import CUT_SHORT
from amity.models import IngestProblem
from amity.settings import Settings
from tests.ingest.helpers import BODY_ONE, BODY_TWO, ingest
from tests.ingest.test_warc import PAGES, page, write_warc

TWO = PAGES[:2]  # https://news.example/a, then https://news.example/b (the last record)


def amity_at(url: str) -> Amity:
    return Amity(url, settings=Settings(components=()))


def record_starts(path: Path) -> list[tuple[str, int, int]]:
    """(type, offset, WARC Content-Length) of each record of a whole file."""
    with open(path, "rb") as handle:
        records = ArchiveIterator(handle)
        return [(r.rec_type, records.get_record_offset(), r.length) for r in records]


def cut_file(path: Path, keep: int) -> Path:
    cut = path.with_name("cut-" + path.name)
    cut.write_bytes(path.read_bytes()[:keep])
    return cut


def test_a_page_cut_short_is_one_line_and_the_pages_before_it_are_stored(db_url: str, tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "crawl.warc", TWO, gz=False)
    length = record_starts(whole)[-1][2]
    cut = cut_file(whole, whole.stat().st_size - 50)  # 4 bytes of record end, 46 of the page
    amity = amity_at(db_url)
    report = amity.ingest([str(cut)])
    assert (report.added, report.unchanged, report.duplicates) == (1, 0, 0)
    assert [str(p) for p in report.problems] == [
        f"{cut}: {CUT_SHORT}: the file ends inside the record of https://news.example/b "
        f"(46 of its {length} bytes missing); the records before it were read"]
    assert [a.doc_name for a in amity.store.iter_articles()] == ["https://news.example/a"]
    assert "1 added, 0 updated, 0 unchanged, 0 duplicate, 1 rejected" in report.summary()

    again = amity.ingest([str(cut)])  # the same cut file: the same one line, nothing stored twice
    assert (again.added, again.unchanged, len(again.problems)) == (0, 1, 1)
    done = amity.ingest([str(whole)])  # the whole file (the download finished): the cut page only
    assert (done.added, done.unchanged, done.duplicates, done.problems) == (1, 1, 0, [])
    texts = {a.doc_name: a.text for a in amity.store.iter_articles()}
    assert texts == {"https://news.example/a": BODY_ONE, "https://news.example/b": BODY_TWO}


def test_a_file_ending_inside_a_record_header_is_one_line(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "crawl.warc", TWO, gz=False)
    _type, start, _length = record_starts(whole)[-1]
    articles, problems = ingest(cut_file(whole, start + 40))  # "WARC/1.0 ... WARC-Record-ID: <urn:"
    assert [a.doc_name for a in articles] == ["https://news.example/a"]
    assert [p.message for p in problems] == [
        f"{CUT_SHORT}: the file ends inside the header of the record at byte {start}; "
        "the records before it were read"]


def test_a_gzip_file_missing_its_last_bytes_is_one_line_its_pages_whole(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "crawl.warc.gz", TWO)
    _type, start, _length = record_starts(whole)[-1]
    articles, problems = ingest(cut_file(whole, whole.stat().st_size - 4))  # in the gzip trailer
    assert [a.text for a in articles] == [BODY_ONE, BODY_TWO]
    assert [p.message for p in problems] == [
        f"{CUT_SHORT}: the file ends inside the gzip member of its last record (at byte {start})"]


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_every_cut_inside_the_last_record_is_one_line_and_never_half_a_page(tmp_path: Path, gz: bool) -> None:
    whole = write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), TWO, gz=gz)
    start, size = record_starts(whole)[-1][1], whole.stat().st_size
    # a plain WARC's record ends with CRLF CRLF after its block: missing, no page is lost
    for keep in range(start + 1, size if gz else size - 4, 3):
        articles, problems = ingest(cut_file(whole, keep))
        assert len(problems) == 1 and problems[0].message.startswith(CUT_SHORT), (keep, problems)
        assert not problems[0].skipped
        assert [a.text for a in articles] in ([BODY_ONE], [BODY_ONE, BODY_TWO]), keep


def test_a_page_stored_from_the_same_record_is_not_extracted_again(
        db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extracted: list[str] = []
    real = warc.read_html
    monkeypatch.setattr(warc, "read_html", lambda path, data, depth, origin: (
        extracted.append(origin.doc_name), real(path, data, depth, origin))[1])
    amity = amity_at(db_url)
    first = write_warc(tmp_path / "crawl.warc.gz", PAGES)
    assert amity.ingest([str(first)]).added == 2
    assert extracted == ["https://news.example/a", "https://news.example/b"]

    extracted.clear()
    again = amity.ingest([str(first)])
    assert (again.added, again.updated, again.unchanged, again.problems) == (0, 0, 2, [])
    assert extracted == []  # both pages found stored before extraction
    assert again.skipped == {warc.NOT_A_PAGE: 3}

    changed = ("https://news.example/b", "200 OK", "text/html", page("Next round", BODY_TWO, BODY_ONE[:60]))
    report = amity.ingest([str(write_warc(tmp_path / "later.warc.gz", [PAGES[0], changed]))])
    assert (report.unchanged, report.updated) == (1, 1) and extracted == ["https://news.example/b"]


def test_a_new_reader_extracts_every_page_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    amity = amity_at(f"sqlite:///{tmp_path / 'w.db'}")
    path = str(write_warc(tmp_path / "crawl.warc.gz", TWO))
    amity.ingest([path])
    monkeypatch.setattr(warc, "reader_version", lambda: "amity 9.9; trafilatura 9.9; codebook x")
    seen: list[str] = []
    real = warc.read_html
    monkeypatch.setattr(warc, "read_html", lambda path, data, depth, origin: (
        seen.append(origin.doc_name), real(path, data, depth, origin))[1])
    report = amity.ingest([path])
    assert len(seen) == 2 and report.unchanged == 2  # read again; the same text: unchanged
    seen.clear()
    assert amity.ingest([path]).unchanged == 2 and seen == []  # the new digests were kept
    stored = [a.meta["page_digest"] for a in amity.store.iter_articles()]
    assert report.problems == [] and len(set(stored)) == 2


def test_a_reader_without_the_store_reads_every_page(tmp_path: Path) -> None:
    articles, problems = ingest(write_warc(tmp_path / "crawl.warc.gz", TWO))
    assert len(articles) == 2 and not any(isinstance(p, IngestProblem) and not p.skipped for p in problems)
    assert all(len(a.meta["page_digest"]) == 40 for a in articles)

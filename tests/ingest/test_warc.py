"""Web archives: HTML pages answered 200 become articles, the rest is counted; re-reading
resumes; the same text twice is stored once. The tests write their own WARC files."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from amity import Amity
from amity.ingest.warc import NOT_A_PAGE, page_name
from amity.settings import Settings
from tests.ingest.helpers import BODY_ONE, BODY_TWO, ingest

Response = tuple[str, str, str, bytes]  # url, status line, content type, body


def page(title: str, *paragraphs: str, charset: str = "utf-8") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
    return html.encode(charset)


def write_warc(path: Path, responses: list[Response], gz: bool = True) -> Path:
    """A WARC file of a warcinfo record, then a request and a response record per page."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for url, status, content_type, body in responses:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=headers))
    return path


PAGES: list[Response] = [
    ("https://news.example/a", "200 OK", "text/html; charset=utf-8", page("Laos and Chile", BODY_ONE)),
    ("https://news.example/b", "200 OK", "text/html", page("Next round", BODY_TWO)),
    ("https://news.example/old", "301 Moved Permanently", "text/html", b"<html>moved</html>"),
    ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n"),
    ("https://news.example/gone", "404 Not Found", "text/html", page("Missing", BODY_ONE)),
]


def amity_at(tmp_path: Path) -> Amity:
    return Amity(f"sqlite:///{tmp_path / 'warc.db'}", settings=Settings(components=()))


def test_html_pages_with_status_200_are_articles_the_rest_is_counted(tmp_path: Path) -> None:
    warc = write_warc(tmp_path / "crawl.warc.gz", PAGES)
    articles, problems = ingest(warc)
    assert [a.doc_name for a in articles] == ["https://news.example/a", "https://news.example/b"]
    first = articles[0]
    assert (first.url, first.title, first.text) == ("https://news.example/a", "Laos and Chile", BODY_ONE)
    assert first.meta["format"] == "warc" and first.meta["warc_file"] == "crawl.warc.gz"
    assert first.meta["crawl_date"].startswith("20") and first.meta["warc_record_id"]
    assert [(p.message, p.skipped) for p in problems] == [(NOT_A_PAGE, True)] * 3

    report = amity_at(tmp_path).ingest([str(warc)])
    assert (report.added, report.problems, report.skipped) == (2, [], {NOT_A_PAGE: 3})
    assert f"3 skipped: {NOT_A_PAGE}" in report.summary()


def test_reading_the_archive_again_resumes_where_it_stopped(tmp_path: Path) -> None:
    amity = amity_at(tmp_path)
    part = write_warc(tmp_path / "part.warc", PAGES[:1], gz=False)  # what an interrupted run stored
    assert amity.ingest([str(part)]).added == 1
    report = amity.ingest([str(write_warc(tmp_path / "crawl.warc.gz", PAGES))])
    assert (report.unchanged, report.added) == (1, 1)
    again = amity.ingest([str(tmp_path / "crawl.warc.gz")])
    assert (again.unchanged, again.added, again.updated) == (2, 0, 0)


def test_the_same_text_at_two_addresses_is_stored_once(tmp_path: Path) -> None:
    copy = ("https://mirror.example/a", "200 OK", "text/html", PAGES[0][3])
    warc = write_warc(tmp_path / "crawl.warc.gz", [PAGES[0], copy])
    amity = amity_at(tmp_path)
    report = amity.ingest([str(warc)])
    assert (report.added, report.duplicates) == (1, 1)
    assert [a.doc_name for a in amity.store.iter_articles()] == ["https://news.example/a"]


def test_the_http_charset_decodes_the_page(tmp_path: Path) -> None:
    text = "The caf\u00e9 owner met the envoy at noon on Tuesday in Santiago."
    body = page("Caf\u00e9 talks", text, BODY_ONE, charset="cp1252")
    warc = write_warc(tmp_path / "c.warc.gz", [("https://news.example/c", "200 OK",
                                                "text/html; charset=windows-1252", body)])
    articles, problems = ingest(warc)
    assert problems == [] and articles[0].text.startswith(text)


def test_a_cut_short_archive_keeps_the_pages_before_the_cut(tmp_path: Path) -> None:
    cut = write_warc(tmp_path / "cut.warc.gz", PAGES[:2])  # one gzip member a record
    cut.write_bytes(cut.read_bytes()[:-300])  # into the last page's record
    articles, problems = ingest(cut)
    assert [a.doc_name for a in articles] == ["https://news.example/a"]
    assert [p.message.split(":")[0] for p in problems] == ["the archive is cut short"]


def test_not_an_archive_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("this is not a web archive\n")
    articles, problems = ingest(path)
    assert articles == []
    assert [p.message.split(":")[0] for p in problems] == ["not a readable WARC/ARC file"]


def test_a_very_long_address_is_cut_to_a_unique_name() -> None:
    long_a, long_b = "https://x.example/" + "a" * 600, "https://x.example/" + "a" * 599 + "b"
    assert len(page_name(long_a)) <= 480 and page_name(long_a) != page_name(long_b)
    assert page_name("https://x.example/a") == "https://x.example/a"

"""Web archives (``.warc``, ``.warc.gz``, ``.arc``, ``.arc.gz``, e.g. CC-NEWS): each HTML page
answered with status 200 is an article; the file is streamed, one record at a time.

A page's ``doc_name`` is its URL, so reading the same file again finds every stored page
unchanged (an interrupted ingest resumes where it stopped) and a page crawled again with a
new text updates it. The URL and the crawl date are kept (``url``, ``meta["crawl_date"]``).
Other responses (redirects, errors, images, scripts) are counted as skipped; request,
metadata and warcinfo records are not pages and are passed over.

A page stored from the same record (``meta["page_digest"]``: its payload, content type and
the reader's version) is not extracted again: the reader asks the store (``stored``) before
extracting, so a re-run over a big archive costs its decompression, not its extraction.
A file cut short (a download that stopped) is one problem line; the pages before the cut
are read, the page the cut falls in is not (never half a page).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import zlib
from collections.abc import Callable, Iterator
from typing import Any

from amity.errors import ReadProblem
from amity.ingest.html import PageOrigin, read_html
from amity.ingest.limits import IngestLimits
from amity.models import Article, IngestProblem, ReadItem, Unchanged, stable_hash

NOT_A_PAGE = "WARC responses that are not an HTML page with status 200"
CUT_SHORT = "the archive is cut short"
HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_NAME = 480  # doc_name is at most 500 characters in the store
# "is the page of this doc_name stored from a record of this digest?" (the store answers)
StoredPage = Callable[[str, str], bool]


def iter_warc(path: str, limits: IngestLimits,
              stored: StoredPage | None = None) -> Iterator[ReadItem]:
    """The pages of one WARC/ARC file, in file order; a bad record is one problem, and so is
    a file cut short (the pages before the cut are read, the cut one is not). A page
    ``stored`` from the same record is not extracted again: it is :class:`Unchanged`."""
    from warcio.archiveiterator import ArchiveIterator

    if not _looks_like_archive(path):
        yield IngestProblem(path, "not a readable WARC/ARC file: it does not start with a "
                            "WARC or ARC header")
        return
    reader = _Reader(path, limits, stored)
    with open(path, "rb") as handle:
        records = ArchiveIterator(handle, arc2warc=True)
        try:
            yield from reader.pages(records)
            why = None if reader.cut else _unfinished(path, records, reader.last)
        except (EOFError, zlib.error, gzip.BadGzipFile) as err:
            why = f"{CUT_SHORT} or corrupt: {_first_line(err)}"
        except Exception as err:  # noqa: BLE001 - warcio's ArchiveLoadFailed, or its errors on a cut header
            why = _unreadable(path, records, reader.last, err)
    if why and not reader.cut:  # one line for a file: a cut record is said once
        yield IngestProblem(path, why)


def _unreadable(path: str, records: Any, last: Any, err: Exception) -> str:
    if last is None:  # the first record: not an archive
        return f"not a readable WARC/ARC file: {_first_line(err)}"
    if _header_cut(path, records.offset):
        return header_cut(records.offset)
    return (f"{CUT_SHORT} or corrupt: the record at byte {records.offset} cannot be read "
            f"({type(err).__name__}: {_first_line(err)}); the records before it were read")


def header_cut(offset: int) -> str:
    return (f"{CUT_SHORT}: the file ends inside the header of the record at byte {offset}; "
            "the records before it were read")


def _header_cut(path: str, offset: int) -> bool:
    """Whether the file ends inside the record header at ``offset`` (no blank line ends it)."""
    with open(path, "rb") as handle:
        handle.seek(offset)
        raw = handle.read(1 << 16)
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw)
        except zlib.error:
            return False
    return b"\n\r\n" not in raw and b"\n\n" not in raw


class _Reader:
    """The response records of one file to pages; remembers the last record and a cut."""

    def __init__(self, path: str, limits: IngestLimits, stored: StoredPage | None) -> None:
        self.path, self.limits, self.stored = path, limits, stored
        self.version = reader_version() if stored else ""
        self.last: Any = None
        self.cut = False  # the last response's own record was found cut short (and said so)

    def pages(self, records: Any) -> Iterator[ReadItem]:
        """The response records' pages; stops at a record whose header is cut in two (its
        length then is missing or 0: those of a whole record are checked for the cut)."""
        for record in records:
            self.last = record
            if not record.length and _header_cut(self.path, records.offset):
                self.cut = True
                yield IngestProblem(self.path, header_cut(records.offset))
                return
            if record.rec_type == "response":
                yield self.response(record)

    def response(self, record: Any) -> ReadItem:
        url = record.rec_headers.get_header("WARC-Target-URI") or ""
        headers = record.http_headers
        content_type = (headers.get_header("Content-Type") or "") if headers else ""
        if headers is None or headers.get_statuscode() != "200" or not _is_html(content_type):
            return self.cut_short(record, url) or IngestProblem(self.path, NOT_A_PAGE, skipped=True)
        data = record.content_stream().read(self.limits.max_file_bytes + 1)
        if len(data) > self.limits.max_file_bytes:
            return IngestProblem(self.path, f"{url}: page over the limit "
                                 f"max_file_bytes={self.limits.max_file_bytes}")
        if cut := self.cut_short(record, url):
            return cut
        name = page_name(url or f"{os.path.basename(self.path)}#{_record_id(record)}")
        digest = self.digest(content_type, data)
        if self.stored and self.stored(name, digest):
            return Unchanged(self.path, name)
        return self.page(record, url, name, content_type, data, digest)

    def cut_short(self, record: Any, url: str) -> IngestProblem | None:
        """The problem of a record the file ends inside (read to its end first), or None."""
        if not (missing := _missing_bytes(record)):
            return None
        self.cut = True
        return IngestProblem(self.path, f"{CUT_SHORT}: the file ends inside the record of "
                             f"{url or _record_id(record)} ({missing} of its {record.length} "
                             "bytes missing); the records before it were read")

    def digest(self, content_type: str, data: bytes) -> str:
        """What the page's stored text was extracted from: the payload, its type, the reader."""
        return hashlib.sha1(b"\0".join((self.version.encode(), content_type.encode(), data)),
                            usedforsecurity=False).hexdigest()

    def page(self, record: Any, url: str, name: str, content_type: str, data: bytes,
             digest: str) -> Article | IngestProblem:
        origin = PageOrigin(
            doc_name=name, url=url or None, charset=_charset(content_type), fmt="warc",
            meta={"crawl_date": record.rec_headers.get_header("WARC-Date"),
                  "warc_file": os.path.basename(self.path), "warc_record_id": _record_id(record),
                  "page_digest": digest},
        )
        try:
            return read_html(self.path, data, self.limits.max_html_depth, origin)
        except ReadProblem as err:
            return IngestProblem(self.path, f"{url}: {err.message}")
        except Exception as err:  # noqa: BLE001 - one bad page must never stop the archive
            return IngestProblem(self.path, f"{url}: cannot read: unexpected {type(err).__name__}: {err}")


def reader_version() -> str:
    """What a page's text depends on besides its bytes: amity, trafilatura, the codebook
    (boilerplate rules); a change of any extracts every page again."""
    import trafilatura

    from amity import __version__
    from amity.codebook import current

    return f"amity {__version__}; trafilatura {trafilatura.__version__}; codebook {current().digest}"


def _missing_bytes(record: Any) -> int:
    """Bytes of the record's block the file does not have (0 for a whole record)."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return int(getattr(raw, "limit", 0))


def _unfinished(path: str, records: Any, last: Any) -> str | None:
    """Why the file did not end after a whole record, or None when it did."""
    if last is not None and (missing := int(getattr(last.raw_stream, "limit", 0))):
        return (f"{CUT_SHORT}: the file ends inside its last record, a {last.rec_type} ({missing} of its "
                f"{last.length} bytes missing); the records before it were read")
    size = os.path.getsize(path)
    if records.offset < size:
        return (f"{CUT_SHORT}: the file ends inside a record at byte {records.offset} of {size}; "
                "the records before it were read")
    start = records.member_info[0] if records.member_info else None
    if start is not None and _is_gzip(path) and not _member_ends(path, start):
        return f"{CUT_SHORT}: the file ends inside the gzip member of its last record (at byte {start})"
    return None


def _is_gzip(path: str) -> bool:
    with open(path, "rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


def _member_ends(path: str, start: int) -> bool:
    """Whether the gzip member at ``start`` (the last record's) reaches its end."""
    member = zlib.decompressobj(16 + zlib.MAX_WBITS)
    with open(path, "rb") as handle:
        handle.seek(start)
        while not member.eof and (chunk := handle.read(1 << 16)):
            try:
                member.decompress(chunk)
            except zlib.error:
                return False
    return member.eof


def _looks_like_archive(path: str) -> bool:
    """A WARC starts with ``WARC/``, an ARC with ``filedesc://`` (gzipped or not)."""
    with open(path, "rb") as handle:
        start = handle.read(2)
        handle.seek(0)
        head = gzip.GzipFile(fileobj=handle).read(16) if start == b"\x1f\x8b" else handle.read(16)
    return head.startswith((b"WARC/", b"filedesc://"))


def page_name(url: str) -> str:
    """The page's ``doc_name``: its URL, cut and made unique by a hash when very long."""
    return url if len(url) <= MAX_NAME else f"{url[:MAX_NAME - 17]}#{stable_hash(url)}"


def _record_id(record: Any) -> str:
    return str(record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")


def _is_html(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in HTML_TYPES


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    return None


def _first_line(err: Exception) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]

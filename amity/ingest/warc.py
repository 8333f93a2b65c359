"""Web archives (``.warc``, ``.warc.gz``, ``.arc``, ``.arc.gz``, e.g. CC-NEWS): each HTML page
answered with status 200 is an article; the file is streamed, one record at a time.

A page's ``doc_name`` is its URL, so reading the same file again finds every stored page
unchanged (an interrupted ingest resumes where it stopped) and a page crawled again with a
new text updates it. The URL and the crawl date are kept (``url``, ``meta["crawl_date"]``).
Other responses (redirects, errors, images, scripts) are counted as skipped; request,
metadata and warcinfo records are not pages and are passed over.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterator
from typing import Any

from amity.errors import ReadProblem
from amity.ingest.html import PageOrigin, read_html
from amity.ingest.limits import IngestLimits
from amity.models import Article, IngestProblem, stable_hash

NOT_A_PAGE = "WARC responses that are not an HTML page with status 200"
HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_NAME = 480  # doc_name is at most 500 characters in the store


def iter_warc(path: str, limits: IngestLimits) -> Iterator[Article | IngestProblem]:
    """The pages of one WARC/ARC file, in file order; a bad record is one problem."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if not _looks_like_archive(path):
        yield IngestProblem(path, "not a readable WARC/ARC file: it does not start with a "
                            "WARC or ARC header")
        return
    with open(path, "rb") as handle:
        try:
            for record in ArchiveIterator(handle, arc2warc=True):
                if record.rec_type == "response":
                    yield _response(path, record, limits)
        except ArchiveLoadFailed as err:
            yield IngestProblem(path, f"not a readable WARC/ARC file: {_first_line(err)}")
        except (EOFError, zlib.error, gzip.BadGzipFile) as err:
            yield IngestProblem(path, f"the archive is cut short or corrupt: {_first_line(err)}")


def _looks_like_archive(path: str) -> bool:
    """A WARC starts with ``WARC/``, an ARC with ``filedesc://`` (gzipped or not)."""
    with open(path, "rb") as handle:
        start = handle.read(2)
        handle.seek(0)
        head = gzip.GzipFile(fileobj=handle).read(16) if start == b"\x1f\x8b" else handle.read(16)
    return head.startswith((b"WARC/", b"filedesc://"))


def _response(path: str, record: Any, limits: IngestLimits) -> Article | IngestProblem:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    headers = record.http_headers
    content_type = (headers.get_header("Content-Type") or "") if headers else ""
    if headers is None or headers.get_statuscode() != "200" or not _is_html(content_type):
        return IngestProblem(path, NOT_A_PAGE, skipped=True)
    data = record.content_stream().read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        return IngestProblem(path, f"{url}: page over the limit max_file_bytes={limits.max_file_bytes}")
    origin = PageOrigin(
        doc_name=page_name(url or f"{os.path.basename(path)}#{_record_id(record)}"),
        url=url or None, charset=_charset(content_type), fmt="warc",
        meta={"crawl_date": record.rec_headers.get_header("WARC-Date"),
              "warc_file": os.path.basename(path), "warc_record_id": _record_id(record)},
    )
    try:
        return read_html(path, data, limits.max_html_depth, origin)
    except ReadProblem as err:
        return IngestProblem(path, f"{url}: {err.message}")
    except Exception as err:  # noqa: BLE001 - one bad page must never stop the archive
        return IngestProblem(path, f"{url}: cannot read: unexpected {type(err).__name__}: {err}")


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

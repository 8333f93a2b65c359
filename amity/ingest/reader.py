"""``iter_articles``: every input file to articles, every bad input to one problem."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from amity.errors import FieldProblem, ReadProblem
from amity.ingest.decode import os_error_message, read_limited
from amity.ingest.feeds import iter_feed
from amity.ingest.html import read_html
from amity.ingest.limits import IngestLimits
from amity.ingest.paths import expand_paths, file_format
from amity.ingest.plaintext import read_plain
from amity.ingest.records import iter_csv, iter_jsonl
from amity.ingest.warc import StoredPage, iter_warc
from amity.models import IngestProblem, ReadItem


def iter_articles(
    paths: Sequence[str], limits: IngestLimits | None = None, stored: StoredPage | None = None
) -> Iterator[ReadItem]:
    """Stream articles from files, folders and globs, file by file, in order.

    Never raises for a bad input: each unreadable file, or bad JSONL line / CSV row, is
    one :class:`IngestProblem` and the rest of the batch goes on. ``stored`` tells whether
    a WARC page is stored from the same record: such a page is ``Unchanged``, not read.
    """
    limits = limits or IngestLimits()
    for item in expand_paths(paths):
        if isinstance(item, IngestProblem):
            yield item
        else:
            yield from read_file(item, limits, stored)


def read_file(path: str, limits: IngestLimits | None = None,
              stored: StoredPage | None = None) -> Iterator[ReadItem]:
    """The articles of one file (many for .jsonl/.csv, WARC files and feeds), or the
    problems with it."""
    limits = limits or IngestLimits()
    fmt = file_format(path)
    try:
        if fmt == "jsonl":
            yield from iter_jsonl(path, limits)
        elif fmt == "csv":
            yield from iter_csv(path, limits)
        elif fmt == "html":
            yield read_html(path, read_limited(path, limits.max_file_bytes), limits.max_html_depth)
        elif fmt == "warc":
            yield from iter_warc(path, limits, stored)
        elif fmt == "feed":
            yield from iter_feed(path, read_limited(path, limits.max_file_bytes))
        elif fmt in ("txt", "md"):
            yield read_plain(path, read_limited(path, limits.max_file_bytes), fmt)
        else:
            yield IngestProblem(path, "unsupported file type")
    except ReadProblem as err:
        yield IngestProblem(path, err.message, err.line)
    except FieldProblem as err:
        yield IngestProblem(path, str(err))
    except OSError as err:
        yield IngestProblem(path, os_error_message(err))
    except Exception as err:  # noqa: BLE001 - a bad input must never stop the batch
        yield IngestProblem(path, f"cannot read: unexpected {type(err).__name__}: {err}")

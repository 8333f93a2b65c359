"""Many articles per file: JSON Lines (``.jsonl``) and CSV (``.csv``), read as streams.

A broken line or row is one ``IngestProblem`` with its line number; the other lines load.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from amity.errors import FieldProblem, ReadProblem
from amity.ingest.build import build_article
from amity.ingest.decode import iter_decoded_lines, open_binary
from amity.ingest.fields import metadata_from, required_id, required_text
from amity.ingest.limits import IngestLimits
from amity.ingest.normalize import normalize_text, split_paragraphs
from amity.models import Article, IngestProblem

_BYTES_PER_CHAR = 4


def record_article(
    path: str, record: Mapping[str, Any], line: int, fmt: str
) -> Article | IngestProblem:
    """One JSONL object or CSV row as an article, or the problem with it."""
    try:
        doc_name = required_id(record)
        text = required_text(record)
        metadata = metadata_from(record)
        blocks = split_paragraphs(normalize_text(text))
        # a record's text often starts with the page's headline: taken out, not coded
        return build_article(doc_name, path, fmt, blocks, metadata, find_title=True, title_fallback=False)
    except (FieldProblem, ReadProblem) as err:
        return IngestProblem(path, str(err), line)


def iter_jsonl(path: str, limits: IngestLimits) -> Iterator[Article | IngestProblem]:
    """Articles of a JSON Lines file, one per non-blank line."""
    max_chars = limits.max_line_chars
    with open_binary(path) as handle:
        lines = iter_decoded_lines(handle, max_chars * _BYTES_PER_CHAR)
        numbered = ((n, text, too_long) for n, (text, too_long) in enumerate(lines, 1))
        records = (
            (n, text, too_long) for n, text, too_long in numbered if too_long or text.strip()
        )
        yield from _limited(
            path,
            (_jsonl_line(path, n, text, too_long, max_chars) for n, text, too_long in records),
            limits,
        )


def _jsonl_line(
    path: str, number: int, text: str, too_long: bool, max_chars: int
) -> Article | IngestProblem:
    if too_long or len(text) > max_chars:
        return IngestProblem(path, f"line is over the limit max_line_chars={max_chars}", number)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        return IngestProblem(path, f"not valid JSON: {err.msg} (column {err.colno})", number)
    except (ValueError, RecursionError) as err:  # a 5,000-digit number, [[[[... 100,000 deep
        return IngestProblem(path, f"not valid JSON: {_short_reason(err)}", number)
    if not isinstance(record, dict):
        return IngestProblem(path, 'expected a JSON object like {"id": ..., "text": ...}', number)
    return record_article(path, record, number, "jsonl")


def _short_reason(err: Exception) -> str:
    if isinstance(err, RecursionError):
        return "nested too deeply"
    return str(err).split(";")[0][:120]


def iter_csv(path: str, limits: IngestLimits) -> Iterator[Article | IngestProblem]:
    """Articles of a CSV file with a header row (``id`` and ``text`` columns required)."""
    _raise_field_limit(limits.max_line_chars)
    with open_binary(path) as handle:
        lines = (text for text, _ in iter_decoded_lines(handle))
        reader = csv.reader(lines)
        header = _csv_header(reader)
        yield from _limited(path, _csv_rows(path, reader, header), limits)


def _raise_field_limit(max_chars: int) -> None:
    """Allow fields as big as a line may be (the csv default of 128 KiB is too small)."""
    wanted = min(max(max_chars, csv.field_size_limit()), sys.maxsize)
    csv.field_size_limit(wanted)


def _csv_header(reader: Any) -> list[str]:
    try:
        header = next(reader)
    except StopIteration as err:
        raise ReadProblem("empty file") from err
    except csv.Error as err:
        raise ReadProblem(f"not a readable CSV header: {err}") from err
    names = [name.strip().lstrip("\ufeff").lower() for name in header]
    for required in ("text", "id"):
        if required not in names:
            shown = ", ".join(name for name in names if name) or "none"
            raise ReadProblem(f'no "{required}" column in the CSV header (columns: {shown})', 1)
    return names


def _csv_rows(path: str, reader: Any, header: list[str]) -> Iterator[Article | IngestProblem]:
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield IngestProblem(path, f"CSV error, rest of the file skipped: {err}", start)
            return
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            yield IngestProblem(
                path, f"row has {len(row)} fields, the header has {len(header)}", start
            )
            continue
        record = {name: cell for name, cell in zip(header, row, strict=False) if name}
        yield record_article(path, record, start, "csv")


def _limited(
    path: str, items: Iterable[Article | IngestProblem], limits: IngestLimits
) -> Iterator[Article | IngestProblem]:
    """Stop after ``max_articles_per_file`` articles, saying so."""
    count = 0
    for item in items:
        if isinstance(item, Article):
            if count >= limits.max_articles_per_file:
                limit = limits.max_articles_per_file
                yield IngestProblem(
                    path,
                    f"stopped after {limit} articles: over the limit max_articles_per_file={limit}",
                )
                return
            count += 1
        yield item

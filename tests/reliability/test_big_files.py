"""Big inputs: over the limit is one clear line naming it; a big JSONL streams line by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from amity.ingest import IngestLimits
from amity.models import Article, IngestProblem
from tests.reliability.helpers import SLOW, check_items, read_all

MB = 1024 * 1024
PARAGRAPH = "Japan pledged aid to Cambodia for the new bridge over the Mekong. " * 8 + "\n\n"


def write_text(path: Path, size: int) -> Path:
    with path.open("w") as fh:
        written = 0
        while written < size:
            fh.write(PARAGRAPH)
            written += len(PARAGRAPH)
    return path


def write_jsonl(path: Path, size: int, line_chars: int = 50_000) -> int:
    text = (PARAGRAPH * (line_chars // len(PARAGRAPH) + 1))[:line_chars]
    n = 0
    with path.open("w") as fh:
        while n * line_chars < size:
            fh.write(json.dumps({"id": f"a{n}", "text": text, "published": "2019-01-01"}) + "\n")
            n += 1
    return n


def over_the_limit(tmp_path: Path, size: int, limit: int) -> None:
    for name in ("big.txt", "big.html", "big.md"):
        path = write_text(tmp_path / name, size)
        items = read_all(path, IngestLimits(max_file_bytes=limit))
        check_items(items)
        assert len(items) == 1 and isinstance(items[0], IngestProblem)
        assert f"max_file_bytes={limit}" in str(items[0]) and "\n" not in str(items[0])


def streams_under_the_line_limit(tmp_path: Path, size: int) -> None:
    path = tmp_path / "big.jsonl"
    n = write_jsonl(path, size)
    assert path.stat().st_size >= size
    count = 0
    for item in read_all(path, IngestLimits(max_file_bytes=MB)):  # whole-file limit is not used
        assert isinstance(item, Article), item
        count += 1
    assert count == n


def test_5mb_file_over_a_4mb_limit_is_one_problem(tmp_path: Path) -> None:
    over_the_limit(tmp_path, 5 * MB, 4 * MB)


def test_5mb_jsonl_streams_every_line(tmp_path: Path) -> None:
    streams_under_the_line_limit(tmp_path, 5 * MB)


@pytest.mark.slow
@SLOW
def test_50mb_file_over_the_default_limit_is_one_problem(tmp_path: Path) -> None:
    over_the_limit(tmp_path, 51 * MB, IngestLimits().max_file_bytes)


@pytest.mark.slow
@SLOW
def test_50mb_jsonl_streams_every_line(tmp_path: Path) -> None:
    streams_under_the_line_limit(tmp_path, 50 * MB)

"""Bad inputs: one IngestProblem each, and the batch goes on."""

from __future__ import annotations

import builtins
import os
from pathlib import Path
from typing import Any

import pytest

from amity.ingest import iter_articles
from tests.ingest.helpers import BODY_ONE, ingest, write


def test_binary_file_named_txt(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    articles, problems = ingest(write(tmp_path, "image.txt", png))
    assert articles == []
    assert [p.message for p in problems] == ["looks like a binary file, not text"]


@pytest.mark.parametrize("content", [b"", b"  \n\n\t \r\n"])
def test_empty_or_whitespace_file(tmp_path: Path, content: bytes) -> None:
    articles, problems = ingest(write(tmp_path, "empty.txt", content))
    assert articles == []
    assert [p.message for p in problems] == ["empty file"]


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    articles, problems = ingest(missing)
    assert articles == []
    assert [(p.path, p.message) for p in problems] == [(str(missing), "no such file or folder")]


def test_folder_without_articles(tmp_path: Path) -> None:
    write(tmp_path, "docs/readme.pdf", b"%PDF-1.4")
    write(tmp_path, "docs/.hidden.txt", BODY_ONE)
    articles, problems = ingest(tmp_path / "docs")
    assert articles == []
    assert len(problems) == 1
    assert problems[0].message.startswith(
        "no articles found (looked for .txt, .md, .html, .htm, .jsonl, .csv, .warc, .warc.gz, .arc, "
        ".arc.gz, .rss, .atom, .xml)"
    )


def test_unsupported_file_named_directly(tmp_path: Path) -> None:
    _, problems = ingest(write(tmp_path, "report.pdf", b"%PDF-1.4"))
    assert "unsupported file type .pdf" in problems[0].message


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read chmod 000 files"
)
def test_unreadable_file_chmod(tmp_path: Path) -> None:
    path = write(tmp_path, "locked.txt", BODY_ONE)
    path.chmod(0)
    try:
        _, problems = ingest(path)
    finally:
        path.chmod(0o644)
    assert [p.message for p in problems] == ["cannot read: permission denied"]


def test_unreadable_file_permission_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(tmp_path, "locked.txt", BODY_ONE)
    fine = write(tmp_path, "fine.txt", "Fine Title\n\n" + BODY_ONE)
    real_open = builtins.open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    articles, problems = ingest(locked, fine)
    assert [(p.path, p.message) for p in problems] == [
        (str(locked), "cannot read: permission denied")
    ]
    assert [a.doc_name for a in articles] == ["fine.txt"]


def test_batch_goes_on_after_every_kind_of_problem(tmp_path: Path) -> None:
    write(tmp_path, "in/a_bin.txt", b"\x00\x01\x02\x03" * 50)
    write(tmp_path, "in/b_empty.md", b"")
    write(tmp_path, "in/c_bad.jsonl", b"{oops\n")
    write(tmp_path, "in/d_nocol.csv", "id,body\n1,x\n")
    write(tmp_path, "in/e_good.txt", "Good One\n\n" + BODY_ONE)
    items = list(iter_articles([str(tmp_path / "missing"), str(tmp_path / "in")]))
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["IngestProblem"] * 5 + ["Article"]


def test_files_are_read_lazily(tmp_path: Path) -> None:
    first = write(tmp_path, "one.txt", "First\n\n" + BODY_ONE)
    second = tmp_path / "two.txt"
    stream = iter_articles([str(first), str(second)])
    assert getattr(next(stream), "doc_name", None) == "one.txt"
    write(tmp_path, "two.txt", "Second\n\n" + BODY_ONE)  # created after the first article came out
    assert [getattr(item, "doc_name", None) for item in stream] == ["two.txt"]


def test_a_csv_header_cell_with_a_newline_is_still_one_line(tmp_path: Path) -> None:
    """Found by the fuzz run: a quoted header cell holding a newline made a two-line problem."""
    articles, problems = ingest(write(tmp_path, "feed.csv", b'id,"tit\nle"\n1,hello\n'))
    assert articles == []
    assert [str(p) for p in problems] == [
        f'{tmp_path / "feed.csv"}:1: no "text" column in the CSV header (columns: id, tit\\nle)']

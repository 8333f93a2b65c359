"""expand_paths: files, folders and globs."""

from __future__ import annotations

from pathlib import Path

from amity.ingest import expand_paths
from amity.models import IngestProblem
from tests.ingest.helpers import write


def _names(items: list[str | IngestProblem]) -> list[str]:
    return [Path(item).name for item in items if isinstance(item, str)]


def test_folder_is_walked_recursively_sorted_and_filtered(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a.md",
        "sub/c.jsonl",
        "sub/d.HTML",
        "notes.pdf",
        ".secret.txt",
        ".git/e.txt",
    ]:
        write(tmp_path, name, "x")
    items = list(expand_paths([str(tmp_path)]))
    assert _names(items) == ["a.md", "b.txt", "c.jsonl", "d.HTML"]


def test_glob_and_duplicates(tmp_path: Path) -> None:
    for name in ["x1.txt", "x2.txt", "y.csv"]:
        write(tmp_path, name, "x")
    items = list(expand_paths([str(tmp_path / "x*.txt"), str(tmp_path / "x1.txt")]))
    assert _names(items) == ["x1.txt", "x2.txt"]


def test_glob_matching_nothing(tmp_path: Path) -> None:
    items = list(expand_paths([str(tmp_path / "*.jsonl")]))
    assert len(items) == 1 and isinstance(items[0], IngestProblem)

"""Expanding the user's inputs (files, folders, globs) into article files."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence

from amity.models import IngestProblem

EXTENSIONS = (".txt", ".md", ".html", ".htm", ".jsonl", ".csv", ".warc", ".warc.gz", ".arc",
              ".arc.gz", ".rss", ".atom", ".xml")
_FORMATS = {".htm": "html", ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
            ".rss": "feed", ".atom": "feed", ".xml": "feed"}
NO_ARTICLES = "no articles found (looked for " + ", ".join(EXTENSIONS) + ")"
_GLOB_CHARS = set("*?[")


def file_format(path: str) -> str | None:
    """``txt``, ``md``, ``html``, ``jsonl``, ``csv``, ``warc`` (WARC/ARC, gzipped or not) or
    ``feed`` (RSS/Atom) from the extension, else None."""
    ext = extension(path)
    if ext not in EXTENSIONS:
        return None
    return _FORMATS.get(ext, ext[1:])


def extension(path: str) -> str:
    """The file's extension, lower case, two parts for a gzipped archive (``.warc.gz``)."""
    stem, ext = os.path.splitext(path.lower())
    if ext == ".gz":
        ext = os.path.splitext(stem)[1] + ext
    return ext


def expand_paths(paths: Sequence[str]) -> Iterator[str | IngestProblem]:
    """Article files from files, folders (recursive, sorted) and globs, each once.

    Inside folders and glob matches, hidden entries and other extensions are skipped.
    A missing path, a glob that matches nothing, a folder without articles or a file
    named directly with an unsupported extension is one ``IngestProblem``.
    """
    seen: set[str] = set()
    for path in paths:
        found = complained = False
        for item in _expand_one(path):
            if isinstance(item, IngestProblem):
                complained = True
                yield item
                continue
            found = True
            key = os.path.realpath(item)
            if key not in seen:
                seen.add(key)
                yield item
        if not found and not complained:
            yield IngestProblem(path, NO_ARTICLES)


def _expand_one(path: str) -> Iterator[str | IngestProblem]:
    if os.path.isdir(path):
        yield from walk_folder(path)
    elif os.path.exists(path) or os.path.islink(path):
        yield path if file_format(path) else _unsupported(path)
    elif _GLOB_CHARS.intersection(path):
        yield from _expand_glob(path)
    else:
        yield IngestProblem(path, "no such file or folder")


def _unsupported(path: str) -> IngestProblem:
    ext = extension(path) or "(none)"
    return IngestProblem(path, f"unsupported file type {ext}: amity reads " + ", ".join(EXTENSIONS))


def _expand_glob(pattern: str) -> Iterator[str | IngestProblem]:
    matches = sorted(glob.iglob(pattern, recursive=True))
    if not matches:
        yield IngestProblem(pattern, "no files match this pattern")
        return
    for match in matches:
        if os.path.isdir(match):
            yield from walk_folder(match)
        elif file_format(match) and not _hidden(os.path.basename(match)):
            yield match


def walk_folder(folder: str) -> Iterator[str]:
    """Supported, non-hidden files under ``folder``, in sorted order, depth first."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in sorted(files):
            if not _hidden(name) and file_format(name):
                yield os.path.join(root, name)


def _hidden(name: str) -> bool:
    return name.startswith(".")

"""Shared checks for the reliability tests: what every reader must hand back."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from amity.ingest import IngestLimits, iter_articles
from amity.models import Article, IngestProblem

SLOW = pytest.mark.skipif(
    os.environ.get("AMITY_SLOW") != "1", reason="slow: set AMITY_SLOW=1 to run it"
)


def read_all(path: Path, limits: IngestLimits | None = None) -> list[Article | IngestProblem]:
    """Everything ingest yields for ``path``; the test fails if it raises."""
    return list(iter_articles([str(path)], limits))


def check_items(items: Iterable[Article | IngestProblem]) -> list[Article]:
    """Only articles and problems; clean text; problems are one line. Returns the articles."""
    articles = []
    for item in items:
        assert isinstance(item, (Article, IngestProblem)), type(item)
        if isinstance(item, IngestProblem):
            line = str(item)
            assert "\n" not in line and line.strip()
            assert "unexpected" not in line, f"an unplanned exception reached the user: {line}"
            continue
        assert isinstance(item.text, str) and item.text.strip()
        assert "\x00" not in item.text
        item.text.encode("utf-8")  # no lone surrogates: the store must be able to write it
        assert item.title is None or isinstance(item.title, str)
        articles.append(item)
    return articles

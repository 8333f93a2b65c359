"""Small helpers for the ingest tests: write a file, ingest paths, split the results."""

from __future__ import annotations

from pathlib import Path

from amity.ingest import IngestLimits, iter_articles
from amity.models import Article, IngestProblem


def write(folder: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode(encoding))
    return path


def ingest(
    *paths: Path | str, limits: IngestLimits | None = None
) -> tuple[list[Article], list[IngestProblem]]:
    articles: list[Article] = []
    problems: list[IngestProblem] = []
    for item in iter_articles([str(p) for p in paths], limits):
        if isinstance(item, Article):
            articles.append(item)
        else:
            problems.append(item)
    return articles, problems


def one_article(path: Path, limits: IngestLimits | None = None) -> Article:
    articles, problems = ingest(path, limits=limits)
    assert problems == [], problems
    assert len(articles) == 1
    return articles[0]


BODY_ONE = (
    "The foreign ministers of Laos and Chile met in Santiago on Tuesday to discuss "
    "a new trade agreement covering copper and coffee exports."
)
BODY_TWO = (
    "Officials from both countries said the talks were constructive and agreed to "
    "meet again before the end of the year in Vientiane."
)

"""The stored corpus out: each stored article as one JSON line (``amity articles``).

The text is exactly as stored, so the offsets of every span amity coded point into it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from amity.models import Article
from amity.query import parse_bound

ARTICLE_FIELDS = ("doc_name", "title", "text", "published", "url", "source", "authors",
                  "language")


def article_record(article: Article) -> dict[str, Any]:
    """``{"doc_name", "title", "text", "published", "url", "source", "authors", "language"}``
    plus ``summary_only`` for a feed item stored from its summary."""
    record: dict[str, Any] = {
        "doc_name": article.doc_name, "title": article.title, "text": article.text,
        "published": article.published, "url": article.url, "source": article.source,
        "authors": list(article.authors), "language": article.meta.get("language"),
    }
    if article.meta.get("summary_only"):
        record["summary_only"] = True
    return record


def published_within(articles: Iterable[Article], since: str | None = None,
                     until: str | None = None) -> Iterable[Article]:
    """The articles published on or after ``since`` and on or before ``until`` (2013,
    2019-06, 2018-07-30); an undated article is outside any bound. A malformed bound is a
    UsageError at once, before anything is read."""
    low = parse_bound(since, "--since")[0] if since else None
    high = parse_bound(until, "--until")[1] if until else None
    if low is None and high is None:
        return articles
    return (a for a in articles if a.published and (low is None or a.published >= low)
            and (high is None or a.published <= high))


def write_articles(articles: Iterable[Article], path: str | Path) -> int:
    """Write one JSON line per article to ``path``; returns how many."""
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")
            n += 1
    return n

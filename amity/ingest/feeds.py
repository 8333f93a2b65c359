"""News feeds (``.rss``, ``.atom``, ``.xml``: RSS 0.9x/1.0/2.0 and Atom, with feedparser):
each item is an article (title, link, published, authors, the feed's title as source).

An item's text is its full content (``content:encoded``, Atom ``<content>``) when it has
one; an item with only a summary (``<description>``, ``<summary>``) is stored from it and
marked ``meta["summary_only"]``. Its ``doc_name`` is its link (else its id), so the same
item in tomorrow's copy of the feed is unchanged, not new. Items not in English are skipped.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from amity.errors import ReadProblem
from amity.ingest.build import Metadata, build_article
from amity.ingest.html import LANGUAGE, NOT_ENGLISH
from amity.ingest.html_own import own_blocks
from amity.ingest.normalize import normalize_text
from amity.ingest.warc import page_name
from amity.ingest.web import MIN_LANG_CHARS, text_language
from amity.models import Article, IngestProblem

NOT_A_FEED = "not an RSS or Atom feed"


def iter_feed(path: str, data: bytes) -> Iterator[Article | IngestProblem]:
    """The items of one feed file, in feed order; a bad item is one problem."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.version and not parsed.entries:
        yield IngestProblem(path, NOT_A_FEED)
        return
    feed = parsed.feed
    for number, entry in enumerate(parsed.entries, 1):
        try:
            yield feed_item(path, number, entry, feed)
        except ReadProblem as err:
            yield IngestProblem(path, f"item {number}: {err.message}")


def feed_item(path: str, number: int, entry: Any, feed: Any) -> Article | IngestProblem:
    """One feed item as an article (or skipped when it is not in English)."""
    content = [c.get("value") or "" for c in entry.get("content") or []]
    full = any(part.strip() for part in content)
    markup = "\n".join(content) if full else entry.get("summary") or ""
    blocks = [" ".join(b.split()) for b in map(normalize_text, _html_blocks(markup)) if b.strip()]
    if not blocks:
        raise ReadProblem("no text (neither content nor summary)")
    link = entry.get("link") or entry.get("id")
    doc_name = page_name(link) if link else f"{os.path.basename(path)}#{number}"
    language = _language(" ".join(blocks), feed.get("language"))
    if language and language != LANGUAGE:
        return IngestProblem(path, NOT_ENGLISH, skipped=True)
    extra: dict[str, Any] = {"feed": feed.get("title"), "language": language}
    if not full:
        extra["summary_only"] = True
    metadata = Metadata(
        title=entry.get("title"), published=_day(entry), source=feed.get("title"),
        url=entry.get("link"), authors=_authors(entry),
        extra={k: v for k, v in extra.items() if v is not None},
    )
    return build_article(doc_name, path, "feed", blocks, metadata, find_title=False)


def _html_blocks(markup: str) -> list[str]:
    """An item's content or summary (HTML, or plain text) as paragraphs."""
    if "<" not in markup:
        return markup.split("\n\n")
    return own_blocks(LexborHTMLParser(f"<html><body>{markup}</body></html>"))


def _day(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def _authors(entry: Any) -> list[str]:
    names = [a.get("name") for a in entry.get("authors") or [] if isinstance(a, dict)]
    return [n.strip() for n in names if isinstance(n, str) and n.strip()]


def _language(text: str, declared: str | None) -> str | None:
    found = text_language(text) if len(text) >= MIN_LANG_CHARS else None
    if found:
        return found
    return declared.strip().lower()[:2] if declared and declared.strip() else None

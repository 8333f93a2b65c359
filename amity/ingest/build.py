"""Assemble an :class:`~amity.models.Article` from a format's blocks and metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from amity.errors import ReadProblem
from amity.ingest.boilerplate import separate
from amity.ingest.dates import first_date
from amity.ingest.normalize import clean_line
from amity.models import Article, PublishedBasis

_FIRST_SENTENCE = re.compile(r"^(.{10,200}?[.!?])(?:\s|$)")
_FALLBACK_WORDS = 12


@dataclass
class Metadata:
    """What a format knows about an article besides its text (all optional)."""

    title: str | None = None
    published: str | None = None  # ISO date, already checked
    source: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def build_article(
    doc_name: str,
    path: str,
    fmt: str,
    blocks: list[str],
    metadata: Metadata,
    *,
    find_title: bool,
    title_fallback: bool = True,
    cut_tail: bool = True,
) -> Article:
    """Separate boilerplate, settle title/date/authors; raises ReadProblem if no body is left.
    ``title_fallback``: with no headline found, the first sentence stands as the title;
    ``cut_tail``: see :func:`~amity.ingest.boilerplate.separate`."""
    parts = separate(
        blocks, find_title=find_title and not metadata.title, known_title=metadata.title,
        cut_tail=cut_tail,
    )
    if not parts.paragraphs:
        raise ReadProblem("no article text left after removing boilerplate")
    text = "\n\n".join(parts.paragraphs)
    meta: dict[str, Any] = dict(metadata.extra)
    meta["format"] = fmt
    title = _clean_optional(metadata.title) or parts.title
    if title is None and find_title and title_fallback:
        title = fallback_title(parts.paragraphs[0])
        meta["title_basis"] = "first_sentence"
    published, basis = _published(metadata, parts.date_candidates)
    return Article(
        doc_name=doc_name,
        text=text,
        title=title,
        published=published,
        published_basis=basis,
        source=_clean_optional(metadata.source) or parts.source,
        url=_clean_optional(metadata.url),
        authors=[clean_line(a) for a in metadata.authors if a.strip()] or parts.authors,
        meta=meta,
        path=path,
        removed=parts.removed,
    )


def _published(metadata: Metadata, candidates: list[str]) -> tuple[str | None, PublishedBasis]:
    if metadata.published:
        return metadata.published, "metadata"
    found = first_date(candidates)
    return (found, "text") if found else (None, "unknown")


def _clean_optional(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = clean_line(value)
    return cleaned or None


def fallback_title(paragraph: str) -> str:
    """A title for an article without one: its first sentence, or its first words."""
    match = _FIRST_SENTENCE.match(paragraph)
    if match:
        return match[1]
    words = paragraph.split()
    suffix = "..." if len(words) > _FALLBACK_WORDS else ""
    return " ".join(words[:_FALLBACK_WORDS]) + suffix

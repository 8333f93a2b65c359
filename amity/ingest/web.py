"""A web page's main text and metadata through trafilatura (htmldate for the date).

trafilatura (and htmldate, its date finder) is the field's reference extractor; amity keeps
its own reading of meta tags (:mod:`amity.ingest.html`) for what trafilatura leaves out.
Comments under an article are never its text (``include_comments=False``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

_AUTHOR_SPLIT = re.compile(r"\s*;\s*")
_LANG_ATTR = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([a-zA-Z]{2,3})", re.IGNORECASE)
MIN_LANG_CHARS = 200  # shorter texts are not classified: the page's own lang stands
_LANG_SAMPLE = 5_000
SURE = 0.9  # py3langid's probability a language needs to be taken as the page's
# elements of trafilatura's output tree that hold blocks (the others are inline or <lb/>)
# (<code> is inline or a block: inside a paragraph it stays in its sentence)
_CONTAINERS = frozenset({"body", "div", "p", "head", "list", "item", "quote", "table", "row",
                         "details", "summary"})


@dataclass
class Page:
    """What trafilatura found in a page: text lines (paragraphs) and metadata, all optional."""

    lines: list[str] = field(default_factory=list)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # YYYY-MM-DD
    site: str | None = None
    url: str | None = None
    language: str | None = None


@cache
def _setup() -> None:
    """Once per process: trafilatura and htmldate log every odd page at WARNING/ERROR (a
    reader reports, it does not log); htmldate's last-resort date parser (dateparser) reads
    English only: amity keeps English pages, and trying every locale compiles hundreds of
    patterns (half a minute) the first time it runs."""
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    from htmldate import extractors

    extractors.get_external_parser = cache(_english_date_parser)


def _english_date_parser() -> Any:
    from dateparser import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "NORMALIZE": True, "PARSERS": ["custom-formats", "absolute-time"],
        "PREFER_DATES_FROM": "past", "PREFER_LOCALE_DATE_ORDER": True,
        "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True,
    })


def extract_page(markup: str, url: str | None = None) -> Page:
    """Main text and metadata of one page (an empty ``Page`` when trafilatura finds none)."""
    from trafilatura import bare_extraction

    _setup()
    doc = bare_extraction(markup, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        return Page(language=page_language("", markup))
    data: dict[str, Any] = doc if isinstance(doc, dict) else doc.as_dict()
    body = None if isinstance(doc, dict) else doc.body
    lines = [line for line in body_blocks(body) if line.strip()] if body is not None else []
    text = " ".join(lines)
    return Page(
        lines=lines,
        title=_value(data.get("title")),
        authors=[a for a in _AUTHOR_SPLIT.split(data.get("author") or "") if a],
        published=_value(data.get("date")),
        site=_value(data.get("sitename")),
        url=_value(data.get("url")) or url,
        language=page_language(text, markup),
    )


def body_blocks(element: Any) -> Iterator[str]:
    """The paragraphs of trafilatura's extracted tree: a ``<p>``, ``<head>`` or list
    ``<item>`` is one block, a table ``<row>`` its cells; a line break ``<lb/>`` is a space
    (a sentence broken by ``<br>`` stays one sentence)."""
    if element.tag == "row":
        yield " ".join(_inline_text(cell) for cell in element)
        return
    if not any(child.tag in _CONTAINERS for child in element):
        yield _inline_text(element)
        return
    yield element.text or ""
    for child in element:
        if child.tag in _CONTAINERS:
            yield from body_blocks(child)
        else:
            yield _inline_text(child)
        yield child.tail or ""


def _inline_text(element: Any) -> str:
    """The text of an element, inline markup joined as written, line breaks as spaces."""
    parts = [element.text or ""]
    for child in element:
        parts.append(" " if child.tag == "lb" else _inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _value(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def page_language(text: str, markup: str) -> str | None:
    """ISO 639-1 language of the text when py3langid is sure of it, else the page's own
    ``<html lang>``, else None (unknown: the page is kept)."""
    found = text_language(text) if len(text) >= MIN_LANG_CHARS else None
    if found:
        return found
    declared = _LANG_ATTR.search(markup[:20_000])
    return declared[1].lower()[:2] if declared else None


def text_language(text: str) -> str | None:
    """The language py3langid finds in (the first few thousand characters of) ``text``,
    when its probability is at least ``SURE`` (garbage and lists of names are unsure)."""
    code, probability = _identifier().classify(text[:_LANG_SAMPLE])
    return str(code) if probability >= SURE else None


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

"""HTML pages (``.html``/``.htm``, and pages inside WARC files and feeds): main text and
metadata through trafilatura (:mod:`amity.ingest.web`), amity's own reading of meta tags
(selectolax) where it finds none, and amity's own extractor (:mod:`amity.ingest.html_own`)
when trafilatura finds no text. Pages not in English are skipped."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from amity.errors import ReadProblem
from amity.ingest.build import Metadata, build_article
from amity.ingest.dates import parse_date
from amity.ingest.decode import decode_bytes
from amity.ingest.fields import authors_value
from amity.ingest.html_own import own_blocks
from amity.ingest.normalize import normalize_text
from amity.ingest.web import Page, extract_page, page_language
from amity.models import Article, IngestProblem

LANGUAGE = "en"  # the language amity's codebooks and model read
NOT_ENGLISH = "not in English"
HIDDEN_TAGS = ["template", "iframe"]  # never shown as the page's text (<noscript> is: Blogger posts)

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.IGNORECASE)
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
_UNCOUNTED = (
    "area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr|p|li|dt|dd|option|"
    "optgroup|tr|td|th|thead|tbody|tfoot|rb|rt|rp|a|b|big|code|em|font|i|nobr|s|small|strike|"
    "strong|tt|u|html|head|body|colgroup|caption"
)
# "<tag" or "</tag", except uncounted tags and self-closed ones ("<path d='...'/>" in SVG)
_OPEN_OR_CLOSE = re.compile(
    rb"<(/?)(?!(?i:" + _UNCOUNTED.encode() + rb")[\s/>])[a-zA-Z](?![^<>]*/>)"
)
_TAG_STEP = {b"": 1, b"/": -1}
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publish-date",
    "publish_date",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "citation_publication_date",
    "parsely-pub-date",
    "sailthru.date",
)
_AUTHOR_META = ("author", "article:author", "dc.creator", "citation_author", "parsely-author")


@dataclass(frozen=True)
class PageOrigin:
    """Where a page came from when it is not a file of its own (a WARC record, a feed item)."""

    doc_name: str
    url: str | None = None
    charset: str | None = None  # from the HTTP Content-Type header
    fmt: str = "html"
    meta: dict[str, Any] = field(default_factory=dict)


def read_html(path: str, data: bytes, max_depth: int = 1_000,
              origin: PageOrigin | None = None) -> Article | IngestProblem:
    """A page's article, or a skipped ``IngestProblem`` when it is not in English; raises ReadProblem when it
    has no readable text or nests too deep. ``origin``: where a page inside another file
    (a WARC record, a feed item) came from."""
    depth = nesting_depth(data)
    if depth > max_depth:
        raise ReadProblem(f"HTML nested {depth} elements deep, over the limit max_html_depth={max_depth}")
    origin = origin or PageOrigin(os.path.basename(path))
    markup = decode_html(data, origin.charset)
    tree = LexborHTMLParser(markup)
    own = page_metadata(tree)
    if tree.css_first(", ".join(HIDDEN_TAGS)):  # trafilatura's short-page fallback reads them
        tree.strip_tags(HIDDEN_TAGS)
        markup = tree.html or ""
    page = extract_page(markup, origin.url)
    metadata = _merged(page, own, origin, page.language)
    if page.lines:
        try:
            return _article(path, origin, _blocks(page.lines), metadata, cut_tail=False)
        except ReadProblem:  # what trafilatura kept was all boilerplate (a caption, say)
            pass
    return _own_article(path, origin, tree, markup, metadata)


def _own_article(path: str, origin: PageOrigin, tree: LexborHTMLParser, markup: str,
                 metadata: Metadata) -> Article | IngestProblem:
    """The page through amity's own extractor, when trafilatura found no text."""
    blocks = _blocks(own_blocks(tree))
    if not blocks:
        raise ReadProblem("no article text found in the page")
    language = page_language(" ".join(blocks), markup)
    metadata.extra.pop("language", None)
    if language:
        metadata.extra["language"] = language
    return _article(path, origin, blocks, metadata)


def _blocks(lines: list[str]) -> list[str]:
    return [" ".join(b.split()) for b in map(normalize_text, lines) if b.strip()]


def _article(path: str, origin: PageOrigin, blocks: list[str], metadata: Metadata,
             cut_tail: bool = True) -> Article | IngestProblem:
    language = metadata.extra.get("language")
    if language and language != LANGUAGE:
        return IngestProblem(origin.doc_name if origin.url else path, NOT_ENGLISH, skipped=True)
    return build_article(origin.doc_name, path, origin.fmt, blocks, metadata, find_title=True,
                         cut_tail=cut_tail)


def _merged(page: Page, own: Metadata, origin: PageOrigin, language: str | None) -> Metadata:
    """trafilatura's metadata, amity's meta-tag reading where it has none (htmldate leaves
    out dates before 1995, for one); the origin's URL first."""
    extra = dict(origin.meta)
    if language:
        extra["language"] = language
    return Metadata(
        title=page.title or own.title,
        published=parse_date(page.published) if page.published else own.published,
        source=page.site or own.source,
        url=origin.url or own.url or page.url,
        authors=page.authors or own.authors,
        extra=extra,
    )


def nesting_depth(data: bytes) -> int:
    """The deepest element nesting the tags in ``data`` ask for (an upper estimate, linear).

    Void elements, elements whose end tag may be left out (``<p>``, ``<li>``, ``<td>``) and
    formatting elements (which the parser does not let pile up) are not counted.
    """
    steps = map(_TAG_STEP.__getitem__, _OPEN_OR_CLOSE.findall(data))
    return max(accumulate(steps, lambda depth, step: max(depth + step, 0)), default=0)


def decode_html(data: bytes, charset: str | None = None) -> str:
    """``charset`` (from an HTTP header) or the declared ``<meta charset>`` when it decodes
    cleanly; else the general detection."""
    declared = _CHARSET.search(data[:4096])
    name = charset or (declared[1].decode("ascii", "replace") if declared else None)
    if name:
        name = name.lower()
        name = (
            "cp1252" if name in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"} else name
        )
        try:
            text = data.decode(name)
        except (LookupError, UnicodeDecodeError):
            return decode_bytes(data)
        if text.strip():
            return text.lstrip("\ufeff")
    return decode_bytes(data)


def page_metadata(tree: LexborHTMLParser) -> Metadata:
    """Title, date, authors, outlet and URL from meta tags, JSON-LD and ``<time>``."""
    metas = _meta_values(tree)
    ld = _json_ld(tree)
    h1 = tree.css_first("h1")
    title_node = tree.css_first("title")
    page_title = title_node.text(deep=True).strip() if title_node else ""
    title = (
        metas.get("og:title")
        or ld.get("headline")
        or (h1.text(deep=True).strip() if h1 else "")
        or _TITLE_SUFFIX.sub("", page_title)
    )
    return Metadata(
        title=title or None,
        published=_page_date(tree, metas, ld),
        source=metas.get("og:site_name") or None,
        url=_canonical(tree) or metas.get("og:url") or None,
        authors=_page_authors(metas, ld),
    )


def _meta_values(tree: LexborHTMLParser) -> dict[str, str]:
    values: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        content = attrs.get("content")
        if key and content and content.strip():
            values.setdefault(key.strip().lower(), content.strip())
    return values


def _json_ld(tree: LexborHTMLParser) -> dict[str, Any]:
    """The first JSON-LD object with article fields (headline, datePublished, author)."""
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text(deep=True) or "null")
        except (ValueError, RecursionError):  # bad JSON, huge numbers, [[[[... nesting
            continue
        items = (
            data
            if isinstance(data, list)
            else (data.get("@graph") or [data])
            if isinstance(data, dict)
            else []
        )
        for item in items:
            if isinstance(item, dict) and ("datePublished" in item or "headline" in item):
                return {k: v for k, v in item.items() if isinstance(k, str)}
    return {}


def _page_date(tree: LexborHTMLParser, metas: dict[str, str], ld: dict[str, Any]) -> str | None:
    candidates = [metas.get(name) for name in _DATE_META]
    candidates.append(ld.get("datePublished") if isinstance(ld.get("datePublished"), str) else None)
    time_node = tree.css_first("article time[datetime]") or tree.css_first("time[datetime]")
    candidates.append(time_node.attributes.get("datetime") if time_node else None)
    for candidate in candidates:
        found = parse_date(candidate) if candidate else None
        if found:
            return found
    return None


def _page_authors(metas: dict[str, str], ld: dict[str, Any]) -> list[str]:
    for name in _AUTHOR_META:
        value = metas.get(name)
        if value and not value.startswith(("http://", "https://")):
            return authors_value(value)
    author = ld.get("author")
    entries = author if isinstance(author, list) else [author]
    names = [e.get("name") if isinstance(e, dict) else e for e in entries]
    return [n.strip() for n in names if isinstance(n, str) and n.strip()]


def _canonical(tree: LexborHTMLParser) -> str | None:
    link = tree.css_first('link[rel="canonical"]')
    return link.attributes.get("href") if link else None

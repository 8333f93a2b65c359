"""HTML pages (``.html``/``.htm``): main text and metadata, with selectolax (lexbor)."""

from __future__ import annotations

import json
import os
import re
from itertools import accumulate
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from amity.errors import ReadProblem
from amity.ingest.build import Metadata, build_article
from amity.ingest.dates import parse_date
from amity.ingest.decode import decode_bytes
from amity.ingest.fields import authors_value
from amity.ingest.normalize import normalize_text
from amity.models import Article

DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "header",
    "footer",
    "aside",
    "iframe",
    "form",
    "figure",
    "figcaption",
    "button",
    "select",
    "input",
    "textarea",
]
DROP_CLASS_TOKENS = {
    "share",
    "sharing",
    "social",
    "related",
    "comments",
    "comment",
    "newsletter",
    "advert",
    "advertisement",
    "promo",
    "caption",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "subscribe",
    "tags",
}
BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre"
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.IGNORECASE)
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
_TOKEN_SPLIT = re.compile(r"[\s_-]+")
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


def read_html(path: str, data: bytes, max_depth: int = 1_000) -> Article:
    """A page's article; raises ReadProblem when it has no readable text or nests too deep."""
    depth = nesting_depth(data)
    if depth > max_depth:
        raise ReadProblem(f"HTML nested {depth} elements deep, over the limit max_html_depth={max_depth}")
    tree = LexborHTMLParser(decode_html(data))
    metadata = page_metadata(tree)
    tree.strip_tags(DROP_TAGS)
    root = main_node(tree)
    if root is None:
        raise ReadProblem("no article text found in the page")
    _drop_widgets(root)
    blocks = [normalize_text(b) for b in text_blocks(root)]
    blocks = [" ".join(b.split()) for b in blocks if b.strip()]
    if not blocks:
        raise ReadProblem("no article text found in the page")
    return build_article(os.path.basename(path), path, "html", blocks, metadata, find_title=True)


def nesting_depth(data: bytes) -> int:
    """The deepest element nesting the tags in ``data`` ask for (an upper estimate, linear).

    Void elements, elements whose end tag may be left out (``<p>``, ``<li>``, ``<td>``) and
    formatting elements (which the parser does not let pile up) are not counted.
    """
    steps = map(_TAG_STEP.__getitem__, _OPEN_OR_CLOSE.findall(data))
    return max(accumulate(steps, lambda depth, step: max(depth + step, 0)), default=0)


def decode_html(data: bytes) -> str:
    """Declared ``<meta charset>`` when it decodes cleanly; else the general detection."""
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared[1].decode("ascii", "replace").lower()
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


def main_node(tree: LexborHTMLParser) -> LexborNode | None:
    """The largest ``<article>``, else ``<main>``, else ``<body>``."""
    articles = tree.css("article")
    if articles:
        return max(articles, key=lambda node: len(node.text(deep=True)))
    return tree.css_first("main") or tree.body


def _drop_widgets(root: LexborNode) -> None:
    """Remove share bars, related links, comment blocks and captions inside the root.

    All targets are chosen before any is removed, and only the outermost ones are
    removed (a removed node frees its children).
    """
    targets = {node.mem_id: node for node in root.css("[class], [id]") if _is_widget(node)}
    for node in list(targets.values()):
        if not _has_ancestor_in(node, targets, root):
            node.decompose()


def _is_widget(node: LexborNode) -> bool:
    if node.tag in {"article", "main", "body", "html"}:
        return False
    words = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
    return bool(DROP_CLASS_TOKENS.intersection(_TOKEN_SPLIT.split(words.lower())))


def _has_ancestor_in(node: LexborNode, targets: dict[int, LexborNode], root: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.mem_id != root.mem_id:
        if parent.mem_id in targets:
            return True
        parent = parent.parent
    return False


def text_blocks(root: LexborNode) -> list[str]:
    """Text of paragraphs, headings and list items, outermost first, in page order."""
    for line_break in root.css("br"):
        line_break.replace_with(" ")
    blocks = [node for node in root.css(BLOCKS) if not _inside_block(node, root)]
    if not blocks:
        return [line for line in root.text(deep=True, separator="\n").split("\n")]
    return [node.text(deep=True, separator=_separator(node)) for node in blocks]


def _separator(node: LexborNode) -> str:
    """Inline markup joins without spaces; a block holding blocks keeps them apart."""
    inner = (n for n in node.traverse(include_text=False) if n.mem_id != node.mem_id)
    nested = any(child.tag in _BLOCK_TAGS for child in inner)
    return "\n" if nested else ""


def _inside_block(node: LexborNode, root: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.mem_id != root.mem_id:
        if parent.tag in _BLOCK_TAGS:
            return True
        parent = parent.parent
    return False


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

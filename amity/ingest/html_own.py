"""amity's own main-text extractor (selectolax): the fallback when trafilatura finds no text.

The largest ``<article>`` (else ``<main>``, else ``<body>``), without widgets (share bars,
related links, comments, captions), as paragraphs, headings and list items.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

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
_TOKEN_SPLIT = re.compile(r"[\s_-]+")


def own_blocks(tree: LexborHTMLParser) -> list[str]:
    """The text blocks amity's own rules find in a parsed page (the tree is changed)."""
    tree.strip_tags(DROP_TAGS)
    root = main_node(tree)
    if root is None:
        return []
    _drop_widgets(root)
    return text_blocks(root)


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


def _ancestors(node: LexborNode, root: LexborNode) -> Iterator[LexborNode]:
    """The nodes between ``node`` and ``root`` (both left out), innermost first."""
    parent = node.parent
    while parent is not None and parent.mem_id != root.mem_id:
        yield parent
        parent = parent.parent


def _has_ancestor_in(node: LexborNode, targets: dict[int, LexborNode], root: LexborNode) -> bool:
    return any(parent.mem_id in targets for parent in _ancestors(node, root))


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
    return any(parent.tag in _BLOCK_TAGS for parent in _ancestors(node, root))

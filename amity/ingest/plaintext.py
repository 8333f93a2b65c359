"""Plain-text (``.txt``) and Markdown (``.md``) articles: one article per file."""

from __future__ import annotations

import os
import re
from typing import Any

import yaml

from amity.errors import FieldProblem
from amity.ingest.build import Metadata, build_article
from amity.ingest.decode import decode_bytes
from amity.ingest.fields import metadata_from
from amity.ingest.normalize import normalize_text, split_paragraphs
from amity.models import Article

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_ALIASES = {"date": "published", "author": "authors", "link": "url", "outlet": "source"}
_MD_RULES = [
    # images and links; bounded so that "[[[[..." or "[a](" * 20,000 stays linear
    (re.compile(r"!\[[^\]]{0,500}\]\([^)]{0,1000}\)"), ""),  # images
    (re.compile(r"\[([^\]]{1,500})\]\([^)]{0,1000}\)"), r"\1"),  # links keep their words
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE), r"\1"),  # headings
    (re.compile(r"^ {0,3}>\s?", re.MULTILINE), ""),  # block quotes
    (re.compile(r"^ {0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE), ""),  # rules
    (re.compile(r"^ {0,3}[-*+][ \t]+", re.MULTILINE), ""),  # bullets
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # code
]


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader without aliases: ``*a`` references can expand a few lines into gigabytes."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("aliases are not allowed in front matter")
        return super().compose_node(parent, index)


def read_plain(path: str, data: bytes, fmt: str) -> Article:
    """A ``.txt``/``.md`` file's article; raises ReadProblem/FieldProblem when unreadable."""
    text = decode_bytes(data)
    metadata = Metadata()
    if fmt == "md":
        text, metadata = _front_matter(text)
        text = strip_markdown(text)
    blocks = split_paragraphs(normalize_text(text))
    return build_article(os.path.basename(path), path, fmt, blocks, metadata, find_title=True)


def _front_matter(text: str) -> tuple[str, Metadata]:
    """YAML front matter (``---`` block at the top) as metadata, removed from the text."""
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not match:
        return text, Metadata()
    try:
        data: Any = yaml.load(match[1], Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader
    except (yaml.YAMLError, ValueError, RecursionError):  # bad date, [[[[..., alias bomb
        return text, Metadata()
    if not isinstance(data, dict):
        return text, Metadata()
    try:
        metadata = metadata_from({str(k): v for k, v in data.items()}, _FRONT_ALIASES)
    except FieldProblem as err:
        raise FieldProblem(f"front matter: {err}") from err
    return text.lstrip("\ufeff")[match.end() :], metadata


def strip_markdown(text: str) -> str:
    """Markdown markup to plain text (headings, links, emphasis, lists, quotes)."""
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text

"""spaCy extension attributes amity's components read and write (see docs/ARCHITECTURE.md)."""

from __future__ import annotations

import weakref

from spacy.tokens import Doc, Span

DOC_EXTENSIONS: dict[str, object] = {"published": None, "doc_name": None, "events": None, "estimate": None,
                                   "removed": None,  # removed: the lines ingest set aside (captions, title)
                                   "head": None}  # head: the first of them (a dateline, a byline)
SPAN_EXTENSIONS: dict[str, object] = {"actor": None, "when": None, "amount": None, "place": None}


def register_extensions() -> None:
    """Register every extension once; safe to call many times (and in worker processes)."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc for all of amity's components: spaCy joins every
    token's text on each access, and a Doc's text never changes (retokenizing keeps it)."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text

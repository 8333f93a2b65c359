"""Full-text search over article titles, texts and event evidence: the pure half.

User input is reduced to words and quoted phrases (``parse_query``) before it reaches the
store's full-text index (``amity/store/search_index.py``: FTS5 on SQLite, a GIN
``tsvector`` index on PostgreSQL), so quotes, operators and SQL-like junk are searched as
words, never interpreted. The ranked articles come back as records; snippets, highlights
and the events whose evidence matches are made here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from amity.models import Article, Event

_WORD = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')
SNIPPET_CHARS = 90


@dataclass
class SearchHit:
    """An article matching a search; ``highlights`` are [start, end) offsets in ``snippet``."""

    doc_id: str
    doc_name: str
    title: str | None
    published: str | None
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)
    score: float = 0.0
    event_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["highlights"] = [list(h) for h in self.highlights]
        return out


def parse_query(q: str) -> list[list[str]]:
    """User input → terms, each a list of words (a quoted phrase is several words)."""
    terms: list[list[str]] = []
    for phrase in _PHRASE.findall(q):
        words = _WORD.findall(phrase.lower())
        if words:
            terms.append(words)
    rest = _PHRASE.sub(" ", q).replace('"', " ")
    terms += [[w] for w in _WORD.findall(rest.lower())]
    return terms[:32]


def term_patterns(terms: list[list[str]]) -> list[re.Pattern[str]]:
    """Loose patterns for highlighting: each word's stem-ish prefix, words of a phrase in order."""
    def word(w: str) -> str:
        return re.escape(w if len(w) <= 4 else w[: max(4, len(w) - 2)]) + r"\w*"

    return [re.compile(r"\b" + r"\W+".join(word(w) for w in words) + r"\b", re.I) for words in terms]


def make_snippet(body: str, patterns: list[re.Pattern[str]]) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``body`` around the first match, with the matches' offsets in it."""
    first = min((m.start() for p in patterns if (m := p.search(body))), default=0)
    lo = max(0, first - SNIPPET_CHARS // 2)
    lo = body.rfind(" ", 0, lo) + 1 if lo else 0
    hi = min(len(body), first + SNIPPET_CHARS * 2)
    window = body[lo:hi].replace("\n", " ")
    prefix = "… " if lo else ""
    marks = sorted({(m.start() + len(prefix), m.end() + len(prefix)) for p in patterns for m in p.finditer(window)})
    return prefix + window + (" …" if hi < len(body) else ""), marks


def matching_events(reports: Iterable[Event], patterns: list[re.Pattern[str]]) -> dict[str, list[str]]:
    """doc_id → events whose trigger + sentence contain every term (or, failing that, any)."""
    found: dict[str, list[str]] = {}
    reports = list(reports)
    for need_all in (True, False):
        for event in reports:
            evidence = f"{event.trigger} {event.sentence}"
            hits = [bool(p.search(evidence)) for p in patterns]
            if (all(hits) if need_all else any(hits)) and event.event_id not in found.get(event.doc_id, []):
                found.setdefault(event.doc_id, []).append(event.event_id)
        if found:
            break
    return found


def clamp_limit(limit: int) -> int:
    """A search returns 1 to 500 hits."""
    return max(1, min(int(limit), 500))


def search_hits(ranked: list[tuple[str, float]], found: dict[str, Article], reports: Iterable[Event],
                terms: list[list[str]]) -> list[SearchHit]:
    """Hits for the ranked (doc_id, score) pairs: the articles ``found`` by doc_id, with a
    snippet around the terms and the ids of the ``reports`` (their events) whose evidence matches."""
    patterns = term_patterns(terms)
    matched = matching_events(reports, patterns)
    hits = []
    for doc_id, score in ranked:
        article = found[doc_id]
        snippet, marks = make_snippet(article.text, patterns)
        hits.append(SearchHit(doc_id, article.doc_name, article.title, article.stated_published, snippet, marks, score,
                              matched.get(doc_id, [])))
    return hits

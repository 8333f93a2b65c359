"""Full-text search over article titles, texts and event evidence.

SQLite: an FTS5 table (``search_fts``, Porter stemming) kept in step with ``articles`` by
``update_search_index`` (and refreshed lazily for anything stale before each search).
PostgreSQL: ``to_tsvector('english', …)`` over ``articles`` with a GIN index, always current.
User input is reduced to words and quoted phrases before it reaches either engine, so
quotes, operators and SQL-like junk are searched as words, never interpreted.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, insert, select, text

from amity.analysis._rows import chunks, load_events
from amity.store import Store
from amity.store.schema import FTS_TABLE, PG_TSVECTOR, articles, events, search_state

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


def fts5_query(terms: list[list[str]]) -> str:
    """An FTS5 MATCH expression: every term double-quoted (so nothing is an operator)."""
    return " ".join('"' + " ".join(words) + '"' for words in terms)


# -- keeping the index current (SQLite) -------------------------------------------------------
def _index_rows(conn: Connection, doc_ids: list[str] | None) -> int:
    stmt = select(articles.c.doc_id, articles.c.title, articles.c.text, articles.c.content_hash)
    if doc_ids is not None:
        stmt = stmt.where(articles.c.doc_id.in_(doc_ids))
    rows = conn.execute(stmt).all()
    if rows:
        conn.execute(text(f"INSERT INTO {FTS_TABLE} (doc_id, title, text) VALUES (:d, :t, :x)"),
                     [{"d": r.doc_id, "t": r.title or "", "x": r.text} for r in rows])
        conn.execute(insert(search_state), [{"doc_id": r.doc_id, "content_hash": r.content_hash} for r in rows])
    return len(rows)


def update_search_index(store: Store, doc_ids: Collection[str] | None = None) -> int:
    """Re-index the articles ``doc_ids`` (all when None; deleted ones are dropped).

    Returns the number of articles indexed. PostgreSQL needs no work (its GIN expression
    index follows ``articles``): it returns how many of those articles exist.
    """
    if store.dialect != "sqlite":
        return _count_articles(store, doc_ids)
    with store.engine.begin() as conn:
        if doc_ids is None:
            conn.execute(text(f"DELETE FROM {FTS_TABLE}"))
            conn.execute(delete(search_state))
            return _index_rows(conn, None)
        total = 0
        for part in chunks(doc_ids):
            conn.execute(text(f"DELETE FROM {FTS_TABLE} WHERE doc_id IN (SELECT value FROM json_each(:ids))"),
                         {"ids": _json_list(part)})
            conn.execute(delete(search_state).where(search_state.c.doc_id.in_(part)))
            total += _index_rows(conn, part)
        return total


def _count_articles(store: Store, doc_ids: Collection[str] | None) -> int:
    from sqlalchemy import func

    with store.engine.connect() as conn:
        if doc_ids is None:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar() or 0)
        return sum(int(conn.execute(select(func.count()).select_from(articles)
                                    .where(articles.c.doc_id.in_(part))).scalar() or 0) for part in chunks(doc_ids))


def _json_list(items: list[str]) -> str:
    import json

    return json.dumps(items)


def stale_search_docs(store: Store, after: str = "", limit: int | None = None) -> list[str]:
    """doc_ids whose index entry is missing, outdated, or left from a deleted article, in
    doc_id order after ``after``; at most ``limit``. None on PostgreSQL (its index follows
    ``articles`` by itself)."""
    if store.dialect != "sqlite":
        return []
    joined = articles.outerjoin(search_state, search_state.c.doc_id == articles.c.doc_id)
    outdated = select(articles.c.doc_id).select_from(joined).where(
        (search_state.c.doc_id.is_(None)) | (search_state.c.content_hash != articles.c.content_hash),
        articles.c.doc_id > after).order_by(articles.c.doc_id).limit(limit)
    orphans = select(search_state.c.doc_id).where(
        ~search_state.c.doc_id.in_(select(articles.c.doc_id)), search_state.c.doc_id > after,
    ).order_by(search_state.c.doc_id).limit(limit)
    with store.engine.connect() as conn:
        found = set(conn.execute(outdated).scalars()) | set(conn.execute(orphans).scalars())
    return sorted(found)[:limit]


def catch_up_search_index(store: Store, chunk: int = 2000) -> int:
    """Index whatever is stale, ``chunk`` articles per transaction (bounded memory and WAL)."""
    if store.dialect != "sqlite":
        return 0
    total, after = 0, ""
    while stale := stale_search_docs(store, after, chunk):
        total += update_search_index(store, stale)
        after = stale[-1]
    return total


# -- searching ------------------------------------------------------------------------------------
def _sqlite_hits(conn: Connection, terms: list[list[str]], limit: int) -> list[tuple[str, float]]:
    rows = conn.execute(
        text(f"SELECT doc_id, bm25({FTS_TABLE}) AS rank FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q "
             "ORDER BY rank LIMIT :n"), {"q": fts5_query(terms), "n": limit}).all()
    return [(r.doc_id, round(-float(r.rank), 6)) for r in rows]


def _postgres_hits(conn: Connection, terms: list[list[str]], limit: int) -> list[tuple[str, float]]:
    params: dict[str, Any] = {f"t{i}": " ".join(words) for i, words in enumerate(terms)}
    tsquery = " && ".join(f"phraseto_tsquery('english', :t{i})" for i in range(len(terms)))
    params["n"] = limit
    rows = conn.execute(
        text(f"SELECT doc_id, ts_rank({PG_TSVECTOR}, {tsquery}) AS rank FROM articles "
             f"WHERE {PG_TSVECTOR} @@ ({tsquery}) ORDER BY rank DESC, doc_id LIMIT :n"), params).all()
    return [(r.doc_id, round(float(r.rank), 6)) for r in rows]


def _term_patterns(terms: list[list[str]]) -> list[re.Pattern[str]]:
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


def _matching_events(conn: Connection, doc_ids: list[str], patterns: list[re.Pattern[str]]) -> dict[str, list[str]]:
    """doc_id → events whose trigger + sentence contain every term (or, failing that, any)."""
    found: dict[str, list[str]] = {}
    reports = load_events(conn, events.c.doc_id.in_(doc_ids)) if doc_ids else []
    for need_all in (True, False):
        for event in reports:
            evidence = f"{event.trigger} {event.sentence}"
            hits = [bool(p.search(evidence)) for p in patterns]
            if (all(hits) if need_all else any(hits)) and event.event_id not in found.get(event.doc_id, []):
                found.setdefault(event.doc_id, []).append(event.event_id)
        if found:
            break
    return found


def search(store: Store, q: str, limit: int = 20) -> list[SearchHit]:
    """Articles matching ``q`` (all words; "quoted phrases" kept), best first."""
    terms = parse_query(q or "")
    limit = max(1, min(int(limit), 500))
    if not terms:
        return []
    catch_up_search_index(store)
    with store.engine.connect() as conn:
        ranked = (_sqlite_hits if store.dialect == "sqlite" else _postgres_hits)(conn, terms, limit)
        ids = [doc_id for doc_id, _ in ranked]
        rows = {r.doc_id: r for r in conn.execute(select(articles).where(articles.c.doc_id.in_(ids)))} if ids else {}
        patterns = _term_patterns(terms)
        matched = _matching_events(conn, ids, patterns)
    hits = []
    for doc_id, score in ranked:
        row = rows[doc_id]
        snippet, marks = make_snippet(row.text, patterns)
        hits.append(SearchHit(doc_id, row.doc_name, row.title, row.published, snippet, marks, score,
                              matched.get(doc_id, [])))
    return hits

"""Rows to records and back: the column layout of articles, sentences, mentions and events."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from sqlalchemy import JSON, ColumnElement, Connection, case, func, literal, select

from amity.models import Actor, Amount, Article, CodedArticle, Event, Location
from amity.query import date_bounds
from amity.store.schema import articles, events, mentions, sentences

ACTOR_FIELDS = ("code", "country", "sector", "name", "role", "mention", "actor_id")
IN_CHUNK = 500  # doc ids per DELETE … IN (…): under every backend's parameter limit

def event_row(ev: Event) -> dict[str, Any]:
    row: dict[str, Any] = {
        "event_id": ev.event_id,
        "doc_id": ev.doc_id,
        "doc_name": ev.doc_name,
        "published": ev.published,
        "sentence_index": ev.sentence_index,
        "span_start": ev.span[0],
        "span_end": ev.span[1],
        "trigger": ev.trigger,
        "cameo": ev.cameo,
        "cameo_root": ev.cameo_root,
        "cameo_name": ev.cameo_name,
        "goldstein": ev.goldstein,
        "quad": ev.quad,
        "plover": ev.plover,
        "date": ev.date,
        "date_precision": ev.date_precision,
        "date_basis": ev.date_basis,
        "amounts": [a.to_dict() for a in ev.amounts],
        "location": ev.location.to_dict() if ev.location else None,
        "negated": ev.negated,
        "factual": ev.factual,
        "confidence": ev.confidence,
    }
    row["date_start"], row["date_end"] = date_bounds(ev.date, ev.date_precision)
    for side, actor in (("source", ev.source), ("target", ev.target)):
        for name in ACTOR_FIELDS:
            row[f"{side}_{name}"] = getattr(actor, name)
    return row


def article_row(coded: CodedArticle, now: str) -> dict[str, Any]:
    art = coded.article
    return {
        "doc_id": art.doc_id, "doc_name": art.doc_name, "title": art.title, "text": art.text,
        "published": art.published, "published_basis": art.published_basis,
        "published_range": art.published_range, "published_evidence": art.published_evidence,
        "source": art.source, "url": art.url, "authors": list(art.authors),
        "meta": dict(art.meta), "path": art.path, "content_hash": art.content_hash,
        "removed": list(art.removed), "n_sentences": len(coded.sentences),
        "ingested_at": now, "coded_at": now, "coder_version": coded.coder_version,
    }


def mention_row(doc_id: str, actor: Actor) -> dict[str, Any]:
    return {"doc_id": doc_id, "start": actor.start or 0, "end": actor.end or 0,
            "mention": actor.mention or "", "code": actor.code, "country": actor.country,
            "sector": actor.sector, "name": actor.name, "role": actor.role,
            "actor_id": actor.actor_id}


def coding_rows(batch: Iterable[CodedArticle]) -> list[tuple[Any, list[dict[str, Any]]]]:
    """(table, rows) for the sentences, mentions and events of ``batch``."""
    sentence_rows: list[dict[str, Any]] = []
    mention_rows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    for coded in batch:
        doc_id = coded.article.doc_id
        sentence_rows += [{"doc_id": doc_id, "idx": s.index, "start": s.start, "end": s.end}
                          for s in coded.sentences]
        mention_rows += [mention_row(doc_id, m) for m in coded.mentions]
        # one row per id: a clause coded twice is one event
        event_rows += {ev.event_id: event_row(ev) for ev in coded.events}.values()
    return [(sentences, sentence_rows), (mentions, mention_rows), (events, event_rows)]


def raw_insert(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """SQLite executemany straight to the driver (JSON columns encoded here): the bulk path."""
    if not rows:
        return
    names = list(rows[0])
    json_cols = {c.name for c in table.c if isinstance(c.type, JSON)}
    quote = conn.dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {table.name} ({', '.join(quote(n) for n in names)}) "
           f"VALUES ({', '.join('?' for _ in names)})")
    conn.exec_driver_sql(sql, [
        tuple(json.dumps(r[n]) if n in json_cols and r[n] is not None else r[n] for n in names)
        for r in rows])


def actor_from_row(row: Any, side: str) -> Actor:
    return Actor(**{name: getattr(row, f"{side}_{name}") for name in ACTOR_FIELDS})


def _sentence_text(text: str | None, start: int | None, end: int | None) -> str:
    if text is None or start is None or end is None:
        return ""
    return text[start:end]


def events_select() -> Any:
    """Events with the offsets of the sentence each one was found in."""
    return select(events, sentences.c.start.label("sent_start"), sentences.c.end.label("sent_end")).outerjoin(
        sentences, (sentences.c.doc_id == events.c.doc_id) & (sentences.c.idx == events.c.sentence_index)
    )

def row_to_event(row: Any, text: str | None = None) -> Event:
    return Event(
        event_id=row.event_id,
        doc_id=row.doc_id,
        doc_name=row.doc_name,
        published=row.published,
        sentence=_sentence_text(text, row.sent_start, row.sent_end),
        sentence_index=row.sentence_index,
        span=(row.span_start, row.span_end),
        trigger=row.trigger or "",
        source=actor_from_row(row, "source"),
        target=actor_from_row(row, "target"),
        cameo=row.cameo,
        cameo_root=row.cameo_root,
        cameo_name=row.cameo_name or "",
        goldstein=row.goldstein,
        quad=row.quad,
        plover=row.plover,
        date=row.date,
        date_precision=row.date_precision,
        date_basis=row.date_basis,
        amounts=[Amount.from_dict(a) for a in row.amounts or []],
        location=Location.from_dict(row.location) if row.location else None,
        negated=bool(row.negated),
        factual=bool(row.factual),
        confidence=row.confidence,
    )


def article_from_row(row: Any) -> Article:
    return Article(
        doc_name=row.doc_name, text=row.text, title=row.title, published=row.published,
        published_basis=row.published_basis, source=row.source, url=row.url,
        published_range=row.published_range, published_evidence=row.published_evidence,
        authors=list(row.authors or []), meta=dict(row.meta or {}), path=row.path,
        content_hash=row.content_hash, removed=list(row.removed or []),
    )


def mention_from_row(r: Any) -> Actor:
    return Actor(code=r.code, country=r.country, sector=r.sector, name=r.name, role=r.role,
                 mention=r.mention, actor_id=r.actor_id, start=r.start, end=r.end)


def sentence_text_column() -> Any:
    """The event's sentence cut out of its article in SQL (``text[start:end]``, "" if none)."""
    length = sentences.c.end - sentences.c.start
    cut = func.substr(articles.c.text, sentences.c.start + 1, length)
    return func.coalesce(case((length > 0, cut), else_=literal("")), literal("")).label("sentence_text")


def events_with_text_select() -> Any:
    """``events_select`` plus the sentence text, so no article text travels to Python."""
    return (
        select(events, sentences.c.start.label("sent_start"), sentences.c.end.label("sent_end"),
               sentence_text_column())
        .outerjoin(sentences,
                   (sentences.c.doc_id == events.c.doc_id) & (sentences.c.idx == events.c.sentence_index))
        .outerjoin(articles, articles.c.doc_id == events.c.doc_id)
    )


def event_of_row(row: Any) -> Event:
    """An ``Event`` from a row of ``events_with_text_select``."""
    event = row_to_event(row, None)
    event.sentence = row.sentence_text or ""
    return event


def chunks(items: Collection[str], size: int = IN_CHUNK) -> Iterator[list[str]]:
    """Split ids (sorted) into lists small enough for an ``IN (...)`` clause on any backend."""
    ordered = sorted(items)
    for i in range(0, len(ordered), size):
        yield ordered[i : i + size]


def load_events(conn: Connection, where: ColumnElement[bool]) -> list[Event]:
    """Events matching ``where``, with their sentence text."""
    return [event_of_row(r) for r in conn.execute(events_with_text_select().where(where))]


def load_events_by_id(conn: Connection, event_ids: Collection[str]) -> list[Event]:
    found: list[Event] = []
    for part in chunks(event_ids):
        found += load_events(conn, events.c.event_id.in_(part))
    return found

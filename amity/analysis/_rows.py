"""Loading stored events (with their sentences) for the analysis modules."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import Any

from sqlalchemy import ColumnElement, Connection, case, func, literal, select

from amity.models import Event
from amity.store.schema import articles, events, sentences
from amity.store.store import row_to_event

CHUNK = 500


def events_select() -> Any:
    """Events with the offsets of the sentence each one was found in (as the store does)."""
    return select(
        events, sentences.c.start.label("sent_start"), sentences.c.end.label("sent_end")
    ).outerjoin(
        sentences,
        (sentences.c.doc_id == events.c.doc_id) & (sentences.c.idx == events.c.sentence_index),
    )


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


def chunks(items: Collection[str], size: int = CHUNK) -> Iterator[list[str]]:
    """Split ids into lists small enough for an ``IN (...)`` clause on any backend."""
    ordered = sorted(items)
    for i in range(0, len(ordered), size):
        yield ordered[i : i + size]


def texts(conn: Connection, doc_ids: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in chunks(set(doc_ids)):
        rows = conn.execute(select(articles.c.doc_id, articles.c.text).where(articles.c.doc_id.in_(part)))
        out.update({r.doc_id: r.text for r in rows})
    return out


def load_events(conn: Connection, where: ColumnElement[bool]) -> list[Event]:
    """Events matching ``where``, with their sentence text."""
    return [event_of_row(r) for r in conn.execute(events_with_text_select().where(where))]


def load_events_by_id(conn: Connection, event_ids: Collection[str]) -> list[Event]:
    found: list[Event] = []
    for part in chunks(event_ids):
        found += load_events(conn, events.c.event_id.in_(part))
    return found

"""The analyst's reviews of events: written, attached to their evidence, applied to the events.

A review is keyed to its event's evidence (article, span, source and target), so it
survives a re-code (the coder may give the event a new id) and a re-ingest of a changed
article (the span is found again in the new text). Every write of an article re-attaches
its reviews in the same transaction (:func:`reattach`); a "fixed" review writes its
corrected columns into the event's row, so that every filter, series and export sees
them; a "wrong" one is left out by ``store.query.where`` unless asked for.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, and_, false, or_, select, true, update

from amity.errors import NotFoundError
from amity.models import Event
from amity.store.engine import StoreBase
from amity.store.rows import chunks
from amity.store.schema import articles, events, reviews

VERDICTS = ("correct", "wrong", "fixed")
# events columns a fix may set (the review's "fixed" dict), and how the API names them
FIX_COLUMNS = ("cameo", "cameo_root", "cameo_name", "goldstein", "quad", "plover",
               *(f"{side}_{name}" for side in ("source", "target")
                 for name in ("code", "country", "sector", "name", "role", "actor_id")),
               "date", "date_precision", "date_basis", "date_start", "date_end")
# the coder's values every review keeps (what the coder said, for stats, gold and undoing a fix)
CODER_KEYS = ("cameo", "cameo_name", "goldstein", "quad", "source_code", "source_country", "target_code",
              "target_country", "date")
SHOWN = {"cameo": "cameo", "cameo_name": "cameo_name", "goldstein": "goldstein", "quad": "quad",
         "source_code": "source", "target_code": "target", "date": "date"}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def wrong_event_ids() -> Select[Any]:
    """The ids of the events whose standing review says "wrong" (for ``NOT IN``: never NULL)."""
    return select(reviews.c.event_id).where(
        reviews.c.current == true(), reviews.c.verdict == "wrong", reviews.c.event_id.is_not(None))


def shown_original(original: dict[str, Any]) -> dict[str, Any]:
    """The coder's values a fix replaced, named as in the event record (source, target, ...)."""
    return {SHOWN[k]: v for k, v in original.items() if k in SHOWN}


def original_of(coder: Any, fixed: Iterable[str]) -> dict[str, Any]:
    """The coder's values of the columns a review fixes and of ``CODER_KEYS``."""
    return {k: coder[k] for k in (*CODER_KEYS, *(k for k in fixed if k not in CODER_KEYS))}


def review_record(row: Any) -> dict[str, Any]:
    """One review as the API and the CLI show it."""
    return {
        "review_id": row.review_id, "event_id": row.event_id, "reviewed_event_id": row.reviewed_event_id,
        "verdict": row.verdict, "cameo": row.cameo, "source": row.source, "target": row.target,
        "date": row.date, "note": row.note, "by": row.token_name, "at": row.created_at,
        "current": bool(row.current), "attached": row.event_id is not None,
        "evidence": {"doc_name": row.doc_name, "span": [row.span_start, row.span_end],
                     "text": row.span_text, "source": row.source_code, "target": row.target_code},
        "coder": shown_original(row.original or {}),
    }


def _shown_fixed(fixed: dict[str, Any] | None) -> set[str]:
    return {SHOWN[k] for k in fixed or {} if k in SHOWN}


def mark_events(conn: Connection, found: Iterable[Event]) -> None:
    """Set ``review`` on each event of ``found`` that has a standing review."""
    by_id = {ev.event_id: ev for ev in found}
    for part in chunks(by_id):
        rows = conn.execute(select(reviews).where(reviews.c.event_id.in_(part), reviews.c.current == true()))
        for row in rows:
            by_id[row.event_id].review = {
                "verdict": row.verdict, "note": row.note, "by": row.token_name, "at": row.created_at,
                "original": {k: v for k, v in shown_original(row.original or {}).items()
                             if row.verdict == "fixed" and k in _shown_fixed(row.fixed)}}


def _set_columns(conn: Connection, event_id: str, values: dict[str, Any]) -> None:
    if values:
        conn.execute(update(events).where(events.c.event_id == event_id).values(**values))


def relocate(text: str, span_text: str, start: int) -> int | None:
    """Where ``span_text`` is in ``text`` now: the occurrence nearest its old ``start``."""
    if text[start : start + len(span_text)] == span_text:
        return start
    found, at = [], text.find(span_text)
    while at >= 0 and span_text:
        found.append(at)
        at = text.find(span_text, at + 1)
    return min(found, key=lambda i: abs(i - start)) if found else None


def pick_event(review: Any, candidates: list[Any]) -> Any | None:
    """The event on the review's span that carries its evidence (same source and target, else
    the analyst's corrected ones, else the only event there)."""
    for source, target in ((review.source_code, review.target_code),
                           (review.source or review.source_code, review.target or review.target_code)):
        same = [c for c in candidates if c.source_code == source and c.target_code == target]
        if same:
            return next((c for c in same if c.cameo == (review.original or {}).get("cameo")), same[0])
    return candidates[0] if len(candidates) == 1 else None


def _attach_one(conn: Connection, review: Any, article: Any, on_span: dict[tuple[str, int, int], list[Any]]) -> None:
    start: int | None = review.span_start
    if article is not None and article.content_hash != review.content_hash:
        start = relocate(article.text, review.span_text, review.span_start)
    end = None if start is None else start + (review.span_end - review.span_start)
    chosen = None if article is None or start is None else pick_event(
        review, on_span.get((review.doc_name, start, end or 0), []))
    values: dict[str, Any] = {"event_id": chosen.event_id if chosen else None}
    if chosen is not None and article.content_hash != review.content_hash:
        values.update(span_start=start, span_end=end, content_hash=article.content_hash)
    if chosen is not None:
        values["original"] = original_of(chosen._mapping, review.fixed)
        if review.current and review.verdict == "fixed":
            _set_columns(conn, chosen.event_id, dict(review.fixed))
    conn.execute(update(reviews).where(reviews.c.review_id == review.review_id).values(**values))


def reattach(conn: Connection, doc_names: Collection[str]) -> None:
    """Attach the reviews of these (just written) articles to their events again, and re-apply
    the fixes; a review whose evidence is gone is kept, attached to nothing."""
    for part in chunks(doc_names):
        found = list(conn.execute(select(reviews).where(reviews.c.doc_name.in_(part)).order_by(reviews.c.review_id)))
        if not found:  # the usual case: one indexed look-up, nothing more
            continue
        names = sorted({r.doc_name for r in found})
        docs = {r.doc_name: r for r in conn.execute(
            select(articles.c.doc_id, articles.c.doc_name, articles.c.text, articles.c.content_hash)
            .where(articles.c.doc_name.in_(names)))}
        on_span: dict[tuple[str, int, int], list[Any]] = {}
        doc_ids = [d.doc_id for d in docs.values()]
        for ev in conn.execute(select(events).where(events.c.doc_id.in_(doc_ids)).order_by(events.c.event_id)):
            on_span.setdefault((ev.doc_name, ev.span_start, ev.span_end), []).append(ev)
        for review in found:
            _attach_one(conn, review, docs.get(review.doc_name), on_span)


class Reviews(StoreBase):
    """Writing and reading reviews (a ``Store`` mixin; ``Store`` supplies ``refresh_indexes``)."""

    if TYPE_CHECKING:
        def refresh_indexes(self, doc_ids: Collection[str] | None) -> None: ...

    def add_review(self, event_id: str, verdict: str, fixed: dict[str, Any], asked: dict[str, Any],
                   note: str | None, token_name: str) -> dict[str, Any]:
        """Record a review of ``event_id`` (``fixed``: the events columns it sets; ``asked``:
        cameo/source/target/date as the analyst gave them) and apply it; the review record."""
        with self.engine.begin() as conn:
            row = conn.execute(select(events, articles.c.text, articles.c.content_hash)
                               .join(articles, articles.c.doc_id == events.c.doc_id)
                               .where(events.c.event_id == event_id)).first()
            if row is None:
                raise NotFoundError(f"no event {event_id!r} in the store")
            prev = conn.execute(select(reviews).where(reviews.c.event_id == event_id, reviews.c.current == true())
                                .order_by(reviews.c.review_id.desc())).first()
            coder = {k: row._mapping[k] for k in FIX_COLUMNS}
            if prev is not None and prev.verdict == "fixed":
                coder.update(prev.original or {})
                _set_columns(conn, event_id, dict(prev.original or {}))  # back to the coder's values first
            conn.execute(update(reviews).where(reviews.c.event_id == event_id).values(current=false()))
            _set_columns(conn, event_id, fixed)
            start, end = row.span_start, row.span_end
            new_id = conn.execute(reviews.insert().values(
                event_id=event_id, reviewed_event_id=event_id, doc_name=row.doc_name,
                content_hash=row.content_hash, span_start=start, span_end=end, span_text=row.text[start:end],
                source_code=coder["source_code"], target_code=coder["target_code"], verdict=verdict,
                fixed=fixed, original=original_of(coder, fixed), note=note, token_name=token_name,
                created_at=_now(), current=True, **asked).returning(reviews.c.review_id)).scalar_one()
            stored = conn.execute(select(reviews).where(reviews.c.review_id == new_id)).one()
            doc_id = row.doc_id
        self.refresh_indexes([doc_id])
        return review_record(stored)

    def event_reviews(self, event_id: str) -> list[dict[str, Any]]:
        """Every review of the event ``event_id`` (attached to it now or made on it), oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(reviews).where(
                (reviews.c.event_id == event_id) | (reviews.c.reviewed_event_id == event_id))
                .order_by(reviews.c.review_id))
            return [review_record(r) for r in rows]

    def all_reviews(self, current_only: bool = False) -> list[dict[str, Any]]:
        """Every review (the standing ones only when ``current_only``), oldest first."""
        stmt = select(reviews).order_by(reviews.c.review_id)
        if current_only:
            stmt = stmt.where(reviews.c.current == true())
        with self.engine.connect() as conn:
            return [review_record(r) for r in conn.execute(stmt)]

    def review_candidates(self, limit: int, codes: Collection[str] = (),
                          dyads: Collection[tuple[str, str]] = ()) -> list[str]:
        """Ids of factual events with no standing review worth a look: the least confident,
        those coded with ``codes`` and those of the country ``dyads`` (each at most ``limit``)."""
        reviewed = select(reviews.c.event_id).where(reviews.c.current == true(), reviews.c.event_id.is_not(None))
        base = select(events.c.event_id).where(
            events.c.factual == true(), events.c.negated == false(), events.c.event_id.not_in(reviewed))
        picks = [base.order_by(events.c.confidence, events.c.event_id)]
        if codes:
            picks.append(base.where(events.c.cameo.in_(sorted(codes))).order_by(events.c.confidence, events.c.event_id))
        for a, b in sorted(dyads)[:20]:
            pair = or_(and_(events.c.source_country == a, events.c.target_country == b),
                       and_(events.c.source_country == b, events.c.target_country == a))
            picks.append(base.where(pair).order_by(events.c.confidence, events.c.event_id))
        with self.engine.connect() as conn:
            found = {i for stmt in picks for i in conn.execute(stmt.limit(limit)).scalars()}
        return sorted(found)
